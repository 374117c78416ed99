// Recurring duties end to end on a real SQLite file: a daily duty ("daily@18:00",
// a number as evidence) owed by a team leader role held by Eve (Shanghai, Slack)
// and Tom (New York, Feishu), swept hourly over a simulated week and a half.
// Exactly one check-in per person per working day in their zone, reminders until
// submitted, escalation to the manager then HR, the last one marked urgent (加急)
// through the real Lark SDK against the fake Feishu only when enabled, and the
// manager's compliance view matching the submissions. Then a course material
// reminded to its provider until it is marked provided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeishuClient } from '../../adapters/feishu/client.js'
import { createFeishuApi } from '../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../../adapters/feishu/messenger.js'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { handleAction } from '../../core/app/handle-action.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { dutyCompliance } from '../../core/features/duties/index.js'
import { myTasks } from '../../core/features/tasks/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { createMessengerRegistry, type Messenger, type MessengerRegistry } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../../core/kernel/reminder-options.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { actorFor, buildReminderOrg, FEISHU_TENANT, fakeClock, type ReminderOrg, reminderDeps } from '../reminders/support/reminder-org.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const HOURLY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 }
const PLATFORMS = ['slack', 'feishu'] as const
const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' }
const fast = { perDestination: { count: 100, intervalMs: 1000 }, overall: [{ count: 100, intervalMs: 1000 }] }
const delivery: DeliveryOptions = {
  rates: { slack: fast, feishu: fast, web: fast },
  maxAttempts: 3,
  baseBackoffMs: 10,
  maxBackoffMs: 100,
  leaseMs: 60_000,
  batchSize: 20,
  maxInProcessWaitMs: 1000,
  pollMs: 10,
  counterFlushMs: 1000,
}

let t: TestDb
let org: ReminderOrg
let feishuFake: FakeFeishu
let messengers: MessengerRegistry
let jobId: number
const clock = fakeClock('2026-11-30T00:00:00Z')
const log = memoryLogger()
const urgentFailures: string[] = []
const deps = () => reminderDeps(t.db, clock)

/** Slack is not what this file is about: its messages are accepted and dropped. */
const silentSlack: Messenger = {
  async send() {
    return { channelId: 'D_SLACK', messageId: `m${Math.random()}` }
  },
  async update() {},
}

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  // HR is reached on Feishu here, so the top rung of an escalation can be urgent.
  await t.db.chatIdentity.updateMany({
    where: { employeeId: org.ids.hana },
    data: { platform: 'feishu', tenant: FEISHU_TENANT, externalId: 'ou_hana' },
  })
  const job = await t.db.job.create({ data: { code: 'TL1', titleZh: '班组长', titleEn: 'Team leader', track: 'retail', level: 1 } })
  jobId = job.id
  await t.db.employee.updateMany({ where: { id: { in: [org.ids.eve, org.ids.tom] } }, data: { jobId } })
  const description = await t.db.jobDescription.create({
    data: { jobId, version: 1, effectiveFrom: new Date('2026-01-01T00:00:00Z'), purposeZh: '带好班组', purposeEn: 'Lead the shift' },
  })
  await t.db.jobDescriptionItem.createMany({
    data: [
      {
        descriptionId: description.id,
        section: 'duty',
        code: 'D1',
        position: 1,
        textZh: '下班前清点零件',
        textEn: 'Count the parts before leaving',
        recurrence: 'daily@18:00',
        evidence: 'number',
      },
      { descriptionId: description.id, section: 'duty', code: 'D2', position: 2, textZh: '带教新人', textEn: 'Coach new hires' },
    ],
  })
  feishuFake = await startFakeFeishu({ ...APP })
  const { client } = createFeishuClient({ ...APP, domain: feishuFake.url }, log)
  messengers = createMessengerRegistry({
    slack: silentSlack,
    feishu: createFeishuMessenger(
      createFeishuApi(client),
      { retries: 0, baseDelayMs: 10, maxWaitMs: 100, sleep: async () => {} },
      (detail) => urgentFailures.push(detail.reason),
    ),
  })
})
afterAll(async () => {
  await feishuFake.close()
  await t.close()
})

