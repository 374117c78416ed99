// The delivery worker under platform faults, through the real SDKs against the
// local fakes and a real SQLite file (issue 18): a slow Slack that posts but
// answers late, a Feishu that never answers, 429 windows and storms, two workers
// sharing the app-wide pace, and SIGTERM with calls hanging.
import { spawn } from 'node:child_process'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createFeishuClient } from '../../adapters/feishu/client.js'
import { createFeishuApi } from '../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../../adapters/feishu/messenger.js'
import { createSlackMessenger } from '../../adapters/slack/messenger.js'
import { createDeliveryWebClient, createWebClient } from '../../adapters/slack/web-client.js'
import { createDeliveryWorker, type DeliveryOptions, type DeliveryWorker } from '../../bot/delivery.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { type ChatPlatform, createMessengerRegistry, type Messenger } from '../../core/kernel/messaging.js'
import type { NewOutboxMessage, OutboxRepo } from '../../core/kernel/outbox.js'
import { projectPath } from '../../core/kernel/project-root.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { fakeClock } from './support/reminder-org.js'

const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' }
const unlimited = { perDestination: { count: 1000, intervalMs: 1000 }, overall: [] }
const base: DeliveryOptions = {
  rates: { slack: unlimited, feishu: unlimited, web: unlimited },
  maxAttempts: 8,
  baseBackoffMs: 10,
  maxBackoffMs: 100,
  leaseMs: 60_000,
  batchSize: 100,
  maxInProcessWaitMs: 30_000,
  pollMs: 20,
  counterFlushMs: 60_000,
  callTimeoutMs: 400,
  maxInFlight: 32,
  stopTimeoutMs: 1000,
}
const systemClock = { now: () => new Date() }

let t: TestDb
let slackFake: FakeSlackApi
let feishuFake: FakeFeishu
let outbox: OutboxRepo
const log = memoryLogger()

beforeAll(async () => {
  t = await createTestDb()
  outbox = createPrismaStore(t.db).outbox
})
afterAll(() => t.close())
beforeEach(async () => {
  await t.db.outboxMessage.deleteMany()
  await t.db.pacingSlot.deleteMany()
  slackFake = await startFakeSlackApi()
  feishuFake = await startFakeFeishu({ ...APP })
})
afterEach(async () => {
  await slackFake.close()
  await feishuFake.close()
})

function slackMessenger(timeoutMs = 400): Messenger {
  const settings = { apiUrl: slackFake.apiUrl, log, timeoutMs }
  const { web, rateLimits } = createWebClient('xoxb-test', settings)
  return createSlackMessenger(web, rateLimits, createDeliveryWebClient('xoxb-test', settings), log)
}
function feishuMessenger(timeoutMs = 400): Messenger {
  const { client } = createFeishuClient({ ...APP, domain: feishuFake.url, timeoutMs }, log)
  return createFeishuMessenger(createFeishuApi(client), { retries: 3, baseDelayMs: 10, maxWaitMs: 100, sleep: async () => {} })
}

function message(platform: ChatPlatform, i: number, now = new Date()): NewOutboxMessage {
  return {
    idempotencyKey: `fault:${platform}:${i}`,
    kind: 'broadcast',
    to: { platform, tenant: 'T', kind: 'user', id: platform === 'slack' ? `U${1000 + i}` : `ou_${1000 + i}` },
    card: makeCard('en', { title: `card ${i}` }, []),
    employeeId: null,
    availableAt: now,
  }
}
async function enqueue(platform: ChatPlatform, n: number, now = new Date()) {
  await outbox.enqueueMany(
    Array.from({ length: n }, (_, i) => message(platform, i + 1, now)),
    now,
  )
}
const statusOf = async (platform: ChatPlatform) =>
  (await t.db.outboxMessage.findMany({ where: { platform }, orderBy: { id: 'asc' } })).map((r) => r.status)

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return condition()
}

