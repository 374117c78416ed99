// The delivery worker: claims outbox rows atomically, sends them through each
// platform's Messenger at the platform's pace, retries what a retry can fix, and
// records the platform's message reference. Any number of workers may run on one
// database: a row is claimed by one of them, and a worker that dies mid-way
// leaves leases that expire so another worker finishes its rows.
//
// Each platform has its own loop (claim, deliver, claim again as slots free up)
// and a bound on the rows it has in flight, so a platform that hangs or pauses
// never holds up another. Every platform call has a deadline; a call that hit it
// may have been carried out, so its re-send first asks the platform (Slack: the
// key in the channel's history; Feishu drops a repeated uuid). The app-wide pace
// is shared with every other worker on the database (SlotReservations).
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { feishuRate } from '../adapters/feishu/rate-limits.js'
import { slackRate } from '../adapters/slack/rate-limits.js'
import { webRate } from '../adapters/web/rate-limits.js'
import type { PlatformRate } from '../core/kernel/chat-adapter.js'
import { type ChatPlatform, DeliveryError, type MessageRef, type MessengerRegistry, type SendOptions } from '../core/kernel/messaging.js'
import type { OutboxMessage, OutboxRepo } from '../core/kernel/outbox.js'
import { localSlots, type PaceWindow, type SlotReservations, Throttle } from '../core/kernel/pacing.js'
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
  /** Deadline of one platform call (DELIVERY_CALL_TIMEOUT_MS); the adapters' HTTP clients are given the same. */
  callTimeoutMs?: number
  /** Rows one platform may have claimed and in delivery at once (DELIVERY_MAX_IN_FLIGHT). */
  maxInFlight?: number
  /** stop(): how long calls already made may take to answer before their rows are released (DELIVERY_STOP_TIMEOUT_MS). */
  stopTimeoutMs?: number
}

const DEFAULT_CALL_TIMEOUT_MS = 10_000
const DEFAULT_MAX_IN_FLIGHT = 32
const DEFAULT_STOP_TIMEOUT_MS = 10_000
/** Prefix of lastError for an attempt whose outcome is unknown: the next attempt looks before it sends. */
const OUTCOME_UNKNOWN = 'outcome unknown: '

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
  callTimeoutMs: DEFAULT_CALL_TIMEOUT_MS,
  maxInFlight: DEFAULT_MAX_IN_FLIGHT,
  stopTimeoutMs: DEFAULT_STOP_TIMEOUT_MS,
}

