// bot/metrics.ts's pure parts: who may scrape, which route is which platform, what a
// status says, and the counting wrappers around the intake, the outbox and the model.
import { describe, expect, it } from 'vitest'
import {
  instrumentIntake,
  instrumentLlm,
  instrumentOutbox,
  type LadderMetrics,
  metricsAccess,
  outcomeOfStatus,
  platformOfRoute,
} from '../../bot/metrics.js'
import { createMetrics } from '../../bot/prometheus.js'
import { type AdmittedEvent, createIntake, type IntakeStore } from '../../core/kernel/intake.js'
import { LlmError } from '../../core/kernel/llm-error.js'
import type { OutboxMessage, OutboxRepo } from '../../core/kernel/outbox.js'
import { memoryLogger } from '../support/deps.js'
import { parseExposition } from '../support/prometheus.js'

const scrape = async (metrics: LadderMetrics) => parseExposition((await metrics.exposition()).text)
const sampleOf = async (metrics: LadderMetrics, name: string, labels: Record<string, string> = {}) =>
  (await scrape(metrics)).find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

describe('metricsAccess', () => {
  const local = { socketAddress: '127.0.0.1', headers: {} }
  it('without a token: loopback without proxy headers only', () => {
    expect(metricsAccess(undefined, local)).toEqual({ ok: true })
    expect(metricsAccess(undefined, { socketAddress: '::1', headers: {} })).toEqual({ ok: true })
    expect(metricsAccess(undefined, { socketAddress: '::ffff:127.0.0.1', headers: {} })).toEqual({ ok: true })
    for (const refused of [
      { socketAddress: '10.0.0.8', headers: {} },
      { socketAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.1' } },
      { socketAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.1' } },
      { socketAddress: undefined, headers: {} },
    ])
      expect(metricsAccess(undefined, refused)).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/METRICS_TOKEN/) })
  })

  it('with a token: the right bearer token only, from anywhere', () => {
    const token = 'a-token-of-some-length'
    expect(metricsAccess(token, { socketAddress: '10.0.0.8', headers: { authorization: `Bearer ${token}` } })).toEqual({ ok: true })
    expect(metricsAccess(token, { socketAddress: '10.0.0.8', headers: { authorization: `bearer ${token}` } })).toEqual({ ok: true })
    for (const authorization of [undefined, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, token, `Basic ${token}`])
      expect(metricsAccess(token, { ...local, headers: authorization ? { authorization } : {} })).toMatchObject({ ok: false, status: 401 })
  })
})

describe('platformOfRoute and outcomeOfStatus', () => {
  it('names the platform of its request routes only', () => {
    expect(platformOfRoute('/slack/events')).toBe('slack')
    expect(platformOfRoute('/feishu/events')).toBe('feishu')
    expect(platformOfRoute('/feishu/cards')).toBe('feishu')
    expect(platformOfRoute('/console/message')).toBe('web')
    expect(platformOfRoute('/console/home')).toBeUndefined()
    expect(platformOfRoute('/metrics')).toBeUndefined()
    expect(platformOfRoute(undefined)).toBeUndefined()
  })

  it('reads a refusal from its status', () => {
    expect([200, 204, 401, 403, 400, 413, 415, 404, 500, 503].map(outcomeOfStatus)).toEqual([
      undefined,
      undefined,
      'rejected',
      'rejected',
      'malformed',
      'malformed',
      'malformed',
      'unhandled',
      'failed',
      'failed',
    ])
  })
})

describe('createMetrics', () => {
  it('one registry per runtime: two in one process never collide', async () => {
    const a = createMetrics()
    const b = createMetrics()
    a.inbound('slack', 'accepted')
    expect(await sampleOf(a, 'ladder_inbound_events_total', { platform: 'slack', outcome: 'accepted' })).toBe(1)
    expect(await sampleOf(b, 'ladder_inbound_events_total', { platform: 'slack', outcome: 'accepted' })).toBeUndefined()
  })

  it('process metrics only once asked for, and once however often', async () => {
    const metrics = createMetrics()
    expect((await scrape(metrics)).some((s) => s.name.startsWith('process_'))).toBe(false)
    metrics.collectDefaults()
    metrics.collectDefaults()
    expect((await scrape(metrics)).some((s) => s.name === 'process_cpu_seconds_total')).toBe(true)
  })

  it('labels an unknown platform "other", never with what it was given', async () => {
    const metrics = createMetrics()
    metrics.inbound('someone@example.com', 'rejected')
    const samples = await scrape(metrics)
    expect(samples.filter((s) => s.name === 'ladder_inbound_events_total').map((s) => s.labels)).toEqual([
      { platform: 'other', outcome: 'rejected' },
    ])
  })

  it('reads the outbox backlog at scrape time, at most once per cache period, with zeros for the quiet platforms', async () => {
    const metrics = createMetrics()
    let reads = 0
    metrics.outboxBacklog(async () => {
      reads++
      return [{ platform: 'slack', status: 'pending', count: 7 }]
    }, 60_000)
    expect(await sampleOf(metrics, 'ladder_outbox_messages', { platform: 'slack', status: 'pending' })).toBe(7)
    expect(await sampleOf(metrics, 'ladder_outbox_messages', { platform: 'web', status: 'dead' })).toBe(0)
    await scrape(metrics)
    expect(reads).toBe(1)
  })

  it('reports every database pool the provider names', async () => {
    const metrics = createMetrics()
    metrics.dbPools(() => [{ pool: 'pg', inUse: 3, idle: 2, waiting: 1 }])
    expect(await sampleOf(metrics, 'ladder_db_connections', { pool: 'pg', state: 'in_use' })).toBe(3)
    expect(await sampleOf(metrics, 'ladder_db_connections', { pool: 'pg', state: 'waiting' })).toBe(1)
  })
})

