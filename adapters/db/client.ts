// Chooses the better-sqlite3 build for this Node before the driver adapter loads.
import './sqlite-driver.js'
import { type FastReads, openFastReads } from './fast-reads.js'
import { PrismaClient } from './generated/client.js'
import { sqlitePath } from './migrate.js'
import { type DriverQueryable, registerAdapter } from './raw-sql.js'

export type Db = PrismaClient

const fastReads = new WeakMap<Db, FastReads>()

/** Every connection Ladder opens on SQLite uses it (client, fast reads, intake). */
export const SYNCHRONOUS = 'NORMAL'

/** The prepared-statement connection opened beside a database by openDb (fast-reads.ts). */
export const fastReadsOf = (db: Db): FastReads | undefined => fastReads.get(db)

/** Opens the database. SQLite gets WAL (readers never wait for the writer) and a busy timeout. */
export async function openDb(url: string): Promise<Db> {
  // Imported here, after sqlite-driver.js has chosen the driver for this Node (a
  // static import would be resolved before that module ran).
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
  const factory = new PrismaBetterSQLite3({ url })
  let connected: DriverQueryable | null = null
  // The same factory, remembering the adapter it makes: raw-sql.ts sends bulk statements to it directly.
  const adapter = Object.assign(Object.create(factory) as typeof factory, {
    connect: async () => {
      const made = await factory.connect()
      connected = made
      return made
    },
  })
  const db = new PrismaClient({ adapter })
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  // WAL's recommended durability: a commit survives a crash of Ladder; only a power cut may lose the
  // last ones (never corrupt the file). FULL fsyncs the log on every commit, blocking the event loop.
  await db.$queryRawUnsafe(`PRAGMA synchronous = ${SYNCHRONOUS}`)
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  if (connected) registerAdapter(db, connected)
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
