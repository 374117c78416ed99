import type { Delivery } from '../../kernel/messaging.js'
import type { FeedbackDeps } from './ports.js'

/**
 * Hands cards for other people to the delivery side. Without one wired (no
 * outbox yet), they are logged as undelivered rather than dropped silently;
 * use cases also return them so the CLI can show them. Returns the cards that
 * reached nobody (no chat account, console off): the sender is told.
 */
export async function deliver(deps: FeedbackDeps, deliveries: Delivery[]): Promise<Delivery[]> {
  if (deliveries.length === 0) return []
  if (!deps.deliver) {
    deps.log.warn(
      { count: deliveries.length, purposes: [...new Set(deliveries.map((d) => d.purpose))] },
      'feedback cards not delivered: no delivery wired',
    )
    return []
  }
  const unreachable = new Set((await deps.deliver(deliveries))?.unreachable ?? [])
  return deliveries.filter((d) => unreachable.has(d.recipientId))
}
