// The database side of test/support/backend.ts: a migrated SQLite file, or a migrated
// PostgreSQL database in the pg project (test/support/db.ts chooses), and the Prisma store.
import { createPrismaStore } from '../../adapters/db/store.js'
import type { Backend } from './backend.js'
import { createTestDb, tableColumns, testStore } from './db.js'
import type { Row, Table } from './memory-store.js'

export async function openSqliteBackend(): Promise<Backend> {
  const t = await createTestDb()
  const delegate = (table: Table) => (t.db as unknown as Record<Table, { findMany(args?: object): Promise<unknown[]> }>)[table]
  const name = testStore()
  const columns = (table: Table) => tableColumns(t.db, table.charAt(0).toUpperCase() + table.slice(1))
  return {
    name,
    store: createPrismaStore(t.db),
    seed: t.db,
    // Insertion order: SQLite's rowid order; PostgreSQL's heap order is not (an UPDATE moves a row), so by id where there is one.
    rows: async <K extends Table>(table: K) =>
      (await delegate(table).findMany(
        name === 'postgres' && (await columns(table)).includes('id') ? { orderBy: { id: 'asc' } } : undefined,
      )) as Row<K>[],
    columns,
    close: () => t.close(),
  }
}
