// Retention: what the sweep deletes once it is old enough (docs/privacy.md). Each
// kind goes a batch at a time (one short statement each), the event loop handed
// back between batches, so the sweep never holds the database for long.
import { yieldToEventLoop } from '../../kernel/yielding.js'
import type { PrivacyDeps, RetentionKind } from './ports.js'

/** Days to keep each kind; 0 keeps it forever. */
export interface RetentionPolicy {
  processedEventsDays: number
  deliveredOutboxDays: number
  auditDays: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { processedEventsDays: 7, deliveredOutboxDays: 30, auditDays: 365 }

/** Rows per DELETE statement. */
const PRUNE_BATCH = 1000
const DAY_MS = 86_400_000

export type PruneResult = Record<RetentionKind, number>

/**
 * Deletes what is older than its retention. `keepGoing` is asked between batches (the
 * sweep renews its lease there and stops when it lost it).
 */
export async function pruneExpired(
  deps: PrivacyDeps,
  policy: RetentionPolicy,
  options: { batchSize?: number; keepGoing?: () => Promise<boolean> } = {},
): Promise<PruneResult> {
  const now = deps.clock.now().getTime()
  const limit = options.batchSize ?? PRUNE_BATCH
  const days: Record<RetentionKind, number> = {
    processed_events: policy.processedEventsDays,
    delivered_outbox: policy.deliveredOutboxDays,
    // A closed task's reminder history goes with the messages that carried it.
    closed_reminder_logs: policy.deliveredOutboxDays,
    audit: policy.auditDays,
  }
  const result: PruneResult = { processed_events: 0, delivered_outbox: 0, closed_reminder_logs: 0, audit: 0 }
  for (const kind of Object.keys(days) as RetentionKind[]) {
    if (days[kind] <= 0) continue
    const before = new Date(now - days[kind] * DAY_MS)
    for (;;) {
      const deleted = await deps.store.privacy.pruneBatch({ kind, before, limit })
      result[kind] += deleted
      await yieldToEventLoop()
      if (deleted < limit) break
      if (options.keepGoing && !(await options.keepGoing())) return result
    }
  }
  return result
}
