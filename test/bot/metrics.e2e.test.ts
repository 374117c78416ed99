// GET /metrics on the real server: the runtime as bot/main.ts builds it (real Bolt against
// the fake Slack API, the intake, the delivery worker and the scheduler, the language
// model against the fake OpenAI endpoint), the demo organisation, a short conversation,
// a sweep and two deliveries (one dead-lettered, one retried). Then the scrape: every
// series is there with plausible values, the text is Prometheus exposition format, and
// only those allowed may read it.
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { createPacingStore } from '../../adapters/db/pacing-store.js'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import { loadConfig } from '../../bot/config.js'
import { type RunningPlatforms, startPlatforms } from '../../bot/platforms/index.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { type RunningScheduler, schedulerOptionsFrom, startScheduler, withAdapters } from '../../bot/scheduler.js'
import { buildServer } from '../../bot/server.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { encryptedRequest } from '../fakes/feishu-crypto.js'
import { BOT_OPEN_ID, messageEvent } from '../fakes/feishu-events.js'
import { errorResponse, type FakeOpenAi, startFakeOpenAi } from '../fakes/openai-server.js'
import { FAKE_TEAM_ID, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { parseExposition, type Sample } from '../support/prometheus.js'

const SECRET = 'metrics-test-signing-secret-0123456789'
const TOKEN = 'metrics-token-0123456789abcdef'
const FEISHU = { appId: 'cli_0123456789abcdef', appSecret: 'app-secret', encryptKey: 'ladder-encrypt-key' }

let dir: string
let fake: FakeSlackApi
let feishu: FakeFeishu
let openai: FakeOpenAi
let runtime: Runtime
let app: FastifyInstance
let platforms: RunningPlatforms
let scheduler: RunningScheduler
let base: string
let samples: Sample[]
// Feishu messages pending when scraped: none due (waited for above), a retry's backoff perhaps on a loaded machine.
let feishuPending: number

let sequence = 0
function dm(user: string, text: string, eventId = `EvMetrics${++sequence}`): string {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`
  return JSON.stringify({
    token: 'x',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0LADDER',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', user, text, channel: `D${user.slice(1)}`, ts, event_ts: ts },
  })
}

function postSlack(body: string, options: { signature?: string } = {}): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': options.signature ?? signatureFor(SECRET, timestamp, body),
    },
    body,
  })
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ladder-metrics-'))
  fake = await startFakeSlackApi()
  fake.addUser({ id: 'U0LILEI', email: 'li.lei@demo.ladder' })
  fake.addUser({ id: 'U0ALEX', email: 'alex.chen@demo.ladder' })
  openai = await startFakeOpenAi()
  feishu = await startFakeFeishu({
    appId: FEISHU.appId,
    appSecret: FEISHU.appSecret,
    botOpenId: BOT_OPEN_ID,
    users: { ou_li_lei: { name: '李雷', enterprise_email: 'li.lei@demo.ladder' } },
  })
  const config = loadConfig(
    {
      DATABASE_URL: `file:${join(dir, 'ladder.db')}`,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_TIMEOUT_MS: '10000',
      FEEDBACK_SEAL_KEY_FILE: join(dir, 'seal.key'),
      FEISHU_APP_ID: FEISHU.appId,
      FEISHU_APP_SECRET: FEISHU.appSecret,
      FEISHU_ENCRYPT_KEY: FEISHU.encryptKey,
      FEISHU_DOMAIN: feishu.url,
    } as NodeJS.ProcessEnv,
    '/nonexistent/.env',
  )
  runtime = await openRuntime(config)
  await seedDemo(runtime.db, runtime.clock.now())
  app = buildServer(runtime, { readinessCacheMs: 0 })
  platforms = await startPlatforms(app, runtime)
  scheduler = startScheduler(
    runtime.deps,
    { ...withAdapters(schedulerOptionsFrom(config), platforms.adapters), metrics: runtime.metrics },
    undefined,
    createPacingStore(runtime.db),
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  // The conversation: a question, its redelivery, a forged and a malformed request, and a question for the model.
  const question = dm('U0LILEI', 'what is my gap')
  expect((await postSlack(question)).status).toBe(200)
  expect((await postSlack(question)).status).toBe(200)
  expect((await postSlack(dm('U0LILEI', 'hello'), { signature: 'v0=forged' })).status).toBe(401)
  expect((await postSlack(JSON.stringify({ type: 'event_callback', event: 'nonsense' }))).status).toBe(400)
  openai.enqueue(errorResponse(500))
  expect((await postSlack(dm('U0ALEX', 'can you summarise where I stand in a couple of sentences'))).status).toBe(200)
  // And one on Feishu, encrypted and signed as Feishu sends it.
  const feishuEvent = messageEvent({ openId: 'ou_li_lei', text: '我的差距', createTimeMs: Date.now() })
  const { body, headers } = encryptedRequest(feishuEvent, FEISHU.encryptKey, Math.floor(Date.now() / 1000))
  expect((await fetch(`${base}/feishu/events`, { method: 'POST', headers, body })).status).toBe(200)
  await until('both questions answered', () => fake.posted.length >= 2)
  await until('the Feishu question answered', () => feishu.messages.size >= 1)
  await runtime.intake.drained()

  // A sweep, then two deliveries: the first call fails for good (a dead letter), the next once (a retry).
  await scheduler.sweepNow()
  // Every delivery the sweep made due now has been attempted (a loaded machine may take a while).
  const swept = runtime.clock.now()
  await until(
    'the sweep’s deliveries',
    async () =>
      (await runtime.db.outboxMessage.count({
        where: { OR: [{ status: 'sending' }, { status: 'pending', availableAt: { lte: swept } }] },
      })) === 0,
  )
  fake.script('chat.postMessage', [
    { status: 200, body: { ok: false, error: 'channel_not_found' } },
    { status: 500, body: { ok: false, error: 'internal_error' } },
  ])
  const now = runtime.clock.now()
  for (const key of ['metrics:1', 'metrics:2'])
    await runtime.store.outbox.enqueue(
      {
        idempotencyKey: key,
        kind: 'notice',
        to: { platform: 'slack', tenant: FAKE_TEAM_ID, kind: 'user', id: 'U0LILEI' },
        card: makeCard('en', { title: key }, []),
        employeeId: null,
        availableAt: now,
      },
      now,
    )
  await until('both deliveries settled', async () => {
    const rows = await runtime.db.outboxMessage.findMany({ where: { idempotencyKey: { in: ['metrics:1', 'metrics:2'] } } })
    return rows.every((r) => r.status === 'sent' || r.status === 'dead')
  })

  feishuPending = await runtime.db.outboxMessage.count({ where: { platform: 'feishu', status: 'pending' } })
  const res = await fetch(`${base}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  samples = parseExposition(await res.text())
}, 60_000)

