// The delivery worker against the real outbox: exactly once across a crash,
// Retry-After honoured, backoff, dead letters, card updates. Waits are injected.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { createMessengerRegistry, DeliveryError } from '../../core/kernel/messaging.js'
import type { NewOutboxMessage } from '../../core/kernel/outbox.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { type RecordingMessenger, recordingMessenger } from './support/recording-messenger.js'
import { fakeClock, reminderDeps } from './support/reminder-org.js'

let t: TestDb
const clock = fakeClock('2026-11-17T02:00:00Z')
// No app-wide ceiling: pacing waits would mix with the retry waits these tests assert (pacing has its own tests).
const fast = { perDestination: { count: 1000, intervalMs: 1000 }, overall: [] }
const options: DeliveryOptions = {
  rates: { slack: fast, feishu: fast, web: fast },
  maxAttempts: 8,
  baseBackoffMs: 1000,
  maxBackoffMs: 60_000,
  leaseMs: 60_000,
  batchSize: 5,
  maxInProcessWaitMs: 30_000,
  pollMs: 10,
  counterFlushMs: 1000,
}

beforeAll(async () => {
  t = await createTestDb()
})
afterAll(() => t.close())
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany()
  clock.set('2026-11-17T02:00:00Z')
})

const store = () => reminderDeps(t.db, clock).store
const message = (i: number, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  idempotencyKey: `test:${i}`,
  kind: 'reminder',
  to: { platform: 'slack', tenant: 'T1', kind: 'user', id: `U${i}` },
  card: makeCard('en', { title: `message ${i}` }, []),
  employeeId: null,
  availableAt: clock.now(),
  ...extra,
})
async function enqueue(n: number, extra: Partial<NewOutboxMessage> = {}) {
  for (let i = 1; i <= n; i++) await store().outbox.enqueue(message(i, extra), clock.now())
}
function worker(messenger: RecordingMessenger, holder: string, waits: number[] = [], overrides: Partial<DeliveryOptions> = {}) {
  const sleep = async (ms: number) => {
    waits.push(ms)
    clock.advance(ms)
  }
  return createDeliveryWorker(
    { outbox: store().outbox, messengers: createMessengerRegistry({ slack: messenger }), clock, log: memoryLogger(), sleep, holder },
    { ...options, ...overrides },
  )
}
const statuses = async () =>
  (await t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.idempotencyKey, r.status, r.attempts])

