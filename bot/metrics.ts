// Prometheus metrics (GET /metrics, docs/metrics.md): what the runtime counts and the
// route that serves it; the series themselves are made with prom-client in
// bot/prometheus.ts, loaded only by a runtime that serves them (a CLI command does
// not pay prom-client's start-up). Labels are bounded: platform, outcome, status, reason, pool — never a
// person, an address or a text. The hot path (every ack, every answer) only
// increments pre-bound children; anything that reads the database does so at
// scrape time, cached for a second.
import { performance } from 'node:perf_hooks'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isLoopbackAddress, isSameToken, PROXY_HEADERS } from '../adapters/web/console-access.js'
import type { Platform } from '../core/kernel/inbound.js'
import type { InboundOutcome, Intake } from '../core/kernel/intake.js'
import { LlmError } from '../core/kernel/llm-error.js'
import type { LlmPort } from '../core/kernel/llm-port.js'
import type { ChatPlatform } from '../core/kernel/messaging.js'
import type { OutboxRepo } from '../core/kernel/outbox.js'

const METRICS_PATH = '/metrics'

/** The platforms a series is labelled with; anything else is counted as "other". */
export const PLATFORMS = ['slack', 'feishu', 'web'] as const
type Label = (typeof PLATFORMS)[number] | 'other'
export const platformLabel = (platform: string): Label =>
  (PLATFORMS as readonly string[]).includes(platform) ? (platform as Label) : 'other'

/** One connection pool of the database, as its driver reports it (SQLite: fixed connections, never waited for). */
export interface DbPoolStats {
  pool: string
  inUse: number
  idle: number
  waiting: number
}

export type DeliveryOutcome = 'sent' | 'rescheduled' | 'expired' | 'dead' | 'lost'
export type SweepOutcome = 'swept' | 'busy' | 'lost' | 'failed'

export interface LadderMetrics {
  /** What GET /metrics serves: the text exposition format, and its content type. */
  exposition(): Promise<{ contentType: string; text: string }>
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

/** A runtime that serves no metrics (a CLI command): counts nothing, exposes nothing. */
export const NO_METRICS: LadderMetrics = {
  exposition: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', text: '' }),
  collectDefaults() {},
  inbound() {},
  ackSeconds() {},
  answered() {},
  delivery() {},
  retry() {},
  sweep() {},
  llmCall() {},
  llmFallback() {},
  outboxBacklog() {},
  dbPools() {},
  intakeBacklog() {},
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
    const { contentType, text } = await metrics.exposition()
    return reply.type(contentType).send(text)
  })
}
