// Chooses the better-sqlite3 build for this Node before the driver adapter loads.
import './sqlite-driver.js'
import { PrismaClient } from './generated/client.js'

export type Db = PrismaClient

/** Opens the database. SQLite gets WAL (readers never wait for the writer) and a busy timeout. */
export async function openDb(url: string): Promise<Db> {
  // Imported here, after sqlite-driver.js has chosen the driver for this Node (a
  // static import would be resolved before that module ran).
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) })
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  return db
}
