// A rater declines to give feedback, with a reason the nominator sees. Named on
// purpose: declining is not an answer, and the nominator needs to find someone else.
import type { Actor } from '../../kernel/context.js'
import type { Delivery } from '../../kernel/messaging.js'
import { deliver } from './deliver.js'
import { declinedNoticeCard } from './notify-cards.js'
import type { FeedbackDeps } from './ports.js'
import { loadRaterView, type RaterView, type RequestRef, whyNotOpen } from './rater-form.js'
import { REASON_MAX } from './types.js'

export type DeclineResult =
  | { kind: 'declined'; view: RaterView; deliveries: Delivery[] }
  | { kind: 'invalid'; view: RaterView; errors: Record<string, 'required' | 'too_long'> }
  | { kind: 'not_open'; view: RaterView }
  | { kind: 'refused' }

export async function declineRequest(deps: FeedbackDeps, actor: Actor, ref: RequestRef, input: { reason: string }): Promise<DeclineResult> {
  const view = await loadRaterView(deps, actor, ref)
  if (!view) return { kind: 'refused' }
  const reason = input.reason.trim()
  const why = whyNotOpen(view)
  // Before collecting starts a rater may already decline; after answering or closing, not.
  if (why === 'submitted' || why === 'declined' || why === 'closed') return { kind: 'not_open', view }
  if (reason === '') return { kind: 'invalid', view, errors: { reason: 'required' } }
  if (reason.length > REASON_MAX) return { kind: 'invalid', view, errors: { reason: 'too_long' } }
  if (!(await deps.store.feedback.decline({ requestId: view.request.id, reason }))) return { kind: 'not_open', view }
  await deps.store.audit.record({
    actorId: actor.employee.id,
    actor: `employee:${actor.employee.id}`,
    action: 'feedback.decline',
    entity: 'FeedbackRequest',
    entityId: view.request.id,
  })
  const declined = { ...view, request: { ...view.request, status: 'declined' as const, declineReason: reason } }
  const deliveries: Delivery[] = []
  const toTell = view.request.nominatedById ?? view.cycle.createdById
  const nominator = toTell === null || toTell === actor.employee.id ? null : await deps.store.employees.byId(toTell)
  if (nominator)
    deliveries.push({
      recipientId: nominator.id,
      purpose: 'declined',
      key: `feedback:declined:${view.request.id}`,
      card: declinedNoticeCard(declined, actor.employee, nominator),
    })
  await deliver(deps, deliveries)
  return { kind: 'declined', view: declined, deliveries }
}
