// The sweep through the real store: plan, render, and enqueue into the outbox
// with its ReminderLog rows, on a fake clock.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS } from '../../bot/delivery.js'
import { runReminderSweep, SWEEP_LEASE } from '../../core/app/run-sweep.js'
import { snooze } from '../../core/features/tasks/snooze.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { localParts } from '../../core/kernel/domain/zoned-time.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../../core/kernel/reminder-options.js'
import { isWorkingTime } from '../../core/kernel/working-time.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { recordingMessenger } from './support/recording-messenger.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'

let t: TestDb
let org: ReminderOrg
const clock = fakeClock('2026-11-16T00:00:00Z')
const HOURLY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 }
const PLATFORMS = ['slack', 'feishu'] as const

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
})
afterAll(() => t.close())
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany()
  await t.db.reminderLog.deleteMany()
  await t.db.trainingAssignment.deleteMany()
  await t.db.evaluationTask.deleteMany()
  await t.db.lease.deleteMany()
})

const deps = () => reminderDeps(t.db, clock)

async function assign(employeeId: number, courseId: number, dueAt: string, options: { notified?: boolean; assignedAt?: string } = {}) {
  const a = await t.db.trainingAssignment.create({
    data: {
      employeeId,
      courseId,
      dueAt: new Date(dueAt),
      assignedAt: new Date(options.assignedAt ?? '2026-11-01T00:00:00Z'),
      source: 'hr',
    },
  })
  if (options.notified !== false) {
    await t.db.reminderLog.create({
      data: {
        taskKind: 'training',
        taskId: a.id,
        step: 'assigned',
        recipientId: employeeId,
        at: new Date('2026-11-01T00:00:00Z'),
        outboxKey: 'seed',
      },
    })
  }
  return a.id
}

/** Sweeps like the cron would, every `step` minutes in [from, to). */
async function sweepBetween(
  from: string,
  to: string,
  policy: ReminderPolicy = HOURLY,
  platforms: readonly ('slack' | 'feishu' | 'web')[] = PLATFORMS,
) {
  for (let at = new Date(from).getTime(); at < new Date(to).getTime(); at += policy.horizonMinutes * 60_000) {
    clock.set(new Date(at))
    const result = await runReminderSweep(deps(), { policy, platforms, holder: 'test' })
    expect(result.kind).toBe('swept')
  }
  return t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
}

