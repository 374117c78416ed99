// HR broadcasts to a 500-member channel: assignments, one channel card through
// the outbox, a live counter throttled into few card updates, a report by department.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import type { LadderDeps } from '../../core/app/store.js'
import { broadcastForm, broadcastReportCard } from '../../core/features/broadcasts/broadcast-card.js'
import { broadcastAction, broadcastCourse, broadcastReport, flushBroadcastCounters } from '../../core/features/broadcasts/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { recordingMessenger } from './support/recording-messenger.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps, SLACK_TEAM } from './support/reminder-org.js'

const MEMBERS = 500
let t: TestDb
let org: ReminderOrg
let memberIds: number[]
const clock = fakeClock('2026-11-17T02:00:00Z')
const slack = recordingMessenger()
const fast = { perDestination: { count: 1000, intervalMs: 1000 }, overall: [{ count: 1000, intervalMs: 1000 }] }
const delivery: DeliveryOptions = {
  rates: { slack: fast, feishu: fast, web: fast },
  maxAttempts: 3,
  baseBackoffMs: 10,
  maxBackoffMs: 100,
  leaseMs: 60_000,
  batchSize: 50,
  maxInProcessWaitMs: 1000,
  pollMs: 10,
  counterFlushMs: 10_000,
}

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  const sales = await t.db.department.create({ data: { code: 'SALES', nameZh: '销售部', nameEn: 'Sales' } })
  await t.db.employee.createMany({
    data: Array.from({ length: MEMBERS }, (_, i) => ({
      email: `m${i + 1}@r.test`,
      name: `成员${i + 1}`,
      nameEn: `Member ${i + 1}`,
      departmentId: i % 2 === 0 ? sales.id : org.departments.RND,
    })),
  })
  const members = await t.db.employee.findMany({ where: { email: { startsWith: 'm' } }, orderBy: { id: 'asc' } })
  memberIds = members.filter((m) => /^m\d+@/.test(m.email)).map((m) => m.id)
  await t.db.chatIdentity.createMany({
    data: memberIds.map((id, i) => ({ platform: 'slack', tenant: SLACK_TEAM, externalId: `UM${i + 1}`, employeeId: id })),
  })
  // The channel: the 500 linked members, 20 guests nobody linked, and HR.
  slack.members.set('C_ALL', [...memberIds.map((_, i) => `UM${i + 1}`), ...Array.from({ length: 20 }, (_, i) => `UGUEST${i}`), 'U_HANA'])
})
afterAll(() => t.close())

const deps = (): LadderDeps & { log: ReturnType<typeof memoryLogger> } => ({
  ...reminderDeps(t.db, clock),
  messengers: createMessengerRegistry({ slack }),
})
const worker = () =>
  createDeliveryWorker(
    { outbox: deps().store.outbox, messengers: createMessengerRegistry({ slack }), clock, log: memoryLogger(), sleep: async () => {} },
    delivery,
  )
const input = {
  platform: 'slack' as const,
  tenant: SLACK_TEAM,
  channelId: 'C_ALL',
  courseCode: 'cu-101',
  dueAt: new Date('2026-12-01T10:00:00Z'),
}
const memberActor = async (i: number) => actorFor(deps(), memberIds[i]!)
const counterText = (card: Card) => card.blocks.find((b) => b.type === 'context')

