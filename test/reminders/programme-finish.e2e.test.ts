// Issue 16, programme gaps: progress counts only what was done, stage dates follow
// the template's calendar whatever the sweep does, the reflection stage collects
// text, the result stage produces each participant's record (培养档案).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleAction } from '../../core/app/handle-action.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import type { LadderDeps } from '../../core/app/store.js'
import { markTrainingDone } from '../../core/features/gap/index.js'
import {
  advanceProgrammes,
  programmeRecords,
  programmeRecordsCard,
  programmeStatus,
  startProgramme,
} from '../../core/features/programmes/index.js'
import { programmeStatusCard } from '../../core/features/programmes/programme-card.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb } from '../support/db.js'
import type { memoryLogger } from '../support/deps.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'
import { giveTeamLeadStandard, leadAnswers } from './support/team-lead-standard.js'

const DAY = 86_400_000
const reserveCadre = JSON.parse(readFileSync(new URL('../../examples/programmes/reserve-cadre.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>
const start = new Date('2026-11-17T02:00:00Z')
const clock = fakeClock(start)
let t: TestDb
let org: ReminderOrg

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  await giveTeamLeadStandard(t.db, [org.ids.eve, org.ids.tom])
})
afterAll(() => t.close())

let sent: Delivery[] = []
const deps = (): LadderDeps & { log: ReturnType<typeof memoryLogger> } => ({
  ...reminderDeps(t.db, clock),
  deliver: async (d) => void sent.push(...d),
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

async function startAs(template: unknown, emails: string[], startAt?: Date) {
  const d = deps()
  const started = await startProgramme(d, await actorFor(d, org.ids.hana), {
    template,
    participantEmails: emails,
    ...(startAt ? { startAt } : {}),
  })
  if (started.kind !== 'started') throw new Error(started.kind)
  return started.programme
}

const sweep = (d: LadderDeps) =>
  runReminderSweep(d, { policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 }, platforms: ['slack', 'feishu'], holder: 'finish' })

describe('programme progress', () => {
  it('does not count an expired 360 request as done: 0/3 answered, 3 expired', async () => {
    clock.set(start)
    const programme = await startAs(
      {
        code: 'expiring',
        name: { zh: '快速测评', en: 'Quick review' },
        stages: [{ key: 'review', kind: 'rating_360', name: { zh: '360 测评', en: '360 review' }, durationDays: 2 }],
      },
      ['eve@r.test'],
    )
    clock.advance(2 * DAY)
    expect(await advanceProgrammes(deps())).toMatchObject({ completed: 1 })
    const d = deps()
    const status = await programmeStatus(d, await actorFor(d, org.ids.hana), { programmeId: programme.id })
    if (status.kind !== 'status') throw new Error(status.kind)
    expect(status.programmes[0]!.stages.map((s) => [s.done, s.expired, s.open, s.total])).toEqual([[0, 3, 0, 3]])
    const lines = programmeStatusCard(status, 'en', 'Asia/Shanghai').fallback.split('\n')
    expect(lines[2]).toBe('360 review: 0% (0/3 answered, 3 expired · completed Nov 19, 2026)')
    expect(programmeStatusCard(status, 'zh-CN', 'Asia/Shanghai').fallback).toContain('0/3 已答, 3 已过期')
  })
})

describe('programme calendar', () => {
  it('keeps the template calendar when sweeps are skipped for days: a late stage is due when planned', async () => {
    clock.set(start)
    const programme = await startAs(reserveCadre, ['eve@r.test'], start)
    const due = (offsetDays: number) => start.getTime() + offsetDays * DAY
    // No sweep runs from day 0 to day 33: the reflection was planned for day 30, due day 37.
    clock.set(new Date(due(33)))
    const d = deps()
    const swept = await sweep(d)
    expect(swept).toMatchObject({ kind: 'swept', programmes: { activated: 1 } })
    const stages = await t.db.programmeStage.findMany({ where: { programmeId: programme.id }, orderBy: { position: 'asc' } })
    expect(stages.map((s) => [s.key, s.status, s.plannedStartAt.getTime(), s.dueAt?.getTime() ?? null])).toEqual([
      ['training', 'active', due(0), due(30)],
      ['reflection', 'active', due(30), due(37)],
      ['review-360', 'pending', due(37), null],
      ['supervisor', 'pending', due(51), null],
      ['result', 'pending', due(58), null],
    ])
    const reflections = await t.db.programmeTask.findMany({ where: { stageId: stages[1]!.id } })
    const tasks = await t.db.evaluationTask.findMany({ where: { id: { in: reflections.map((r) => r.taskId) } } })
    expect(tasks.map((x) => x.dueAt?.getTime())).toEqual([due(37)])
    // Skipped again until day 60: the 360 and the supervisor's stage catch up on their planned dates.
    clock.set(new Date(due(60)))
    await sweep(deps())
    const later = await t.db.programmeStage.findMany({ where: { programmeId: programme.id }, orderBy: { position: 'asc' } })
    expect(later.map((s) => [s.key, s.dueAt?.getTime() ?? null])).toEqual([
      ['training', due(30)],
      ['reflection', due(37)],
      ['review-360', due(51)],
      ['supervisor', due(58)],
      ['result', due(58)],
    ])
  })
})

describe('the reflection and result stages', () => {
  it("collects each reflection in a form, and the result stage gives HR every participant's record, in chat and as an export", async () => {
    clock.set(start)
    const template = { ...reserveCadre, code: 'cadre-records', targetJob: 'TL1' }
    const programme = await startAs(template, ['eve@r.test', 'tom@r.test'], start)
    const d = deps()
    for (const a of await t.db.trainingAssignment.findMany({
      where: { source: 'programme', employeeId: { in: [org.ids.eve, org.ids.tom] }, status: { not: 'completed' } },
    }))
      expect((await markTrainingDone(d, await actorFor(d, a.employeeId), { assignmentId: a.id })).kind).toBe('completed')
    clock.advance(DAY)
    await advanceProgrammes(d)
    const stageOf = async (key: string) =>
      t.db.programmeStage.findFirstOrThrow({ where: { programmeId: programme.id, key }, include: { tasks: true } })
    const reflections = await t.db.evaluationTask.findMany({
      where: { id: { in: (await stageOf('reflection')).tasks.map((x) => x.taskId) } },
      orderBy: { assigneeId: 'asc' },
    })
    expect(reflections.map((x) => x.assigneeId)).toEqual([org.ids.eve, org.ids.tom])
    const [eveTask, tomTask] = reflections as [(typeof reflections)[number], (typeof reflections)[number]]

    // The reminder sweep nags it with a button that opens the form; the old "Done" button opens the form too.
    sent = []
    await sweep(d)
    const notices = (await t.db.outboxMessage.findMany()).map((m) => m.card)
    expect(notices.some((card) => card.includes(`"reflection:${eveTask.id}"`))).toBe(true)
    const opened = await act(org.ids.eve, 'open_form', `reflection:${eveTask.id}`)
    expect(opened).toMatchObject({
      kind: 'form',
      form: { key: `reflection:${eveTask.id}`, fields: [{ type: 'text', name: 'text', multiline: true }] },
    })
    expect(await act(org.ids.eve, 'evaluation_done', String(eveTask.id))).toMatchObject({ kind: 'form' })
    // Nobody writes someone else's; an empty one is sent back; a written one is kept and the task is done.
    expect(partsOf(await act(org.ids.tom, 'submit_form', `reflection:${eveTask.id}`, { text: 'not mine' })).notice?.tone).toBe('error')
    expect(await act(org.ids.eve, 'submit_form', `reflection:${eveTask.id}`, { text: '   ' })).toMatchObject({
      kind: 'form_errors',
      errors: { text: expect.any(String) },
    })
    const eveText = '=HYPERLINK("x") I learned to delegate and to give feedback early.'
    expect(partsOf(await act(org.ids.eve, 'submit_form', `reflection:${eveTask.id}`, { text: eveText })).notice?.tone).toBe('success')
    expect((await t.db.evaluationTask.findUniqueOrThrow({ where: { id: eveTask.id } })).status).toBe('completed')
    expect(await t.db.programmeReflection.findUniqueOrThrow({ where: { taskId: eveTask.id } })).toMatchObject({
      employeeId: org.ids.eve,
      text: eveText,
    })
    // Tom's is still owed: still reminded, the stage still open.
    expect((await t.db.evaluationTask.findUniqueOrThrow({ where: { id: tomTask.id } })).status).toBe('open')
    expect((await stageOf('reflection')).status).toBe('active')
    expect(
      partsOf(await act(org.ids.tom, 'submit_form', `reflection:${tomTask.id}`, { text: 'Planning and one-to-ones.' })).notice?.tone,
    ).toBe('success')
    expect(await advanceProgrammes(d)).toMatchObject({ activated: 1, completed: 1 })

    // The 360: everyone asked about Eve answers; about Tom nobody does. Then the supervisor rates both.
    const raters = await t.db.evaluationTask.findMany({
      where: { id: { in: (await stageOf('review-360')).tasks.map((x) => x.taskId) } },
      orderBy: { id: 'asc' },
    })
    for (const task of raters.filter((x) => x.subjectId === org.ids.eve))
      expect(partsOf(await act(task.assigneeId, 'submit_form', `feedback:task:${task.id}`, leadAnswers(4))).notice?.tone).toBe('success')
    clock.set(new Date(start.getTime() + 51 * DAY))
    await advanceProgrammes(d)
    for (const task of await t.db.evaluationTask.findMany({
      where: { id: { in: (await stageOf('supervisor')).tasks.map((x) => x.taskId) } },
    }))
      expect(partsOf(await act(task.assigneeId, 'submit_form', `evaluation:${task.id}`, leadAnswers(5))).notice?.tone).toBe('success')
    sent = []
    await advanceProgrammes(d)
    expect((await t.db.programme.findUniqueOrThrow({ where: { id: programme.id } })).status).toBe('completed')

    // The result stage sent HR (who started it) the records card.
    expect(sent.map((x) => [x.recipientId, x.purpose])).toEqual([[org.ids.hana, 'programme_records']])
    expect(sent[0]!.card.fallback).toContain('伊娃 | 2/2 | ✓ | 4.00/5 · 3/3 已答')

    expect(await programmeRecords(d, await actorFor(d, org.ids.eve), { programme: programme.id })).toEqual({ kind: 'refused' })
    const result = await programmeRecords(d, await actorFor(d, org.ids.hana), { programme: 'cadre-records' })
    if (result.kind !== 'records') throw new Error(result.kind)
    const [eve, tom] = result.records
    expect(eve).toMatchObject({
      participant: { id: org.ids.eve },
      reflection: { status: 'completed', text: eveText },
      // Two peers answered, below the threshold of three: only the manager's answer is shown (the 360's anonymity rule).
      feedback: { asked: 3, answered: 3, overall: 4, responses: 1 },
      supervisor: {
        status: 'completed',
        ratings: [
          { name: { en: 'Leadership' }, rating: 5 },
          { name: { en: 'Collaboration' }, rating: 5 },
        ],
      },
      readiness: { kind: 'report', target: { code: 'TL1' } },
    })
    expect(eve!.trainings.map((x) => [x.course.code, x.status])).toEqual([
      ['MG-201', 'completed'],
      ['MG-101', 'completed'],
    ])
    // Nobody answered about Tom: no aggregate is shown, only how many were asked.
    expect(tom).toMatchObject({
      reflection: { text: 'Planning and one-to-ones.' },
      feedback: { asked: 3, answered: 0, overall: null, dimensions: [] },
    })
    // Anonymity: the record never names a rater.
    expect(JSON.stringify(result.records.map((r) => r.feedback))).not.toMatch(/Mia|Nia|raterId/)
    const card = programmeRecordsCard(result, 'zh-CN', 'Asia/Shanghai')
    expect(card.fallback).toContain('培养档案')
    expect(card.fallback).toContain('3/3 已答')

    // The export: CSV (a formula-like reflection is written as text) and JSON.
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', 'programme', 'export', ...args], {
        cwd: new URL('../..', import.meta.url).pathname,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: t.url, LADDER_DEMO: 'false' },
        timeout: 60_000,
      })
    const csv = cli('cadre-records', '--csv', '--as', 'hana@r.test', '--lang', 'en')
    expect(csv.status, csv.stderr).toBe(0)
    const lines = csv.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(lines[0]).toMatch(/^programme_id,programme,email,name,trainings_done,trainings,reflection_status,reflection,/)
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") I learned`)
    expect(lines[2]).toContain('tom@r.test')
    const json = cli(String(programme.id), '--json', '--as', 'hana@r.test')
    expect(json.status, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({
      kind: 'records',
      records: [{ participant: { email: 'eve@r.test' } }, { participant: { email: 'tom@r.test' } }],
    })
    expect(cli('cadre-records', '--csv', '--as', 'eve@r.test').status).toBe(1)
  }, 120_000)
})
