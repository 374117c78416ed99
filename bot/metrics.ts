// Prometheus metrics (GET /metrics, docs/metrics.md). One Registry per runtime, never
// prom-client's global one, so several runtimes in one process (the tests) never
// collide. Labels are bounded: platform, outcome, status, reason, pool — never a
// person, an address or a text. The hot path (every ack, every answer) only
// increments pre-bound children; anything that reads the database does so at
// scrape time, cached for a second.
import { performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { isLoopbackAddress, isSameToken, PROXY_HEADERS } from '../adapters/web/console-access.js'
import type { Platform } from '../core/kernel/inbound.js'
import type { InboundOutcome, Intake } from '../core/kernel/intake.js'
import { LlmError } from '../core/kernel/llm-error.js'
import type { LlmPort } from '../core/kernel/llm-port.js'
import type { ChatPlatform } from '../core/kernel/messaging.js'
import type { OutboxRepo } from '../core/kernel/outbox.js'

const METRICS_PATH = '/metrics'

/** The platforms a series is labelled with; anything else is counted as "other". */
const PLATFORMS = ['slack', 'feishu', 'web'] as const
type Label = (typeof PLATFORMS)[number] | 'other'
const platformLabel = (platform: string): Label => ((PLATFORMS as readonly string[]).includes(platform) ? (platform as Label) : 'other')

/** Outbox statuses worth watching; delivered rows ("sent") grow until retention prunes them and are left out. */
const BACKLOG_STATUSES = ['pending', 'sending', 'dead', 'expired'] as const

/** One connection pool of the database, as its driver reports it (SQLite: fixed connections, never waited for). */
export interface DbPoolStats {
  pool: string
  inUse: number
  idle: number
  waiting: number
}

export type DeliveryOutcome = 'sent' | 'rescheduled' | 'expired' | 'dead' | 'lost'
export type SweepOutcome = 'swept' | 'busy' | 'lost' | 'failed'

/** Ack latency: platforms give 3 s (Slack) and expect far less. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5]
/** From admission to the reply sent (or queued): includes the platform call. */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
const SWEEP_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

export interface LadderMetrics {
  readonly registry: Registry
  /** prom-client's process metrics (CPU, memory, event-loop lag, GC), once: only a server that serves them pays for them. */
  collectDefaults(): void
  /** An inbound event or request settled at its ack (docs/metrics.md lists the outcomes). */
  inbound(platform: string, outcome: InboundOutcome): void
  ackSeconds(platform: string, seconds: number): void
  answered(platform: string, outcome: 'answered' | 'failed', seconds: number | undefined): void
  delivery(platform: string, outcome: DeliveryOutcome): void
  retry(platform: string, reason: 'failure' | 'rate_limited'): void
  sweep(outcome: SweepOutcome, seconds: number): void
  llmCall(outcome: string): void
  llmFallback(reason: string): void
  /** Read at scrape time: the outbox rows per platform and status (one grouped count). */
  outboxBacklog(read: () => Promise<{ platform: string; status: string; count: number }[]>, cacheMs?: number): void
  /** Read at scrape time: every database pool; the runtime supplies it (a PostgreSQL pool adds its own entry). */
  dbPools(read: () => DbPoolStats[]): void
  /** Read at scrape time: the intake's events acked but not answered yet. */
  intakeBacklog(read: () => { unanswered: number; answering: number; overflow: number }): void
}

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
    registry,
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

/**
 * The intake with its admissions and answers counted: `accepted` / `duplicate` at the
 * ack, and from admission to the end of the answer (the reply sent or queued) per
 * platform. Events a previous run left are answered without a latency (their
 * admission time is not known).
 */
export function instrumentIntake(intake: Intake, metrics: LadderMetrics): Intake {
  /** Admission instants of events not answered yet, by platform and payload (what the answer is given). */
  const admittedAt = new Map<string, number>()
  const keyOf = (platform: string, payload: string) => `${platform}\n${payload}`
  return {
    ...intake,
    admit(platform, eventId, payload) {
      const at = performance.now()
      return intake.admit(platform, eventId, payload).then((result) => {
        if (result === 'admitted') {
          metrics.inbound(platform, 'accepted')
          // Bounded like the intake's own memory: a backlog past this gets no latency samples.
          if (admittedAt.size < 100_000) admittedAt.set(keyOf(platform, payload), at)
        } else metrics.inbound(platform, 'duplicate')
        return result
      })
    },
    handle(platform, answer) {
      intake.handle(platform, async (payload) => {
        const key = keyOf(platform, payload)
        const at = admittedAt.get(key)
        admittedAt.delete(key)
        try {
          await answer(payload)
        } catch (error) {
          metrics.answered(platform, 'failed', undefined)
          throw error
        }
        metrics.answered(platform, 'answered', at === undefined ? undefined : (performance.now() - at) / 1000)
      })
    },
    record: (platform, outcome) => metrics.inbound(platform, outcome),
  }
}

/** The language model with its calls counted by outcome (ok, or the LlmError code) and its fallbacks by reason. */
export function instrumentLlm(llm: LlmPort, metrics: LadderMetrics): LlmPort {
  return {
    async complete(messages, tools, signal) {
      try {
        const turn = await llm.complete(messages, tools, signal)
        metrics.llmCall('ok')
        return turn
      } catch (error) {
        metrics.llmCall(error instanceof LlmError ? error.code : 'unexpected')
        throw error
      }
    },
    onFallback: (reason) => metrics.llmFallback(reason),
  }
}

/**
 * The outbox as the delivery worker uses it, with each settled row counted by platform
 * and outcome, retries by reason and dead letters. The worker itself is unchanged: the
 * platform of a row is remembered from its claim until it is settled.
 */
export function instrumentOutbox(outbox: OutboxRepo, metrics: LadderMetrics): OutboxRepo {
  const platformOf = new Map<number, ChatPlatform>()
  const settled = (id: number, outcome: DeliveryOutcome, isDone: boolean): void => {
    const platform = platformOf.get(id)
    platformOf.delete(id)
    if (platform) metrics.delivery(platform, isDone ? outcome : 'lost')
  }
  const wrapped: Partial<OutboxRepo> = {
    async claim(input) {
      const rows = await outbox.claim(input)
      for (const row of rows) platformOf.set(row.id, row.to.platform)
      return rows
    },
    async markSent(input) {
      const isDone = await outbox.markSent(input)
      settled(input.id, 'sent', isDone)
      return isDone
    },
    async markDead(input) {
      const isDone = await outbox.markDead(input)
      settled(input.id, 'dead', isDone)
      return isDone
    },
    async expire(input) {
      const isDone = await outbox.expire(input)
      settled(input.id, 'expired', isDone)
      return isDone
    },
    async reschedule(input) {
      const isDone = await outbox.reschedule(input)
      settled(input.id, 'rescheduled', isDone)
      return isDone
    },
    async recordRetry(input) {
      const isDone = await outbox.recordRetry(input)
      const platform = platformOf.get(input.id)
      if (isDone && platform) metrics.retry(platform, input.countsAsAttempt === false ? 'rate_limited' : 'failure')
      else if (!isDone) settled(input.id, 'lost', false)
      return isDone
    },
  }
  // Every other method is the repository's own.
  return Object.assign(Object.create(outbox) as OutboxRepo, wrapped)
}

/** Straight from a loopback socket, with no proxy header: this machine asking, not someone through a proxy on it. */
function isDirectLoopback(socketAddress: string | undefined, headers: Readonly<Record<string, unknown>>): boolean {
  return isLoopbackAddress(socketAddress) && !PROXY_HEADERS.some((name) => headers[name] !== undefined)
}

/** What a scrape may see: 200, or why not (401 with a token configured, 403 without one). */
export function metricsAccess(
  token: string | undefined,
  request: { socketAddress: string | undefined; headers: Readonly<Record<string, unknown>> },
): { ok: true } | { ok: false; status: 401 | 403; error: string } {
  if (token) {
    const given = request.headers.authorization
    const bearer = typeof given === 'string' && /^Bearer\s+/i.test(given) ? given.replace(/^Bearer\s+/i, '') : undefined
    if (bearer !== undefined && isSameToken(bearer, token)) return { ok: true }
    return { ok: false, status: 401, error: 'metrics require Authorization: Bearer <METRICS_TOKEN>' }
  }
  if (isDirectLoopback(request.socketAddress, request.headers)) return { ok: true }
  return {
    ok: false,
    status: 403,
    error:
      'metrics are served only to this machine (loopback, no proxy headers) while METRICS_TOKEN is unset: set METRICS_TOKEN and scrape with Authorization: Bearer <token>',
  }
}

/** Which platform a route belongs to, for the ack histogram; other routes are not platform requests. */
export function platformOfRoute(url: string | undefined): Platform | undefined {
  if (!url) return undefined
  if (url === '/slack/events') return 'slack'
  if (url === '/feishu/events' || url === '/feishu/cards') return 'feishu'
  if (url === '/console/message' || url === '/console/action') return 'web'
  return undefined
}

/** What an HTTP status says about a platform request the adapter refused or failed. */
export function outcomeOfStatus(status: number): InboundOutcome | undefined {
  if (status === 401 || status === 403) return 'rejected'
  if (status === 404) return 'unhandled'
  if (status >= 500) return 'failed'
  if (status >= 400) return 'malformed'
  return undefined
}

/**
 * GET /metrics, and the hook timing every platform request's ack. Refusals (bad
 * signature, stale, malformed, failed) are counted here from the status the adapter
 * answered; admissions by the intake; answers given within the request by the adapter.
 */
export function registerMetrics(app: FastifyInstance, metrics: LadderMetrics, options: { token?: string | undefined }): void {
  metrics.collectDefaults()
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const platform = platformOfRoute(request.routeOptions.url)
    if (platform) {
      metrics.ackSeconds(platform, reply.elapsedTime / 1000)
      const status = reply.statusCode
      const outcome = outcomeOfStatus(status)
      if (outcome) metrics.inbound(platform, outcome)
      // The console answers within its request: a 2xx there is an answer.
      else if (platform === 'web' && request.method === 'POST') metrics.inbound(platform, 'answered')
    }
    done()
  })

  app.get(METRICS_PATH, async (request, reply) => {
    const access = metricsAccess(options.token, { socketAddress: request.socket.remoteAddress, headers: request.headers })
    if (!access.ok) {
      if (access.status === 401) reply.header('www-authenticate', 'Bearer realm="ladder-metrics"')
      return reply.code(access.status).send({ error: access.error })
    }
    const text = await metrics.registry.metrics()
    return reply.type(metrics.registry.contentType).send(text)
  })
}
