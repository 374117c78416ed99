// HR's whole-company "who is ready for X" reads the company a page of 500 at a
// time and their progress 50 at a time (issue 15: batch jobs never stall the
// server). Over 1,200 generated people — pages and batches crossed many times — it
// ranks exactly what one read of everyone would: same people, same order, same reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { generateOrg } from '../../bench/support/generate-org.js'
import { ladderDeps } from '../../core/app/store.js'
import { EMPTY_PROGRESS, gapFor } from '../../core/features/gap/gap-for.js'
import { whoIsReady } from '../../core/features/gap/index.js'
import { type Candidate, rankCandidates } from '../../core/kernel/domain/rank-candidates.js'
import type { Employee } from '../../core/kernel/domain/types.js'
import { createTestDb, type TestDb } from '../support/db.js'

const now = new Date('2026-11-24T09:00:00Z')
const silent = { debug() {}, info() {}, warn() {}, error() {} }
let t: TestDb

beforeAll(async () => {
  t = await createTestDb()
  await generateOrg(t.db, { employees: 1200, openItemsPerEmployee: 2, now, seed: 11 })
}, 60_000)
afterAll(() => t.close())

describe('whole-company readiness in pages', () => {
  for (const jobCode of ['MG1', 'RD2']) {
    it(`ranks everyone for ${jobCode} as one read of the whole company would`, async () => {
      const deps = ladderDeps({ store: createPrismaStore(t.db), clock: { now: () => now }, log: silent })
      const everyone = await deps.store.employees.allActive()
      const hr = everyone.find((e) => e.roles.includes('hr'))!
      const result = await whoIsReady(deps, { employee: hr, locale: 'en' }, { jobCode })
      if (result.kind !== 'candidates') throw new Error(result.kind)

      const catalog = await deps.store.catalog.load(now)
      const job = catalog.jobs.find((j) => j.code === jobCode)!
      const people = everyone.filter((e) => e.jobId !== job.id)
      const progress = await deps.store.progress.forEmployees(people.map((e) => e.id))
      const candidates: Candidate<Employee>[] = []
      for (const e of people) {
        const report = gapFor(catalog, e, progress.get(e.id) ?? EMPTY_PROGRESS, job, now)
        if (report.kind === 'report') candidates.push({ subject: e, report })
      }
      const expected = rankCandidates(candidates)
      expect(result.considered).toBe(expected.length)
      expect(result.considered).toBeGreaterThan(1000)
      expect(result.ranked).toEqual(expected)
    })
  }

  it('pages through active employees by id, leaving out the inactive', async () => {
    const store = createPrismaStore(t.db)
    const all = await store.employees.allActive()
    const paged: Employee[] = []
    for (let after = 0; ; ) {
      const page = await store.employees.activeAfter(after, 333)
      paged.push(...page)
      if (page.length < 333) break
      after = page[page.length - 1]!.id
    }
    expect(paged).toEqual(all)
    expect(all.length).toBeLessThan(await t.db.employee.count())
  })
})