const buttons = (card: Card) =>
  card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.action.id}:${x.action.value}`) : []))
const zoneOf = (destId: string) =>
  ({ U_EVE: 'Asia/Shanghai', ou_tom: 'America/New_York', U_MIA: 'Europe/London', U_HANA: 'Asia/Shanghai', U_BOSS: 'Asia/Shanghai' })[
    destId
  ]!

describe('runReminderSweep', () => {
  it('reminds a task due in 3 days inside working hours in each person’s own zone, never at night', async () => {
    const eveTask = await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z')
    const tomTask = await assign(org.ids.tom, org.courses.CU101, '2026-11-20T10:00:00Z')
    const rows = await sweepBetween('2026-11-16T12:00:00Z', '2026-11-18T00:00:00Z', { ...DEFAULT_REMINDER_POLICY })
    expect(rows.map((r) => [r.destId, r.platform, r.tenant, r.kind])).toEqual([
      ['U_EVE', 'slack', 'T0LADDER', 'reminder'],
      ['ou_tom', 'feishu', 'tenant-f', 'reminder'],
    ])
    for (const row of rows) {
      const zone = zoneOf(row.destId)
      const local = localParts(row.availableAt, zone)
      expect([local.year, local.month, local.day]).toEqual([2026, 11, 17])
      expect(isWorkingTime(row.availableAt, zone, DEFAULT_REMINDER_POLICY)).toBe(true)
      expect([0, 30]).not.toContain(local.minute)
    }
    const eveCard = JSON.parse(rows[0]!.card) as Card
    expect(buttons(eveCard)).toEqual([
      `training_done:${eveTask}`,
      `snooze:training:${eveTask}:1d`,
      `snooze:training:${eveTask}:nwd`,
      'ask:my_tasks',
      'ask:my_tasks',
    ])
    expect(eveCard.locale).toBe('zh-CN')
    expect((JSON.parse(rows[1]!.card) as Card).fallback).toContain('Due in 3 days')
    const logs = await t.db.reminderLog.findMany({ where: { step: 'before:3d' }, orderBy: { taskId: 'asc' } })
    expect(logs.map((l) => [l.taskId, l.recipientId, l.outboxKey])).toEqual([
      [eveTask, org.ids.eve, rows[0]!.idempotencyKey],
      [tomTask, org.ids.tom, rows[1]!.idempotencyKey],
    ])
  })

  it('escalates an overdue task to the manager after 3 working days, then to HR after 6', async () => {
    await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z') // Fri 18:00 in Shanghai
    const rows = await sweepBetween('2026-11-23T00:00:00Z', '2026-12-01T00:00:00Z')
    const byDest = (id: string) => rows.filter((r) => r.destId === id)
    // Counted on Eve's calendar: her 3rd overdue working day, Wed 25 Nov in Shanghai (which begins
    // at 16:00 on Tuesday in London), delivered in Mia's London working hours.
    const [miaRow] = byDest('U_MIA')
    expect(byDest('U_MIA').map((r) => [r.kind, localParts(r.availableAt, 'Asia/Shanghai').day])).toEqual([['escalation', 25]])
    expect(isWorkingTime(miaRow!.availableAt, 'Europe/London', DEFAULT_REMINDER_POLICY)).toBe(true)
    expect(byDest('U_HANA').map((r) => [r.kind, localParts(r.availableAt, 'Asia/Shanghai').day])).toEqual([['escalation', 30]])
    // The due-day reminder was never sent (the sweeps start after it): Monday catches up, then every 2 working days.
    expect(byDest('U_EVE').map((r) => localParts(r.availableAt, 'Asia/Shanghai').day)).toEqual([23, 24, 26, 30])
    const mia = JSON.parse(byDest('U_MIA')[0]!.card) as Card
    expect(mia.fallback).toContain('Eve')
    expect(mia.fallback).toContain('RD-101')
    expect(buttons(mia)).toEqual(['ask:team_overview'])
    const steps = await t.db.reminderLog.findMany({ where: { step: { startsWith: 'escalate' } }, orderBy: { id: 'asc' } })
    expect(steps.map((s) => [s.step, s.recipientId])).toEqual([
      ['escalate:manager', org.ids.mia],
      ['escalate:hr', org.ids.hana],
    ])
  })

  it('makes one digest of two items due for the same person', async () => {
    const a = await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z')
    const b = await assign(org.ids.eve, org.courses.CU101, '2026-11-20T09:00:00Z')
    const rows = await sweepBetween('2026-11-16T16:00:00Z', '2026-11-17T12:00:00Z')
    expect(rows).toHaveLength(1)
    const dones = buttons(JSON.parse(rows[0]!.card) as Card).filter((x) => x.startsWith('training_done'))
    expect(dones).toEqual([`training_done:${b}`, `training_done:${a}`])
  })

  it('holds a snooze: nothing until the next working morning, then one reminder', async () => {
    const id = await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z')
    const d = deps()
    clock.set('2026-11-17T08:00:00Z') // Tue 16:00 in Shanghai, after the "3 days before" minute
    await sweepBetween('2026-11-16T16:00:00Z', '2026-11-17T09:00:00Z')
    expect(await t.db.outboxMessage.count()).toBe(1)
    clock.set('2026-11-17T09:00:00Z')
    const result = await snooze(d, await actorFor(d, org.ids.eve), { kind: 'training', id, mode: 'nwd' })
    expect(result).toEqual({ kind: 'snoozed', until: new Date('2026-11-18T01:00:00Z') }) // Wed 09:00
    const during = await sweepBetween('2026-11-17T09:00:00Z', '2026-11-18T01:00:00Z')
    expect(during).toHaveLength(1)
    const after = await sweepBetween('2026-11-18T01:00:00Z', '2026-11-18T12:00:00Z')
    expect(after).toHaveLength(2)
    expect(after[1]!.availableAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-18T01:00:00Z').getTime())
    expect((JSON.parse(after[1]!.card) as Card).fallback).toContain('推迟时间已到')
  })

  it('plans a reminder again on the next working day when it could not be delivered before the end of this one', async () => {
    await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z')
    const first = await sweepBetween('2026-11-16T16:00:00Z', '2026-11-17T12:00:00Z')
    expect(first.map((r) => r.expiresAt)).toEqual([new Date('2026-11-17T10:00:00Z')]) // 18:00 in Shanghai
    clock.set('2026-11-17T13:00:00Z') // the delivery worker comes back at 21:00 in Shanghai
    const slack = recordingMessenger()
    const stats = await createDeliveryWorker(
      { outbox: deps().store.outbox, messengers: createMessengerRegistry({ slack }), clock, log: deps().log, sleep: async () => {} },
      DEFAULT_DELIVERY_OPTIONS,
    ).drain()
    expect([stats.expired, slack.sent.length]).toEqual([1, 0])
    const rows = await sweepBetween('2026-11-17T16:00:00Z', '2026-11-18T12:00:00Z')
    expect(rows.map((r) => [r.status, localParts(r.availableAt, 'Asia/Shanghai').day])).toEqual([
      ['expired', 17],
      ['pending', 18],
    ])
    expect(isWorkingTime(rows[1]!.availableAt, 'Asia/Shanghai', DEFAULT_REMINDER_POLICY)).toBe(true)
    expect(await t.db.reminderLog.findMany({ where: { step: 'before:3d' } })).toMatchObject([{ outboxKey: rows[1]!.idempotencyKey }])
  })

  it('is idempotent across repeated runs and keeps out a second sweeper holding nothing', async () => {
    await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z', { notified: false, assignedAt: '2026-11-17T02:00:00Z' })
    clock.set('2026-11-17T02:15:00Z')
    const first = await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'a' })
    const again = await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'b' })
    expect(first).toMatchObject({ kind: 'swept', enqueued: 1 })
    expect(again).toMatchObject({ kind: 'swept', enqueued: 0, digests: 0 })
    expect((await t.db.outboxMessage.findFirstOrThrow()).kind).toBe('notice')
    expect(await t.db.reminderLog.count()).toBe(1)
    // The same digest planned again (its steps forgotten) is already in the outbox: it logs nothing.
    await t.db.reminderLog.deleteMany()
    expect(await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'b' })).toMatchObject({
      kind: 'swept',
      digests: 1,
      enqueued: 0,
      duplicates: 1,
    })
    expect(await t.db.reminderLog.count()).toBe(0)
    // A caller that sees each message as it is written (ladder sweep prints them) has the result keep none.
    await t.db.reminderLog.deleteMany()
    const seen: string[] = []
    const streamed = await runReminderSweep(deps(), {
      policy: HOURLY,
      platforms: PLATFORMS,
      holder: 'b',
      onPlanned: (p) => seen.push(p.message.idempotencyKey),
    })
    expect(streamed).toMatchObject({ kind: 'swept', digests: 1, enqueued: 0, duplicates: 1, planned: [] })
    expect(seen).toEqual([(await t.db.outboxMessage.findFirstOrThrow()).idempotencyKey])
    // Another process mid-sweep holds the lease: this one stays out.
    await deps().store.leases.acquire(SWEEP_LEASE, 'other', clock.now(), 60_000)
    expect(await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'a' })).toEqual({ kind: 'busy' })
  })

  it('counts the items it planned, and keeps no planned message when asked not to (the server only logs the counts)', async () => {
    await assign(org.ids.eve, org.courses.RD101, '2026-11-20T10:00:00Z', { notified: false, assignedAt: '2026-11-17T02:00:00Z' })
    await assign(org.ids.eve, org.courses.CU101, '2026-11-21T10:00:00Z', { notified: false, assignedAt: '2026-11-17T02:00:00Z' })
    clock.set('2026-11-17T02:15:00Z')
    const dry = await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'a', dryRun: true })
    expect(dry).toMatchObject({ kind: 'swept', digests: 1, items: 2 })
    expect(dry.kind === 'swept' && dry.planned.map((p) => p.digest.items.map((i) => i.task.kind))).toEqual([['training', 'training']])
    const lean = await runReminderSweep(deps(), { policy: HOURLY, platforms: PLATFORMS, holder: 'a', keepPlanned: false })
    expect(lean).toMatchObject({ kind: 'swept', digests: 1, items: 2, enqueued: 1, planned: [] })
    expect(await t.db.reminderLog.count()).toBe(2)
  })

  it('counts people it cannot reach, reaches them on the web console when it is on, and writes nothing on a dry run', async () => {
    await assign(org.ids.nia, org.courses.RD101, '2026-11-20T10:00:00Z', { notified: false, assignedAt: '2026-11-17T02:00:00Z' })
    clock.set('2026-11-17T02:15:00Z')
    const dry = await runReminderSweep(deps(), { policy: HOURLY, platforms: ['slack', 'web'], holder: 'a', dryRun: true })
    expect(dry).toMatchObject({ kind: 'swept', digests: 1, enqueued: 0, unreachable: [] })
    expect(dry.kind === 'swept' && dry.planned.map((p) => p.message.to)).toEqual([
      { platform: 'web', tenant: 'local', kind: 'user', id: 'nia@r.test' },
    ])
    expect(await t.db.outboxMessage.count()).toBe(0)
    expect(await t.db.lease.count()).toBe(0)
    const slackOnly = await runReminderSweep(deps(), { policy: HOURLY, platforms: ['slack'], holder: 'a' })
    expect(slackOnly).toMatchObject({ kind: 'swept', digests: 1, enqueued: 0, unreachable: [org.ids.nia] })
    expect(await t.db.reminderLog.count()).toBe(0)
  })
})
