// The two stores' schemas cannot drift apart: prisma/postgres/schema.prisma is what
// scripts/derive-postgres-schema.mjs makes of prisma/schema.prisma, and a fresh SQLite
// file and a fresh PostgreSQL database, each migrated by its own migrations, hold the
// same tables, columns (name, nullability), primary keys, unique indexes and triggers.
// Runs in the pg project (it needs the run's PostgreSQL server).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg, { type Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../adapters/db/migrate.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { createPostgresDatabase } from '../support/db.js'

/** Everything compared, as sorted lines: "table.column NULL|NOT NULL", "pk table(a,b)", "unique table(a,b)", "trigger name". */
type Shape = string[]

function sqliteShape(path: string): Shape {
  const db = new (loadSqlite())(path, { readonly: true })
  try {
    const lines: string[] = []
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .all() as { name: string }[]
    for (const { name } of tables) {
      const columns = db.prepare(`SELECT name, "notnull", pk FROM pragma_table_info(?)`).all(name) as {
        name: string
        notnull: number
        pk: number
      }[]
      for (const c of columns) lines.push(`${name}.${c.name} ${c.notnull || c.pk ? 'NOT NULL' : 'NULL'}`)
      const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
      lines.push(`pk ${name}(${pk.map((c) => c.name).join(',')})`)
      const indexes = db.prepare(`SELECT name, "unique", origin FROM pragma_index_list(?)`).all(name) as {
        name: string
        unique: number
        origin: string
      }[]
      for (const index of indexes.filter((i) => i.unique && i.origin !== 'pk')) {
        const cols = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index.name) as { name: string }[]).map(
          (c) => c.name,
        )
        lines.push(`unique ${name}(${cols.join(',')})`)
      }
    }
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[])
      lines.push(`trigger ${t.name}`)
    return lines.sort()
  } finally {
    db.close()
  }
}

async function postgresShape(client: Client): Promise<Shape> {
  const lines: string[] = []
  const { rows: columns } = await client.query<{ t: string; c: string; nullable: string }>(
    `SELECT table_name::text AS t, column_name::text AS c, is_nullable::text AS nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
  )
  for (const r of columns) lines.push(`${r.t}.${r.c} ${r.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`)
  const { rows: indexes } = await client.query<{ t: string; cols: string; primary: boolean }>(
    `SELECT c.relname::text AS t, i.indisprimary AS "primary",
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS cols
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = current_schema() AND i.indisunique AND c.relname <> '_prisma_migrations'`,
  )
  for (const r of indexes) lines.push(`${r.primary ? 'pk' : 'unique'} ${r.t}(${r.cols})`)
  const { rows: triggers } = await client.query<{ name: string }>(
    `SELECT DISTINCT trigger_name::text AS name FROM information_schema.triggers WHERE trigger_schema = current_schema()`,
  )
  for (const r of triggers) lines.push(`trigger ${r.name}`)
  return lines.sort()
}

/** What one side has and the other has not. */
const drift = (sqlite: Shape, postgres: Shape) => ({
  onlySqlite: sqlite.filter((l) => !postgres.includes(l)),
  onlyPostgres: postgres.filter((l) => !sqlite.includes(l)),
})

let dir: string
let database: Awaited<ReturnType<typeof createPostgresDatabase>>
let client: Client

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ladder-drift-'))
  database = await createPostgresDatabase()
  await migrate(`file:${join(dir, 'ladder.db')}`)
  await migrate(database.url)
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
})

afterAll(async () => {
  await client?.end()
  await database?.drop()
  rmSync(dir, { recursive: true, force: true })
})

describe('SQLite and PostgreSQL schemas', () => {
  it('the committed PostgreSQL schema is what the script derives from the SQLite one now', () => {
    // Exits 1 with a message when they differ.
    expect(execFileSync(process.execPath, ['scripts/derive-postgres-schema.mjs', '--check'], { encoding: 'utf8' })).toMatch(/matches/)
  })

  it('migrated, hold the same tables, columns, keys, unique indexes and triggers', async () => {
    const sqlite = sqliteShape(join(dir, 'ladder.db'))
    const postgres = await postgresShape(client)
    expect(sqlite.length).toBeGreaterThan(200)
    expect(drift(sqlite, postgres)).toEqual({ onlySqlite: [], onlyPostgres: [] })
  })

  it('tells a column added to one side only', async () => {
    await client.query(`ALTER TABLE "Employee" ADD COLUMN "nickname" TEXT`)
    try {
      expect(drift(sqliteShape(join(dir, 'ladder.db')), await postgresShape(client))).toEqual({
        onlySqlite: [],
        onlyPostgres: ['Employee.nickname NULL'],
      })
    } finally {
      await client.query(`ALTER TABLE "Employee" DROP COLUMN "nickname"`)
    }
  })
})