describe('a slow platform never causes a duplicate', () => {
  it('Slack posts but answers after the deadline: the re-send finds the message by its metadata and posts nothing', async () => {
    // The deadline is generous for a loaded machine (a local call can take 100 ms there); the fake answers far past it.
    slackFake.fault('chat.postMessage', { delayMs: 8000 }, 20)
    await enqueue('slack', 20)
    const worker = createDeliveryWorker(
      { outbox, messengers: createMessengerRegistry({ slack: slackMessenger(2000) }), clock: systemClock, log },
      { ...base, callTimeoutMs: 2000 },
    )
    const stats = await worker.drain()
    expect(stats).toMatchObject({ sent: 20, dead: 0 })
    const perChannel = new Map<string, number>()
    for (const m of slackFake.posted) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1)
    expect(perChannel.size).toBe(20)
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true)
    expect(slackFake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(20)
    // The refs recorded are the messages the first attempts posted.
    const rows = await t.db.outboxMessage.findMany({ where: { platform: 'slack' } })
    const postedTs = new Set(slackFake.posted.map((m) => m.ts))
    expect(rows.every((r) => r.status === 'sent' && postedTs.has(r.refMessageId ?? ''))).toBe(true)
    expect(worker.health().slack!.timeouts).toBeGreaterThanOrEqual(20)
  })

  it('Feishu answers after the deadline: the re-send carries the same uuid and Feishu drops it', async () => {
    feishuFake.fault({ delayMs: 4000 }, 10)
    await enqueue('feishu', 10)
    const worker = createDeliveryWorker(
      { outbox, messengers: createMessengerRegistry({ feishu: feishuMessenger(1000) }), clock: systemClock, log },
      { ...base, callTimeoutMs: 1000 },
    )
    expect(await worker.drain()).toMatchObject({ sent: 10, dead: 0 })
    expect(feishuFake.messages.size).toBe(10)
    expect(feishuFake.deduplicated).toBeGreaterThanOrEqual(10)
  })
})

describe('a hung platform stalls nothing else', () => {
  it('Feishu never answers: Slack keeps delivering, and the worker counts the timeouts', async () => {
    feishuFake.fault({ hang: true })
    await enqueue('feishu', 4)
    await enqueue('slack', 12)
    const worker = createDeliveryWorker(
      {
        outbox,
        messengers: createMessengerRegistry({ feishu: feishuMessenger(1000), slack: slackMessenger(5000) }),
        clock: systemClock,
        log,
      },
      { ...base, batchSize: 3, baseBackoffMs: 200, maxBackoffMs: 400, callTimeoutMs: 1000 },
    )
    worker.start()
    try {
      const slackDone = await until(async () => (await statusOf('slack')).every((s) => s === 'sent'), 15_000)
      expect(slackDone).toBe(true)
      expect((await statusOf('feishu')).includes('sent')).toBe(false)
      await until(async () => worker.health().feishu!.timeouts >= 4, 10_000)
      expect(worker.health().feishu).toMatchObject({ sent: 0, timeouts: expect.any(Number) })
      expect(worker.health().feishu!.timeouts).toBeGreaterThanOrEqual(4)
      expect(worker.health().slack).toMatchObject({ sent: 12, timeouts: 0 })
      expect(log.lines.some((l) => l.level === 'warn' && /deadline/.test(l.msg ?? ''))).toBe(true)
    } finally {
      await worker.stop()
    }
  })
})

describe('rate limits', () => {
  it('a 429 with Retry-After: no chat.postMessage starts inside the window', async () => {
    slackFake.script('chat.postMessage', [{ status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } }])
    await enqueue('slack', 6)
    const rate = {
      perDestination: { count: 1000, intervalMs: 1000 },
      overall: [{ count: 2, intervalMs: 1000 }],
      pauseScope: 'method' as const,
    }
    const worker = createDeliveryWorker(
      { outbox, messengers: createMessengerRegistry({ slack: slackMessenger(2000) }), clock: systemClock, log },
      { ...base, rates: { ...base.rates, slack: rate } },
    )
    expect(await worker.drain()).toMatchObject({ sent: 6, dead: 0 })
    const calls = slackFake.callsTo('chat.postMessage')
    const limited = calls.find((c) => c.response.status === 429)!
    const after = calls.filter((c) => c.at > limited.at)
    expect(after).toHaveLength(6)
    // A loaded machine only makes calls later: none before the window ends (a little slack for clock granularity).
    for (const c of after) expect(c.at).toBeGreaterThanOrEqual(limited.at + 2000 - 50)
    expect(await t.db.outboxMessage.count({ where: { attempts: { gt: 1 } } })).toBe(0)
  })

  it('a long 429 storm dead-letters nothing: rate-limit waits spend no attempt, one attempt is one HTTP call', async () => {
    const clock = fakeClock('2026-11-17T02:00:00Z')
    const sleep = async (ms: number) => clock.advance(ms)
    slackFake.script(
      'chat.postMessage',
      Array.from({ length: 40 }, () => ({ status: 429, headers: { 'retry-after': '5' }, body: { ok: false, error: 'ratelimited' } })),
    )
    await enqueue('slack', 3, clock.now())
    const worker = createDeliveryWorker(
      { outbox, messengers: createMessengerRegistry({ slack: slackMessenger(2000) }), clock, log, sleep },
      { ...base, maxAttempts: 3 },
    )
    expect(await worker.drain()).toMatchObject({ sent: 3, dead: 0 })
    expect(slackFake.callsTo('chat.postMessage')).toHaveLength(43)
    expect((await t.db.outboxMessage.findMany()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ])
  })
})

