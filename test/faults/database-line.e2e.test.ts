// A database Ladder cannot use — not SQLite, its folder impossible, locked, read-only,
// full — is named with its cause in one line, exit code 1, never a stack. The CLI and
// the server run in child processes (tsx, the sources); read-only and full are
// produced in-process on a real file (as root, chmod does not stop writes).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { databaseFailureLine } from '../../adapters/db/db-errors.js'
import { migrate } from '../../adapters/db/migrate.js'
import { rawSql } from '../../adapters/db/raw-sql.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { ROOT } from '../data/helpers.js'
import { createTestDb } from '../support/db.js'

const dir = mkdtempSync(join(tmpdir(), 'ladder-dbline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(script: string, path: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `file:${path}`, LADDER_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() }
}

const garbage = join(dir, 'garbage.db')
writeFileSync(garbage, 'this is not a database '.repeat(300))

describe('one line for a database that cannot be used', { timeout: 120_000 }, () => {
  it.each([
    ['outbox', []],
    ['sweep', []],
    ['broadcast', ['--report', '1', '--as', 'hr@example.com']],
  ])('ladder %s on a file that is not SQLite', (command, args) => {
    const { code, stderr } = run('bot/cli.ts', garbage, command, ...args)
    expect(stderr).toBe(
      `ladder: cannot use the database ${garbage}: the file is not a SQLite database (SQLITE_NOTADB: file is not a database)`,
    )
    expect(code).toBe(1)
  })

  it('the server start on a file that is not SQLite', () => {
    const { code, stderr } = run('bot/main.ts', garbage)
    expect(stderr).toBe(
      `ladder: cannot use the database ${garbage}: the file is not a SQLite database (SQLITE_NOTADB: file is not a database)`,
    )
    expect(code).toBe(1)
  })

  it('a folder that cannot be made (part of the path is a file)', () => {
    const blocker = join(dir, 'blocker')
    writeFileSync(blocker, 'a file, not a folder')
    const path = join(blocker, 'data', 'ladder.db')
    const { code, stderr } = run('bot/cli.ts', path, 'outbox')
    expect(stderr).toMatch(
      new RegExp(
        `^ladder: cannot use the database ${path}: its folder cannot be created: part of the path is a file \\(ENOTDIR: [^\\n]+\\)$`,
      ),
    )
    expect(code).toBe(1)
  })

  it('a folder where the file should be', () => {
    const path = join(dir, 'folder.db')
    mkdirSync(path)
    const { code, stderr } = run('bot/cli.ts', path, 'outbox')
    expect(stderr).toMatch(
      new RegExp(`^ladder: cannot use the database ${path}: the file cannot be opened .*\\(SQLITE_CANTOPEN: [^\\n]+\\)$`),
    )
    expect(code).toBe(1)
  })

  it('a database another process holds locked', async () => {
    const path = join(dir, 'locked.db')
    await migrate(`file:${path}`)
    const holder = new (loadSqlite())(path)
    try {
      holder.exec('BEGIN EXCLUSIVE')
      const { code, stderr } = run('bot/cli.ts', path, 'outbox')
      expect(stderr).toBe(
        `ladder: cannot use the database ${path}: the database is locked by another process (another Ladder, a backup, a sqlite3 shell?) (SQLITE_BUSY: database is locked)`,
      )
      expect(code).toBe(1)
    } finally {
      holder.close()
    }
  })

  it('a read-only database (opened read-only: chmod does not stop root)', async () => {
    const path = join(dir, 'readonly.db')
    await migrate(`file:${path}`)
    const readOnly = new (loadSqlite())(path, { readonly: true })
    let caught: unknown
    try {
      readOnly.exec(`INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES ('x', 'y', 0)`)
    } catch (error) {
      caught = error
    } finally {
      readOnly.close()
    }
    expect(databaseFailureLine(caught, `file:${path}`)).toMatch(
      new RegExp(`^ladder: cannot use the database ${path}: the database is read-only .*\\(SQLITE_READONLY: [^\\n]+\\)$`),
    )
  })

  it('a full disk, as Prisma reports it', async () => {
    const t = await createTestDb()
    try {
      const sql = rawSql(t.db)
      const [row] = await sql.query<{ page_count: bigint }>('PRAGMA page_count')
      await sql.query(`PRAGMA max_page_count = ${Number(row!.page_count) + 1}`)
      const caught = await t.db.lease.create({ data: { name: 'x'.repeat(20_000), holder: 'h', expiresAt: new Date() } }).then(
        () => null,
        (error: unknown) => error,
      )
      expect(databaseFailureLine(caught, t.url)).toBe(
        `ladder: cannot use the database ${t.url.slice('file:'.length)}: the disk is full (free some space; nothing was lost that had been committed) (SQLITE_FULL: database or disk is full)`,
      )
    } finally {
      await t.close()
    }
  })

  it('says nothing about errors that are not the database’s', () => {
    expect(databaseFailureLine(new Error('boom'), 'file:/x/ladder.db')).toBeNull()
    expect(databaseFailureLine(Object.assign(new Error('dup'), { code: 'P2002' }), 'file:/x/ladder.db')).toBeNull()
  })
})
