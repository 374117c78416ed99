// A real database per test file, migrated like production. Never a mocked Prisma.
// SQLite: a file in a temporary folder. PostgreSQL (LADDER_TEST_STORE=postgres, the `pg`
// project): a fresh database on the run's server (test/support/postgres-server.ts).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { type Db, openDb } from '../../adapters/db/client.js'
import { migrate } from '../../adapters/db/migrate.js'

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
  const name = `ladder_${randomBytes(6).toString('hex')}`
  const { default: pg } = await import('pg')
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await run(`CREATE DATABASE "${name}"`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
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
