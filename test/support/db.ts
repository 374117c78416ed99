// A real database per test file, migrated like production. Never a mocked Prisma.
// SQLite: a file in a temporary folder. PostgreSQL (LADDER_TEST_STORE=postgres, the `pg`
// project): a fresh database on the run's server (test/support/postgres-server.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { type Db, openDb } from '../../adapters/db/client.js'
import { migrate } from '../../adapters/db/migrate.js'
import { createDatabaseOn } from './embedded-postgres.js'

export interface TestDb {
  url: string
  db: Db
  /** A temporary folder of the test's own (SQLite: the database file is in it). */
  dir: string
  close(): Promise<void>
}

/** The store the running project tests: `postgres` in the pg project, SQLite otherwise. */
export const testStore = (): 'sqlite' | 'postgres' => (process.env.LADDER_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite')

/** A fresh, empty database on the run's PostgreSQL server (not migrated); `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = inject('postgresUrl')
  if (!admin) throw new Error('no PostgreSQL server: run this file in the pg project (vitest --project pg)')
  return createDatabaseOn(admin)
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-test-'))
  if (testStore() === 'postgres') {
    const database = await createPostgresDatabase()
    await migrate(database.url)
    const db = await openDb(database.url)
    return {
      url: database.url,
      db,
      dir,
      async close() {
        await db.$disconnect()
        await database.drop()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const url = `file:${join(dir, 'ladder.db')}`
  await migrate(url)
  const db = await openDb(url)
  return {
    url,
    db,
    dir,
    async close() {
      await db.$disconnect()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A table's column names in order, on either store (PRAGMA on SQLite, information_schema on PostgreSQL). */
export async function tableColumns(db: Db, table: string): Promise<string[]> {
  const rows =
    testStore() === 'sqlite'
      ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info(?)`, table)
      : await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          table,
        )
  return rows.map((c) => c.name)
}
