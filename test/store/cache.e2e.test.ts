// The catalogue and people caches (adapters/db/cache.ts) against a real SQLite
// file: a write from another connection — as `ladder import` in another process
// makes — is seen at the very next question, and cached values cannot be changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deepFreeze } from '../../adapters/db/cache.js'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import type { LadderStore } from '../../core/app/store.js'
import { createTestDb, type TestDb } from '../support/db.js'

const NOW = new Date('2026-11-23T02:00:00Z')
let db: TestDb
let store: LadderStore
/** Another connection on the same file: what a second process would write with. */
let other: { prepare(sql: string): { run(...args: unknown[]): unknown }; close(): void }

beforeAll(async () => {
  db = await createTestDb()
  await seedDemo(db.db, NOW)
  store = createPrismaStore(db.db)
  const Database = loadSqlite()
  other = new Database(db.url.slice('file:'.length)) as unknown as typeof other
})
afterAll(async () => {
  other.close()
  await db.close()
})

describe('catalogue cache', () => {
  it('returns the same catalogue until a catalogue table changes', async () => {
    const first = await store.catalog.load(NOW)
    expect(await store.catalog.load(NOW)).toBe(first)
    other.prepare(`UPDATE "Job" SET "titleEn" = 'Renamed by another process' WHERE "id" = ?`).run(first.jobs[0]!.id)
    const next = await store.catalog.load(NOW)
    expect(next).not.toBe(first)
    expect(next.jobs.find((j) => j.id === first.jobs[0]!.id)?.title.en).toBe('Renamed by another process')
  })

  it.each([
    ['Course', `UPDATE "Course" SET "titleZh" = titleZh || '·' WHERE id = (SELECT min(id) FROM "Course")`],
    [
      'SourceWeight',
      `INSERT INTO "SourceWeight" ("scope", "source", "weight") VALUES ('*', 'peer', 30) ON CONFLICT DO UPDATE SET "weight" = excluded."weight" + 1`,
    ],
    ['Indicator', `DELETE FROM "Indicator" WHERE id = (SELECT min(id) FROM "Indicator")`],
    ['Department', `UPDATE "Department" SET "nameEn" = 'X' WHERE id = (SELECT min(id) FROM "Department")`],
  ])('a write to %s invalidates it', async (_table, sql) => {
    const before = await store.catalog.load(NOW)
    other.prepare(sql).run()
    expect(await store.catalog.load(NOW)).not.toBe(before)
  })

  it('chooses the standard in force at the time asked, from one cached load', async () => {
    const catalog = await store.catalog.load(NOW)
    const standard = catalog.standards[0]!
    const future = new Date(NOW.getTime() + 30 * 86_400_000)
    other
      .prepare(`INSERT INTO "QualificationStandard" ("jobId", "version", "effectiveFrom", "threshold") VALUES (?, ?, ?, ?)`)
      .run(standard.jobId, standard.version + 1, future.toISOString().replace('Z', '+00:00'), 90)
    const today = (await store.catalog.load(NOW)).standards.find((s) => s.jobId === standard.jobId)
    const later = (await store.catalog.load(future)).standards.find((s) => s.jobId === standard.jobId)
    expect(today?.version).toBe(standard.version)
    expect(later?.version).toBe(standard.version + 1)
    expect(later?.threshold).toBe(90)
  })

  it('cannot be changed by a caller', async () => {
    const catalog = await store.catalog.load(NOW)
    expect(() => (catalog.jobs as unknown[]).push({})).toThrow(TypeError)
    expect(() => {
      ;(catalog.jobs[0] as { code: string }).code = 'changed'
    }).toThrow(TypeError)
  })
})

describe('two ways of reading, one answer', () => {
  it('the catalogue read by prepared statements equals the one read through Prisma (inside a transaction)', async () => {
    const fast = await store.catalog.load(NOW)
    const prisma = await store.transaction((tx) => tx.catalog.load(NOW))
    expect(fast.courses.length).toBeGreaterThan(0)
    expect(fast.standards.some((s) => s.dimensions.some((d) => d.indicators.length > 0))).toBe(true)
    expect(JSON.parse(JSON.stringify(fast))).toEqual(JSON.parse(JSON.stringify(prisma)))
    expect(fast.weights).toEqual(prisma.weights)
  })

  it('a person read by prepared statements equals the one read through Prisma', async () => {
    const li = await store.employees.byEmail('han.meimei@demo.ladder')
    expect(li).not.toBeNull()
    expect(await store.transaction((tx) => tx.employees.byEmail('han.meimei@demo.ladder'))).toEqual(li)
    expect(await store.transaction((tx) => tx.employees.byId(li!.id))).toEqual(await store.employees.byId(li!.id))
  })
})

describe('people cache', () => {
  it('sees a rename, a deactivation and a new chat link made elsewhere', async () => {
    const li = (await store.employees.byEmail('li.lei@demo.ladder'))!
    expect(await store.employees.byEmail('LI.LEI@demo.ladder ')).toBe(li)
    other.prepare(`UPDATE "Employee" SET "nameEn" = 'Lei Li' WHERE "id" = ?`).run(li.id)
    expect((await store.employees.byId(li.id))?.nameEn).toBe('Lei Li')
    expect(await store.employees.byIdentity('slack', 'T1', 'U1')).toBeNull()
    other
      .prepare(`INSERT INTO "ChatIdentity" ("platform", "tenant", "externalId", "employeeId") VALUES ('slack', 'T1', 'U1', ?)`)
      .run(li.id)
    expect((await store.employees.byIdentity('slack', 'T1', 'U1'))?.id).toBe(li.id)
    other.prepare(`UPDATE "Employee" SET "status" = 'inactive' WHERE "id" = ?`).run(li.id)
    expect((await store.employees.byIdentity('slack', 'T1', 'U1'))?.status).toBe('inactive')
  })
})

describe('deepFreeze', () => {
  it.each([
    ['an object in an array', () => deepFreeze([{ a: 1 }])[0]!],
    ['a nested object', () => deepFreeze({ a: { b: 1 } }).a],
  ])('freezes %s', (_name, get) => {
    expect(Object.isFrozen(get())).toBe(true)
  })
})