describe('broadcastCourse', () => {
  it('refuses anyone but HR, unknown courses and past due dates', async () => {
    const d = deps()
    expect(await broadcastCourse(d, await actorFor(d, org.ids.eve), input)).toEqual({ kind: 'refused' })
    const hana = await actorFor(d, org.ids.hana)
    expect(await broadcastCourse(d, hana, { ...input, courseCode: 'NOPE-1' })).toEqual({ kind: 'unknown_course', code: 'NOPE-1' })
    expect(await broadcastCourse(d, hana, { ...input, dueAt: new Date('2026-11-01T00:00:00Z') })).toEqual({ kind: 'due_in_past' })
    expect(await broadcastCourse({ ...d, messengers: createMessengerRegistry() }, hana, input)).toEqual({
      kind: 'no_members_api',
      platform: 'slack',
    })
    expect(await t.db.outboxMessage.count()).toBe(0)
  })

  it('assigns every linked member of a 500-member channel and posts one card through the outbox', async () => {
    const d = deps()
    const result = await broadcastCourse(d, await actorFor(d, org.ids.hana), input)
    expect(result).toMatchObject({
      kind: 'broadcast',
      members: MEMBERS + 21,
      assigned: MEMBERS + 1,
      added: MEMBERS + 1,
      existing: 0,
      unlinked: 20,
    })
    expect(await t.db.trainingAssignment.count({ where: { courseId: org.courses.CU101, source: 'broadcast', dueAt: input.dueAt } })).toBe(
      MEMBERS + 1,
    )
    const outbox = await t.db.outboxMessage.findMany()
    expect(outbox.map((o) => [o.kind, o.platform, o.destKind, o.destId])).toEqual([['broadcast', 'slack', 'channel', 'C_ALL']])
    const card = JSON.parse(outbox[0]!.card) as Card
    expect(counterText(card)).toEqual({ type: 'context', text: '✅ 已完成 0/501' })
    expect(card.alternate?.locale).toBe('en')
    // The channel card was everyone's first notice: the sweep sends no direct message about it.
    expect(await t.db.reminderLog.count({ where: { step: 'assigned' } })).toBe(MEMBERS + 1)
    const sweep = await runReminderSweep(d, {
      policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 9 * 60 },
      platforms: ['slack'],
      holder: 't',
    })
    expect(sweep).toMatchObject({ kind: 'swept', digests: 0 })
    expect(await broadcastCourse(d, await actorFor(d, org.ids.hana), input)).toMatchObject({ kind: 'already' })
  })

  it('keeps a live counter: a burst of completions becomes one throttled card update', async () => {
    await worker().drain()
    const posted = slack.sent.find((s) => s.to.id === 'C_ALL')!
    const d = deps()
    for (const i of [0, 1, 2]) {
      const reply = await broadcastAction(d, await memberActor(i), { actionId: 'training_done', value: `broadcast:1` })
      expect(partsOf(reply).notice?.tone).toBe('success')
    }
    // The card is brand new: not even its first update comes sooner than the interval.
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(0)
    clock.advance(10_000)
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(1)
    await worker().drain()
    expect(slack.updates.map((u) => [u.ref, counterText(u.card)])).toEqual([[posted.ref, { type: 'context', text: '✅ 已完成 3/501' }]])

    for (const i of [3, 4]) await broadcastAction(d, await memberActor(i), { actionId: 'training_done', value: 'broadcast:1' })
    clock.advance(5_000)
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(0)
    clock.advance(5_000)
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(1)
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(0)
    await worker().drain()
    expect(slack.updates.map((u) => (counterText(u.card) as { text: string }).text)).toEqual(['✅ 已完成 3/501', '✅ 已完成 5/501'])
  })

  it('enrols a newcomer from the card and counts them; other actions are not its business', async () => {
    const d = deps()
    const reply = await broadcastAction(d, await actorFor(d, org.ids.eve), { actionId: 'enrol', value: 'CU-101@broadcast:1' })
    expect(reply).toEqual({ kind: 'notify', notice: { tone: 'success', text: '已为你报名 CU-101。学完后请点击“已完成”。' } })
    expect(await broadcastAction(d, await actorFor(d, org.ids.eve), { actionId: 'enrol', value: 'CU-101' })).toBeNull()
    expect(await broadcastAction(d, await actorFor(d, org.ids.eve), { actionId: 'training_done', value: '12' })).toBeNull()
    clock.advance(10_000)
    await broadcastAction(d, await actorFor(d, org.ids.eve), { actionId: 'training_done', value: 'broadcast:1' })
    await flushBroadcastCounters(d, { minIntervalMs: 10_000 })
    await worker().drain()
    expect((counterText(slack.updates.at(-1)!.card) as { text: string }).text).toBe('✅ 已完成 6/502')
  })

  it('reports completion by department, naming who has not finished', async () => {
    const d = deps()
    expect(await broadcastReport(d, await actorFor(d, org.ids.eve), 1)).toEqual({ kind: 'refused' })
    const result = await broadcastReport(d, await actorFor(d, org.ids.hana), 1)
    if (result.kind !== 'report') throw new Error(result.kind)
    expect([result.report.total, result.report.done]).toEqual([MEMBERS + 2, 6])
    expect(result.report.departments.map((x) => [x.name?.en ?? null, x.total, x.done, x.pending.length])).toEqual([
      ['R&D', 251, 3, 248], // the most people still to finish first
      ['Sales', 250, 3, 247],
      ['Human Resources', 1, 0, 1],
    ])
    const card = broadcastReportCard(result.report, 'en', 'Asia/Shanghai')
    expect(card.header).toEqual({ title: 'Completion: CU-101 Company Culture', subtitle: '6/502 done · due Dec 1, 2026', tone: 'info' })
    const table = card.blocks[0]
    expect(table?.type === 'table' && table.rows[2]).toEqual(['Human Resources', '0/1', 'Hana'])
  })

  it('follows later enrolments in the denominator: a newcomer who only enrols updates the card, with no completion', async () => {
    const d = deps()
    clock.advance(10_000)
    // Nothing changed since the last update: no card update.
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(0)
    const updates = slack.updates.length
    await broadcastAction(d, await actorFor(d, org.ids.mia), { actionId: 'enrol', value: 'CU-101@broadcast:1' })
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(1)
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(0)
    await worker().drain()
    expect(slack.updates.slice(updates).map((u) => (counterText(u.card) as { text: string }).text)).toEqual(['✅ 已完成 6/503'])
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ shownDone: 6, shownTotal: 503 })
  })

  it('offers HR a neutral form: course, channel, due date', () => {
    const form = broadcastForm('en', [
      {
        id: 1,
        code: 'CU-101',
        title: { zh: '企业文化', en: 'Company Culture' },
        format: 'online',
        durationMinutes: 60,
        url: null,
        passMark: null,
        verification: 'none',
        certificateCode: null,
        quizSize: 0,
        dimensionIds: [],
        audienceTracks: [],
      },
    ])
    expect(form).toEqual({
      key: 'broadcast',
      title: 'Announce training to a channel',
      submitLabel: 'Announce',
      fields: [
        {
          type: 'select',
          name: 'course',
          label: 'Course',
          options: [{ label: 'CU-101 Company Culture', value: 'CU-101' }],
          required: true,
        },
        { type: 'channel', name: 'channel', label: 'Channel', required: true, placeholder: 'The channel’s id, e.g. C0123ABCD or oc_…' },
        { type: 'date', name: 'due', label: 'Due date', required: true },
      ],
    })
  })
})
