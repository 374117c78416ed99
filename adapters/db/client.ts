// Chooses the better-sqlite3 build for this Node before the driver adapter loads.
import './sqlite-driver.js'
import { type FastReads, openFastReads } from './fast-reads.js'
import { PrismaClient } from './generated/client.js'
import { isPostgresUrl, sqlitePath } from './migrate.js'
import { type DriverQueryable, registerAdapter } from './raw-sql.js'
import { BUSY_TIMEOUT_MS, SYNCHRONOUS } from './sqlite-driver.js'
import { guardTransactions } from './transaction-guard.js'

export type Db = PrismaClient

const fastReads = new WeakMap<Db, FastReads>()

/** The prepared-statement connection opened beside a database by openDb (fast-reads.ts). */
export const fastReadsOf = (db: Db): FastReads | undefined => fastReads.get(db)

/**
 * Prisma's connection: WAL (readers never wait for the writer), a busy timeout, foreign keys, WAL's durability,
 * and secure_delete: deleted rows are overwritten with zeros rather than left in free pages, so a copy of the
 * file does not keep a sealed 360 answer, or an answer's earlier row, after it was deleted (docs/feedback-360.md).
 */
const PRAGMAS = [
  'journal_mode = WAL',
  `busy_timeout = ${BUSY_TIMEOUT_MS}`,
  `synchronous = ${SYNCHRONOUS}`,
  'foreign_keys = ON',
  'secure_delete = ON',
]

export interface OpenDbOptions {
  /** PostgreSQL: the most connections this process's pool opens (DATABASE_POOL_SIZE). */
  poolSize?: number
}

/** Opens the database (a SQLite file: URL or a postgres(ql):// URL); Prisma connects on its first query. */
export async function openDb(url: string, options: OpenDbOptions = {}): Promise<Db> {
  if (isPostgresUrl(url)) return openPostgres(url, options.poolSize ?? 10)
  // Imported here, after sqlite-driver.js has chosen the driver for this Node (a
  // static import would be resolved before that module ran).
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
  const factory = new PrismaBetterSQLite3({ url })
  // The same factory, setting up each connection it makes before Prisma uses it, and
  // remembering it: raw-sql.ts sends bulk statements to it directly. The PRAGMAs go
  // straight to better-sqlite3 (the adapter's `client`, pinned at 6.19.3): through
  // Prisma they would instantiate its WASM query compiler at every start, ~0.3 s, which
  // a CLI question — read entirely by prepared statements — never needs otherwise.
  const adapter = Object.assign(Object.create(factory) as typeof factory, {
    connect: async () => {
      const made = await factory.connect()
      const client = (made as { client?: { pragma?: (source: string) => unknown } }).client
      if (typeof client?.pragma !== 'function')
        throw new Error('@prisma/adapter-better-sqlite3 no longer exposes its connection: check adapters/db/client.ts after an upgrade')
      for (const pragma of PRAGMAS) client.pragma(pragma)
      // Every transaction ends, even after a failed COMMIT (transaction-guard.ts).
      guardTransactions(made)
      registerAdapter(db, made as DriverQueryable)
      return made
    },
  })
  const db = new PrismaClient({ adapter })
  const path = sqlitePath(url)
  if (path !== ':memory:') {
    const fast = openFastReads(path)
    fastReads.set(db, fast)
    const disconnect = db.$disconnect.bind(db)
    db.$disconnect = async () => {
      fast.close()
      fastReads.delete(db)
      await disconnect()
    }
  }
  return db
}

/**
 * PostgreSQL: the client generated from prisma/postgres/schema.prisma (derived from the SQLite
 * schema: the same models, so its client has the same API) through @prisma/adapter-pg's pool.
 * No fast-reads connection: every read goes through Prisma (store.ts falls back by itself).
 */
async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const [{ PrismaPg }, { PrismaClient: PgClient }, { default: pg }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('./generated-pg/client.js'),
    import('pg'),
  ])
  // The pool is made here, so its figures can be read (/metrics); the adapter ends it on disconnect.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'ladder' })
  const factory = new PrismaPg(pool, { disposeExternalPool: true })
  const adapter = Object.assign(Object.create(factory) as typeof factory, {
    connect: async () => {
      const made = await factory.connect()
      registerAdapter(db, made as DriverQueryable)
      return made
    },
  })
  // The one place the PostgreSQL client is taken for the SQLite one: the models are identical
  // (scripts/derive-postgres-schema.mjs), only the generated files differ.
  const db = new PgClient({ adapter }) as unknown as Db
  pools.set(db, pool as unknown as { totalCount: number; idleCount: number; waitingCount: number })
  return db
}

export interface PoolFigures {
  total: number
  idle: number
  waiting: number
}
const pools = new WeakMap<Db, { totalCount: number; idleCount: number; waitingCount: number }>()

/** PostgreSQL: the connection pool's figures now (pg.Pool's totalCount, idleCount, waitingCount); SQLite: null. */
export function poolFiguresOf(db: Db): PoolFigures | null {
  const pool = pools.get(db)
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null
}
