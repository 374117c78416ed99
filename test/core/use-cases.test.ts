import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LadderDeps } from '../../core/app/store.js'
import { evaluationForm, submitEvaluation } from '../../core/features/evaluations/evaluation.js'
import { enrol } from '../../core/features/gap/enrol.js'
import { jobRequirements } from '../../core/features/gap/job-requirements.js'
import { markTrainingDone } from '../../core/features/gap/mark-training-done.js'
import { promotionGap } from '../../core/features/gap/promotion-gap.js'
import { recommendTraining } from '../../core/features/gap/recommend-training.js'
import { teamOverview } from '../../core/features/gap/team-overview.js'
import { whoIsReady } from '../../core/features/gap/who-is-ready.js'
import { myTasks } from '../../core/features/tasks/my-tasks.js'
import { snooze } from '../../core/features/tasks/snooze.js'
import { accessTo } from '../../core/kernel/access.js'
import type { Actor } from '../../core/kernel/context.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'

let b: Backend
const { count, first } = queries(() => b)
let org: Org
let deps: LadderDeps

const actor = async (key: keyof Org['ids']): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(org.ids[key]))!
  return { employee, locale: employee.locale }
}

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  deps = makeDeps(b.store, NOW)
})
afterAll(() => b.close())

describe('authorisation (accessTo)', () => {
  const cases: [viewer: keyof Org['ids'], subject: keyof Org['ids'], expected: string | null][] = [
    ['eve', 'eve', 'self'],
    ['eve', 'tom', null],
    ['eve', 'mia', null],
    ['mia', 'eve', 'manager'],
    ['boss', 'eve', 'manager'], // indirect report
    ['mia', 'boss', null],
    ['mia', 'pat', null], // another team
    ['hana', 'pat', 'hr'],
    ['pat', 'eve', null],
  ]
  it.each(cases)('%s viewing %s → %s', async (viewer, subject, expected) => {
    const v = (await deps.store.employees.byId(org.ids[viewer]))!
    const s = (await deps.store.employees.byId(org.ids[subject]))!
    expect(await accessTo(deps.store.employees, v, s)).toBe(expected)
  })
})

describe('promotionGap', () => {
  it('reports both tracks for a senior engineer, with the seed example at exactly 75 %', async () => {
    const result = await promotionGap(deps, await actor('eve'))
    expect(result.kind).toBe('reports')
    if (result.kind !== 'reports') return
    expect(result.reports.map((r) => r.target.code)).toEqual(['RD3', 'MG1'])
    const rd3 = result.reports[0]!
    expect(rd3.kind).toBe('report')
    if (rd3.kind !== 'report') return
    expect(rd3.overall).toBe(75)
    // project experience: weight 20 × gap 20 outranks technical skill: weight 40 × gap 5.
    expect(rd3.ranked.map((d) => d.dimension.code)).toEqual(['project_experience', 'technical_skill'])
    expect(rd3.isReady).toBe(false)
    expect(rd3.requirements).toEqual([expect.objectContaining({ isMet: false, indicatorCode: 'exam' })])
  })

  it('refuses someone else’s report to a peer, and allows it to the manager and HR', async () => {
    expect(await promotionGap(deps, await actor('pat'), { subjectId: org.ids.eve })).toEqual({ kind: 'refused' })
    expect((await promotionGap(deps, await actor('mia'), { subjectId: org.ids.eve })).kind).toBe('reports')
    expect((await promotionGap(deps, await actor('hana'), { subjectId: org.ids.eve })).kind).toBe('reports')
    expect(await promotionGap(deps, await actor('pat'), { subjectId: 999_999 })).toEqual({ kind: 'refused' })
  })

  it('handles no job, a named target off every path, and an unknown target', async () => {
    expect((await promotionGap(deps, await actor('hana'))).kind).toBe('no_job')
    const named = await promotionGap(deps, await actor('hana'), { targetJobCode: 'mg1' })
    expect(named.kind === 'reports' && named.reports[0]!.isOnPath).toBe(false)
    expect(await promotionGap(deps, await actor('eve'), { targetJobCode: 'NOPE' })).toEqual({ kind: 'unknown_target', query: 'NOPE' })
  })
})

describe('team and talent pool', () => {
  it('gives a manager every direct and indirect report, and refuses a non-manager', async () => {
    const team = await teamOverview(deps, await actor('boss'))
    expect(team.kind === 'team' && team.members.map((m) => m.employee.email).sort()).toEqual(['eve@t.test', 'mia@t.test', 'tom@t.test'])
    expect(await teamOverview(deps, await actor('eve'))).toEqual({ kind: 'refused' })
  })

  it('counts overdue items per report', async () => {
    const team = await teamOverview(deps, await actor('mia'))
    expect(team.kind === 'team' && team.members.find((m) => m.employee.email === 'eve@t.test')?.overdue).toBe(1)
  })

  it('lets HR search the whole company, a manager only their team, and refuses employees', async () => {
    const hr = await whoIsReady(deps, await actor('hana'), { jobCode: 'MG1' })
    expect(hr.kind === 'candidates' && hr.ranked[0]!.subject.email).toBe('pat@t.test')
    expect(hr.kind === 'candidates' && hr.readyCount).toBe(1)
    const manager = await whoIsReady(deps, await actor('mia'), { jobCode: 'MG1' })
    expect(manager.kind === 'candidates' && manager.ranked.map((c) => c.subject.email)).not.toContain('pat@t.test')
    expect(await whoIsReady(deps, await actor('eve'), { jobCode: 'MG1' })).toEqual({ kind: 'refused' })
  })
})