const worker = () => createDeliveryWorker({ outbox: deps().store.outbox, messengers, clock, log, sleep: async () => {} }, delivery)

async function sweepAt(at: string | number, urgentEscalations = true) {
  clock.set(new Date(at))
  const result = await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'e2e', urgentEscalations })
  expect(result.kind).toBe('swept')
  await worker().drain()
  return result
}

const action = (value: string, actionId: 'open_form' | 'submit_form', values?: Record<string, string>) => ({
  sender: { platform: 'slack' as const, tenant: 'T', userId: 'U' },
  surface: { kind: 'direct' as const },
  actionId,
  value,
  ...(values ? { values } : {}),
})

async function eveSubmits(occurrence: string, evidence: string) {
  const c = await t.db.dutyCheckIn.findFirstOrThrow({ where: { employeeId: org.ids.eve, occurrence } })
  return handleAction(deps(), await actorFor(deps(), org.ids.eve), action(`checkin:${c.id}`, 'submit_form', { evidence }))
}

const cardsTo = async (destId: string) =>
  (await t.db.outboxMessage.findMany({ where: { destId }, orderBy: { id: 'asc' } })).map((r) => ({
    kind: r.kind,
    card: JSON.parse(r.card) as Card,
  }))
const stepsOf = async (kind: string, recipientId: number) =>
  (await t.db.reminderLog.findMany({ where: { taskKind: kind, recipientId }, orderBy: { id: 'asc' } })).map((l) => `${l.taskId}:${l.step}`)

