// Applies prisma/migrations/*/migration.sql in order, in-process, and records each
// in Prisma's own `_prisma_migrations` ledger (same table, same sha256 checksum), so
// `prisma migrate deploy` and `prisma migrate status` agree with what ran here.
// In-process because start-up and every test file need it: spawning the Prisma CLI
// costs about a second each time.
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { projectPath } from '../../core/kernel/project-root.js'
import { loadSqlite } from './sqlite-driver.js'

const MIGRATIONS_DIR = projectPath('prisma', 'migrations')

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

/** The filesystem path of a `file:` SQLite URL. */
export function sqlitePath(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL must be a SQLite file: URL, got "${url.split(':')[0]}:…"`)
  return url.slice('file:'.length).split('?')[0]!
}

/** The migrations this build carries, in the order they apply. */
export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

/** Applies pending migrations; returns the names of those applied now. */
export function migrate(url: string, dir = MIGRATIONS_DIR): string[] {
  const path = sqlitePath(url)
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const Database = loadSqlite()
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.exec(LEDGER)
    // A cheap write probe: a read-only or locked database fails here, at start-up, with
    // its own SQLite code (db-errors.ts names the file and the cause), not at the first write.
    db.exec('BEGIN IMMEDIATE')
    db.exec('ROLLBACK')
    const done = new Set(
      db
        .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((r) => (r as { migration_name: string }).migration_name),
    )
    const pending = listMigrations(dir).filter((name) => !done.has(name))
    for (const name of pending) {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      const checksum = createHash('sha256').update(sql).digest('hex')
      db.transaction(() => {
        db.exec(sql)
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, Date.now(), name, Date.now())
      })()
    }
    return pending
  } finally {
    db.close()
  }
}
