// The reserve-cadre programme (examples/programmes/reserve-cadre.json): stages
// begin on time or when the previous one is done, create their tasks, and HR
// sees completion per stage. (The 360 stage's cycle in detail: programme-360.e2e.test.ts.)
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleAction } from '../../core/app/handle-action.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { markTrainingDone } from '../../core/features/gap/mark-training-done.js'
import { advanceProgrammes, programmeStatus, startProgramme } from '../../core/features/programmes/programme.js'
import { programmeStatusCard } from '../../core/features/programmes/programme-card.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'
import { giveTeamLeadStandard, leadAnswers } from './support/team-lead-standard.js'

const DAY = 86_400_000
const template = JSON.parse(readFileSync(new URL('../../examples/programmes/reserve-cadre.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>
let t: TestDb
let org: ReminderOrg
const start = new Date('2026-11-17T02:00:00Z')
const clock = fakeClock(start)

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  await giveTeamLeadStandard(t.db, [org.ids.eve, org.ids.tom])
})
afterAll(() => t.close())

const deps = () => reminderDeps(t.db, clock)
const stages = async () => (await t.db.programmeStage.findMany({ orderBy: { position: 'asc' } })).map((s) => [s.key, s.status])
const tasksOf = (kind: string) => t.db.evaluationTask.findMany({ where: { kind }, orderBy: { id: 'asc' } })
const completeEvaluations = (kind: string) =>
  t.db.evaluationTask.updateMany({ where: { kind }, data: { status: 'completed', completedAt: clock.now() } })

describe('programmes', () => {
  it('refuses non-HR, broken templates, unknown courses and unknown people', async () => {
    const d = deps()
    const hana = await actorFor(d, org.ids.hana)
    const emails = ['eve@r.test']
    expect(await startProgramme(d, await actorFor(d, org.ids.eve), { template, participantEmails: emails })).toEqual({ kind: 'refused' })
    expect(await startProgramme(d, hana, { template: { ...template, stages: [] }, participantEmails: emails })).toMatchObject({
      kind: 'invalid_template',
      problems: ['stages: Too small: expected array to have >=1 items'],
    })
    const stagesWithBadCourse = [{ key: 't', kind: 'training', name: { zh: '培训', en: 'Training' }, durationDays: 3, courses: ['XX-999'] }]
    expect(await startProgramme(d, hana, { template: { ...template, stages: stagesWithBadCourse }, participantEmails: emails })).toEqual({
      kind: 'unknown_courses',
      codes: ['XX-999'],
    })
    expect(await startProgramme(d, hana, { template, participantEmails: ['eve@r.test', 'ghost@r.test'] })).toEqual({
      kind: 'unknown_people',
      emails: ['ghost@r.test'],
    })
    expect(await startProgramme(d, hana, { template, participantEmails: [' '] })).toEqual({ kind: 'no_participants' })
    expect(await t.db.programme.count()).toBe(0)
  })

  it('runs the reserve-cadre programme stage by stage', async () => {
    const d = deps()
    const hana = await actorFor(d, org.ids.hana)
    const started = await startProgramme(d, hana, { template, participantEmails: ['eve@r.test', 'TOM@r.test'] })
    expect(started).toMatchObject({ kind: 'started', advance: { activated: 1, completed: 0, tasksCreated: 4 } })
    expect(await stages()).toEqual([
      ['training', 'active'],
      ['reflection', 'pending'],
      ['review-360', 'pending'],
      ['supervisor', 'pending'],
      ['result', 'pending'],
    ])
    const trainings = await t.db.trainingAssignment.findMany({ orderBy: { id: 'asc' } })
    expect(trainings.map((a) => [a.employeeId, a.courseId, a.source, a.dueAt?.getTime()])).toEqual([
      [org.ids.eve, org.courses.MG201, 'programme', start.getTime() + 30 * DAY],
      [org.ids.eve, org.courses.MG101, 'programme', start.getTime() + 30 * DAY],
      [org.ids.tom, org.courses.MG201, 'programme', start.getTime() + 30 * DAY],
      [org.ids.tom, org.courses.MG101, 'programme', start.getTime() + 30 * DAY],
    ])
    // The engine nags the new tasks like any other: the first notice comes with the next sweep.
    const sweep = await runReminderSweep(d, {
      policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 },
      platforms: ['slack', 'feishu'],
      holder: 't',
    })
    expect(sweep).toMatchObject({ kind: 'swept', enqueued: 1 }) // Eve in Shanghai; it is 2 a.m. for Tom in New York
    expect(await advanceProgrammes(d)).toEqual({ activated: 0, completed: 0, tasksCreated: 0 })

    // Both finish their training early: the reflection begins at once, due when the calendar says (day 37).
    clock.advance(10 * DAY)
    for (const [who, id] of [
      ['eve', org.ids.eve],
      ['tom', org.ids.tom],
    ] as const) {
      for (const a of trainings.filter((x) => x.employeeId === id))
        expect((await markTrainingDone(d, await actorFor(d, id), { assignmentId: a.id })).kind, who).toBe('completed')
    }
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 1, tasksCreated: 2 })
    expect((await tasksOf('reflection')).map((x) => [x.assigneeId, x.subjectId, x.dueAt?.getTime()])).toEqual([
      [org.ids.eve, org.ids.eve, start.getTime() + 37 * DAY],
      [org.ids.tom, org.ids.tom, start.getTime() + 37 * DAY],
    ])

    // Nobody hands in a reflection; the 360 begins all the same when its planned start arrives (day 37).
    clock.set(new Date(start.getTime() + 37 * DAY))
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 0, tasksCreated: 6 })
    const raters = await tasksOf('rating_360')
    expect(raters.map((x) => [x.subjectId, x.assigneeId])).toEqual([
      [org.ids.eve, org.ids.mia],
      [org.ids.eve, org.ids.tom],
      [org.ids.eve, org.ids.nia],
      [org.ids.tom, org.ids.mia],
      [org.ids.tom, org.ids.eve],
      [org.ids.tom, org.ids.nia],
    ])

    await completeEvaluations('reflection')
    // Each rater answers the 360 from the form their task opens.
    for (const task of raters) {
      const reply = await handleAction(d, await actorFor(d, task.assigneeId), {
        sender: { platform: 'cli', tenant: 'local', userId: String(task.assigneeId) },
        surface: { kind: 'direct' },
        actionId: 'submit_form',
        value: `feedback:task:${task.id}`,
        values: leadAnswers(4),
      })
      expect(partsOf(reply).notice?.tone).toBe('success')
    }
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 2, tasksCreated: 2 })
    expect((await tasksOf('supervisor_evaluation')).map((x) => [x.assigneeId, x.subjectId])).toEqual([
      [org.ids.mia, org.ids.eve],
      [org.ids.mia, org.ids.tom],
    ])
    await completeEvaluations('supervisor_evaluation')
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 2, tasksCreated: 0 })
    expect((await stages()).every(([, status]) => status === 'completed')).toBe(true)
    expect((await t.db.programme.findFirstOrThrow()).status).toBe('completed')
  })

  it('shows HR completion per stage', async () => {
    const d = deps()
    expect(await programmeStatus(d, await actorFor(d, org.ids.tom))).toEqual({ kind: 'refused' })
    const status = await programmeStatus(d, await actorFor(d, org.ids.hana))
    if (status.kind !== 'status') throw new Error(status.kind)
    expect(status.programmes[0]!.stages.map((s) => [s.name.en, s.done, s.total])).toEqual([
      ['Training', 4, 4],
      ['Learning reflection', 2, 2],
      ['360° review', 6, 6],
      ['Supervisor evaluation', 2, 2],
      ['Result applied', 0, 0],
    ])
    const card = programmeStatusCard(status, 'en', 'Asia/Shanghai')
    expect(card.fallback.split('\n')).toEqual([
      'Reserve cadre programme (#1)',
      'Started Nov 17, 2026 · completed',
      'Training: 100% (4/4 done · completed Nov 27, 2026)',
      'Learning reflection: 100% (2/2 done · completed Dec 24, 2026)',
      '360° review: 100% (6/6 answered · completed Dec 24, 2026)',
      'Supervisor evaluation: 100% (2/2 done · completed Dec 24, 2026)',
      'Result applied: 100% (nothing to do · completed Dec 24, 2026)',
    ])
  })
})