describe('a daily duty over a simulated week and a half', () => {
  it('opens one check-in per person per working day in their zone, reminds until submitted, escalates, and the compliance view matches', async () => {
    // Eve (Shanghai) submits Mon, Tue on time, Wed late (19:00 local), skips Thu, Fri on time; Tom never submits.
    const submissions = new Map<number, [string, string]>([
      [Date.parse('2026-11-30T05:00:00Z'), ['2026-11-30', '17']],
      [Date.parse('2026-12-01T09:00:00Z'), ['2026-12-01', '1,204']],
      [Date.parse('2026-12-02T11:00:00Z'), ['2026-12-02', '9']],
      [Date.parse('2026-12-04T02:00:00Z'), ['2026-12-04', '30']],
    ])
    const start = Date.parse('2026-11-30T00:00:00Z')
    const end = Date.parse('2026-12-10T00:00:00Z')
    for (let at = start; at < end; at += 3_600_000) {
      await sweepAt(at)
      const due = submissions.get(at)
      if (due) expect((await eveSubmits(due[0], due[1])).kind).toBe('replace')
    }

    const rows = await t.db.dutyCheckIn.findMany({ orderBy: [{ employeeId: 'asc' }, { occurrence: 'asc' }] })
    const weekdays = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09']
    // Exactly one per working day: Shanghai's Thu 10 Dec began at 16:00 UTC on the 9th; New York's has not.
    expect(rows.filter((r) => r.employeeId === org.ids.eve).map((r) => r.occurrence)).toEqual([...weekdays, '2026-12-10'])
    expect(rows.filter((r) => r.employeeId === org.ids.tom).map((r) => r.occurrence)).toEqual(weekdays)
    expect(rows.every((r) => r.dutyCode === 'D1' && r.jobId === jobId)).toBe(true)
    // Eve's Thursday was never submitted: still open (its ladder is not over yet), reminded.
    const eveThu = rows.find((r) => r.employeeId === org.ids.eve && r.occurrence === '2026-12-03')!
    expect(eveThu.status).toBe('open')
    expect(rows.filter((r) => r.employeeId === org.ids.eve && r.status === 'done').map((r) => [r.occurrence, r.evidence])).toEqual([
      ['2026-11-30', '17'],
      ['2026-12-01', '1204'],
      ['2026-12-02', '9'],
      ['2026-12-04', '30'],
    ])

    // Tom's Monday (due 18:00 New York): first notice, the overdue reminders every 2 working days, manager after 3, HR after 6.
    const tomMon = rows.find((r) => r.employeeId === org.ids.tom && r.occurrence === '2026-11-30')!
    expect((await stepsOf('checkin', org.ids.tom)).filter((s) => s.startsWith(`${tomMon.id}:`))).toEqual([
      `${tomMon.id}:assigned`,
      `${tomMon.id}:overdue:1`,
      `${tomMon.id}:overdue:2`,
      `${tomMon.id}:overdue:3`,
    ])
    expect((await stepsOf('checkin', org.ids.mia)).filter((s) => s.startsWith(`${tomMon.id}:`))).toEqual([`${tomMon.id}:escalate:manager`])
    expect((await stepsOf('checkin', org.ids.hana)).filter((s) => s.startsWith(`${tomMon.id}:`))).toEqual([`${tomMon.id}:escalate:hr`])
    // Eve's submitted check-ins were never reminded after their first notice.
    const eveDone = rows.filter((r) => r.employeeId === org.ids.eve && r.status === 'done').map((r) => r.id)
    const eveSteps = await stepsOf('checkin', org.ids.eve)
    for (const id of eveDone) expect(eveSteps.filter((s) => s.startsWith(`${id}:`))).toEqual([`${id}:assigned`])

    // Tom's card on Feishu: the duty, its Submit opening the one-field form (a number).
    const tomCards = await cardsTo('ou_tom')
    expect(tomCards[0]!.kind).toBe('notice')
    expect(tomCards[0]!.card.fallback).toContain('Count the parts before leaving')
    const submit = tomCards[0]!.card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!
    expect(submit.action).toEqual(expect.objectContaining({ id: 'open_form', value: `checkin:${tomMon.id}` }))

    // HR's escalations went out urgent on Feishu: urgent_app for each sent message, to HR's open_id only.
    const hanaRows = await t.db.outboxMessage.findMany({ where: { destId: 'ou_hana' } })
    expect(hanaRows.length).toBeGreaterThan(0)
    expect(hanaRows.every((r) => r.kind === 'urgent_escalation' && r.status === 'sent')).toBe(true)
    const urgent = feishuFake.callsTo('PATCH', /\/urgent_app$/)
    expect(urgent.length).toBe(hanaRows.length)
    expect(urgent.map((c) => [c.query.user_id_type, (c.body as { user_id_list: string[] }).user_id_list])).toEqual(
      hanaRows.map(() => ['open_id', ['ou_hana']]),
    )
    expect(urgent.map((c) => c.path.split('/')[5]).sort()).toEqual(hanaRows.map((r) => r.refMessageId).sort())
    // Manager escalations (Slack) and Tom's own reminders are never urgent.
    expect(await t.db.outboxMessage.count({ where: { kind: 'urgent_escalation', destId: { not: 'ou_hana' } } })).toBe(0)
    expect(urgentFailures).toEqual([])

    // The manager's compliance view, over the last 30 days as of Wed 9 Dec 23:00 in London: Tom's Wednesday is
    // due this very minute in New York (18:00), so it is pending, not missed; Eve's Thursday 10 Dec is after the period.
    const mia = await actorFor(deps(), org.ids.mia)
    const report = await dutyCompliance(deps(), mia, { text: '我们组的职责履行情况' })
    if (report.kind !== 'report') throw new Error('refused')
    expect(report.rows.map((r) => [r.employeeId, r.dutyCode, r.owed, r.onTime, r.late, r.missed, r.pending, r.sharePercent])).toEqual([
      [org.ids.eve, 'D1', 8, 3, 1, 4, 0, 38],
      [org.ids.tom, 'D1', 7, 0, 0, 7, 1, 0],
    ])
  }, 240_000)

  it('a second submit says "already submitted"; a bad number reopens the form; someone else’s check-in is refused', async () => {
    const again = await eveSubmits('2026-11-30', '18')
    expect(again).toMatchObject({ kind: 'notify', notice: { tone: 'info' } })
    expect(JSON.stringify(again)).toContain('已经提交过了')
    const bad = await eveSubmits('2026-12-09', 'abc')
    expect(bad).toMatchObject({ kind: 'form_errors', errors: { evidence: expect.stringContaining('数字') } })
    const tomCheckIn = await t.db.dutyCheckIn.findFirstOrThrow({ where: { employeeId: org.ids.tom, status: 'open' } })
    const eve = await actorFor(deps(), org.ids.eve)
    const refused = await handleAction(deps(), eve, action(`checkin:${tomCheckIn.id}`, 'submit_form', { evidence: '3' }))
    expect(refused).toMatchObject({ kind: 'notify', notice: { tone: 'error' } })
    expect((await t.db.dutyCheckIn.findUniqueOrThrow({ where: { id: tomCheckIn.id } })).status).toBe('open')
    // Eve's to-do list lists her open check-ins, each with its Submit.
    const tasks = await myTasks(deps(), eve)
    expect(tasks.items.filter((i) => i.kind === 'checkin').map((i) => (i.kind === 'checkin' ? i.view.checkIn.occurrence : ''))).toContain(
      '2026-12-03',
    )
    // An employee asking about their manager's team is refused; about themselves answered.
    expect((await dutyCompliance(deps(), eve, { subjectId: org.ids.tom })).kind).toBe('refused')
    expect((await dutyCompliance(deps(), eve, {})).kind).toBe('report')
  })

  it('without FEISHU_URGENT_ESCALATIONS the same top rung is a plain escalation', async () => {
    // Dry runs plan what is owed without writing: with HR's escalations forgotten, they are owed again in
    // HR's (Shanghai) working hours on Thu 10 Dec.
    await t.db.reminderLog.deleteMany({ where: { step: 'escalate:hr' } })
    const off: string[] = []
    const on: string[] = []
    for (let at = Date.parse('2026-12-10T01:00:00Z'); at < Date.parse('2026-12-10T10:00:00Z'); at += 3_600_000) {
      clock.set(new Date(at))
      for (const [urgentEscalations, kinds] of [
        [false, off],
        [true, on],
      ] as const) {
        const r = await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'e2e', dryRun: true, urgentEscalations })
        if (r.kind !== 'swept') throw new Error('busy')
        kinds.push(...r.planned.filter((p) => p.message.to.id === 'ou_hana').map((p) => p.message.kind))
      }
    }
    expect(off.length).toBeGreaterThan(0)
    expect(off.every((k) => k === 'escalation')).toBe(true)
    expect(on).toEqual(off.map(() => 'urgent_escalation'))
  })
})

