import type { Delivery } from '../../kernel/messaging.js'
import type { FeedbackDeps } from './ports.js'

/**
 * Hands cards for other people to the delivery side. Without one wired (no
 * outbox yet), they are logged as undelivered rather than dropped silently;
 * use cases also return them so the CLI can show them.
 */
export async function deliver(deps: FeedbackDeps, deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return
  if (!deps.deliver) {
    deps.log.warn(
      { count: deliveries.length, purposes: [...new Set(deliveries.map((d) => d.purpose))] },
      'feedback cards not delivered: no delivery wired',
    )
    return
  }
  await deps.deliver(deliveries)
}
