// What went wrong with the database file, in one line an operator can act on: the
// start-up and every CLI command print it instead of a stack (bot/cli.ts, bot/main.ts).
import { resolve } from 'node:path'
import { isPostgresUrl, sqlitePath } from './migrate.js'

/** SQLite's primary result codes (extended ones such as SQLITE_IOERR_WRITE fall back to theirs), and Node's for the folder. */
const CAUSES: Record<string, string> = {
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CORRUPT: 'the database file is damaged (restore it from a backup)',
  SQLITE_CANTOPEN: 'the file cannot be opened (a missing folder, no permission, or a folder in its place)',
  SQLITE_READONLY: 'the database is read-only (check the permissions of the file and its folder, or the mount)',
  SQLITE_PERM: 'the database may not be written (permissions)',
  SQLITE_AUTH: 'the database may not be written (permissions)',
  SQLITE_BUSY: 'the database is locked by another process (another Ladder, a backup, a sqlite3 shell?)',
  SQLITE_LOCKED: 'the database is locked by another connection',
  SQLITE_FULL: 'the disk is full (free some space; nothing was lost that had been committed)',
  SQLITE_IOERR: 'the disk reported an I/O error (is it full?)',
  SQLITE_PROTOCOL: 'the database is locked by another process (its lock protocol failed)',
  ENOTDIR: 'its folder cannot be created: part of the path is a file',
  EACCES: 'its folder cannot be created or read (permissions)',
  EPERM: 'its folder cannot be created or read (permissions)',
  EROFS: 'its folder is on a read-only file system',
  ENOSPC: 'the disk is full',
}

interface WithCode {
  code?: unknown
  message?: unknown
  cause?: unknown
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown; kind?: unknown } } }
  errors?: unknown[]
}

/** The SQLite (or file system) code behind an error from better-sqlite3, Prisma or its driver adapter. */
function codeOf(error: unknown): { code: string; detail: string } | null {
  for (let e = error as WithCode | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as WithCode, depth++) {
    const fromAdapter = e.meta?.driverAdapterError?.cause
    const code = [e.code, fromAdapter?.originalCode].find((c) => typeof c === 'string' && /^(SQLITE_|E[A-Z]+$)/.test(c))
    if (typeof code === 'string') {
      const detail = String(fromAdapter?.originalMessage ?? e.message ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .pop()
      // Node's own messages start with the code again ("ENOTDIR: not a directory, mkdir …").
      return { code, detail: (detail ?? '').replace(`${code}: `, '') }
    }
  }
  return null
}

/** The cause of a database failure in words, or null when the error is not about the database file. */
function databaseCause(error: unknown): string | null {
  const found = codeOf(error)
  if (!found) return null
  const { code, detail } = found
  const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code
  const words = CAUSES[code] ?? CAUSES[primary]
  if (!words) return null
  return `${words} (${code}${detail ? `: ${detail}` : ''})`
}

/** The absolute path of the database a `file:` URL names, as the one-line messages show it. */
function databasePathOf(url: string): string {
  try {
    const path = sqlitePath(url)
    return path === ':memory:' ? path : resolve(path)
  } catch {
    return url
  }
}

/** PostgreSQL's SQLSTATEs, node's network codes and the Prisma adapter's kinds that say the server cannot be used. */
const PG_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there (is PostgreSQL running, and are the host and port right?)',
  DatabaseNotReachable: 'nothing accepts connections there (is PostgreSQL running, and are the host and port right?)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  ETIMEDOUT: 'the server did not answer in time',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'authentication failed (check the user and password in DATABASE_URL)',
  '28000': 'authentication failed (the server refuses this user, see its pg_hba.conf)',
  AuthenticationFailed: 'authentication failed (check the user and password in DATABASE_URL)',
  '3D000': 'the database does not exist (create it, e.g. createdb, or fix its name in DATABASE_URL)',
  DatabaseDoesNotExist: 'the database does not exist (create it, e.g. createdb, or fix its name in DATABASE_URL)',
  '42501': 'the user may not do this (permissions: Ladder needs to create tables in its database)',
  '53300': 'the server has no connection left (too many clients: lower DATABASE_POOL_SIZE or raise max_connections)',
  '57P03': 'the server is starting up or shutting down',
  '08006': 'the connection failed',
}

/** The first code in an error's chain that PG_CAUSES knows, or null. */
function postgresCause(error: unknown): string | null {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0 && seen.size < 20) {
    const e = queue.shift() as WithCode | undefined
    if (!e || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const fromAdapter = e.meta?.driverAdapterError?.cause
    for (const code of [e.code, fromAdapter?.originalCode, fromAdapter?.kind])
      if (typeof code === 'string' && PG_CAUSES[code]) return `${PG_CAUSES[code]} (${code})`
    queue.push(e.cause, ...(Array.isArray(e.errors) ? e.errors : []))
  }
  return null
}

/** `database "ladder" on host:5432 as user "x"` — never the password. */
function postgresTargetOf(url: string): string {
  try {
    const u = new URL(url)
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default)'
    const host = u.hostname || u.searchParams.get('host') || 'localhost'
    const user = u.username ? ` as user "${decodeURIComponent(u.username)}"` : ''
    return `PostgreSQL database "${database}" on ${host}:${u.port || '5432'}${user}`
  } catch {
    return 'PostgreSQL database (DATABASE_URL does not parse as a URL)'
  }
}

/**
 * `ladder: cannot use the database /abs/ladder.db: <cause>` (or the PostgreSQL database's name, host and
 * port — never its password), or null when the error is something else.
 */
export function databaseFailureLine(error: unknown, url: string): string | null {
  if (isPostgresUrl(url)) {
    const cause = postgresCause(error)
    return cause ? `ladder: cannot use the ${postgresTargetOf(url)}: ${cause}` : null
  }
  const cause = databaseCause(error)
  return cause ? `ladder: cannot use the database ${databasePathOf(url)}: ${cause}` : null
}