describe('delivery worker', () => {
  it('sends each available message once, records its platform reference, and leaves later ones for later', async () => {
    await enqueue(3)
    await store().outbox.enqueue(message(4, { availableAt: new Date(clock.now().getTime() + 600_000) }), clock.now())
    expect((await store().outbox.enqueue(message(1), clock.now())).isNew).toBe(false)
    const slack = recordingMessenger()
    const stats = await worker(slack, 'w').drain()
    expect(stats).toMatchObject({ claimed: 3, sent: 3, dead: 0 })
    expect(slack.sent.map((s) => s.to.id)).toEqual(['U1', 'U2', 'U3'])
    const first = await store().outbox.byKey('test:1')
    expect(first).toMatchObject({ status: 'sent', attempts: 1, ref: { channelId: 'U1', messageId: 'm1' } })
    clock.advance(600_000)
    expect(await worker(slack, 'w').drain()).toMatchObject({ sent: 1 })
    expect(slack.sent).toHaveLength(4)
  })

  it('sends every message exactly once when a worker dies mid-way and another takes over after the lease', async () => {
    await enqueue(12)
    const dying = recordingMessenger('a')
    let died!: () => void
    const death = new Promise<void>((resolve) => (died = resolve))
    dying.dieAfter(3, () => died())
    void worker(dying, 'A').runOnce() // never settles: the process "died" inside a platform call
    await death
    const survivor = recordingMessenger('b')
    // While A's lease holds, B leaves A's claimed rows alone and sends only the unclaimed ones.
    const early = await worker(survivor, 'B').drain()
    expect(early.sent).toBe(7)
    clock.advance(options.leaseMs + 1)
    const late = await worker(survivor, 'B').drain()
    expect(late.sent).toBe(2)
    const all = [...dying.sent, ...survivor.sent].map((s) => s.to.id).sort()
    expect(all).toEqual(Array.from({ length: 12 }, (_, i) => `U${i + 1}`).sort())
    expect((await statuses()).every(([, status]) => status === 'sent')).toBe(true)
    // The send A died in is retried by B under the same key: a platform that dedupes (Feishu's uuid) drops it if A's got through.
    const diedIn = dying.begun.at(-1)
    expect(diedIn).toMatch(/^test:/)
    expect(survivor.sent.filter((s) => s.idempotencyKey === diedIn)).toHaveLength(1)
  })

  it('honours a 429 Retry-After before trying again, without spending an attempt on it', async () => {
    await enqueue(1)
    const slack = recordingMessenger()
    slack.failNext(new DeliveryError('slack chat.postMessage: ratelimited', { retryAfterMs: 3000, code: 'slack:429' }))
    const waits: number[] = []
    const started = clock.now().getTime()
    expect(await worker(slack, 'w', waits).runOnce()).toMatchObject({ sent: 1 })
    expect(waits).toEqual([3000])
    expect(clock.now().getTime() - started).toBe(3000)
    expect(await statuses()).toEqual([['test:1', 'sent', 1]])
  })

  it('puts a long Retry-After back in the queue instead of sleeping through it', async () => {
    await enqueue(1)
    const slack = recordingMessenger()
    slack.failNext(new DeliveryError('ratelimited', { retryAfterMs: 90_000 }))
    const w = worker(slack, 'w')
    expect(await w.runOnce()).toMatchObject({ rescheduled: 1, sent: 0 })
    const row = await store().outbox.byKey('test:1')
    expect(row).toMatchObject({ status: 'pending', attempts: 0, availableAt: new Date(clock.now().getTime() + 90_000) })
    clock.advance(89_000)
    expect(await w.runOnce()).toMatchObject({ claimed: 0 })
    clock.advance(1_000)
    expect(await w.runOnce()).toMatchObject({ sent: 1 })
    expect(await statuses()).toEqual([['test:1', 'sent', 1]])
  })

  it('backs off exponentially after server errors', async () => {
    await enqueue(1)
    const slack = recordingMessenger()
    slack.failNext(...[1, 2, 3].map(() => new DeliveryError('HTTP 503', { code: 'slack:503' })))
    const waits: number[] = []
    expect(await worker(slack, 'w', waits).runOnce()).toMatchObject({ sent: 1 })
    expect(waits).toEqual([1000, 2000, 4000])
    expect(await statuses()).toEqual([['test:1', 'sent', 4]])
  })

  it('gives up into the dead-letter list: at once for a permanent error, after the last attempt otherwise; HR can retry', async () => {
    await enqueue(2)
    const slack = recordingMessenger()
    slack.failNext(
      new DeliveryError('channel_not_found', { isPermanent: true, code: 'slack:channel_not_found' }),
      ...[1, 2, 3].map(() => new DeliveryError('HTTP 500')),
    )
    const waits: number[] = []
    expect(await worker(slack, 'w', waits, { maxAttempts: 3 }).drain()).toMatchObject({ dead: 2, sent: 0 })
    expect(waits).toEqual([1000, 2000])
    const dead = await store().outbox.listDead(10)
    expect(dead.map((d) => [d.idempotencyKey, d.attempts, d.lastError])).toEqual([
      ['test:2', 3, 'gave up after 3 attempts: HTTP 500'],
      ['test:1', 1, 'permanent: slack:channel_not_found channel_not_found'],
    ])
    expect(await store().outbox.retryDead(dead[1]!.id, clock.now())).toBe(true)
    expect(await store().outbox.retryDead(dead[1]!.id, clock.now())).toBe(false)
    expect(await worker(slack, 'w').drain()).toMatchObject({ sent: 1 })
    expect(await store().outbox.countByStatus()).toEqual({ pending: 0, sending: 0, sent: 1, dead: 1, expired: 0 })
  })

  it("never delivers after the recipient's working day: the message expires and its steps are forgotten for the next sweep", async () => {
    await t.db.reminderLog.createMany({
      data: [1, 2].map((i) => ({ taskKind: 'training', taskId: i, step: 'due', recipientId: i, at: clock.now(), outboxKey: `test:${i}` })),
    })
    // Reminders, each to the person its steps were logged for. Message 1: the worker was down until after hours.
    await store().outbox.enqueue(message(1, { employeeId: 1, expiresAt: new Date(clock.now().getTime() + 60_000) }), clock.now())
    clock.advance(61_000)
    // Message 2: a 5xx whose backoff would end after hours.
    await store().outbox.enqueue(message(2, { employeeId: 2, expiresAt: new Date(clock.now().getTime() + 60_000) }), clock.now())
    const slack = recordingMessenger()
    slack.failNext(new DeliveryError('HTTP 503'))
    const w = worker(slack, 'w', [], { baseBackoffMs: 120_000, maxInProcessWaitMs: 300_000 })
    expect(await w.drain()).toMatchObject({ expired: 2, sent: 0 })
    // A message without an end of day is not affected.
    await store().outbox.enqueue(message(3), clock.now())
    expect(await w.drain()).toMatchObject({ sent: 1 })
    expect(slack.sent.map((s) => s.to.id)).toEqual(['U3'])
    expect(await statuses()).toEqual([
      ['test:1', 'expired', 1],
      ['test:2', 'expired', 1],
      ['test:3', 'sent', 1],
    ])
    expect(await t.db.reminderLog.count()).toBe(0)
  })

  it('updates a card already sent through Messenger.update with its stored reference', async () => {
    await store().outbox.enqueue(message(1, { kind: 'card_update', target: { channelId: 'C1', messageId: '171.0001' } }), clock.now())
    const slack = recordingMessenger()
    expect(await worker(slack, 'w').runOnce()).toMatchObject({ sent: 1 })
    expect(slack.sent).toEqual([])
    expect(slack.updates.map((u) => u.ref)).toEqual([{ channelId: 'C1', messageId: '171.0001' }])
  })

  it('claims nothing for a platform without a messenger', async () => {
    await enqueue(1, { to: { platform: 'feishu', tenant: 'f', kind: 'user', id: 'ou_1' } })
    expect(await worker(recordingMessenger(), 'w').drain()).toMatchObject({ claimed: 0 })
    expect(await statuses()).toEqual([['test:1', 'pending', 0]])
  })
})
