// The series of bot/metrics.ts made with prom-client. One Registry per runtime, never
// prom-client's global one, so several runtimes in one process (the tests) never collide.

import { performance } from 'node:perf_hooks'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { type DbPoolStats, type LadderMetrics, PLATFORMS, platformLabel } from './metrics.js'

/** Outbox statuses worth watching; delivered rows ("sent") grow until retention prunes them and are left out. */
const BACKLOG_STATUSES = ['pending', 'sending', 'dead', 'expired'] as const
/** Ack latency: platforms give 3 s (Slack) and expect far less. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5]
/** From admission to the reply sent (or queued): includes the platform call. */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
const SWEEP_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

export function createMetrics(): LadderMetrics {
  const registry = new Registry()
  const registers = [registry]
  let isCollectingDefaults = false

  const inbound = new Counter({
    name: 'ladder_inbound_events_total',
    help: 'Inbound platform events and requests by how they were settled at the ack',
    labelNames: ['platform', 'outcome'],
    registers,
  })
  const ack = new Histogram({
    name: 'ladder_ack_duration_seconds',
    help: 'Platform request received to HTTP response sent',
    labelNames: ['platform'],
    buckets: ACK_BUCKETS,
    registers,
  })
  const answerSeconds = new Histogram({
    name: 'ladder_answer_duration_seconds',
    help: 'Event admitted (acked) to its reply sent or queued',
    labelNames: ['platform'],
    buckets: ANSWER_BUCKETS,
    registers,
  })
  const answers = new Counter({
    name: 'ladder_answers_total',
    help: 'Admitted events answered from the intake, by outcome',
    labelNames: ['platform', 'outcome'],
    registers,
  })
  const deliveries = new Counter({
    name: 'ladder_deliveries_total',
    help: 'Outbox rows settled by the delivery worker, by outcome',
    labelNames: ['platform', 'outcome'],
    registers,
  })
  const retries = new Counter({
    name: 'ladder_delivery_retries_total',
    help: 'Delivery attempts retried in process (after a failure, or after a rate limit)',
    labelNames: ['platform', 'reason'],
    registers,
  })
  const dead = new Counter({
    name: 'ladder_dead_letters_total',
    help: 'Outbox rows given up (dead letters: ladder outbox --dead)',
    labelNames: ['platform'],
    registers,
  })
  const sweep = new Histogram({
    name: 'ladder_sweep_duration_seconds',
    help: 'Reminder sweep duration by outcome',
    labelNames: ['outcome'],
    buckets: SWEEP_BUCKETS,
    registers,
  })
  const llmCalls = new Counter({
    name: 'ladder_llm_calls_total',
    help: 'Language model calls by outcome (ok, or the error code)',
    labelNames: ['outcome'],
    registers,
  })
  const llmFallbacks = new Counter({
    name: 'ladder_llm_fallbacks_total',
    help: 'Questions the language model could not answer, answered deterministically, by reason',
    labelNames: ['reason'],
    registers,
  })

  let readBacklog: (() => Promise<{ platform: string; status: string; count: number }[]>) | undefined
  let backlogCacheMs = 1000
  let backlogCache: { at: number; rows: { platform: string; status: string; count: number }[] } | undefined
  new Gauge({
    name: 'ladder_outbox_messages',
    help: 'Outbox rows by platform and status (pending, sending, dead, expired), read from the database at scrape time',
    labelNames: ['platform', 'status'],
    registers,
    async collect() {
      if (!readBacklog) return
      const now = performance.now()
      if (!backlogCache || now - backlogCache.at >= backlogCacheMs) backlogCache = { at: now, rows: await readBacklog() }
      this.reset()
      for (const platform of PLATFORMS) for (const status of BACKLOG_STATUSES) this.set({ platform, status }, 0)
      for (const row of backlogCache.rows) this.inc({ platform: platformLabel(row.platform), status: row.status }, row.count)
    },
  })

  let readPools: (() => DbPoolStats[]) | undefined
  new Gauge({
    name: 'ladder_db_connections',
    help: 'Database connections by pool and state (in_use, idle, waiting: requests waiting for a connection)',
    labelNames: ['pool', 'state'],
    registers,
    collect() {
      if (!readPools) return
      this.reset()
      for (const p of readPools()) {
        this.set({ pool: p.pool, state: 'in_use' }, p.inUse)
        this.set({ pool: p.pool, state: 'idle' }, p.idle)
        this.set({ pool: p.pool, state: 'waiting' }, p.waiting)
      }
    },
  })

  let readIntake: (() => { unanswered: number; answering: number; overflow: number }) | undefined
  new Gauge({
    name: 'ladder_intake_backlog_events',
    help: 'Events acked but not answered yet (queued in memory, waiting in the database, or being answered)',
    registers,
    collect() {
      if (readIntake) this.set(readIntake().unanswered)
    },
  })
  new Gauge({
    name: 'ladder_intake_overflow_events',
    help: 'Of the intake backlog, events waiting only in the database because the memory queue was full',
    registers,
    collect() {
      if (readIntake) this.set(readIntake().overflow)
    },
  })
  new Gauge({
    name: 'ladder_intake_answering_events',
    help: 'Of the intake backlog, events being answered now',
    registers,
    collect() {
      if (readIntake) this.set(readIntake().answering)
    },
  })

  // Children bound once per label set: an increment on the hot path is a map lookup and an addition.
  const bound = <T>(make: (key: string) => T) => {
    const children = new Map<string, T>()
    return (key: string): T => {
      let child = children.get(key)
      if (!child) {
        child = make(key)
        children.set(key, child)
      }
      return child
    }
  }
  const inboundOf = bound((key) => {
    const [platform, outcome] = key.split(' ') as [string, string]
    return inbound.labels(platform, outcome)
  })
  const ackOf = bound((platform) => ack.labels(platform))
  const answerOf = bound((platform) => answerSeconds.labels(platform))
  const answersOf = bound((key) => {
    const [platform, outcome] = key.split(' ') as [string, string]
    return answers.labels(platform, outcome)
  })

  return {
    async exposition() {
      return { contentType: registry.contentType, text: await registry.metrics() }
    },
    collectDefaults() {
      if (isCollectingDefaults) return
      isCollectingDefaults = true
      collectDefaultMetrics({ register: registry })
    },
    inbound: (platform, outcome) => inboundOf(`${platformLabel(platform)} ${outcome}`).inc(),
    ackSeconds: (platform, seconds) => ackOf(platformLabel(platform)).observe(seconds),
    answered(platform, outcome, seconds) {
      const label = platformLabel(platform)
      answersOf(`${label} ${outcome}`).inc()
      if (seconds !== undefined) answerOf(label).observe(seconds)
    },
    delivery: (platform, outcome) => {
      deliveries.labels(platformLabel(platform), outcome).inc()
      if (outcome === 'dead') dead.labels(platformLabel(platform)).inc()
    },
    retry: (platform, reason) => retries.labels(platformLabel(platform), reason).inc(),
    sweep: (outcome, seconds) => sweep.labels(outcome).observe(seconds),
    llmCall: (outcome) => llmCalls.labels(outcome).inc(),
    llmFallback: (reason) => llmFallbacks.labels(reason).inc(),
    outboxBacklog(read, cacheMs = 1000) {
      readBacklog = read
      backlogCacheMs = cacheMs
      backlogCache = undefined
    },
    dbPools(read) {
      readPools = read
    },
    intakeBacklog(read) {
      readIntake = read
    },
  }
}