describe('a course material owed by its provider', () => {
  it('is reminded to the head of the provider department until marked provided', async () => {
    await t.db.outboxMessage.deleteMany()
    const material = await t.db.courseMaterial.create({
      data: {
        courseId: org.courses.RD101,
        position: 1,
        titleZh: '项目实战案例',
        titleEn: 'Project case studies',
        providerDepartmentId: org.departments.RND,
        dueAt: new Date('2026-12-16T10:00:00Z'),
        createdAt: new Date('2026-12-10T00:00:00Z'),
      },
    })
    for (let at = Date.parse('2026-12-10T00:00:00Z'); at < Date.parse('2026-12-17T00:00:00Z'); at += 3_600_000) await sweepAt(at)
    // The head of R&D (the boss, whose own manager is not in R&D): notice, 3 days before (a Sunday: on Monday), 1 day before, due day.
    const steps = (await stepsOf('material', org.ids.boss)).filter((s) => s.startsWith(`${material.id}:`))
    expect(steps).toEqual([`${material.id}:assigned`, `${material.id}:before:3d`, `${material.id}:before:1d`, `${material.id}:due`])
    const bossCards = await cardsTo('U_BOSS')
    const provide = bossCards
      .flatMap((c) => c.card.blocks)
      .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
      .find((b) => b.action.value === `material:${material.id}`)
    expect(provide?.action.id).toBe('open_form')

    // Someone else may not mark it; the boss may, with a link (a bad one reopens the form).
    const eve = await actorFor(deps(), org.ids.eve)
    expect(await handleAction(deps(), eve, action(`material:${material.id}`, 'submit_form', {}))).toMatchObject({
      kind: 'notify',
      notice: { tone: 'error' },
    })
    const boss = await actorFor(deps(), org.ids.boss)
    expect(await handleAction(deps(), boss, action(`material:${material.id}`, 'submit_form', { url: 'not a link' }))).toMatchObject({
      kind: 'form_errors',
    })
    expect(
      await handleAction(deps(), boss, action(`material:${material.id}`, 'submit_form', { url: 'https://wiki.example.com/cases' })),
    ).toMatchObject({ kind: 'replace' })
    const provided = await t.db.courseMaterial.findUniqueOrThrow({ where: { id: material.id } })
    expect([provided.providedAt?.toISOString(), provided.url]).toEqual([clock.now().toISOString(), 'https://wiki.example.com/cases'])

    // Nothing more about it, however late it would have been.
    const before = (await stepsOf('material', org.ids.boss)).length
    for (let at = Date.parse('2026-12-17T00:00:00Z'); at < Date.parse('2026-12-25T00:00:00Z'); at += 4 * 3_600_000) await sweepAt(at)
    expect((await stepsOf('material', org.ids.boss)).length).toBe(before)
    expect((await stepsOf('material', org.ids.mia)).length).toBe(0)
  }, 120_000)
})

