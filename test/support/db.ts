// A real SQLite file per test file, migrated like production. Never a mocked Prisma.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Db, openDb } from '../../adapters/db/client.js'
import { migrate } from '../../adapters/db/migrate.js'

export interface TestDb {
  url: string
  db: Db
  dir: string
  close(): Promise<void>
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-test-'))
  const url = `file:${join(dir, 'ladder.db')}`
  migrate(url)
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
