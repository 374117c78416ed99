// A full disk mid-transaction, reproduced without root: PRAGMA max_page_count caps the
// file a few pages above its size, so a transaction writing more fails with SQLITE_FULL.
// The adapter then used to keep its transaction lock (prisma/orm#29933): every later
// $transaction waited forever. Each wait here is bounded, so a regression fails, not hangs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rawSql } from '../../adapters/db/raw-sql.js'
import { createTestDb, type TestDb } from '../support/db.js'

const GENEROUS_MS = 10_000

/** `promise`, or a rejection naming what never settled. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not settle within ${GENEROUS_MS} ms`)), GENEROUS_MS)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** Caps the database at a few pages above its current size (the connection Prisma uses). */
async function fillDiskAt(t: TestDb, spare: number): Promise<void> {
  const sql = rawSql(t.db)
  const [row] = await sql.query<{ page_count: number | bigint }>('PRAGMA page_count')
  await sql.query(`PRAGMA max_page_count = ${Number(row!.page_count) + spare}`)
}

const freeDisk = (t: TestDb) => rawSql(t.db).query('PRAGMA max_page_count = 1073741823')

async function count(t: TestDb, where: string): Promise<number> {
  const [row] = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "Filler" WHERE ${where}`)
  return Number(row!.n)
}

const bigRow = (i: number) => `('k${i}', '${'x'.repeat(3000)}')`

describe('a full disk mid-transaction', () => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb()
    await t.db.$executeRawUnsafe('CREATE TABLE "Filler" ("key" TEXT PRIMARY KEY, "value" TEXT)')
  })
  afterEach(async () => t.close())

  it('fails that transaction only: the next one completes, and leaves no transaction open', async () => {
    await fillDiskAt(t, 4)
    const failed = within(
      t.db.$transaction(async (tx) => {
        for (let i = 0; i < 40; i++) await tx.$executeRawUnsafe(`INSERT INTO "Filler" VALUES ${bigRow(i)}`)
      }),
      'the failing transaction',
    )
    await expect(failed).rejects.toThrow(/full/i)

    // Still full: a small transaction fails or succeeds, but it settles.
    await within(
      t.db.$transaction(async (tx) => tx.$executeRawUnsafe(`INSERT INTO "Filler" VALUES ('small', 'y')`)),
      'a transaction while the disk is full',
    ).catch(() => undefined)

    await freeDisk(t)
    await within(
      t.db.$transaction(async (tx) => {
        for (let i = 100; i < 140; i++) await tx.$executeRawUnsafe(`INSERT INTO "Filler" VALUES ${bigRow(i)}`)
      }),
      'a transaction after space was freed',
    )
    expect(await count(t, `"key" LIKE 'k1__'`)).toBe(40)
    // Nothing half-written by the failed transaction survived.
    expect(await count(t, `"key" LIKE 'k%' AND length("key") <= 3`)).toBe(0)
  })

  it('a failed COMMIT (the disk fills at commit time) releases the lock too', async () => {
    // Statements that fit in the page cache fail only when COMMIT writes them out.
    await rawSql(t.db).query('PRAGMA cache_size = 10000')
    await fillDiskAt(t, 1)
    const failed = within(
      t.db.$transaction(async (tx) => {
        for (let i = 0; i < 20; i++) await tx.$executeRawUnsafe(`INSERT INTO "Filler" VALUES ${bigRow(i)}`)
      }),
      'the failing transaction',
    )
    await expect(failed).rejects.toThrow()
    await freeDisk(t)
    await within(
      t.db.$transaction(async (tx) => tx.$executeRawUnsafe(`INSERT INTO "Filler" VALUES ('after', 'y')`)),
      'a transaction after space was freed',
    )
    const rows = await t.db.$queryRawUnsafe<{ key: string }[]>('SELECT "key" FROM "Filler" WHERE "key" = \'after\'')
    expect(rows).toHaveLength(1)
  })
})