describe('rate limits shared by every process on one database', () => {
  it('two worker processes on one SQLite file never get Feishu call slots closer than the app limit', async () => {
    await enqueue('feishu', 40)
    const script = projectPath('test', 'reminders', 'support', 'feishu-worker-process.ts')
    const run = (holder: string) =>
      new Promise<{ stats: { sent: number }; granted: number[] }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, t.url, feishuFake.url, holder, '20'], { cwd: projectPath() })
        let out = ''
        let err = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
        })
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString()
        })
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(err))))
      })
    const [a, b] = await Promise.all([run('p1'), run('p2')])
    expect(a.stats.sent + b.stats.sent).toBe(40)
    expect(feishuFake.messages.size).toBe(40)
    // Both took part, and the slots they were granted together are never closer than 1/20 s.
    expect(a.granted.length).toBeGreaterThan(0)
    expect(b.granted.length).toBeGreaterThan(0)
    const granted = [...a.granted, ...b.granted].sort((x, y) => x - y)
    const gaps = granted.slice(1).map((g, i) => g - granted[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50 - 1)
  }, 60_000)
})

describe('shutdown in bounded time', () => {
  it('SIGTERM with Feishu calls hanging: the process exits within 15 s, unsent rows are pending again, nothing is sent twice', async () => {
    feishuFake.fault({ hang: true })
    await enqueue('feishu', 10)
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', projectPath('test', 'reminders', 'support', 'delivery-process.ts'), t.url, feishuFake.url],
      {
        cwd: projectPath(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on('exit', (code) => resolve({ code, at: Date.now() })),
    )
    try {
      // Four calls hanging (its bound in flight), the other rows claimed or waiting.
      expect(await until(async () => feishuFake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/).length >= 4, 60_000), stderr).toBe(true)
      const signalled = Date.now()
      child.kill('SIGTERM')
      const { code, at } = await Promise.race([
        exited,
        new Promise<{ code: number | null; at: number }>((resolve) => setTimeout(() => resolve({ code: -1, at: Date.now() }), 20_000)),
      ])
      expect(code, stderr).toBe(0)
      expect(at - signalled).toBeLessThan(15_000)
    } finally {
      child.kill('SIGKILL')
    }
    const rows = await t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.every((r) => r.status === 'pending' && r.leaseHolder === null)).toBe(true)
    // The rows whose calls hung are marked so their next sender looks first; the others spent no attempt.
    const hung = rows.filter((r) => r.lastError?.startsWith('outcome unknown'))
    expect(hung.length).toBe(4)
    expect(rows.filter((r) => !hung.includes(r)).every((r) => r.attempts === 0)).toBe(true)
    // The next process sends everything; Feishu drops the repeats of the hung sends (same uuid).
    feishuFake.fault(null)
    const next: DeliveryWorker = createDeliveryWorker(
      { outbox, messengers: createMessengerRegistry({ feishu: feishuMessenger(2000) }), clock: systemClock, log },
      base,
    )
    expect(await next.drain()).toMatchObject({ sent: 10, dead: 0 })
    expect(feishuFake.messages.size).toBe(10)
    expect(feishuFake.deduplicated).toBe(4)
  }, 90_000)
})
