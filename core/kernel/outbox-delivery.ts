// Wires the cards for other people (360 invitations and reports, assignment
// notices, verification requests, programme notices) to the outbox: each card
// becomes an outbox row for where chooseDestination says the recipient is
// reached (their chat account, else their console inbox), deduped by its key.
// Someone nobody can reach is returned to the caller, who tells the sender.

import { chooseDestination } from './destinations.js'
import type { ChatPlatform, Delivery, DeliveryOutcome } from './messaging.js'
import type { NewOutboxMessage, OutboxRepo } from './outbox.js'
import type { ChatAddress, Clock, EmployeeRepo, Logger, Store } from './ports.js'

export interface OutboxDeliveryDeps {
  outbox: Pick<OutboxRepo, 'enqueueMany'>
  addresses(employeeIds: readonly number[]): Promise<Map<number, ChatAddress[]>>
  employees: Pick<EmployeeRepo, 'byId'>
  /** The platforms this install runs (asked at each delivery: platforms register as they start). */
  platforms(): readonly ChatPlatform[]
  clock: Clock
  log: Logger
}

function outboxDelivery(deps: OutboxDeliveryDeps): (deliveries: Delivery[]) => Promise<DeliveryOutcome> {
  return async (deliveries) => {
    if (deliveries.length === 0) return { unreachable: [] }
    const now = deps.clock.now()
    const platforms = deps.platforms()
    const ids = [...new Set(deliveries.map((d) => d.recipientId))]
    const [addresses, people] = await Promise.all([deps.addresses(ids), Promise.all(ids.map((id) => deps.employees.byId(id)))])
    const emails = new Map(people.flatMap((p) => (p ? [[p.id, p.email] as const] : [])))
    const messages: NewOutboxMessage[] = []
    const unreachable = new Set<number>()
    for (const d of deliveries) {
      const to = chooseDestination({ email: emails.get(d.recipientId) ?? '' }, addresses.get(d.recipientId) ?? [], platforms)
      if (!to) {
        unreachable.add(d.recipientId)
        deps.log.warn(
          { recipientId: d.recipientId, purpose: d.purpose, key: d.key, platforms },
          'card not sent: the recipient has no linked chat account and the console is off',
        )
        continue
      }
      messages.push({
        idempotencyKey: d.key,
        kind: 'notice',
        to,
        card: d.card,
        employeeId: d.recipientId,
        availableAt: d.availableAt ?? now,
      })
    }
    if (messages.length > 0) await deps.outbox.enqueueMany(messages, now)
    return { unreachable: [...unreachable] }
  }
}

/** The same, from a store that holds the outbox, the employees and the chat addresses (the server, the CLI, the sweep). */
export function outboxDeliveryFor(deps: {
  store: Pick<Store, 'outbox' | 'reminders' | 'employees'>
  platforms(): readonly ChatPlatform[]
  clock: Clock
  log: Logger
}): (deliveries: Delivery[]) => Promise<DeliveryOutcome> {
  const { store, clock, log, platforms } = deps
  return outboxDelivery({
    outbox: store.outbox,
    addresses: (ids) => store.reminders.addresses(ids),
    employees: store.employees,
    platforms,
    clock,
    log,
  })
}
