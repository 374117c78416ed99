// The SQLite side of test/support/backend.ts: a migrated file and the Prisma store.
import { createPrismaStore } from '../../adapters/db/store.js'
import type { Backend } from './backend.js'
import { createTestDb } from './db.js'
import type { Row, Table } from './memory-store.js'

export async function openSqliteBackend(): Promise<Backend> {
  const t = await createTestDb()
  const delegate = (table: Table) => (t.db as unknown as Record<Table, { findMany(): Promise<unknown[]> }>)[table]
  return {
    name: 'sqlite',
    store: createPrismaStore(t.db),
    seed: t.db,
    rows: async <K extends Table>(table: K) => (await delegate(table).findMany()) as Row<K>[],
    columns: async (table) => {
      const model = table.charAt(0).toUpperCase() + table.slice(1)
      return (await t.db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${model}")`)).map((c) => c.name)
    },
    close: () => t.close(),
  }
}
