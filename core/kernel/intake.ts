// Between the ack and the answer. A platform wants its HTTP answer within 3
// seconds and retries (Slack eventually disables the app) when it does not come;
// an answer costs milliseconds of CPU on the same event loop as every ack. So an
// event is only *admitted* before the ack — deduplicated and written down, many
// in one statement — and answered afterwards from a bounded queue with a
// concurrency limit, each answer starting on a fresh turn of the event loop so
// waiting acks go first. Past the bound, events stay only in the database and
// are read back in order as the queue drains: a burst is answered late, never
// dropped, and a restart answers what the last run had admitted but not answered.
import type { Platform } from './inbound.js'
import type { Logger } from './ports.js'

export interface AdmittedEvent {
  /** Increasing in admission order. */
  id: number
  platform: Platform
  eventId: string
  payload: string
}

/** The durable side (adapters/db/intake-store.ts; an in-memory one for unit tests). */
export interface IntakeStore {
  /** Writes the events not already there, in one statement; returns those written. */
  admit(events: { platform: Platform; eventId: string; payload: string }[]): Promise<AdmittedEvent[]>
  /** Admitted events with an id above `afterId`, oldest first. */
  after(afterId: number, limit: number): Promise<AdmittedEvent[]>
  /** Answered (or given up): forgotten. */
  remove(ids: number[]): Promise<void>
  count(): Promise<number>
  /**
   * A store shared by several instances: takes over the events another instance admitted
   * more than `olderThanSeconds` ago and has not answered (it died, or is stuck), under new
   * ids above every existing one; returns how many. (Should both answer one, the core's
   * event dedupe lets one reply through.)
   */
  adopt?(olderThanSeconds: number): Promise<number>
}

export type AdmitResult = 'admitted' | 'duplicate'

/**
 * How an inbound event or request was settled at its ack, for metrics (bot/metrics.ts):
 * `accepted` / `duplicate` by the intake, `answered` within the request (interactions,
 * card callbacks, the console), the rest from the status a refusal was answered with.
 */
export type InboundOutcome = 'accepted' | 'duplicate' | 'answered' | 'rejected' | 'malformed' | 'unhandled' | 'failed'

export interface IntakeStats {
  /** Admitted and not answered yet: queued in memory, kept in the database, or being answered. */
  unanswered: number
  answering: number
  /** Of `unanswered`, how many wait in the database because the memory queue was full. */
  overflow: number
  answered: number
  failed: number
}

export interface Intake {
  /** Resolves once the event is written down (or known already): then the platform may have its ack. */
  admit(platform: Platform, eventId: string, payload: string): Promise<AdmitResult>
  /** How a platform's admitted events are answered; registered by its adapter. */
  handle(platform: Platform, answer: (payload: string) => Promise<void>): void
  /** Starts answering, beginning with what a previous run left unanswered. */
  start(): Promise<void>
  /** Stops taking work: answers in progress finish (up to `graceMs`); the rest stay for the next start. */
  stop(graceMs?: number): Promise<void>
  stats(): IntakeStats
  /** Resolves when nothing is queued, kept or being answered (tests and benchmarks). */
  drained(): Promise<void>
  /**
   * An event the adapter settled itself, not through `admit` (an interaction answered
   * within its request): counted with the admissions when metrics are on (bot/metrics.ts).
   */
  record?(platform: Platform, outcome: InboundOutcome): void
}

export interface IntakeOptions {
  store: IntakeStore
  log: Logger
  /** Answers in progress at once (their platform calls overlap). */
  concurrency?: number
  /** Events held in memory; beyond it they wait in the database. */
  bound?: number
  /** Admissions written per statement. */
  batch?: number
  /** Runs `fn` on a later turn of the event loop, after pending I/O (setImmediate). */
  defer?: (fn: () => void) => void
  /**
   * A flood: events arriving faster than `perSecond` (over a quarter of a second).
   * Answers then start at most one per `gapMs` until it passes, so the acks keep up
   * — the events are safe in the database meanwhile. Far above what one process
   * answers, so steady load is never paced. 0 turns it off.
   */
  flood?: { perSecond: number; gapMs: number }
  /** Milliseconds, for the flood pacing (performance.now). */
  now?: () => number
  /** Events another instance left unanswered this long are adopted (checked at start and every half of it); 0: never. */
  adoptAfterMs?: number
}

export const INTAKE_DEFAULTS = {
  concurrency: 8,
  bound: 2_000,
  batch: 500,
  flood: { perSecond: 1_000, gapMs: 20 },
  adoptAfterMs: 60_000,
} as const
const FLOOD_WINDOW_MS = 250
/** Redeliveries are caught in memory within this many recent event ids; the database catches the rest. */
const RECENT = 10_000

