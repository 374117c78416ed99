// Readiness from the database itself, so it holds across processes: can this process
// write (a one-row upsert in a transaction of its own, bounded in time: a read-only,
// locked or full database fails it, and so does a transaction lock that never comes
// free), and is delivery making progress (work due long ago and nothing sent lately
// means no worker on any process is delivering). The answer is kept for a moment, so
// /readyz stays cheap however often it is asked.
import type { Db } from './client.js'
import { databaseFailureLine } from './db-errors.js'

export type Readiness =
  | { ready: true }
  | { ready: false; reason: 'database not writable'; detail: string }
  | { ready: false; reason: 'delivery stalled'; detail: string; due: number; since: string }

export interface ReadinessOptions {
  /** The database's URL, named in the detail of a failure. */
  url: string
  /** This process, in the probe's row. */
  holder: string
  /** Platforms delivered by this install: rows for others wait for a process that has them. */
  platforms: readonly string[]
  /** Work due longer than this, with nothing sent for as long, is a stall. */
  stallMs: number
  /** The write probe's bound. */
  probeTimeoutMs?: number
  /** How long an answer is kept. */
  cacheMs?: number
  now?: () => Date
}

const PROBE_TIMEOUT_MS = 2000
const CACHE_MS = 1500

/** `promise`, or a rejection once `ms` have passed. */
function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
    timer.unref?.()
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

export function createReadiness(db: Db, options: ReadinessOptions): () => Promise<Readiness> {
  const now = options.now ?? (() => new Date())
  const probeTimeoutMs = options.probeTimeoutMs ?? PROBE_TIMEOUT_MS
  const cacheMs = options.cacheMs ?? CACHE_MS
  let kept: { at: number; answer: Readiness } | null = null
  let inFlight: Promise<Readiness> | null = null

  async function probeWrite(at: Date): Promise<void> {
    await db.$transaction(
      (tx) =>
        tx.$executeRaw`INSERT INTO "HealthProbe" ("holder", "at") VALUES (${options.holder}, ${at})
          ON CONFLICT ("holder") DO UPDATE SET "at" = excluded."at"`,
    )
  }

  async function deliveryStall(at: Date): Promise<Readiness | null> {
    if (options.platforms.length === 0) return null
    const cutoff = new Date(at.getTime() - options.stallMs)
    const platforms = options.platforms
    const due = await db.outboxMessage.count({
      where: {
        platform: { in: [...platforms] },
        OR: [
          { status: 'pending', availableAt: { lte: cutoff } },
          { status: 'sending', leaseUntil: { lte: cutoff } },
        ],
      },
    })
    if (due === 0) return null
    const sentLately = await db.outboxMessage.findFirst({
      where: { status: 'sent', sentAt: { gte: cutoff } },
      select: { id: true },
    })
    if (sentLately) return null
    const minutes = Math.round(options.stallMs / 60_000)
    return {
      ready: false,
      reason: 'delivery stalled',
      detail: `${due} message(s) due for over ${minutes} min and none sent in that time`,
      due,
      since: cutoff.toISOString(),
    }
  }

  async function check(): Promise<Readiness> {
    const at = now()
    try {
      await bounded(probeWrite(at), probeTimeoutMs, 'the write probe')
    } catch (error) {
      const line = databaseFailureLine(error, options.url)
      return {
        ready: false,
        reason: 'database not writable',
        detail: line ?? (error instanceof Error ? error.message.split('\n').filter(Boolean).pop()! : String(error)),
      }
    }
    return (await deliveryStall(at)) ?? { ready: true }
  }

  return async () => {
    const at = Date.now()
    if (kept && at - kept.at < cacheMs) return kept.answer
    inFlight ??= check().finally(() => {
      inFlight = null
    })
    const answer = await inFlight
    kept = { at: Date.now(), answer }
    return answer
  }
}
