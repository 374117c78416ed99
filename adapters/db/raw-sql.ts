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
// The client's type from Prisma itself (client.ts's Db is this): client.ts imports this file.
import type { PrismaClient as Db, Prisma } from './generated/client.js'
import { BUSY_TIMEOUT_MS } from './sqlite-driver.js'

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
  /**
   * Rows as arrays of their values in the select list's order: a bulk read (the sweep's pages) is spared
   * an object, and its keys, per row. Name the columns in the select list (no `*`), so the order is known.
   */
  rows(sql: string, args?: readonly SqlValue[]): Promise<unknown[][]>
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

/** 'sqlite' or 'postgresql': the provider of the client a transaction client came from. */
export function providerOf(db: Tx): string {
  const own = db as { _activeProvider?: string; _originalClient?: { _activeProvider?: string } }
  return driverOf(db)?.provider ?? own._activeProvider ?? own._originalClient?._activeProvider ?? 'sqlite'
}

/** A statement written with `?` placeholders, numbered ($1, $2 …) when `db` is on PostgreSQL. */
export const placeholdersFor = (db: Tx, sql: string): string => numbered(sql, providerOf(db))

/**
 * `create`'s result, or null when it breaks a unique constraint (P2002): another run made
 * the row first. In a PostgreSQL transaction a failed statement aborts the whole
 * transaction, so there it runs under a savepoint and only that is rolled back.
 */
export async function nullIfTaken<T>(db: Tx, create: () => Promise<T>): Promise<T | null> {
  const savepoint = !('$transaction' in db) && providerOf(db) !== 'sqlite'
  if (savepoint) await db.$executeRawUnsafe('SAVEPOINT ladder_unique')
  try {
    const made = await create()
    if (savepoint) await db.$executeRawUnsafe('RELEASE SAVEPOINT ladder_unique')
    return made
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'P2002') throw error
    if (savepoint) await db.$executeRawUnsafe('ROLLBACK TO SAVEPOINT ladder_unique')
    return null
  }
}

function driverOf(db: Tx): DriverQueryable | undefined {
  // A transaction client forwards to the client it came from.
  return adapters.get(db) ?? adapters.get((db as { _originalClient?: object })._originalClient ?? {})
}

/** DateTimes as the driver returns them (ISO text on SQLite, Date elsewhere). */
export const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string))
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : dateOf(v))

/** The better-sqlite3 connection under Prisma's SQLite adapter (its `client`), as far as it is used here. */
interface SqliteConnection {
  prepare(sql: string): SqliteStatement
}
interface SqliteStatement {
  readonly reader: boolean
  all(params: unknown[]): unknown[]
  raw(toggle: boolean): SqliteStatement
  run(params: unknown[]): { changes: number }
}

/** Statements kept per connection: the sweep's few statement shapes, prepared once. */
const STATEMENTS_KEPT = 64
const statementCaches = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>()

let lastDate = Number.NaN
let lastDateText = ''
/** A DateTime as Prisma's adapter stores it (ISO text with "+00:00"); the last one is kept: a batch's rows share their dates. */
const dateText = (d: Date): string => {
  const ms = d.getTime()
  if (ms !== lastDate) {
    lastDateText = d.toISOString().replace('Z', '+00:00')
    lastDate = ms
  }
  return lastDateText
}
/** A value as better-sqlite3 binds it, the way Prisma's adapter stores it. */
const bindable = (v: SqlValue): unknown => (v instanceof Date ? dateText(v) : v)

/**
 * On better-sqlite3, prepared statements are kept and reused by SQL text: the adapter
 * prepares every query afresh, and each of those statements holds its compiled program
 * (hundreds of KB for a multi-row INSERT) in native memory until V8 gets round to
 * collecting its wrapper — tens of MB over one sweep. Callers keep the number of distinct
 * texts small (sizesOf).
 */
function sqliteOf(driver: DriverQueryable): SqlitePrepared | null {
  const client = (driver as { client?: unknown }).client as SqliteConnection | undefined
  if (driver.provider !== 'sqlite' || typeof client?.prepare !== 'function') return null
  let cache = statementCaches.get(client)
  if (!cache) {
    cache = new Map()
    statementCaches.set(client, cache)
  }
  const statements = cache
  return (sql) => {
    let stmt = statements.get(sql)
    if (stmt) {
      statements.delete(sql)
    } else {
      stmt = client.prepare(sql)
      if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value!)
    }
    statements.set(sql, stmt)
    return stmt
  }
}
type SqlitePrepared = (sql: string) => SqliteStatement

/**
 * Row counts for multi-row statements over `total` rows, at most `max` each: full ones, then
 * powers of two for the rest, so a few statement texts cover every total.
 */