function memoryIntakeStore(): IntakeStore {
  const rows: AdmittedEvent[] = []
  return {
    async admit(events) {
      const written: AdmittedEvent[] = []
      for (const e of events) {
        if (rows.some((r) => r.platform === e.platform && r.eventId === e.eventId)) continue
        const row = { id: rows.length + 1, ...e }
        rows.push(row)
        written.push(row)
      }
      return written
    },
    async after(afterId, limit) {
      return rows.filter((r) => r.id > afterId).slice(0, limit)
    },
    async remove() {},
    async count() {
      return 0
    },
  }
}

describe('instrumentIntake', () => {
  it('counts admissions and duplicates at the ack, and answers with their latency', async () => {
    const metrics = createMetrics()
    const intake = instrumentIntake(createIntake({ store: memoryIntakeStore(), log: memoryLogger() }), metrics)
    intake.handle('feishu', async (payload) => {
      if (payload === 'boom') throw new Error('boom')
    })
    await intake.start()
    expect(await intake.admit('feishu', 'e1', 'one')).toBe('admitted')
    expect(await intake.admit('feishu', 'e1', 'one')).toBe('duplicate')
    expect(await intake.admit('feishu', 'e2', 'boom')).toBe('admitted')
    intake.record?.('feishu', 'answered')
    await intake.drained()
    expect(await sampleOf(metrics, 'ladder_inbound_events_total', { platform: 'feishu', outcome: 'accepted' })).toBe(2)
    expect(await sampleOf(metrics, 'ladder_inbound_events_total', { platform: 'feishu', outcome: 'duplicate' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_inbound_events_total', { platform: 'feishu', outcome: 'answered' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_answers_total', { platform: 'feishu', outcome: 'answered' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_answers_total', { platform: 'feishu', outcome: 'failed' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_answer_duration_seconds_count', { platform: 'feishu' })).toBe(1)
    await intake.stop()
  })
})

describe('instrumentOutbox', () => {
  const row = (id: number, platform: 'slack' | 'feishu') => ({ id, to: { platform } }) as unknown as OutboxMessage
  function fakeOutbox(results: { lost?: number[] } = {}): OutboxRepo {
    const done = async (input: { id: number }) => !(results.lost ?? []).includes(input.id)
    return {
      claim: async () => [row(1, 'slack'), row(2, 'slack'), row(3, 'feishu'), row(4, 'feishu'), row(5, 'slack')],
      markSent: done,
      markDead: done,
      expire: done,
      reschedule: done,
      recordRetry: done,
      countByStatus: async () => ({ pending: 9 }),
    } as unknown as OutboxRepo
  }

  it('counts each settled row by its platform and outcome, retries by reason, dead letters; the rest is the repository’s', async () => {
    const metrics = createMetrics()
    const outbox = instrumentOutbox(fakeOutbox({ lost: [5] }), metrics)
    await outbox.claim({ platform: 'slack', holder: 'h', now: new Date(), leaseMs: 1000, limit: 5 })
    const leaseUntil = new Date()
    await outbox.recordRetry({ id: 1, holder: 'h', error: 'x', leaseUntil })
    await outbox.recordRetry({ id: 1, holder: 'h', error: 'x', leaseUntil, countsAsAttempt: false })
    await outbox.markSent({ id: 1, holder: 'h', ref: null, now: new Date() })
    await outbox.markDead({ id: 2, holder: 'h', error: 'x', now: new Date() })
    await outbox.expire({ id: 3, holder: 'h' })
    await outbox.reschedule({ id: 4, holder: 'h', error: 'x', availableAt: new Date() })
    await outbox.markSent({ id: 5, holder: 'h', ref: null, now: new Date() })
    // Settled already: not counted twice.
    await outbox.markSent({ id: 1, holder: 'h', ref: null, now: new Date() })
    const count = (labels: Record<string, string>) => sampleOf(metrics, 'ladder_deliveries_total', labels)
    expect(await count({ platform: 'slack', outcome: 'sent' })).toBe(1)
    expect(await count({ platform: 'slack', outcome: 'dead' })).toBe(1)
    expect(await count({ platform: 'feishu', outcome: 'expired' })).toBe(1)
    expect(await count({ platform: 'feishu', outcome: 'rescheduled' })).toBe(1)
    expect(await count({ platform: 'slack', outcome: 'lost' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_dead_letters_total', { platform: 'slack' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_delivery_retries_total', { platform: 'slack', reason: 'failure' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_delivery_retries_total', { platform: 'slack', reason: 'rate_limited' })).toBe(1)
    expect(await outbox.countByStatus()).toEqual({ pending: 9 })
  })
})

describe('instrumentLlm', () => {
  it('counts calls by outcome and passes fallbacks on', async () => {
    const metrics = createMetrics()
    let fail: Error | null = null
    const llm = instrumentLlm(
      {
        complete: async () => {
          if (fail) throw fail
          return { content: 'hi', toolCalls: [] }
        },
      },
      metrics,
    )
    await llm.complete([], [])
    fail = new LlmError('timeout', 'slow')
    await expect(llm.complete([], [])).rejects.toThrow('slow')
    fail = new Error('odd')
    await expect(llm.complete([], [])).rejects.toThrow('odd')
    llm.onFallback?.('timeout')
    expect(await sampleOf(metrics, 'ladder_llm_calls_total', { outcome: 'ok' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_llm_calls_total', { outcome: 'timeout' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_llm_calls_total', { outcome: 'unexpected' })).toBe(1)
    expect(await sampleOf(metrics, 'ladder_llm_fallbacks_total', { reason: 'timeout' })).toBe(1)
  })
})