afterAll(async () => {
  await Promise.all([app?.close(), scheduler?.stop()])
  await platforms?.stop()
  await runtime?.close()
  await fake?.close()
  await feishu?.close()
  await openai?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('GET /metrics after a demo conversation', () => {
  it('counts inbound events by platform and outcome', () => {
    expect(value('ladder_inbound_events_total', { platform: 'slack', outcome: 'accepted' })).toBe(2)
    expect(value('ladder_inbound_events_total', { platform: 'slack', outcome: 'duplicate' })).toBe(1)
    expect(value('ladder_inbound_events_total', { platform: 'slack', outcome: 'rejected' })).toBe(1)
    expect(value('ladder_inbound_events_total', { platform: 'slack', outcome: 'malformed' })).toBe(1)
    expect(value('ladder_answers_total', { platform: 'slack', outcome: 'answered' })).toBe(2)
    expect(value('ladder_inbound_events_total', { platform: 'feishu', outcome: 'accepted' })).toBe(1)
    expect(value('ladder_answers_total', { platform: 'feishu', outcome: 'answered' })).toBe(1)
  })

  it('has ack and answer latency histograms with buckets', () => {
    // Every request to /slack/events is timed, refusals included.
    expect(value('ladder_ack_duration_seconds_count', { platform: 'slack' })).toBe(5)
    expect(value('ladder_ack_duration_seconds_bucket', { platform: 'slack', le: '+Inf' })).toBe(5)
    expect(value('ladder_ack_duration_seconds_sum', { platform: 'slack' })).toBeGreaterThan(0)
    expect(samples.filter((s) => s.name === 'ladder_ack_duration_seconds_bucket').length).toBeGreaterThan(5)
    expect(value('ladder_answer_duration_seconds_count', { platform: 'slack' })).toBe(2)
    expect(value('ladder_answer_duration_seconds_bucket', { platform: 'slack', le: '+Inf' })).toBe(2)
    expect(value('ladder_ack_duration_seconds_count', { platform: 'feishu' })).toBe(1)
    expect(value('ladder_answer_duration_seconds_count', { platform: 'feishu' })).toBe(1)
  })

  it('counts deliveries, retries and dead letters, and reads the outbox backlog', () => {
    expect(value('ladder_deliveries_total', { platform: 'slack', outcome: 'sent' })).toBeGreaterThanOrEqual(1)
    expect(value('ladder_deliveries_total', { platform: 'slack', outcome: 'dead' })).toBeGreaterThanOrEqual(1)
    expect(value('ladder_dead_letters_total', { platform: 'slack' })).toBeGreaterThanOrEqual(1)
    expect(value('ladder_delivery_retries_total', { platform: 'slack', reason: 'failure' })).toBeGreaterThanOrEqual(1)
    expect(value('ladder_outbox_messages', { platform: 'slack', status: 'dead' })).toBeGreaterThanOrEqual(1)
    expect(value('ladder_outbox_messages', { platform: 'feishu', status: 'pending' }) ?? 0).toBe(feishuPending)
  })

  it('times the sweep, counts the model’s calls and fallbacks, the intake backlog and the database connections', () => {
    expect(value('ladder_sweep_duration_seconds_count', { outcome: 'swept' })).toBe(1)
    expect(value('ladder_sweep_duration_seconds_bucket', { outcome: 'swept', le: '+Inf' })).toBe(1)
    expect(value('ladder_llm_calls_total', { outcome: 'http' })).toBe(1)
    expect(value('ladder_llm_fallbacks_total', { reason: 'http' })).toBe(1)
    expect(value('ladder_intake_backlog_events')).toBe(0)
    expect(value('ladder_intake_overflow_events')).toBe(0)
    expect(value('ladder_db_connections', { pool: 'prisma', state: 'idle' })).toBe(1)
    expect(value('ladder_db_connections', { pool: 'intake', state: 'waiting' })).toBe(0)
  })

  it('includes the process metrics', () => {
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0)
    expect(value('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
    expect(value('process_cpu_seconds_total')).toBeGreaterThan(0)
  })

  it('holds no user ids, emails or texts', () => {
    const labelValues = samples.flatMap((s) => Object.values(s.labels)).join(' ')
    expect(labelValues).not.toMatch(/U0LILEI|U0ALEX|ou_li_lei|demo\.ladder|gap|summarise|差距/)
  })
})

describe('who may read /metrics', () => {
  it('without METRICS_TOKEN: this machine yes, through a proxy or from elsewhere no (403 saying how to enable it)', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(200)
    const proxied = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })
    expect(proxied.status).toBe(403)
    expect(((await proxied.json()) as { error: string }).error).toMatch(/METRICS_TOKEN/)
    const remote = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })
    expect(remote.statusCode).toBe(403)
  })

  it('with METRICS_TOKEN: the right bearer token only (401 otherwise), from anywhere', async () => {
    const guarded = buildServer({ ...runtime, config: { ...runtime.config, METRICS_TOKEN: TOKEN } }, { readinessCacheMs: 0 })
    const get = (headers: Record<string, string>, remoteAddress = '10.1.2.3') =>
      guarded.inject({ method: 'GET', url: '/metrics', headers, remoteAddress })
    expect((await get({})).statusCode).toBe(401)
    expect((await get({}, '127.0.0.1')).statusCode).toBe(401)
    const wrong = await get({ authorization: `Bearer ${TOKEN}x` })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/)
    const right = await get({ authorization: `Bearer ${TOKEN}` })
    expect(right.statusCode).toBe(200)
    expect(parseExposition(right.body).some((s) => s.name === 'ladder_inbound_events_total')).toBe(true)
    await guarded.close()
  })

  it('METRICS_ENABLED=false: no /metrics at all', async () => {
    const off = buildServer({ ...runtime, config: { ...runtime.config, METRICS_ENABLED: false } }, { readinessCacheMs: 0 })
    expect((await off.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404)
    await off.close()
  })
})
