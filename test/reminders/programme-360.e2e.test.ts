// A programme's 360 stage runs as a real 360 cycle: launched as the stage begins
// (raters chosen by the programme, straight to collecting, cards delivered), its
// rating_360 tasks are the stage's tasks, answered through the 360 form, and the
// stage ends when everyone has answered or the cycle closes at the stage's due date.
// Launching is part of the stage's activation: twice, or from two clients at once, is one cycle.

import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleAction } from '../../core/app/handle-action.js'
import type { LadderDeps } from '../../core/app/store.js'
import { markTrainingDone } from '../../core/features/gap/mark-training-done.js'
import { type AdvanceProgrammesResult as AdvanceResult, advanceProgrammes, startProgramme } from '../../core/features/programmes/index.js'
import { stageCycleName } from '../../core/features/programmes/programme-cycle.js'
import { ratersFor } from '../../core/features/programmes/programme-stages.js'
import { type ProgrammeTemplate, parseProgrammeTemplate } from '../../core/features/programmes/programme-template.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb, testStore } from '../support/db.js'
import type { memoryLogger } from '../support/deps.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'
import { giveTeamLeadStandard, leadAnswers } from './support/team-lead-standard.js'

const DAY = 86_400_000
const advancer = new URL('./support/programme-advancer.ts', import.meta.url).pathname
const reserveCadre = JSON.parse(
  readFileSync(new URL('../../examples/programmes/reserve-cadre.json', import.meta.url), 'utf8'),
) as ProgrammeTemplate
const start = new Date('2026-11-17T02:00:00Z')
const clock = fakeClock(start)
let t: TestDb
let org: ReminderOrg
let sent: Delivery[] = []

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  await giveTeamLeadStandard(t.db, [org.ids.eve, org.ids.tom])
})
afterAll(() => t.close())

const deps = (): LadderDeps & { log: ReturnType<typeof memoryLogger> } => ({
  ...reminderDeps(t.db, clock),
  deliver: async (d) => void sent.push(...d),
})

/** A 360 stage of `days`, then the supervisor's evaluation. */
const short360 = (code: string, days: number, raters: Partial<ProgrammeTemplate['raters360']> = {}) => ({
  code,
  name: { zh: '快速测评', en: 'Quick review' },
  raters360: { manager: true, peers: 3, reports: 3, ...raters },
  stages: [
    { key: 'review', kind: 'rating_360', name: { zh: '360 测评', en: '360 review' }, durationDays: days },
    { key: 'supervisor', kind: 'supervisor_evaluation', name: { zh: '上级评价', en: 'Supervisor evaluation' }, durationDays: 7 },
  ],
})

/** A click or form submission from chat, through core's action handler like every platform. */
async function act(
  employeeId: number,
  actionId: 'submit_form' | 'open_form' | 'evaluation_done',
  value: string,
  values?: Record<string, string>,
) {
  const d = deps()
  return handleAction(d, await actorFor(d, employeeId), {
    sender: { platform: 'cli', tenant: 'local', userId: String(employeeId) },
    surface: { kind: 'direct' },
    actionId,
    value,
    ...(values ? { values } : {}),
  })
}

async function start360(template: unknown, emails: string[], startAt?: Date, d = deps()) {
  const started = await startProgramme(d, await actorFor(d, org.ids.hana), {
    template,
    participantEmails: emails,
    ...(startAt ? { startAt } : {}),
  })
  if (started.kind !== 'started') throw new Error(started.kind)
  return started.programme
}

/** advanceProgrammes in a process of its own (its own connection to the SQLite file). */
function advanceInProcess(holder: string, at: Date): Promise<AdvanceResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', advancer, t.url, holder, at.toISOString()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as AdvanceResult)
        : reject(new Error(`${holder} exited ${code}: ${err}`)),
    )
  })
}

