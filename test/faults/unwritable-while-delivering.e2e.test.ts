// The database refuses writes while the worker delivers (a full disk; here the same
// refusal made with PRAGMA query_only, as a full disk cannot be made without root): the
// platform took the messages but `sent` could not be written. Once writes work again,
// delivery resumes and nothing already sent is sent again — the rows' leases have run
// out meanwhile, so a blind claim would have sent all of them twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawSql } from '../../adapters/db/raw-sql.js'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { createMessengerRegistry, type Messenger } from '../../core/kernel/messaging.js'
import { recordingMessenger } from '../reminders/support/recording-messenger.js'
import { fakeClock, reminderDeps } from '../reminders/support/reminder-org.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

let t: TestDb
const clock = fakeClock('2026-11-17T02:00:00Z')
const fast = { perDestination: { count: 1000, intervalMs: 1000 }, overall: [{ count: 1000, intervalMs: 1000 }] }
const options: DeliveryOptions = {
  rates: { slack: fast, feishu: fast, web: fast },
  maxAttempts: 8,
  baseBackoffMs: 1000,
  maxBackoffMs: 60_000,
  leaseMs: 60_000,
  batchSize: 10,
  maxInProcessWaitMs: 30_000,
  pollMs: 10,
  counterFlushMs: 1000,
}

beforeAll(async () => {
  t = await createTestDb()
})
afterAll(() => t.close())

describe('writes refused while delivering', () => {
  it('resumes once writes work again, sending nothing twice', async () => {
    const store = reminderDeps(t.db, clock).store
    for (let i = 1; i <= 5; i++)
      await store.outbox.enqueue(
        {
          idempotencyKey: `full:${i}`,
          kind: 'reminder',
          to: { platform: 'slack', tenant: 'T1', kind: 'user', id: `U${i}` },
          card: makeCard('en', { title: `message ${i}` }, []),
          employeeId: null,
          availableAt: clock.now(),
        },
        clock.now(),
      )
    const slack = recordingMessenger()
    // The disk fills as the first message goes out.
    const filling: Messenger = {
      ...slack,
      send: async (to, card, sendOptions) => {
        const ref = await slack.send(to, card, sendOptions)
        await rawSql(t.db).query('PRAGMA query_only = ON')
        return ref
      },
    }
    const worker = (messenger: Messenger) =>
      createDeliveryWorker(
        {
          outbox: store.outbox,
          messengers: createMessengerRegistry({ slack: messenger }),
          clock,
          log: memoryLogger(),
          sleep: async () => {},
        },
        options,
      )
    await worker(filling)
      .runOnce()
      .catch(() => undefined)
    const sentDuringOutage = slack.sent.length
    expect(sentDuringOutage).toBeGreaterThan(0)

    // Space is freed; the leases of the rows in flight have run out.
    await rawSql(t.db).query('PRAGMA query_only = OFF')
    clock.advance(10 * 60_000)
    await worker(slack).drain()

    const keys = slack.sent.map((s) => s.idempotencyKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.sort()).toEqual(['full:1', 'full:2', 'full:3', 'full:4', 'full:5'])
    expect(await t.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(5)
  })
})
