// Applies prisma/migrations/*/migration.sql (SQLite) or prisma/postgres/migrations/*/migration.sql
// (PostgreSQL, for a postgres:// or postgresql:// URL) in order, in-process, and records each
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
const PG_MIGRATIONS_DIR = projectPath('prisma', 'postgres', 'migrations')

/** A PostgreSQL URL (postgres:// or postgresql://) rather than a SQLite file: URL. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url)

/** What `ladder backup` / `ladder restore` answer on PostgreSQL: they copy a SQLite file. */
export const POSTGRES_BACKUP =
  'DATABASE_URL is a PostgreSQL database: ladder backup/restore copy a SQLite file. Use pg_dump / pg_restore (see docs/deploy.md).'

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
  if (!url.startsWith('file:')) throw new Error(`expected a SQLite file: URL here, got "${url.split(':')[0]}:…"`)
  return url.slice('file:'.length).split('?')[0]!
}

/** The migrations this build carries, in the order they apply. */
export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

/**
 * Applies pending migrations; returns the names of those applied now. `dir` defaults to the
 * provider's own folder (prisma/migrations, prisma/postgres/migrations).
 */
export async function migrate(url: string, dir?: string): Promise<string[]> {
  return isPostgresUrl(url) ? migratePostgres(url, dir ?? PG_MIGRATIONS_DIR) : migrateSqlite(url, dir ?? MIGRATIONS_DIR)
}

/** SQLite only, synchronous (restore and the SQLite-only tests use it directly). */
export function migrateSqlite(url: string, dir = MIGRATIONS_DIR): string[] {
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

/** Prisma's own ledger on PostgreSQL (what `prisma migrate deploy` creates). */
const PG_LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

/** The advisory lock every Ladder instance takes to migrate: one migrates, the others wait and find nothing to do. */
const MIGRATION_LOCK = 2026_1202_20

/**
 * PostgreSQL: one connection holding a session advisory lock, so N instances starting
 * at once migrate once; each migration and its ledger row in one transaction (PostgreSQL's
 * DDL is transactional: a failed migration leaves nothing behind).
 */
async function migratePostgres(url: string, dir: string): Promise<string[]> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url, application_name: 'ladder-migrate' })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await client.query(PG_LEDGER)
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      const done = new Set(rows.map((r) => r.migration_name))
      const pending = listMigrations(dir).filter((name) => !done.has(name))
      for (const name of pending) {
        const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
        const checksum = createHash('sha256').update(sql).digest('hex')
        await client.query('BEGIN')
        try {
          await client.query(sql)
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), checksum, name],
          )
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {})
          throw error
        }
      }
      return pending
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    }
  } finally {
    await client.end()
  }
}
