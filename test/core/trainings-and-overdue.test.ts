import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LadderDeps } from '../../core/app/store.js'
import { myTrainings } from '../../core/features/tasks/my-trainings.js'
import { overdueReport } from '../../core/features/tasks/overdue-report.js'
import { tasksOf, tasksOfCard } from '../../core/features/tasks/tasks-of.js'
import { myTrainingsCard, overdueCard } from '../../core/features/tasks/trainings-card.js'
import type { Actor } from '../../core/kernel/context.js'
import { type Backend, openBackend } from '../support/backend.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let b: Backend
let org: Org
let deps: LadderDeps
const actor = async (key: keyof Org['ids']): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(org.ids[key]))!
  return { employee, locale: employee.locale }
}
const day = 24 * 60 * 60 * 1000

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  deps = makeDeps(b.store, NOW)
  // Besides Eve's overdue RD-201 (org.ts): Tom has one due later and one completed; Pat's is reported, awaiting verification.
  const seed = seederFor(b.seed)
  const tom = org.ids.tom
  await seed.create('trainingAssignment', {
    employeeId: tom,
    courseId: org.courses.PM,
    dueAt: new Date(NOW.getTime() + 5 * day),
    source: 'manager',
  })
  await seed.create('trainingAssignment', {
    employeeId: tom,
    courseId: org.courses.CULTURE,
    status: 'completed',
    completedAt: new Date(NOW.getTime() - 10 * day),
    score: 92,
  })
  await seed.create('trainingAssignment', {
    employeeId: org.ids.pat,
    courseId: org.courses.LEAD,
    status: 'reported',
    dueAt: new Date(NOW.getTime() - 2 * day),
    reportedAt: NOW,
  })
  // Tom owes a self-evaluation that is overdue.
  await seed.create('evaluationTask', { kind: 'self_evaluation', assigneeId: tom, subjectId: tom, dueAt: new Date(NOW.getTime() - day) })
})
afterAll(() => b.close())

describe('myTrainings', () => {
  it('lists open trainings overdue first, then completed ones, with where each came from', async () => {
    const result = await myTrainings(deps, await actor('tom'))
    expect(result.kind).toBe('trainings')
    if (result.kind !== 'trainings') return
    expect(result.open.map((r) => [r.course.code, r.isOverdue, r.assignment.source])).toEqual([['RD-101', false, 'manager']])
    expect(result.completed.map((r) => [r.course.code, r.assignment.score])).toEqual([['CU-101', 92]])
    const card = myTrainingsCard(result, 'en', 'UTC')
    expect(card.header?.title).toBe('Your trainings')
    expect(card.fallback).toContain('assigned by manager')
    expect(card.fallback).toContain('score 92')
  })

  it('shows a reported course as awaiting verification, never as overdue', async () => {
    const result = await myTrainings(deps, await actor('pat'))
    if (result.kind !== 'trainings') throw new Error(result.kind)
    expect(result.open.map((r) => [r.course.code, r.isOverdue])).toEqual([['MG-101', false]])
    expect(myTrainingsCard(result, 'zh-CN', 'UTC').fallback).toContain('已报告完成,待验证')
  })

  const access: [asker: keyof Org['ids'], subject: keyof Org['ids'], allowed: boolean][] = [
    ['mia', 'tom', true], // manager
    ['boss', 'tom', true], // manager's manager
    ['hana', 'tom', true], // HR
    ['eve', 'tom', false], // a peer
    ['pat', 'tom', false], // another team
  ]
  it.each(access)('%s asking about %s → allowed %s, titled with the subject', async (asker, subject, allowed) => {
    const result = await myTrainings(deps, await actor(asker), { subjectId: org.ids[subject] })
    expect(result.kind).toBe(allowed ? 'trainings' : 'refused')
    const card = myTrainingsCard(result, 'en', 'UTC')
    if (allowed) expect(card.header?.title).toBe("Tom's trainings")
    else expect(card.fallback).not.toContain('RD-101')
  })

  it('answers an unknown person exactly like a forbidden one', async () => {
    expect(await myTrainings(deps, await actor('eve'), { subjectId: 99_999 })).toEqual({ kind: 'refused' })
  })
})

describe('overdueReport', () => {
  const cases: [asker: keyof Org['ids'], scope: string, items: string[]][] = [
    ['hana', 'company', ['Eve:RD-201', 'Tom:self_evaluation']],
    ['mia', 'team', ['Eve:RD-201', 'Tom:self_evaluation']],
    ['eve', 'self', ['Eve:RD-201']],
    ['pat', 'self', []], // a reported course is not overdue: the learner is waiting for verification
  ]
  it.each(cases)('%s sees the %s scope', async (asker, scope, items) => {
    const report = await overdueReport(deps, await actor(asker))
    expect(report.scope).toBe(scope)
    const seen = report.groups.flatMap((g) =>
      g.items.map((i) => `${i.employee.nameEn}:${i.kind === 'training' ? i.course.code : i.evaluationKind}`),
    )
    expect(seen.sort()).toEqual(items.sort())
    expect(report.total).toBe(items.length)
  })

  it('groups by department in a table with who, what and since when', async () => {
    const card = overdueCard(await overdueReport(deps, await actor('hana')), 'en', 'UTC')
    expect(card.header?.title).toBe('Overdue — whole company')
    const table = card.blocks.find((block) => block.type === 'table')
    expect(table?.type === 'table' && table.rows.map((r) => r[0])).toEqual(['Eve', 'Tom'])
    expect(card.fallback).toContain('R&D')
  })

  it('says so when nothing is overdue', async () => {
    const card = overdueCard(await overdueReport(deps, await actor('pat')), 'zh-CN', 'UTC')
    expect(card.fallback).toContain('没有逾期事项')
  })
})

describe('tasksOf: someone else’s to-do list', () => {
  it('answers a manager with the report’s tasks, titled with the report’s name, without buttons', async () => {
    const result = await tasksOf(deps, await actor('mia'), org.ids.tom)
    expect(result.kind).toBe('other')
    const card = tasksOfCard(result, 'en', 'UTC')
    expect(card.header?.title).toBe("Tom's to-do list")
    expect(card.fallback).toContain('RD-101')
    expect(card.blocks.some((b) => b.type === 'actions')).toBe(false)
  })
  it.each([['eve'], ['pat']] as const)('refuses %s, a peer, like an unknown person', async (asker) => {
    expect(await tasksOf(deps, await actor(asker), org.ids.tom)).toEqual({ kind: 'refused' })
    expect(await tasksOf(deps, await actor(asker), 99_999)).toEqual({ kind: 'refused' })
  })
  it('answers the asker’s own list when nobody else is named', async () => {
    expect((await tasksOf(deps, await actor('tom'), undefined)).kind).toBe('own')
  })
  it('never says whom a 360 the report owes is about', async () => {
    await seederFor(b.seed).create('evaluationTask', { kind: 'rating_360', assigneeId: org.ids.tom, subjectId: org.ids.eve })
    const result = await tasksOf(deps, await actor('mia'), org.ids.tom)
    expect(tasksOfCard(result, 'en', 'UTC').fallback).not.toContain('Eve')
  })
})
