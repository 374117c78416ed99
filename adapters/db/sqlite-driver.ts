// Which better-sqlite3 to load. Up to 12 it wraps node::ObjectWrap, whose
// destructor aborts the process on Node 24 ("Assertion failed: (env) != nullptr"
// in RemoveEnvironmentCleanupHook, at exit or mid-GC); 13 is Node-API with
// prebuilt binaries but crashes on Node 20. So Node 24+ gets 13, installed under
// the alias better-sqlite3-napi, and everything older the compiled 11/12.
import module, { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'

const major = Number(process.versions.node.split('.')[0])
const SQLITE_PACKAGE = major >= 24 ? 'better-sqlite3-napi' : 'better-sqlite3'

type ResolveHook = (specifier: string, context: unknown, nextResolve: (specifier: string, context: unknown) => unknown) => unknown
const { registerHooks } = module as unknown as { registerHooks?: (hooks: { resolve: ResolveHook }) => void }

// Prisma's driver adapter imports "better-sqlite3" itself: point that import at
// the same package. registerHooks is synchronous and covers import and require.
if (SQLITE_PACKAGE !== 'better-sqlite3' && registerHooks) {
  registerHooks({
    resolve: (specifier, context, nextResolve) => nextResolve(specifier === 'better-sqlite3' ? SQLITE_PACKAGE : specifier, context),
  })
}

const require = createRequire(import.meta.url)

/** The better-sqlite3 Database class for this Node. */
export const loadSqlite = (): typeof BetterSqlite3 => require(SQLITE_PACKAGE) as typeof BetterSqlite3

/**
 * WAL's recommended durability, on every connection Ladder opens: a commit survives
 * a crash of Ladder, only a power cut may lose the last ones (never corrupt the
 * file); FULL would fsync the log on every commit, blocking the event loop.
 */
export const SYNCHRONOUS = 'NORMAL'

/** How long Prisma's connection waits for a lock (client.ts). */
export const BUSY_TIMEOUT_MS = 5000

/**
 * A connection beside Prisma's (prepared reads, the intake). It never waits
 * synchronously for a lock: the holder may be this very process (a Prisma
 * transaction between two awaits), which could not let go while it blocks.
 */
export function openSideConnection(path: string): BetterSqlite3.Database {
  const db = new (loadSqlite())(path)
  db.pragma('busy_timeout = 0')
  db.pragma(`synchronous = ${SYNCHRONOUS}`)
  return db
}
