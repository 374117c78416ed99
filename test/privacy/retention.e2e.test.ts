// Retention over a real SQLite file, the clock moved on: the sweep deletes processed
// event ids, delivered outbox rows (never pending ones, never a broadcast's channel
// card), closed tasks' reminder steps and old audit entries — a batch at a time,
// under its lease — and 0 keeps forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { runReminderSweep, SWEEP_LEASE } from '../../core/app/run-sweep.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { DEFAULT_RETENTION, pruneExpired } from '../../core/features/privacy/index.js'
import type { NewOutboxMessage } from '../../core/kernel/outbox.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg, type Org } from '../support/org.js'

const DAY = 86_400_000
/** Far enough ahead of the wall clock that rows stamped by SQLite or Prisma with the real time are old. */
const LATER = new Date(Date.now() + 400 * DAY)
const ago = (days: number) => new Date(LATER.getTime() - days * DAY)

let t: TestDb
let org: Org
const depsAt = (now: Date): LadderDeps =>
  ladderDeps({ store: createPrismaStore(t.db), clock: { now: () => now }, log: memoryLogger(), platforms: ['slack'] })

const message = (key: string, employeeId: number | null): NewOutboxMessage => ({
  idempotencyKey: key,
  kind: 'notice',
  to: { platform: 'slack', tenant: 'T1', kind: 'user', id: `U-${key}` },
  card: { locale: 'en', fallback: key, blocks: [] },
  employeeId,
  availableAt: ago(40),
})

async function outbox(key: string, status: string, createdDaysAgo: number, sentDaysAgo: number | null) {
  const store = createPrismaStore(t.db)
  await store.outbox.enqueue({ ...message(key, org.ids.eve), availableAt: ago(createdDaysAgo) }, ago(createdDaysAgo))
  await t.db.outboxMessage.update({
    where: { idempotencyKey: key },
    data: { status, sentAt: sentDaysAgo === null ? null : ago(sentDaysAgo) },
  })
}

beforeAll(async () => {
  t = await createTestDb()
  org = await buildOrg(t.db)
  const store = createPrismaStore(t.db)
  for (let i = 0; i < 5; i++) await store.events.markProcessed('slack', `Ev${i}`)

  await outbox('sent-old', 'sent', 45, 31)
  await outbox('sent-recent', 'sent', 45, 29)
  await outbox('dead-old', 'dead', 40, null)
  await outbox('expired-old', 'expired', 40, null)
  await outbox('pending-old', 'pending', 90, null)
  await outbox('sending-old', 'sending', 90, null)
  // A broadcast's channel card: its counter is updated through the reference kept on this row.
  await outbox('broadcast:card', 'sent', 60, 60)
  await store.broadcasts.create({
    platform: 'slack',
    tenant: 'T1',
    channelId: 'C1',
    courseId: org.courses.CULTURE,
    dueAt: ago(50),
    createdById: org.ids.hana,
    createdAt: ago(60),
    cardKey: 'broadcast:card',
    memberCount: 1,
    unlinkedCount: 0,
  })

  // Reminder steps: of a completed training (closed) and of an open one.
  const closed = await t.db.trainingAssignment.create({
    data: { employeeId: org.ids.tom, courseId: org.courses.PM, status: 'completed', assignedAt: ago(90), completedAt: ago(60) },
  })
  const open = await t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: org.ids.eve } })
  await store.reminders.record([
    { taskKind: 'training', taskId: closed.id, step: 'assigned', recipientId: org.ids.tom, at: ago(80), outboxKey: 'sent-old' },
    { taskKind: 'training', taskId: closed.id, step: 'due', recipientId: org.ids.tom, at: ago(10), outboxKey: 'sent-recent' },
    { taskKind: 'training', taskId: open.id, step: 'assigned', recipientId: org.ids.eve, at: ago(80), outboxKey: 'sent-old' },
  ])

  const audit = (action: string, daysAgo: number) =>
    t.db.auditLog.create({ data: { at: ago(daysAgo), actor: 'cli', action, entity: 'Employee', entityId: '1' } })
  await audit('training.enrol', 366)
  await audit('training.done', 364)
  await audit('person.erase', 500)
})
afterAll(async () => t.close())

describe('retention', () => {
  it('keeps everything while nothing is old enough, and with 0 days keeps forever', async () => {
    const forever = await pruneExpired(depsAt(LATER), { processedEventsDays: 0, deliveredOutboxDays: 0, auditDays: 0 })
    expect(forever).toEqual({ processed_events: 0, delivered_outbox: 0, closed_reminder_logs: 0, audit: 0 })
    const fresh = await pruneExpired(depsAt(new Date()), DEFAULT_RETENTION)
    expect(fresh).toEqual({ processed_events: 0, delivered_outbox: 0, closed_reminder_logs: 0, audit: 0 })
    expect(await t.db.processedEvent.count()).toBe(5)
  })

  it('stops between batches when the sweep lost its lease', async () => {
    let asked = 0
    const result = await pruneExpired(
      depsAt(LATER),
      { processedEventsDays: 7, deliveredOutboxDays: 0, auditDays: 0 },
      {
        batchSize: 2,
        keepGoing: async () => {
          asked++
          return false
        },
      },
    )
    expect(asked).toBe(1)
    expect(result.processed_events).toBe(2)
    expect(await t.db.processedEvent.count()).toBe(3)
  })

  it('the sweep deletes what is past its retention and nothing else', async () => {
    const result = await runReminderSweep(depsAt(LATER), {
      policy: DEFAULT_REMINDER_POLICY,
      platforms: ['slack'],
      holder: 'test',
      retention: DEFAULT_RETENTION,
    })
    expect(result.kind === 'swept' && result.pruned).toEqual({
      processed_events: 3,
      delivered_outbox: 3,
      closed_reminder_logs: 1,
      audit: 1,
    })
    expect(await t.db.processedEvent.count()).toBe(0)
    const mine = ['sent-old', 'sent-recent', 'dead-old', 'expired-old', 'pending-old', 'sending-old', 'broadcast:card']
    const left = await t.db.outboxMessage.findMany({ where: { idempotencyKey: { in: mine } }, orderBy: { idempotencyKey: 'asc' } })
    expect(left.map((m) => m.idempotencyKey)).toEqual(['broadcast:card', 'pending-old', 'sending-old', 'sent-recent'])
    // The open task's history stays (the planner needs it); the closed one's recent step too.
    expect((await t.db.reminderLog.findMany({ orderBy: { id: 'asc' } })).slice(0, 2).map((l) => [l.step, l.outboxKey])).toEqual([
      ['due', 'sent-recent'],
      ['assigned', 'sent-old'],
    ])
    expect((await t.db.auditLog.findMany({ orderBy: { at: 'asc' } })).map((a) => a.action)).toEqual(['person.erase', 'training.done'])
    // The lease was given back.
    expect((await t.db.lease.findUniqueOrThrow({ where: { name: SWEEP_LEASE } })).expiresAt.getTime()).toBeLessThanOrEqual(LATER.getTime())
  })

  it('a dry run of the sweep deletes nothing', async () => {
    await createPrismaStore(t.db).events.markProcessed('slack', 'Ev-late')
    const result = await runReminderSweep(depsAt(LATER), {
      policy: DEFAULT_REMINDER_POLICY,
      platforms: ['slack'],
      holder: 'test',
      retention: DEFAULT_RETENTION,
      dryRun: true,
    })
    expect(result.kind === 'swept' && result.pruned).toBeNull()
    expect(await t.db.processedEvent.count()).toBe(1)
  })
})
