import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportAll } from '../../adapters/db/export.js'
import { generateOrg } from '../../bench/support/generate-org.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { NOW } from './helpers.js'

const EMPLOYEES = 300
let a: TestDb
let b: TestDb
beforeAll(async () => {
  a = await createTestDb()
  b = await createTestDb()
  await generateOrg(a.db, { employees: EMPLOYEES, openItemsPerEmployee: 5, now: NOW, seed: 7 })
  await generateOrg(b.db, { employees: EMPLOYEES, openItemsPerEmployee: 5, now: NOW, seed: 7 })
})
afterAll(async () => {
  await a.close()
  await b.close()
})

describe('generateOrg', () => {
  it('builds the demo catalogue plus N people in a manager tree about eight wide', async () => {
    expect(await a.db.employee.count()).toBe(EMPLOYEES)
    expect(await a.db.qualificationStandard.count()).toBe(8)
    const people = await a.db.employee.findMany({ select: { id: true, managerId: true, roles: true } })
    expect(people.filter((p) => p.managerId === null)).toHaveLength(1)
    const reports = new Map<number, number>()
    for (const p of people) if (p.managerId !== null) reports.set(p.managerId, (reports.get(p.managerId) ?? 0) + 1)
    expect(Math.max(...reports.values())).toBe(8)
    for (const [managerId] of reports) expect(people.find((p) => p.id === managerId)!.roles).toContain('manager')
    expect(people.some((p) => p.roles.includes('hr'))).toBe(true)
  })

  it('gives everyone 4–8 assessments and the asked number of open items, due around now', async () => {
    const perPerson = await a.db.assessment.groupBy({ by: ['employeeId'], _count: { _all: true } })
    expect(perPerson).toHaveLength(EMPLOYEES)
    for (const row of perPerson) {
      expect(row._count._all).toBeGreaterThanOrEqual(4)
      expect(row._count._all).toBeLessThanOrEqual(8)
    }
    const open = (await a.db.trainingAssignment.count()) + (await a.db.evaluationTask.count())
    expect(open).toBe(EMPLOYEES * 5)
    const dues = (await a.db.trainingAssignment.findMany({ select: { dueAt: true } })).map((t) => t.dueAt!.getTime())
    expect(dues.some((d) => d < NOW.getTime())).toBe(true)
    expect(dues.some((d) => d > NOW.getTime())).toBe(true)
  })

  it('is deterministic for a seed', async () => {
    expect(await exportAll(b.db, 'csv')).toEqual(await exportAll(a.db, 'csv'))
  })
})
