// The delivery worker: claims outbox rows atomically, sends them through each
// platform's Messenger at the platform's pace, retries what a retry can fix, and
// records the platform's message reference. Any number of workers may run on one
// database: a row is claimed by one of them, and a worker that dies mid-way
// leaves leases that expire so another worker finishes its rows.
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import PQueue from 'p-queue'
import pRetry, { AbortError } from 'p-retry'
import { feishuRate } from '../adapters/feishu/rate-limits.js'
import { slackRate } from '../adapters/slack/rate-limits.js'
import { webRate } from '../adapters/web/rate-limits.js'
import type { PlatformRate } from '../core/kernel/chat-adapter.js'
import type { ChatPlatform, MessageRef, Messenger, MessengerRegistry } from '../core/kernel/messaging.js'
import type { OutboxMessage, OutboxRepo } from '../core/kernel/outbox.js'
import type { Clock, Logger } from '../core/kernel/ports.js'
import { decideRetry, type RetryRules } from '../core/kernel/retry-policy.js'

export type { PlatformRate } from '../core/kernel/chat-adapter.js'

export interface DeliveryOptions extends RetryRules {
  /** Each platform's pace: its adapter's rateLimits (ChatAdapter); the defaults are the adapters' own. */
  rates: Record<ChatPlatform, PlatformRate>
  /** A claimed row is this worker's for this long (renewed before each retry). */
  leaseMs: number
  /** Most rows claimed per platform at once (fewer when the platform's pace could not send them within half a lease). */
  batchSize: number
  /** Waits longer than this (a long Retry-After) put the row back in the queue instead of being slept through. */
  maxInProcessWaitMs: number
  /** How long an idle worker waits before looking again. */
  pollMs: number
  /** Broadcast counters are refreshed at most this often. */
  counterFlushMs: number
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  rates: { slack: slackRate(), feishu: feishuRate(), web: webRate() },
  maxAttempts: 8,
  baseBackoffMs: 1000,
  maxBackoffMs: 5 * 60_000,
  leaseMs: 2 * 60_000,
  batchSize: 100,
  maxInProcessWaitMs: 30_000,
  pollMs: 2000,
  counterFlushMs: 10_000,
}

export interface DeliveryDeps {
  outbox: OutboxRepo
  messengers: MessengerRegistry
  clock: Clock
  log: Logger
  /** Injected so tests assert waits without waiting. */
  sleep?: (ms: number) => Promise<void>
  /** Names this worker in leases; unique per process by default. */
  holder?: string
  /** Enqueues throttled broadcast counter updates; called every `counterFlushMs`. */
  flushCounters?: () => Promise<unknown>
}

export interface DeliveryStats {
  claimed: number
  sent: number
  rescheduled: number
  dead: number
  /** Rows past the end of their recipient's working day: left for the next sweep to plan again. */
  expired: number
  /** Rows whose lease another worker took meanwhile (this worker was too slow). */
  lost: number
}