describe('training', () => {
  it('enrols idempotently and audits once', async () => {
    const eve = await actor('eve')
    const first = await enrol(deps, eve, { courseCode: 'rd-101' })
    const second = await enrol(deps, eve, { courseCode: 'RD-101' })
    expect(first.kind).toBe('enrolled')
    expect(second.kind).toBe('already_enrolled')
    expect(await count('trainingAssignment', (r) => r.employeeId === org.ids.eve && r.courseId === org.courses.PM)).toBe(1)
    expect(await count('auditLog', (r) => r.action === 'training.enrol' && r.actorId === org.ids.eve)).toBe(1)
  })

  it('marks done, records evidence, and the recommendations change', async () => {
    const eve = await actor('eve')
    const before = await recommendTraining(deps, eve)
    expect(before.kind === 'recommendations' && before.items.map((i) => i.course.code)).toContain('RD-201')
    const done = await markTrainingDone(deps, eve, { courseCode: 'RD-201', score: 90 })
    expect(done.kind).toBe('completed')
    expect(await count('evidence', (r) => r.employeeId === org.ids.eve && r.kind === 'course' && r.key === 'RD-201')).toBe(1)
    const after = await recommendTraining(deps, eve)
    expect(after.kind === 'recommendations' && after.items.map((i) => i.course.code)).not.toContain('RD-201')
  })

  it('refuses to complete someone else’s assignment and rejects a score below the pass mark', async () => {
    const assignment = await first('trainingAssignment', (r) => r.employeeId === org.ids.eve)
    expect(await markTrainingDone(deps, await actor('pat'), { assignmentId: assignment.id })).toEqual({ kind: 'refused' })
    const low = await markTrainingDone(deps, await actor('tom'), { courseCode: 'CU-101', score: 50 })
    expect(low.kind).toBe('below_pass_mark')
  })

  it('lists open tasks, overdue first', async () => {
    const tasks = await myTasks(deps, await actor('mia'))
    expect(tasks.items.map((i) => i.kind)).toEqual(['evaluation'])
  })

  it('shows any job’s requirements without personal data', async () => {
    const result = await jobRequirements(deps, { jobCode: 'RD3' })
    expect(result.kind === 'job' && result.standard?.dimensions.map((d) => d.weight)).toEqual([30, 40, 20, 10])
  })
})

describe('supervisor evaluation', () => {
  it('validates, writes supervisor assessments, and cannot be submitted twice or by someone else', async () => {
    const task = await first('evaluationTask', (r) => r.assigneeId === org.ids.mia)
    const mia = await actor('mia')
    expect(await evaluationForm(deps, await actor('eve'), task.id)).toEqual({ kind: 'refused' })
    const form = await evaluationForm(deps, mia, task.id)
    expect(form.kind).toBe('form')
    if (form.kind !== 'form') return
    const names = form.dimensions.map((d) => `dim_${d.dimension.code}`)
    const invalid = await submitEvaluation(deps, mia, task.id, { [names[0]!]: '9' })
    expect(invalid.kind).toBe('invalid')
    expect(await count('assessment', (r) => r.assessorId === org.ids.mia)).toBe(0)
    const values = Object.fromEntries(names.map((n) => [n, '5']))
    const saved = await submitEvaluation(deps, mia, task.id, { ...values, comment: 'Great work' })
    expect(saved.kind).toBe('saved')
    expect(
      await count('assessment', (r) => r.employeeId === org.ids.eve && r.source === 'supervisor' && r.assessorId === org.ids.mia),
    ).toBe(names.length)
    expect((await submitEvaluation(deps, mia, task.id, values)).kind).toBe('not_open')
    const gap = await promotionGap(deps, await actor('eve'))
    expect(gap.kind === 'reports' && gap.reports[0]!.kind === 'report' && gap.reports[0]!.overall).toBe(100)
  })

  it('snoozes only one’s own task', async () => {
    const assignment = await first('trainingAssignment', (r) => r.employeeId === org.ids.eve)
    expect(await snooze(deps, await actor('tom'), { kind: 'training', id: assignment.id, mode: '1d' })).toEqual({ kind: 'refused' })
    const ok = await snooze(deps, await actor('eve'), { kind: 'training', id: assignment.id, mode: 'nwd' })
    // Monday 10:00 in Shanghai → Tuesday 09:00 Shanghai by default.
    expect(ok).toEqual({ kind: 'snoozed', until: new Date('2026-11-24T01:00:00Z') })
  })

  it('snoozes to the configured start of the next working day, skipping holidays', async () => {
    const assignment = await first('trainingAssignment', (r) => r.employeeId === org.ids.eve)
    const configured = {
      ...deps,
      settings: { ...deps.settings, workingHours: { startMinute: 8 * 60 + 30, endMinute: 18 * 60 }, holidays: new Set(['2026-11-24']) },
    }
    const result = await snooze(configured, await actor('eve'), { kind: 'training', id: assignment.id, mode: 'nwd' })
    expect(result).toEqual({ kind: 'snoozed', until: new Date('2026-11-25T00:30:00Z') })
  })
})
