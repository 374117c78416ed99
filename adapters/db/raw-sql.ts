// Plain SQL straight to the driver adapter, for the few bulk paths (the reminder
// sweep's pages and writes) where Prisma's per-query overhead dominates: every
// $queryRaw goes through the query compiler, which serialises each bound value
// on the way in and each row on the way out — about 5 s for a catch-up sweep's
// 9,000 outbox cards, 60 ms for the same statements sent directly.
//
// The statements run on the same connection as the Prisma client that owns the
// adapter, so inside `db.$transaction` they are part of that transaction (SQLite
// has one connection; the adapter's transaction holds it). Without a registered
// adapter (a client not opened by openDb) the same SQL goes through Prisma's
// $queryRawUnsafe instead: slower, same result. The SQL itself is written with
// `?` placeholders and numbered for PostgreSQL ($1, $2 …) when that is the provider.
import type { Db } from './client.js'
import type { Prisma } from './generated/client.js'

type Tx = Db | Prisma.TransactionClient

/** The part of Prisma's SqlDriverAdapter (@prisma/driver-adapter-utils) used here. */
export interface DriverQueryable {
  readonly provider: string
  queryRaw(query: DriverQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>
  executeRaw(query: DriverQuery): Promise<number>
}

interface DriverQuery {
  sql: string
  args: unknown[]
  argTypes: { scalarType: 'unknown'; arity: 'scalar' }[]
}

export type SqlValue = string | number | bigint | Date | null

export interface RawSql {
  /** Rows as objects keyed by column name. DateTime columns come back as the stored text: read them with `dateOf`. */
  query<T = Record<string, unknown>>(sql: string, args?: readonly SqlValue[]): Promise<T[]>
  /** Rows changed. */
  execute(sql: string, args?: readonly SqlValue[]): Promise<number>
  /** SQLite: a passive WAL checkpoint (copies what it can without waiting for anyone); elsewhere nothing. */
  checkpoint(): Promise<void>
}

const adapters = new WeakMap<object, DriverQueryable>()

/** Called by openDb with the adapter its client connected with. */
export function registerAdapter(db: Db, adapter: DriverQueryable): void {
  adapters.set(db, adapter)
  // What its transaction clients point back to (Prisma's own bookkeeping, not the client object itself).
  const original = (db as { _originalClient?: object })._originalClient
  if (original) adapters.set(original, adapter)
}

const ARG = { scalarType: 'unknown', arity: 'scalar' } as const

/** `?` → `$n` for PostgreSQL; SQLite keeps `?`. No `?` may appear inside a string literal. */
const numbered = (sql: string, provider: string): string => {
  if (provider === 'sqlite') return sql
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

function driverOf(db: Tx): DriverQueryable | undefined {
  // A transaction client forwards to the client it came from.
  return adapters.get(db) ?? adapters.get((db as { _originalClient?: object })._originalClient ?? {})
}

/** DateTimes as the driver returns them (ISO text on SQLite, Date elsewhere). */
export const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string))
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : dateOf(v))

export function rawSql(db: Tx): RawSql {
  const driver = driverOf(db)
  if (!driver) {
    return {
      query: <T>(sql: string, args: readonly SqlValue[] = []) => db.$queryRawUnsafe<T[]>(sql, ...args),
      execute: (sql, args = []) => db.$executeRawUnsafe(sql, ...args),
      checkpoint: async () => {
        await db.$queryRawUnsafe('PRAGMA wal_checkpoint(PASSIVE)')
      },
    }
  }
  const request = (sql: string, args: readonly SqlValue[]): DriverQuery => ({
    sql: numbered(sql, driver.provider),
    args: [...args],
    argTypes: args.map(() => ARG),
  })
  return {
    async query<T>(sql: string, args: readonly SqlValue[] = []) {
      const { columnNames, rows } = await driver.queryRaw(request(sql, args))
      return rows.map((row) => {
        const o: Record<string, unknown> = {}
        for (let i = 0; i < columnNames.length; i++) o[columnNames[i]!] = row[i]
        return o as T
      })
    },
    execute: (sql, args = []) => driver.executeRaw(request(sql, args)),
    async checkpoint() {
      if (driver.provider === 'sqlite') await driver.queryRaw(request('PRAGMA wal_checkpoint(PASSIVE)', []))
    },
  }
}

/** Whether `db` reaches its driver directly (tests check that the fast path is the one taken). */
export const isDirect = (db: Tx): boolean => driverOf(db) !== undefined
