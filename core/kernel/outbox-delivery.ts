// Wires the 360 deliveries to the outbox: each card becomes an outbox row for
// the recipient's most recently linked chat account, deduped by its key. A
// person with no linked account cannot be messaged: logged, not dropped silently.

import type { Delivery } from './messaging.js'
import type { NewOutboxMessage, OutboxRepo } from './outbox.js'
import type { ChatAddress, Clock, Logger, Store } from './ports.js'

export interface OutboxDeliveryDeps {
  outbox: Pick<OutboxRepo, 'enqueueMany'>
  addresses(employeeIds: readonly number[]): Promise<Map<number, ChatAddress[]>>
  clock: Clock
  log: Logger
}

function outboxDelivery(deps: OutboxDeliveryDeps): (deliveries: Delivery[]) => Promise<void> {
  return async (deliveries) => {
    if (deliveries.length === 0) return
    const now = deps.clock.now()
    const addresses = await deps.addresses([...new Set(deliveries.map((d) => d.recipientId))])
    const messages: NewOutboxMessage[] = []
    for (const d of deliveries) {
      const latest = [...(addresses.get(d.recipientId) ?? [])].sort((a, b) => b.linkedAt.getTime() - a.linkedAt.getTime())[0]
      if (!latest) {
        deps.log.warn(
          { recipientId: d.recipientId, purpose: d.purpose, key: d.key },
          'feedback card not sent: recipient has no linked chat account',
        )
        continue
      }
      messages.push({
        idempotencyKey: d.key,
        kind: 'notice',
        to: { platform: latest.platform, tenant: latest.tenant, kind: 'user', id: latest.externalId },
        card: d.card,
        employeeId: d.recipientId,
        availableAt: now,
      })
    }
    if (messages.length > 0) await deps.outbox.enqueueMany(messages, now)
  }
}

/** The same, from a store that holds both the outbox and the chat addresses (the server, the CLI, the sweep). */
export function outboxDeliveryFor(deps: {
  store: Pick<Store, 'outbox' | 'reminders'>
  clock: Clock
  log: Logger
}): (deliveries: Delivery[]) => Promise<void> {
  const { store, clock, log } = deps
  return outboxDelivery({ outbox: store.outbox, addresses: (ids) => store.reminders.addresses(ids), clock, log })
}
