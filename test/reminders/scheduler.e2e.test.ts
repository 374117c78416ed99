// The composition: settings → options, and a running scheduler whose sweep and
// delivery loop move a reminder from a task to the platform, then stop cleanly.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_DELIVERY_OPTIONS } from '../../bot/delivery.js'
import { schedulerOptionsFrom, startScheduler } from '../../bot/scheduler.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { recordingMessenger } from './support/recording-messenger.js'
import { buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'

let t: TestDb
let org: ReminderOrg
beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
})
afterAll(() => t.close())

describe('schedulerOptionsFrom', () => {
  it('uses the documented defaults when nothing is set', () => {
    const options = schedulerOptionsFrom({})
    expect(options.cron).toBe('*/15 * * * *')
    expect(options.policy).toEqual(DEFAULT_REMINDER_POLICY)
    expect(options.delivery).toEqual(DEFAULT_DELIVERY_OPTIONS)
  })

  it('maps every setting', () => {
    const options = schedulerOptionsFrom({
      REMINDER_CRON: '*/5 * * * *',
      REMINDER_OFFSETS_DAYS: [5, 2],
      REMINDER_OVERDUE_EVERY_WORKING_DAYS: 1,
      ESCALATE_MANAGER_AFTER_WORKING_DAYS: 2,
      ESCALATE_HR_AFTER_WORKING_DAYS: 4,
      WORKING_HOURS: { startMinute: 510, endMinute: 1050 },
      HOLIDAYS: new Set(['2026-12-25']),
      SLACK_RATE_PER_SECOND: 2,
      FEISHU_RATE_PER_SECOND: 3,
      DELIVERY_MAX_ATTEMPTS: 4,
    })
    expect(options.policy).toEqual({
      offsetsDays: [5, 2],
      overdueEveryWorkingDays: 1,
      escalateManagerAfterWorkingDays: 2,
      escalateHrAfterWorkingDays: 4,
      workingHours: { startMinute: 510, endMinute: 1050 },
      holidays: new Set(['2026-12-25']),
      horizonMinutes: 5,
    })
    expect(options.delivery.maxAttempts).toBe(4)
    expect(options.delivery.rates.slack.perDestination).toEqual({ count: 1, intervalMs: 525 }) // 2/s, smooth, 5 % headroom
    expect(options.delivery.rates.feishu.perDestination).toEqual({ count: 1, intervalMs: 350 })
  })

  it('refuses a cron expression node-schedule cannot read', () => {
    const d = { ...reminderDeps(t.db, { now: () => new Date() }), messengers: createMessengerRegistry() }
    expect(() => startScheduler(d, { ...schedulerOptionsFrom({}), cron: 'every monday' })).toThrow(/REMINDER_CRON "every monday"/)
  })
})

describe('startScheduler', () => {
  it('sweeps on demand, delivers in the background, and stops', async () => {
    const clock = fakeClock('2026-11-17T02:05:00Z') // Tue 10:05 in Shanghai
    await t.db.trainingAssignment.create({
      data: {
        employeeId: org.ids.eve,
        courseId: org.courses.RD101,
        assignedAt: new Date('2026-11-17T02:00:00Z'),
        dueAt: new Date('2026-11-27T10:00:00Z'),
      },
    })
    const slack = recordingMessenger()
    const options = schedulerOptionsFrom({ REMINDER_CRON: '0 3 * * *' })
    const scheduler = startScheduler(
      { ...reminderDeps(t.db, clock), messengers: createMessengerRegistry({ slack }) },
      { ...options, delivery: { ...options.delivery, pollMs: 5 } },
      'test-holder',
    )
    try {
      expect(await scheduler.sweepNow()).toMatchObject({ kind: 'swept', enqueued: 1 })
      clock.advance(60 * 60_000)
      await vi.waitFor(() => expect(slack.sent.map((s) => s.to.id)).toEqual(['U_EVE']), { timeout: 30_000, interval: 10 })
    } finally {
      await scheduler.stop()
    }
    expect((await t.db.outboxMessage.findFirstOrThrow()).status).toBe('sent')
  })
})
