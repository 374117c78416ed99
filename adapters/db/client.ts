import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from './generated/client.js'

export type Db = PrismaClient

/** Opens the database. SQLite gets WAL (readers never wait for the writer) and a busy timeout. */
export async function openDb(url: string): Promise<Db> {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) })
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000')
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON')
  return db
}
