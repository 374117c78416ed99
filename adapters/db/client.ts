// Chooses the better-sqlite3 build for this Node before the driver adapter loads.
import './sqlite-driver.js'
import { PrismaClient } from './generated/client.js'
import { type DriverQueryable, registerAdapter } from './raw-sql.js'

export type Db = PrismaClient

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
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  if (connected) registerAdapter(db, connected)
  return db
}
