// Where a store-backed test keeps its data. Unit tests run on the in-memory store;
// the same test file, imported by a wrapper under test/store/ after
// `useBackend('sqlite')`, runs its scenarios against a migrated SQLite file
// through the Prisma store (the e2e project) — and, in the pg project
// (LADDER_TEST_STORE=postgres), against a fresh PostgreSQL database — so every
// implementation answers to the same assertions.
import type { LadderStore as Store } from '../../core/app/store.js'
import { createMemoryStore, type Row, type Table } from './memory-store.js'
import type { SeedTarget } from './seed.js'

export type BackendName = 'memory' | 'sqlite' | 'postgres'

export interface Backend {
  name: BackendName
  store: Store
  /** What the org builders (test/support/org.ts …) write into. */
  seed: SeedTarget
  /** Every row of a table, in insertion order: what a test inspects after the fact. */
  rows<K extends Table>(table: K): Promise<Row<K>[]>
  /** The columns a table's rows hold (SQLite: the table's own; memory: those of its first row). */
  columns(table: Table): Promise<string[]>
  close(): Promise<void>
}

let chosen: BackendName = 'memory'

/** Called by a test/store/ wrapper before it imports the test file. 'sqlite' follows the project's store (PostgreSQL in the pg project). */
export function useBackend(name: BackendName): void {
  chosen = name
}

export async function openBackend(): Promise<Backend> {
  if (chosen !== 'memory') return (await import('./sqlite-backend.js')).openSqliteBackend()
  const store = createMemoryStore()
  return {
    name: 'memory',
    store,
    seed: store,
    rows: async (table) => [...store.tables[table]],
    columns: async (table) => Object.keys(store.tables[table][0] ?? {}),
    close: async () => {},
  }
}

/** Row queries over `backend.rows`, for assertions that read a table. */
export function queries(backend: () => Backend) {
  const where = async <K extends Table>(table: K, match: (row: Row<K>) => boolean = () => true) =>
    (await backend().rows(table)).filter(match)
  return {
    where,
    count: async <K extends Table>(table: K, match?: (row: Row<K>) => boolean) => (await where(table, match)).length,
    first: async <K extends Table>(table: K, match?: (row: Row<K>) => boolean): Promise<Row<K>> => {
      const [row] = await where(table, match)
      if (!row) throw new Error(`no ${table} row matches`)
      return row
    },
  }
}