export interface DeliveryDeps {
  outbox: OutboxRepo
  messengers: MessengerRegistry
  clock: Clock
  log: Logger
  /** Injected so tests assert waits without waiting (retry backoff, Retry-After, pacing). */
  sleep?: (ms: number) => Promise<void>
  /** Names this worker in leases; unique per process by default. */
  holder?: string
  /** Enqueues throttled broadcast counter updates; called every `counterFlushMs`. */
  flushCounters?: () => Promise<unknown>
  /** The app-wide pace, shared by the workers on one database (adapters/db/pacing-store.ts); in-process by default. */
  slots?: SlotReservations
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

/** One platform's delivery as this worker sees it: for /healthz and metrics. */
export interface PlatformHealth {
  /** Rows claimed and not settled yet. */
  inFlight: number
  /** Platform calls started and not answered yet. */
  callsInFlight: number
  lastSentAt: Date | null
  sent: number
  /** Calls that hit their deadline or lost their answer (outcome unknown). */
  timeouts: number
  /** 429s (and Feishu's frequency-limit codes). */
  rateLimited: number
  /** The latest instant any of the platform's scopes is paused until (a Retry-After), if in the future. */
  pausedUntil: Date | null
  /** The app-wide pace now (calls per second), after 429s. */
  perSecond: number
}

export interface DeliveryWorker {
  readonly holder: string
  /** Claims what is deliverable now and delivers it; resolves when every claimed row is settled. */
  runOnce(): Promise<DeliveryStats>
  /** runOnce until nothing is deliverable now. */
  drain(): Promise<DeliveryStats>
  /** One loop per platform, until stop(). */
  start(): void
  /**
   * Stops claiming, releases rows not in a platform call at once, gives calls
   * already made until the stop timeout to answer, then releases the rest
   * (marked outcome unknown, so their next sender looks first) and resolves.
   */
  stop(): Promise<void>
  health(): Record<string, PlatformHealth>
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const emptyStats = (): DeliveryStats => ({ claimed: 0, sent: 0, rescheduled: 0, dead: 0, expired: 0, lost: 0 })

export const defaultHolder = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`

/** A row being delivered by this worker. */
interface Active {
  message: OutboxMessage
  /** A platform call is under way. */
  inCall: boolean
  /** stop() gave the row back: no call may start for it any more. */
  released: boolean
  done: Promise<void>
}

/** The platform's own deadline error, or ours when it did not answer at all. */
function withDeadline<T>(call: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeliveryError(`${what}: no answer within ${ms} ms`, { isOutcomeUnknown: true, code: 'timeout' })),
      ms,
    )
    timer.unref?.()
  })
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer))
}

/** The app-wide limits up to a second set the even pace (the strictest); longer ones (per minute) a window on top. */
const perSecondOf = (rate: PlatformRate): number =>
  Math.min(Number.POSITIVE_INFINITY, ...rate.overall.filter((r) => r.intervalMs <= 1000).map((r) => (r.count * 1000) / r.intervalMs))

function windowOf(rate: PlatformRate): PaceWindow | undefined {
  const longer = rate.overall.filter((r) => r.intervalMs > 1000)
  if (longer.length === 0) return undefined
  const strictest = longer.reduce((a, b) => (b.count / b.intervalMs < a.count / a.intervalMs ? b : a))
  return { count: strictest.count, ms: strictest.intervalMs }
}

export function createDeliveryWorker(deps: DeliveryDeps, options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS): DeliveryWorker {
  const holder = deps.holder ?? defaultHolder()
  const sleep = deps.sleep ?? realSleep
  const slots = deps.slots ?? localSlots()
  const { outbox, clock, log } = deps
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT
  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS
  const now = () => clock.now().getTime()
  const platforms = deps.messengers.platforms()

  const throttles = new Map<string, Throttle>()
  /** Slack's limits are per API method, Feishu's per app: the scope a call's pace and pauses belong to. */
  function throttleFor(message: OutboxMessage): Throttle {
    const platform = message.to.platform
    const rate = options.rates[platform]
    const method = message.kind === 'card_update' ? 'update' : 'send'
    const scope = rate.pauseScope === 'method' ? `${platform}:${method}` : `${platform}:app`
    let throttle = throttles.get(scope)
    if (!throttle) {
      const window = windowOf(rate)
      throttle = new Throttle(scope, { maxPerSecond: perSecondOf(rate), ...(window ? { window } : {}) }, slots, now, sleep)
      throttles.set(scope, throttle)
    }
    return throttle
  }
  const pausedUntil = (platform: ChatPlatform): number =>
    Math.max(0, ...[...throttles.values()].filter((t) => t.scope.startsWith(`${platform}:`)).map((t) => t.state().pausedUntil))

  /** Per destination, in this process: the next instant a message may go to it. */
  const destinationNext = new Map<string, number>()
  async function paceDestination(message: OutboxMessage): Promise<void> {
    const { perDestination } = options.rates[message.to.platform]
    const spacing = perDestination.intervalMs / perDestination.count
    const key = `${message.to.platform}/${message.to.tenant}/${message.to.id}`
    const at = Math.max(now(), destinationNext.get(key) ?? 0)
    destinationNext.set(key, at + spacing)
    if (destinationNext.size > 10_000) for (const [k, t] of destinationNext) if (t < now()) destinationNext.delete(k)
    if (at > now()) await sleep(at - now())
  }

  const health = new Map<ChatPlatform, Omit<PlatformHealth, 'inFlight' | 'pausedUntil' | 'perSecond'>>(
    platforms.map((p) => [p, { callsInFlight: 0, lastSentAt: null, sent: 0, timeouts: 0, rateLimited: 0 }]),
  )
  const active = new Map<number, Active>()
  let isStopping = false

  async function release(entry: Active, reason: string, refundAttempt: boolean): Promise<void> {
    entry.released = true
    try {
      await outbox.reschedule({ id: entry.message.id, holder, error: reason, availableAt: clock.now(), refundAttempt })
    } catch (error) {
      log.error({ err: error, outboxId: entry.message.id }, 'could not release a claimed row; its lease will expire')
    }
  }

  async function deliver(message: OutboxMessage, stats: DeliveryStats, entry: Active): Promise<void> {
    const platform = message.to.platform
    const messenger = deps.messengers.get(platform)!
    const throttle = throttleFor(message)
    const own = health.get(platform)!
    /** Attempts counted so far, the one about to be made included. */
    let attempts = message.attempts
    const isTooLate = (at: number) => message.expiresAt !== null && at >= message.expiresAt.getTime()
    // A worker died in the last attempt (no error was recorded), or it ended with an unknown outcome.
    let mayHaveBeenSent =
      message.attempts > 1 && (message.lastError === null || message.lastError.startsWith(OUTCOME_UNKNOWN))
        ? { since: message.createdAt }
        : undefined

    const giveBack = async (availableAt: Date, reason: string, refundAttempt: boolean): Promise<void> => {
      if (isTooLate(availableAt.getTime())) {
        if (await outbox.expire({ id: message.id, holder })) stats.expired++
        else stats.lost++
        log.warn({ outboxId: message.id, reason }, 'delivery failed and the working day is over; the next sweep plans it again')
        return
      }
      if (await outbox.reschedule({ id: message.id, holder, error: reason, availableAt, refundAttempt })) stats.rescheduled++
      else stats.lost++
      log.warn({ outboxId: message.id, availableAt: availableAt.toISOString(), reason }, 'delivery postponed')
    }

    // A backlog (the worker was down) must not reach people after their working day.
    if (isTooLate(now())) {
      if (await outbox.expire({ id: message.id, holder })) stats.expired++
      else stats.lost++
      log.info({ outboxId: message.id, expiresAt: message.expiresAt }, 'reminder expired undelivered; the next sweep plans it again')
      return
    }

    for (;;) {
      // A long pause (another row's Retry-After) is waited out in the queue, not in a lease.
      const paused = throttle.state().pausedUntil - now()
      if (paused > options.maxInProcessWaitMs) return giveBack(new Date(now() + paused), 'rate limited: paused', true)
      await throttle.resumed()
      await paceDestination(message)
      await throttle.acquire()
      if (entry.released || isStopping) {
        if (!entry.released) await release(entry, 'released at shutdown before its call', true)
        stats.rescheduled++
        return
      }
      let ref: MessageRef
      entry.inCall = true
      own.callsInFlight++
      try {
        const sendOptions: SendOptions = {
          idempotencyKey: message.idempotencyKey,
          singleAttempt: true,
          ...(mayHaveBeenSent ? { mayHaveBeenSent } : {}),
          ...(message.kind === 'urgent_escalation' ? { urgent: true } : {}),
        }
        const call =
          message.kind === 'card_update' && message.target
            ? messenger.update(message.target, message.card, { singleAttempt: true }).then(() => message.target!)
            : messenger.send(message.to, message.card, sendOptions)
        // Slack's look in the history before a re-send is up to two more calls.
        ref = await withDeadline(call, callTimeoutMs * (mayHaveBeenSent ? 3 : 1) + 1000, `${platform} ${message.kind}`)
      } catch (error) {
        entry.inCall = false
        own.callsInFlight--
        if (entry.released) return
        const decision = decideRetry(error, attempts, options)
        if (error instanceof DeliveryError && error.options.isOutcomeUnknown) {
          own.timeouts++
          mayHaveBeenSent = { since: message.createdAt }
          log.warn(
            { outboxId: message.id, platform, attempt: attempts, timeoutMs: callTimeoutMs, reason: (error as Error).message },
            'platform call hit its deadline or lost its answer: outcome unknown, the next attempt looks before it sends',
          )
        }
        if (decision.kind === 'dead') {
          if (await outbox.markDead({ id: message.id, holder, error: decision.reason, now: clock.now() })) stats.dead++
          else stats.lost++
          log.error(
            { outboxId: message.id, key: message.idempotencyKey, reason: decision.reason },
            'delivery gave up: dead letter (ladder outbox --dead)',
          )
          return
        }
        const reason = decision.isOutcomeUnknown ? `${OUTCOME_UNKNOWN}${decision.reason}` : decision.reason
        if (decision.isRateLimit) {
          // Not an attempt: the platform said "not now". Every call of the scope waits, in every process.
          own.rateLimited++
          await throttle.onRateLimited(decision.waitMs)
          if (decision.waitMs > options.maxInProcessWaitMs || isTooLate(now() + decision.waitMs))
            return giveBack(new Date(now() + decision.waitMs), reason, true)
          const leaseUntil = new Date(now() + decision.waitMs + options.leaseMs)
          if (!(await outbox.recordRetry({ id: message.id, holder, error: reason, leaseUntil, countsAsAttempt: false }))) {
            stats.lost++
            return
          }
          log.warn({ outboxId: message.id, waitMs: decision.waitMs, reason }, 'rate limited: every call of this scope waits')
          continue
        }
        if (decision.waitMs > options.maxInProcessWaitMs || isTooLate(now() + decision.waitMs))
          return giveBack(new Date(now() + decision.waitMs), reason, false)
        attempts++
        const leaseUntil = new Date(now() + decision.waitMs + options.leaseMs)
        if (!(await outbox.recordRetry({ id: message.id, holder, error: reason, leaseUntil }))) {
          stats.lost++
          log.warn({ outboxId: message.id }, 'lease lost to another worker')
          return
        }
        log.warn({ outboxId: message.id, attempt: attempts, waitMs: decision.waitMs, reason }, 'delivery failed; retrying')
        await sleep(decision.waitMs)
        continue
      }
      entry.inCall = false
      own.callsInFlight--
      throttle.onSuccess()
      own.sent++
      own.lastSentAt = clock.now()
      let isRecorded: boolean
      try {
        isRecorded = await outbox.markSent({ id: message.id, holder, ref, now: clock.now() })
      } catch (error) {
        // The store keeps it and writes it before this worker's next claim: never sent again from here.
        log.error(
          { err: error, outboxId: message.id, key: message.idempotencyKey, ref },
          'sent, but the database refused to record it; recorded as soon as it can be written',
        )
        return
      }
      if (isRecorded) stats.sent++
      else {
        stats.lost++
        log.error({ outboxId: message.id }, 'sent, but the lease had passed to another worker: it may send this message again')
      }
      return
    }
  }

  /** Delivers a claimed row, tracked for stop() and health(); never rejects. */
  function track(message: OutboxMessage, stats: DeliveryStats): Promise<void> {
    const entry: Active = { message, inCall: false, released: false, done: Promise.resolve() }
    entry.done = deliver(message, stats, entry)
      .catch((error: unknown) => log.error({ err: error, outboxId: message.id }, 'delivery failed unexpectedly; the lease will expire'))
      .finally(() => active.delete(message.id))
    active.set(message.id, entry)
    return entry.done
  }

  const inFlightOf = (platform: ChatPlatform) => [...active.values()].filter((a) => a.message.to.platform === platform)

  async function claim(platform: ChatPlatform, limit: number): Promise<OutboxMessage[]> {
    if (limit <= 0 || pausedUntil(platform) > now()) return []
    return outbox.claim({ platform, holder, now: clock.now(), leaseMs: options.leaseMs, limit })
  }

  async function runOnce(): Promise<DeliveryStats> {
    const stats = emptyStats()
    const work: Promise<void>[] = []
    for (const platform of platforms) {
      const rows = await claim(platform, Math.min(maxInFlight, claimLimit(options, platform)))
      stats.claimed += rows.length
      for (const row of rows) work.push(track(row, stats))
    }
    await Promise.all(work)
    return stats
  }

  /** Slots held or dropped for a platform go back to its window (core/kernel/pacing.ts release): nothing here waits for them. */
  const releaseSlots = (platform?: ChatPlatform) =>
    Promise.all([...throttles.values()].filter((t) => !platform || t.scope.startsWith(`${platform}:`)).map((t) => t.release()))

  const loops: Promise<void>[] = []
  const wakers = new Set<() => void>()
  /** Waits `ms` or until stop(). */
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        wakers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      wakers.add(done)
    })

  async function platformLoop(platform: ChatPlatform): Promise<void> {
    const stats = emptyStats()
    while (!isStopping) {
      try {
        const mine = inFlightOf(platform)
        const free = Math.min(maxInFlight - mine.length, claimLimit(options, platform))
        if (free <= 0) {
          await Promise.race([...mine.map((a) => a.done), idle(options.pollMs)])
          continue
        }
        const rows = await claim(platform, free)
        if (isStopping) {
          // Claimed while stop() began: give them straight back.
          for (const row of rows)
            await outbox.reschedule({ id: row.id, holder, error: 'released at shutdown', availableAt: clock.now(), refundAttempt: true })
          return
        }
        for (const row of rows) void track(row, stats)
        if (rows.length === 0) {
          // Nothing to send here: slots this process holds go back to the window for the others.
          if (inFlightOf(platform).length === 0) await releaseSlots(platform)
          const wait = Math.max(0, pausedUntil(platform) - now())
          await idle(wait > 0 ? Math.min(wait, options.pollMs) : options.pollMs)
        } else if (rows.length < free) await Promise.race([...inFlightOf(platform).map((a) => a.done), idle(options.pollMs)])
      } catch (error) {
        log.error({ err: error, platform }, 'delivery loop failed; trying again shortly')
        await idle(options.pollMs)
      }
    }
  }

  async function counterLoop(): Promise<void> {
    while (!isStopping && deps.flushCounters) {
      try {
        await deps.flushCounters()
      } catch (error) {
        log.error({ err: error }, 'broadcast counters not refreshed; trying again shortly')
      }
      await idle(options.counterFlushMs)
    }
  }

  return {
    holder,
    runOnce,
    async drain() {
      const total = emptyStats()
      for (;;) {
        const stats = await runOnce()
        for (const k of Object.keys(total) as (keyof DeliveryStats)[]) total[k] += stats[k]
        if (stats.claimed === 0) {
          await releaseSlots()
          return total
        }
      }
    },
    start() {
      if (loops.length > 0) return
      isStopping = false
      for (const platform of platforms) loops.push(platformLoop(platform))
      loops.push(counterLoop())
    },
    async stop() {
      isStopping = true
      for (const wake of [...wakers]) wake()
      await Promise.all(loops)
      loops.length = 0
      // Rows waiting for their turn (pace, backoff, a pause) go back at once, their attempt unspent.
      await Promise.all([...active.values()].filter((a) => !a.inCall && !a.released).map((a) => release(a, 'released at shutdown', true)))
      const calls = [...active.values()].filter((a) => a.inCall)
      if (calls.length > 0) {
        log.info({ calls: calls.length, timeoutMs: stopTimeoutMs }, 'stopping: waiting for the platform calls under way')
        let timer: NodeJS.Timeout | undefined
        await Promise.race([
          Promise.all(calls.map((a) => a.done)),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, stopTimeoutMs)
            timer.unref?.()
          }),
        ])
        clearTimeout(timer)
      }
      const hung = [...active.values()].filter((a) => !a.released)
      if (hung.length > 0) {
        log.warn({ rows: hung.length }, 'stopping: calls still unanswered; their rows go back to the queue, marked outcome unknown')
        await Promise.all(hung.map((a) => release(a, `${OUTCOME_UNKNOWN}no answer before shutdown`, false)))
      }
    },
    health() {
      const all: Record<string, PlatformHealth> = {}
      for (const platform of platforms) {
        const own = health.get(platform)!
        const until = pausedUntil(platform)
        const scopes = [...throttles.values()].filter((t) => t.scope.startsWith(`${platform}:`))
        all[platform] = {
          ...own,
          inFlight: inFlightOf(platform).length,
          pausedUntil: until > now() ? new Date(until) : null,
          perSecond: scopes.length > 0 ? Math.min(...scopes.map((t) => t.state().perSecond)) : perSecondOf(options.rates[platform]),
        }
      }
      return all
    },
  }
}

/** Claim no more than the platform's sustained pace can send within half a lease, so leases never run out in the queue. */
function claimLimit(options: DeliveryOptions, platform: ChatPlatform): number {
  const rate = options.rates[platform]
  const window = windowOf(rate)
  const perMs = Math.min(perSecondOf(rate) / 1000, window ? window.count / window.ms : Number.POSITIVE_INFINITY)
  return Math.max(1, Math.min(options.batchSize, Math.floor((perMs * options.leaseMs) / 2)))
}