const keyOf = (platform: string, eventId: string) => `${platform}\n${eventId}`

export function createIntake(options: IntakeOptions): Intake {
  const { store, log } = options
  const concurrency = options.concurrency ?? INTAKE_DEFAULTS.concurrency
  const bound = options.bound ?? INTAKE_DEFAULTS.bound
  const batchSize = options.batch ?? INTAKE_DEFAULTS.batch
  const defer = options.defer ?? ((fn: () => void) => void setImmediate(fn))
  const handlers = new Map<Platform, (payload: string) => Promise<void>>()
  const flood = options.flood ?? INTAKE_DEFAULTS.flood
  const now = options.now ?? (() => performance.now())
  const adoptAfterMs = options.adoptAfterMs ?? INTAKE_DEFAULTS.adoptAfterMs
  let adoptTimer: ReturnType<typeof setInterval> | undefined
  // Admissions counted per quarter second; while flooded, answers are spaced.
  let windowStart = Number.NEGATIVE_INFINITY
  let windowCount = 0
  let floodUntil = Number.NEGATIVE_INFINITY
  let startedAt = Number.NEGATIVE_INFINITY

  function countAdmissions(count: number): void {
    const at = now()
    if (at - windowStart > FLOOD_WINDOW_MS) {
      windowStart = at
      windowCount = 0
    }
    windowCount += count
    if (flood.perSecond > 0 && windowCount >= (flood.perSecond * FLOOD_WINDOW_MS) / 1000) floodUntil = at + FLOOD_WINDOW_MS
  }

  // Admission: one write for everything that arrived in the same turn.
  type Waiting = { platform: Platform; eventId: string; payload: string; resolve: (r: AdmitResult) => void; reject: (e: unknown) => void }
  const waiting: Waiting[] = []
  let writeScheduled = false
  /** Being written: a redelivery arriving meanwhile waits for the same write. */
  const admitting = new Map<string, Promise<AdmitResult>>()
  const recent = new Set<string>()

  // Answering.
  const queue: AdmittedEvent[] = []
  /** The highest id ever put in the queue: an event at or below it is never queued twice. */
  let cursor = 0
  /** Some admitted events are only in the database (the queue was full, or a previous run left them). */
  let overflowing = true
  let refillScheduled = false
  /** An answer start is scheduled for the next turn. */
  let starting = false
  let running = false
  let answering = 0
  let unanswered = 0
  let overflow = 0
  let answered = 0
  let failed = 0
  let removals: number[] = []
  let removing = false
  let idle: (() => void)[] = []

  // Writes and read-backs take turns, so "is anything left only in the database?" always has a true answer.
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = (work: () => Promise<void>): Promise<void> => {
    const next = turn.then(work, work)
    turn = next
    return next
  }

  function remember(key: string): void {
    recent.add(key)
    if (recent.size > RECENT) recent.delete(recent.values().next().value as string)
  }

  function scheduleWrite(): void {
    if (writeScheduled) return
    writeScheduled = true
    defer(() => void inTurn(write))
  }

  async function write(): Promise<void> {
    writeScheduled = false
    const batch = waiting.splice(0, batchSize)
    if (waiting.length > 0) scheduleWrite()
    if (batch.length === 0) return
    countAdmissions(batch.length)
    try {
      const admitted = await store.admit(batch.map(({ platform, eventId, payload }) => ({ platform, eventId, payload })))
      const isNew = new Set(admitted.map((e) => keyOf(e.platform, e.eventId)))
      unanswered += admitted.length
      for (const event of admitted) enqueue(event)
      for (const w of batch) w.resolve(isNew.has(keyOf(w.platform, w.eventId)) ? 'admitted' : 'duplicate')
    } catch (error) {
      // Not written: the platform gets an error and redelivers, and the redelivery must not look like a duplicate.
      for (const w of batch) recent.delete(keyOf(w.platform, w.eventId))
      for (const w of batch) w.reject(error)
    } finally {
      for (const w of batch) admitting.delete(keyOf(w.platform, w.eventId))
      settle()
    }
  }

  function enqueue(event: AdmittedEvent): void {
    if (event.id <= cursor) return
    if (!running || overflowing || queue.length >= bound) {
      if (running && !overflowing) log.warn({ bound, unanswered }, 'answering queue full: later events wait in the database')
      overflowing = true
      overflow++
      return
    }
    cursor = event.id
    queue.push(event)
    pump()
  }

  /**
   * One answer starts per turn of the event loop, and every ack that arrived
   * meanwhile is handled before it: the more requests are waiting, the smaller the
   * share answering takes, and with none waiting answers follow each other at full
   * speed. `concurrency` bounds the answers in progress (waiting on their platform).
   */
  function pump(): void {
    if (running && !starting && answering < concurrency && queue.length > 0) {
      starting = true
      defer(startOne)
    }
    if (running && overflowing && !refillScheduled && queue.length <= bound / 2) {
      refillScheduled = true
      void inTurn(refill)
    }
    settle()
  }

  function startOne(): void {
    const wait = startedAt + flood.gapMs - now()
    if (now() < floodUntil && wait > 0) {
      setTimeout(startOne, wait)
      return
    }
    starting = false
    const event = running && answering < concurrency ? queue.shift() : undefined
    if (event) {
      startedAt = now()
      answering++
      void answer(event)
    }
    pump()
  }

  async function answer(event: AdmittedEvent): Promise<void> {
    try {
      const handler = handlers.get(event.platform)
      if (!handler) throw new Error(`no handler for ${event.platform} events`)
      await handler(event.payload)
      answered++
    } catch (error) {
      failed++
      log.error({ err: error, platform: event.platform, eventId: event.eventId }, 'answering an admitted event failed')
    } finally {
      answering--
      unanswered--
      removals.push(event.id)
      if (!removing) defer(() => void removeAnswered())
      pump()
    }
  }

  async function removeAnswered(): Promise<void> {
    if (removing || removals.length === 0) return
    removing = true
    const ids = removals
    removals = []
    try {
      await store.remove(ids)
    } catch (error) {
      // Left in the database: answered again after a restart, where the core's event dedupe stops a second reply.
      log.error({ err: error, events: ids.length }, 'could not forget answered events')
    } finally {
      removing = false
      if (removals.length > 0) defer(() => void removeAnswered())
      settle()
    }
  }

  async function refill(): Promise<void> {
    try {
      if (!running) return
      const room = bound - queue.length
      const rows = await store.after(cursor, room)
      for (const row of rows) {
        if (row.id <= cursor) continue
        cursor = row.id
        queue.push(row)
      }
      // Fewer than asked for: nothing is left only in the database (writes wait for their turn).
      if (rows.length < room) overflowing = false
      overflow = overflowing ? Math.max(0, unanswered - queue.length - answering) : 0
    } catch (error) {
      log.error({ err: error }, 'could not read waiting events back; trying again after the next answer')
    } finally {
      refillScheduled = false
      pump()
    }
  }

  /** Another instance's leftovers become ours, with ids above the cursor: the refill reads them in turn. */
  async function adopt(): Promise<void> {
    if (!running || !store.adopt) return
    try {
      const adopted = await store.adopt(adoptAfterMs / 1000)
      if (adopted === 0) return
      log.warn({ adopted }, 'answering events another instance admitted and left unanswered')
      unanswered += adopted
      overflow += adopted
      overflowing = true
    } catch (error) {
      log.error({ err: error }, 'could not adopt the events another instance left; trying again later')
    } finally {
      pump()
    }
  }

  function settle(): void {
    const busy = unanswered > 0 || answering > 0 || removing || removals.length > 0 || waiting.length > 0 || admitting.size > 0
    if (busy) return
    const resolved = idle
    idle = []
    for (const resolve of resolved) resolve()
  }

  return {
    admit(platform, eventId, payload) {
      const key = keyOf(platform, eventId)
      const inFlight = admitting.get(key)
      if (inFlight) return inFlight.then(() => 'duplicate' as const)
      if (recent.has(key)) return Promise.resolve('duplicate')
      remember(key)
      const admitted = new Promise<AdmitResult>((resolve, reject) => {
        waiting.push({ platform, eventId, payload, resolve, reject })
      })
      admitting.set(key, admitted)
      scheduleWrite()
      return admitted
    },
    handle(platform, answer) {
      handlers.set(platform, answer)
    },
    async start() {
      await inTurn(async () => {
        unanswered = await store.count()
        overflow = unanswered
        overflowing = true
        running = true
      })
      if (unanswered > 0) log.info({ unanswered }, 'answering the events a previous run admitted but did not answer')
      if (store.adopt && adoptAfterMs > 0) {
        await inTurn(adopt)
        adoptTimer = setInterval(() => void inTurn(adopt), adoptAfterMs / 2)
        adoptTimer.unref?.()
      }
      pump()
    },
    async stop(graceMs = 10_000) {
      running = false
      clearInterval(adoptTimer)
      // What is queued in memory is also in the database: the next start reads it back.
      queue.length = 0
      overflowing = true
      const until = Date.now() + graceMs
      while ((answering > 0 || admitting.size > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
      await removeAnswered()
      overflow = Math.max(0, unanswered - answering)
    },
    stats: () => ({ unanswered, answering, overflow, answered, failed }),
    drained() {
      return new Promise<void>((resolve) => {
        idle.push(resolve)
        settle()
      })
    },
  }
}