export interface DeliveryWorker {
  readonly holder: string
  /** Claims what is deliverable now and delivers it; resolves when every claimed row is settled. */
  runOnce(): Promise<DeliveryStats>
  /** runOnce until nothing is deliverable now. */
  drain(): Promise<DeliveryStats>
  start(): void
  stop(): Promise<void>
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const emptyStats = (): DeliveryStats => ({ claimed: 0, sent: 0, rescheduled: 0, dead: 0, expired: 0, lost: 0 })

export const defaultHolder = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`

export function createDeliveryWorker(deps: DeliveryDeps, options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS): DeliveryWorker {
  const holder = deps.holder ?? defaultHolder()
  const sleep = deps.sleep ?? realSleep
  const { outbox, clock, log } = deps
  const platforms = deps.messengers.platforms()
  const pacers = new Map(platforms.map((p) => [p, new Pacer(options.rates[p])]))
  /** A platform that answered 429 is paused for everyone until this instant. */
  const pausedUntil = new Map<ChatPlatform, number>()

  async function waitWhilePaused(platform: ChatPlatform): Promise<void> {
    const wait = (pausedUntil.get(platform) ?? 0) - clock.now().getTime()
    if (wait > 0) await sleep(wait)
  }

  async function attempt(message: OutboxMessage, messenger: Messenger): Promise<MessageRef> {
    await waitWhilePaused(message.to.platform)
    return pacers.get(message.to.platform)!.run(`${message.to.tenant}/${message.to.id}`, async () => {
      if (message.kind === 'card_update' && message.target) {
        await messenger.update(message.target, message.card)
        return message.target
      }
      return messenger.send(message.to, message.card, { idempotencyKey: message.idempotencyKey })
    })
  }

  async function deliver(message: OutboxMessage, stats: DeliveryStats): Promise<void> {
    const platform = message.to.platform
    const messenger = deps.messengers.get(platform)!
    let attempts = message.attempts
    const isTooLate = (at: number) => message.expiresAt !== null && at >= message.expiresAt.getTime()
    const canRetryHere = (error: unknown) => {
      const decision = decideRetry(error, attempts, options)
      if (decision.kind !== 'retry' || decision.waitMs > options.maxInProcessWaitMs) return null
      return isTooLate(clock.now().getTime() + decision.waitMs) ? null : decision
    }
    // A backlog (the worker was down) must not reach people after their working day.
    if (isTooLate(clock.now().getTime())) {
      if (await outbox.expire({ id: message.id, holder })) stats.expired++
      else stats.lost++
      log.info({ outboxId: message.id, expiresAt: message.expiresAt }, 'reminder expired undelivered; the next sweep plans it again')
      return
    }
    try {
      const ref = await pRetry(() => attempt(message, messenger), {
        retries: Math.max(0, options.maxAttempts - message.attempts),
        // p-retry's own timer stays at zero: the wait depends on the error (Retry-After or backoff).
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        shouldRetry: (error) => canRetryHere(error) !== null,
        onFailedAttempt: async (error) => {
          // p-retry calls this after shouldRetry said no as well: only a real retry waits.
          const decision = canRetryHere(error)
          if (!decision) return
          if (decision.isRateLimit)
            pausedUntil.set(platform, Math.max(pausedUntil.get(platform) ?? 0, clock.now().getTime() + decision.waitMs))
          attempts++
          const leaseUntil = new Date(clock.now().getTime() + decision.waitMs + options.leaseMs)
          if (!(await outbox.recordRetry({ id: message.id, holder, error: decision.reason, leaseUntil })))
            throw new AbortError('lease lost to another worker')
          log.warn(
            { outboxId: message.id, attempt: attempts, waitMs: decision.waitMs, reason: decision.reason },
            'delivery failed; retrying',
          )
          await sleep(decision.waitMs)
        },
      })
      if (await outbox.markSent({ id: message.id, holder, ref, now: clock.now() })) stats.sent++
      else {
        stats.lost++
        log.error({ outboxId: message.id }, 'sent, but the lease had passed to another worker: it may send this message again')
      }
    } catch (error) {
      const decision = decideRetry(error, attempts, options)
      if (decision.kind === 'dead') {
        if (await outbox.markDead({ id: message.id, holder, error: decision.reason, now: clock.now() })) stats.dead++
        else stats.lost++
        log.error(
          { outboxId: message.id, key: message.idempotencyKey, reason: decision.reason },
          'delivery gave up: dead letter (ladder outbox --dead)',
        )
        return
      }
      const availableAt = new Date(clock.now().getTime() + decision.waitMs)
      if (isTooLate(availableAt.getTime())) {
        if (await outbox.expire({ id: message.id, holder })) stats.expired++
        else stats.lost++
        log.warn(
          { outboxId: message.id, reason: decision.reason },
          'delivery failed and the working day is over; the next sweep plans it again',
        )
        return
      }
      if (decision.isRateLimit) pausedUntil.set(platform, Math.max(pausedUntil.get(platform) ?? 0, availableAt.getTime()))
      if (await outbox.reschedule({ id: message.id, holder, error: decision.reason, availableAt })) stats.rescheduled++
      else stats.lost++
      log.warn({ outboxId: message.id, availableAt: availableAt.toISOString(), reason: decision.reason }, 'delivery postponed')
    }
  }

  async function runOnce(): Promise<DeliveryStats> {
    const stats = emptyStats()
    const work: Promise<void>[] = []
    for (const platform of platforms) {
      if ((pausedUntil.get(platform) ?? 0) > clock.now().getTime()) continue
      const rows = await outbox.claim({
        platform,
        holder,
        now: clock.now(),
        leaseMs: options.leaseMs,
        limit: claimLimit(options, platform),
      })
      stats.claimed += rows.length
      for (const row of rows) work.push(deliver(row, stats))
    }
    await Promise.all(work)
    return stats
  }

  let running: Promise<void> | null = null
  let isStopping = false
  let wake: (() => void) | null = null
  let lastFlush = 0

  return {
    holder,
    runOnce,
    async drain() {
      const total = emptyStats()
      for (;;) {
        const stats = await runOnce()
        for (const k of Object.keys(total) as (keyof DeliveryStats)[]) total[k] += stats[k]
        if (stats.claimed === 0) return total
      }
    },
    start() {
      if (running) return
      isStopping = false
      running = (async () => {
        while (!isStopping) {
          let claimed = 0
          try {
            if (deps.flushCounters && clock.now().getTime() - lastFlush >= options.counterFlushMs) {
              lastFlush = clock.now().getTime()
              await deps.flushCounters()
            }
            claimed = (await runOnce()).claimed
          } catch (error) {
            log.error({ err: error }, 'delivery loop failed; trying again shortly')
          }
          if (claimed === 0 && !isStopping)
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, options.pollMs)
              wake = () => {
                clearTimeout(timer)
                resolve()
              }
            })
        }
      })()
    },
    async stop() {
      isStopping = true
      wake?.()
      await running
      running = null
    },
  }
}

/** Claim no more than the platform's sustained pace can send within half a lease, so leases never run out in the queue. */
function claimLimit(options: DeliveryOptions, platform: ChatPlatform): number {
  const perMs = Math.min(...options.rates[platform].overall.map((r) => r.count / r.intervalMs))
  return Math.max(1, Math.min(options.batchSize, Math.floor((perMs * options.leaseMs) / 2)))
}

/** Paces one platform: a queue per destination inside the app-wide queues (p-queue intervalCap/interval). */
class Pacer {
  private readonly overall: PQueue[]
  private readonly destinations = new Map<string, PQueue>()

  constructor(private readonly rate: PlatformRate) {
    this.overall = rate.overall.map((r) => new PQueue({ intervalCap: r.count, interval: r.intervalMs }))
  }

  run<T>(destination: string, fn: () => Promise<T>): Promise<T> {
    let queue = this.destinations.get(destination)
    if (!queue) {
      queue = new PQueue({ concurrency: 1, intervalCap: this.rate.perDestination.count, interval: this.rate.perDestination.intervalMs })
      this.destinations.set(destination, queue)
      const q = queue
      q.on('idle', () => {
        if (this.destinations.get(destination) === q && q.size === 0 && q.pending === 0) this.destinations.delete(destination)
      })
    }
    const through = this.overall.reduceRight<() => Promise<T>>((inner, q) => () => q.add(inner, { throwOnTimeout: true }) as Promise<T>, fn)
    return queue.add(through, { throwOnTimeout: true }) as Promise<T>
  }
}