describe('erasing a person', () => {
  it('deletes their check-ins and the reminders about them; other people’s stay', async () => {
    const tomIds = (await t.db.dutyCheckIn.findMany({ where: { employeeId: org.ids.tom } })).map((c) => c.id)
    expect(tomIds.length).toBeGreaterThan(0)
    const eveBefore = await t.db.dutyCheckIn.count({ where: { employeeId: org.ids.eve } })
    const lines = await deps().store.transaction((tx) => tx.privacy.erase({ employeeId: org.ids.tom, now: clock.now() }))
    expect(lines).toContainEqual({ table: 'DutyCheckIn', action: 'deleted', rows: tomIds.length })
    expect(await t.db.dutyCheckIn.count({ where: { employeeId: org.ids.tom } })).toBe(0)
    expect(await t.db.reminderLog.count({ where: { taskKind: 'checkin', taskId: { in: tomIds } } })).toBe(0)
    expect(await t.db.dutyCheckIn.count({ where: { employeeId: org.ids.eve } })).toBe(eveBefore)
  })
})

describe('a whole company opening its check-ins in one sweep', () => {
  it('opens thousands at once (beyond a statement’s bound values) and none twice', async () => {
    const duties = deps().store.duties
    const day = (n: number) => new Date(Date.UTC(2030, 0, 1) + n * 86_400_000)
    const rows = Array.from({ length: 3000 }, (_, n) => ({
      employeeId: org.ids.tom,
      jobId,
      dutyCode: 'BULK',
      occurrence: day(n).toISOString().slice(0, 10),
      openedAt: day(n),
      dueAt: new Date(day(n).getTime() + 3_600_000),
    }))
    expect(await duties.openCheckIns(rows)).toBe(3000)
    expect(await duties.openCheckIns(rows.slice(1000, 2500))).toBe(0)
    const stored = await t.db.dutyCheckIn.findMany({ where: { dutyCode: 'BULK' }, orderBy: { occurrence: 'asc' } })
    expect(stored).toHaveLength(3000)
    expect(stored[2999]).toMatchObject({ status: 'open', occurrence: rows[2999]!.occurrence, dueAt: rows[2999]!.dueAt })
    await t.db.dutyCheckIn.deleteMany({ where: { dutyCode: 'BULK' } })
  })
})
