import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { defineConfig } from 'prisma/config'

const url = process.env.DATABASE_URL ?? 'file:./data/ladder.db'

// Prisma 6.19 with the JS engine and a driver adapter: nothing is downloaded (TOOLCHAIN.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    // SQLite cannot create the folder of its file; the default one is not in git.
    if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true })
    return new PrismaBetterSQLite3({ url })
  },
})