/** The stage's linked tasks and the cycle their requests belong to. */
async function stageCycle(programmeId: number, key: string) {
  const stage = await t.db.programmeStage.findFirstOrThrow({
    where: { programmeId, key },
    include: { tasks: { orderBy: { taskId: 'asc' } } },
  })
  const requests = await t.db.feedbackRequest.findMany({
    where: { taskId: { in: stage.tasks.map((x) => x.taskId) } },
    include: { feedbackSubject: true },
    orderBy: { id: 'asc' },
  })
  const cycleIds = [...new Set(requests.map((r) => r.feedbackSubject.cycleId))]
  return { stage, requests, cycleIds }
}

describe('a programme 360 stage', () => {
  it('launches one collecting cycle when the stage begins; raters answer from their form; the stage ends when all have answered', async () => {
    const programme = await start360(reserveCadre, ['eve@r.test', 'tom@r.test'])
    const d = deps()
    // Training and reflection done early: the 360 begins at once.
    clock.advance(3 * DAY)
    for (const a of await t.db.trainingAssignment.findMany({ where: { source: 'programme' } })) {
      expect((await markTrainingDone(d, await actorFor(d, a.employeeId), { assignmentId: a.id })).kind).toBe('completed')
    }
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 1, tasksCreated: 2 })
    for (const task of await t.db.evaluationTask.findMany({ where: { kind: 'reflection' } })) {
      expect(partsOf(await act(task.assigneeId, 'submit_form', `reflection:${task.id}`, { text: 'What I learned.' })).notice?.tone).toBe(
        'success',
      )
    }
    sent = []
    clock.advance(DAY)
    const begun = clock.now()
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 1, tasksCreated: 6 })

    // One cycle for both participants, HR's, collecting until the stage's planned due date (day 37 + 14).
    const { stage, requests, cycleIds } = await stageCycle(programme.id, 'review-360')
    expect(cycleIds).toHaveLength(1)
    const cycle = await t.db.feedbackCycle.findUniqueOrThrow({
      where: { id: cycleIds[0]! },
      include: { subjects: { orderBy: { employeeId: 'asc' } } },
    })
    expect(cycle).toMatchObject({
      name: '后备干部培养 · 360 民主测评 / Reserve cadre programme · 360° review',
      stage: 'collecting',
      perspectives: 'manager,peer,report',
      createdById: org.ids.hana,
      opensAt: begun,
      closesAt: new Date(programme.startedAt.getTime() + 51 * DAY),
    })
    expect(stage.dueAt).toEqual(cycle.closesAt)
    expect(
      cycle.subjects.map((s) => [s.employeeId, s.managerId, JSON.parse(s.questionnaire).map((q: { code: string }) => q.code)]),
    ).toEqual([
      [org.ids.eve, org.ids.mia, ['leadership', 'collaboration']],
      [org.ids.tom, org.ids.mia, ['leadership', 'collaboration']],
    ])

    // The raters are ratersFor's, each asked from their perspective, nominated by nobody but HR.
    const everyone = await d.store.employees.allActive()
    const template = parseProgrammeTemplate(reserveCadre)
    if (template.kind !== 'ok') throw new Error('demo template')
    const expected = [org.ids.eve, org.ids.tom].flatMap((id) =>
      ratersFor(everyone.find((e) => e.id === id)!, everyone, template.template.raters360).map((r) => [
        id,
        r.rater.id,
        r.perspective,
        'open',
        org.ids.hana,
      ]),
    )
    expect(expected).toHaveLength(6)
    expect(requests.map((r) => [r.feedbackSubject.employeeId, r.raterId, r.perspective, r.status, r.nominatedById])).toEqual(expected)
    expect(expected.map((e) => e[2])).toEqual(['manager', 'peer', 'peer', 'manager', 'peer', 'peer'])

    // The stage's tasks are exactly the requests' rating_360 tasks, due with the stage.
    const tasks = await t.db.evaluationTask.findMany({ where: { id: { in: stage.tasks.map((x) => x.taskId) } }, orderBy: { id: 'asc' } })
    expect(tasks.map((x) => x.id)).toEqual(requests.map((r) => r.taskId))
    expect(tasks.every((x) => x.kind === 'rating_360' && x.status === 'open' && x.dueAt?.getTime() === stage.dueAt?.getTime())).toBe(true)
    expect(stage.tasks.map((x) => [x.participantId, x.taskKind])).toEqual(requests.map((r) => [r.feedbackSubject.employeeId, 'evaluation']))

    // Every rater got their card, once; nobody was asked to nominate.
    expect(sent.map((s) => [s.purpose, s.recipientId, s.key])).toEqual(requests.map((r) => ['rate', r.raterId, `feedback:rate:${r.id}`]))
    expect(await t.db.auditLog.count({ where: { action: 'feedback.launch', entityId: String(cycle.id), actorId: org.ids.hana } })).toBe(1)

    // Someone else's task is refused; answers come through the task or the request, as chat sends them.
    const [first, ...rest] = requests
    expect(partsOf(await act(org.ids.boss, 'submit_form', `feedback:task:${first!.taskId}`, leadAnswers(4))).notice?.tone).toBe('error')
    expect(partsOf(await act(first!.raterId, 'submit_form', `feedback:task:${first!.taskId}`, leadAnswers(4))).notice?.tone).toBe('success')
    expect(partsOf(await act(rest[0]!.raterId, 'submit_form', `feedback:${rest[0]!.id}`, leadAnswers(3))).notice?.tone).toBe('success')
    expect(await t.db.evaluationTask.count({ where: { id: { in: [first!.taskId!, rest[0]!.taskId!] }, status: 'completed' } })).toBe(2)

    // The reminder engine still owes a reminder to exactly those who have not answered.
    const owed = (await d.store.reminders.snapshot()).evaluations.filter((x) => x.kind === 'rating_360').map((x) => x.id)
    expect(owed).toEqual(rest.slice(1).map((r) => r.taskId))
    expect(await advanceProgrammes(d)).toEqual({ activated: 0, completed: 0, tasksCreated: 0 })

    for (const r of rest.slice(1))
      expect(partsOf(await act(r.raterId, 'submit_form', `feedback:task:${r.taskId}`, leadAnswers(5))).notice?.tone).toBe('success')
    sent = []
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 1, tasksCreated: 2 })
    // The cycle closed with the stage: results recorded (two peers stay hidden, below 3), the manager has the reports.
    expect((await t.db.feedbackCycle.findUniqueOrThrow({ where: { id: cycle.id } })).stage).toBe('closed')
    expect(await t.db.assessment.count({ where: { source: '360', employeeId: { in: [org.ids.eve, org.ids.tom] } } })).toBe(4)
    expect(sent.filter((s) => s.purpose === 'report').map((s) => s.recipientId)).toEqual([org.ids.mia, org.ids.mia])
    expect(
      (await t.db.programmeStage.findMany({ where: { programmeId: programme.id }, orderBy: { position: 'asc' } })).map((s) => [
        s.key,
        s.status,
      ]),
    ).toEqual([
      ['training', 'completed'],
      ['reflection', 'completed'],
      ['review-360', 'completed'],
      ['supervisor', 'active'],
      ['result', 'pending'],
    ])
    expect(await advanceProgrammes(d)).toEqual({ activated: 0, completed: 0, tasksCreated: 0 })
    expect(await t.db.feedbackCycle.count()).toBe(1)
  })

  it('closes the cycle at the stage due date: whoever has not answered is let off, and the next stage begins', async () => {
    const d = deps()
    const programme = await start360(short360('due-date', 2), ['eve@r.test'])
    const { requests, cycleIds } = await stageCycle(programme.id, 'review')
    expect(requests.map((r) => [r.raterId, r.perspective])).toEqual([
      [org.ids.mia, 'manager'],
      [org.ids.tom, 'peer'],
      [org.ids.nia, 'peer'],
    ])
    expect(partsOf(await act(org.ids.mia, 'submit_form', `feedback:${requests[0]!.id}`, leadAnswers(4))).notice?.tone).toBe('success')
    clock.advance(DAY)
    expect(await advanceProgrammes(d)).toEqual({ activated: 0, completed: 0, tasksCreated: 0 })

    clock.advance(DAY)
    expect(await advanceProgrammes(d)).toEqual({ activated: 1, completed: 1, tasksCreated: 1 })
    expect((await t.db.feedbackCycle.findUniqueOrThrow({ where: { id: cycleIds[0]! } })).stage).toBe('closed')
    expect(
      (await t.db.feedbackRequest.findMany({ where: { id: { in: requests.map((r) => r.id) } }, orderBy: { id: 'asc' } })).map(
        (r) => r.status,
      ),
    ).toEqual(['submitted', 'expired', 'expired'])
    expect(
      (await t.db.evaluationTask.findMany({ where: { id: { in: requests.map((r) => r.taskId!) } }, orderBy: { id: 'asc' } })).map(
        (x) => x.status,
      ),
    ).toEqual(['completed', 'cancelled', 'cancelled'])
    // Too late to answer now.
    expect(partsOf(await act(org.ids.tom, 'submit_form', `feedback:task:${requests[1]!.taskId}`, leadAnswers(4))).notice?.tone).toBe(
      'error',
    )
    expect((await t.db.programmeStage.findFirstOrThrow({ where: { programmeId: programme.id, key: 'supervisor' } })).status).toBe('active')
  })

  it('launches one cycle when two processes advance at once, and delivers through the outbox without a delivery wired', async () => {
    const at = new Date(clock.now().getTime() + DAY)
    const programme = await start360(short360('two-processes', 5, { self: true }), ['tom@r.test'], at)
    expect(await t.db.programmeStage.findFirstOrThrow({ where: { programmeId: programme.id, key: 'review' } })).toMatchObject({
      status: 'pending',
    })
    clock.set(at)
    const results = await Promise.all([advanceInProcess('process-a', at), advanceInProcess('process-b', at)])
    expect(results.map((r) => r.activated).sort()).toEqual([0, 1])
    expect(results.reduce((n, r) => n + r.tasksCreated, 0)).toBe(4)
    const { stage, requests, cycleIds } = await stageCycle(programme.id, 'review')
    expect(cycleIds).toHaveLength(1)
    expect(stage.tasks).toHaveLength(4)
    // The template asks for self ratings too: the participant is a rater of their own.
    expect(requests.map((r) => [r.raterId, r.perspective])).toEqual([
      [org.ids.tom, 'self'],
      [org.ids.mia, 'manager'],
      [org.ids.eve, 'peer'],
      [org.ids.nia, 'peer'],
    ])
    expect((await t.db.feedbackCycle.findUniqueOrThrow({ where: { id: cycleIds[0]! } })).perspectives).toBe('self,manager,peer,report')
    // One card each in the outbox; Nia has no chat account to send hers to.
    const cards = await t.db.outboxMessage.findMany({
      where: { idempotencyKey: { in: requests.map((r) => `feedback:rate:${r.id}`) } },
      orderBy: { id: 'asc' },
    })
    expect(cards.map((c) => c.employeeId)).toEqual([org.ids.tom, org.ids.mia, org.ids.eve])
    expect(await advanceProgrammes(deps())).toEqual({ activated: 0, completed: 0, tasksCreated: 0 })
    expect((await stageCycle(programme.id, 'review')).cycleIds).toEqual(cycleIds)
  })

  it('launches one cycle when one process advances twice at once', async () => {
    const at = new Date(clock.now().getTime() + DAY)
    const programme = await start360(short360('same-process', 5), ['eve@r.test'], at)
    clock.set(at)
    const results = await Promise.all([advanceProgrammes(deps()), advanceProgrammes(deps())])
    expect(results.map((r) => r.activated).sort()).toEqual([0, 1])
    expect((await stageCycle(programme.id, 'review')).cycleIds).toHaveLength(1)
  })

  it('leaves no trace of a launch that fails half-way: the stage stays pending and the next run launches it', async () => {
    const at = new Date(clock.now().getTime() + DAY)
    const programme = await start360(short360('half-way', 5), ['eve@r.test'], at)
    clock.set(at)
    const cycles = await t.db.feedbackCycle.count()
    // A crash half-way: the database refuses the raters' tasks after the cycle and its requests were written.
    if (testStore() === 'postgres') {
      // The same refusal as SQLite's RAISE(ABORT) in a trigger, which reaches Prisma as a constraint violation (P2003).
      await t.db.$executeRawUnsafe(
        `CREATE FUNCTION no_rating_tasks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full' USING ERRCODE = 'foreign_key_violation'; END $$`,
      )
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER no_rating_tasks BEFORE INSERT ON "EvaluationTask" FOR EACH ROW WHEN (NEW."kind" = 'rating_360') EXECUTE FUNCTION no_rating_tasks()`,
      )
    } else {
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER no_rating_tasks BEFORE INSERT ON "EvaluationTask" WHEN NEW."kind" = 'rating_360' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      )
    }
    try {
      await expect(advanceProgrammes(deps())).rejects.toThrow(/evaluationTask.create/)
    } finally {
      if (testStore() === 'postgres') {
        await t.db.$executeRawUnsafe('DROP TRIGGER no_rating_tasks ON "EvaluationTask"')
        await t.db.$executeRawUnsafe('DROP FUNCTION no_rating_tasks()')
      } else {
        await t.db.$executeRawUnsafe('DROP TRIGGER no_rating_tasks')
      }
    }
    expect(await t.db.feedbackCycle.count()).toBe(cycles)
    expect(await t.db.programmeStage.findFirstOrThrow({ where: { programmeId: programme.id, key: 'review' } })).toMatchObject({
      status: 'pending',
      startedAt: null,
    })
    expect(await advanceProgrammes(deps())).toEqual({ activated: 1, completed: 0, tasksCreated: 3 })
    expect(await t.db.feedbackCycle.count()).toBe(cycles + 1)
  })

  it('asks nobody about a participant without raters or without a standard, and the stage completes at once', async () => {
    const d = deps()
    const cycles = await t.db.feedbackCycle.count()
    // Hana has no manager and no reports; Nia has raters but no job, so nothing to rate her against.
    const programme = await start360(
      { ...short360('nobody', 3), stages: short360('nobody', 3).stages.slice(0, 1) },
      ['hana@r.test', 'nia@r.test'],
      undefined,
      d,
    )
    expect(await t.db.feedbackCycle.count()).toBe(cycles)
    expect(await t.db.programme.findUniqueOrThrow({ where: { id: programme.id } })).toMatchObject({ status: 'completed' })
    expect(d.log.lines.filter((l) => l.level === 'warn').map((l) => l.obj)).toEqual([
      { programmeId: programme.id, stageId: expect.any(Number), employeeId: org.ids.nia },
    ])
  })
})

describe('the 360 stage in the template', () => {
  it('takes a self flag, off by default, and needs at least a day', () => {
    const parsed = parseProgrammeTemplate(reserveCadre)
    expect(parsed.kind === 'ok' && parsed.template.raters360).toEqual({ manager: true, peers: 3, reports: 3, self: false })
    const { raters360: _omitted, ...withoutRaters } = reserveCadre
    const defaulted = parseProgrammeTemplate(withoutRaters)
    expect(defaulted.kind === 'ok' && defaulted.template.raters360.self).toBe(false)
    expect(parseProgrammeTemplate(short360('zero', 0))).toEqual({
      kind: 'invalid',
      problems: ['stages.0.durationDays: a 360 stage needs at least one day'],
    })
    expect(parseProgrammeTemplate(short360('odd', 3, { self: 'yes' as unknown as boolean })).kind).toBe('invalid')
  })

  it('names the cycle after the programme and the stage in both languages, within the cycle name limit', () => {
    expect(stageCycleName({ zh: '培养', en: 'Programme' }, { zh: '测评', en: 'Review' })).toBe('培养 · 测评 / Programme · Review')
    expect(stageCycleName({ zh: 'Pilot', en: 'Pilot' }, { zh: '360', en: '360' })).toBe('Pilot · 360')
    const long = stageCycleName({ zh: '长'.repeat(80), en: 'L'.repeat(80) }, { zh: '段', en: 'Stage' })
    expect(long).toHaveLength(100)
    expect(long.endsWith('…')).toBe(true)
  })
})
