// Seeding the test organisations into either store: a real SQLite database
// (through Prisma, as before) or the in-memory store (test/support/memory-store.ts).
// Rows are the Prisma models' rows in both, so one builder gives the same org,
// with the same ids, in both.
import type { Db } from '../../adapters/db/client.js'
import type { MemoryStore, NewRow, Row, Table } from './memory-store.js'

export type SeedTarget = Db | MemoryStore

export interface Seeder {
  create<K extends Table>(table: K, data: NewRow<K>): Promise<Row<K>>
  /** Changes the rows with these ids. */
  update<K extends Table>(table: K, ids: readonly number[], data: Partial<Row<K>>): Promise<void>
}

const isMemoryStore = (target: object): target is MemoryStore => 'tables' in target && 'insert' in target

interface PrismaDelegate {
  create(args: { data: unknown }): Promise<unknown>
  updateMany(args: { where: { id: { in: number[] } }; data: unknown }): Promise<unknown>
}

export function seederFor(target: SeedTarget): Seeder {
  if (isMemoryStore(target)) {
    return {
      create: async (table, data) => target.insert(table, data),
      async update(table, ids, data) {
        const wanted = new Set(ids)
        target.update(table, (row) => wanted.has((row as { id: number }).id), data)
      },
    }
  }
  const delegate = (table: Table) => (target as unknown as Record<Table, PrismaDelegate>)[table]
  return {
    create: async (table, data) => (await delegate(table).create({ data })) as Row<typeof table>,
    async update(table, ids, data) {
      await delegate(table).updateMany({ where: { id: { in: [...ids] } }, data })
    },
  }
}