export function sizesOf(total: number, max: number): number[] {
  const sizes: number[] = []
  let left = total
  while (left >= max) {
    sizes.push(max)
    left -= max
  }
  for (let p = 1 << Math.floor(Math.log2(Math.max(1, max))); p >= 1; p >>= 1) {
    if (left >= p) {
      sizes.push(p)
      left -= p
    }
  }
  return sizes
}

export function rawSql(db: Tx): RawSql {
  // Prisma connects on its first query (openDb): connect first, so the direct path is found.
  let made: RawSql | undefined
  const ready = async (): Promise<RawSql> => {
    if (made) return made
    if (!driverOf(db) && '$connect' in db) await db.$connect()
    made = rawSqlNow(db)
    return made
  }
  return {
    query: async <T>(sql: string, args?: readonly SqlValue[]) => (await ready()).query<T>(sql, args),
    rows: async (sql, args) => (await ready()).rows(sql, args),
    execute: async (sql, args) => (await ready()).execute(sql, args),
    checkpoint: async () => (await ready()).checkpoint(),
  }
}

function rawSqlNow(db: Tx): RawSql {
  const driver = driverOf(db)
  const prepared = driver ? sqliteOf(driver) : null
  if (prepared) {
    return {
      async query<T>(sql: string, args: readonly SqlValue[] = []) {
        const stmt = prepared(sql)
        const params = args.map(bindable)
        if (stmt.reader) return stmt.all(params) as T[]
        stmt.run(params)
        return []
      },
      async rows(sql, args = []) {
        // The statement is shared with query(): raw for this one call only.
        const stmt = prepared(sql).raw(true)
        try {
          return stmt.all(args.map(bindable)) as unknown[][]
        } finally {
          stmt.raw(false)
        }
      },
      async execute(sql, args = []) {
        return prepared(sql).run(args.map(bindable)).changes
      },
      async checkpoint() {
        prepared('PRAGMA wal_checkpoint(PASSIVE)').all([])
      },
    }
  }
  if (driver?.provider !== 'sqlite') {
    // PostgreSQL (and a client without a registered adapter): through Prisma. On PostgreSQL the
    // adapter is a pool: straight to it, a statement inside `db.$transaction` would run on another
    // connection, outside the transaction (and wait on its locks).
    return {
      query: <T>(sql: string, args: readonly SqlValue[] = []) => db.$queryRawUnsafe<T[]>(placeholdersFor(db, sql), ...args),
      // Prisma's row objects keep the select list's order.
      rows: async (sql, args = []) =>
        (await db.$queryRawUnsafe<Record<string, unknown>[]>(placeholdersFor(db, sql), ...args)).map((row) => Object.values(row)),
      execute: (sql, args = []) => db.$executeRawUnsafe(placeholdersFor(db, sql), ...args),
      checkpoint: async () => {
        if (providerOf(db) === 'sqlite') await db.$queryRawUnsafe('PRAGMA wal_checkpoint(PASSIVE)')
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
    rows: async (sql, args = []) => (await driver.queryRaw(request(sql, args))).rows,
    execute: (sql, args = []) => driver.executeRaw(request(sql, args)),
    async checkpoint() {
      if (driver.provider === 'sqlite') await driver.queryRaw(request('PRAGMA wal_checkpoint(PASSIVE)', []))
    },
  }
}

/**
 * SQLite: copies the write-ahead log into the database and truncates it to nothing, so the log keeps no history
 * of past commits (docs/feedback-360.md, "Threat model"). Best effort and never waiting: the busy timeout is 0
 * for this one statement (set and restored synchronously, so no other query runs meanwhile); a reader still on
 * an older snapshot makes it report busy. True when the log was emptied.
 */
export async function truncateWal(db: Tx): Promise<boolean> {
  if (!driverOf(db) && '$connect' in db) await db.$connect()
  const driver = driverOf(db)
  const prepared = driver ? sqliteOf(driver) : null
  if (!prepared) return false
  const run = (sql: string): unknown[] => {
    const stmt = prepared(sql)
    if (stmt.reader) return stmt.all([])
    stmt.run([])
    return []
  }
  run('PRAGMA busy_timeout = 0')
  try {
    const [row] = run('PRAGMA wal_checkpoint(TRUNCATE)') as { busy: number }[]
    return row?.busy === 0
  } finally {
    run(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
  }
}

/** Whether `db` reaches its driver directly (tests check that the fast path is the one taken). */
export async function isDirect(db: Tx): Promise<boolean> {
  if (!driverOf(db) && '$connect' in db) await db.$connect()
  return driverOf(db) !== undefined
}
