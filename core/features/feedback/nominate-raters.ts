// Nominating peers and direct reports for one subject of a cycle. Nominations by
// the manager (or HR) count at once; the subject's own proposals wait for the
// manager's approval. Added while collecting, approved raters are asked at once.
import type { Actor } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { canNominate } from './cycle-stage.js'
import { deliver } from './deliver.js'
import { nominationRight } from './nomination-rights.js'
import { approvalRequestCard } from './notify-cards.js'
import type { FeedbackDeps, NewRequest } from './ports.js'
import { askRaters } from './start-collecting.js'
import { type FeedbackCycle, type FeedbackRequest, type FeedbackStage, LIVE_REQUEST_STATUSES } from './types.js'

export interface NominateInput {
  cycleId: number
  subjectId: number
  peerEmails: string[]
  reportEmails: string[]
}

export type NominationError = 'unknown_person' | 'is_subject' | 'is_manager' | 'not_a_report' | 'is_a_report' | 'over_cap' | 'required'

export type NominateResult =
  | {
      kind: 'nominated'
      cycle: FeedbackCycle
      subject: Employee
      added: FeedbackRequest[]
      alreadyNominated: string[]
      needsApproval: boolean
      /** The cards handed to the outbox. */
      deliveries: Delivery[]
      /** Cards nobody could be sent (no chat account, console off). */
      unreachable: Delivery[]
    }
  | { kind: 'invalid'; errors: Record<string, { code: NominationError; detail?: string }> }
  | { kind: 'wrong_stage'; stage: FeedbackStage }
  | { kind: 'refused' }

export async function nominateRaters(deps: FeedbackDeps, actor: Actor, input: NominateInput): Promise<NominateResult> {
  const me = actor.employee
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  const row = cycle && (await deps.store.feedback.subject(cycle.id, input.subjectId))
  const subject = row && (await deps.store.employees.byId(row.employeeId))
  if (!cycle || !row || !subject) return { kind: 'refused' }
  const right = await nominationRight(deps.store.employees, me, cycle, subject)
  if (!right) return { kind: 'refused' }
  if (!canNominate(cycle.stage)) return { kind: 'wrong_stage', stage: cycle.stage }

  const errors: Record<string, { code: NominationError; detail?: string }> = {}
  const wanted: { email: string; field: 'peers' | 'reports'; perspective: 'peer' | 'report' }[] = [
    ...(cycle.perspectives.includes('peer')
      ? input.peerEmails.map((email) => ({ email, field: 'peers' as const, perspective: 'peer' as const }))
      : []),
    ...(cycle.perspectives.includes('report')
      ? input.reportEmails.map((email) => ({ email, field: 'reports' as const, perspective: 'report' as const }))
      : []),
  ]
  if (wanted.length === 0) return { kind: 'invalid', errors: { peers: { code: 'required' } } }
  const existing = await deps.store.feedback.requests(cycle.id, subject.id)
  const live = existing.filter((r) => LIVE_REQUEST_STATUSES.includes(r.status))
  const alreadyNominated: string[] = []
  const rows: NewRequest[] = []
  for (const { email, field, perspective } of wanted) {
    const rater = await deps.store.employees.byEmail(email)
    if (rater?.status !== 'active') errors[field] ??= { code: 'unknown_person', detail: email }
    else if (rater.id === subject.id) errors[field] ??= { code: 'is_subject', detail: email }
    else if (rater.id === row.managerId) errors[field] ??= { code: 'is_manager', detail: email }
    else if (perspective === 'report' && rater.managerId !== subject.id) errors[field] ??= { code: 'not_a_report', detail: email }
    else if (perspective === 'peer' && rater.managerId === subject.id) errors[field] ??= { code: 'is_a_report', detail: email }
    else if (existing.some((r) => r.raterId === rater.id) || rows.some((r) => r.raterId === rater.id)) alreadyNominated.push(email)
    else rows.push({ raterId: rater.id, perspective, status: right, nominatedById: me.id })
  }
  const peers = live.filter((r) => r.perspective === 'peer').length + rows.filter((r) => r.perspective === 'peer').length
  if (peers > cycle.peerCap) errors.peers ??= { code: 'over_cap', detail: String(cycle.peerCap) }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors }

  const added = await deps.store.feedback.addRequests(row.id, rows)
  await deps.store.audit.record({
    actorId: me.id,
    actor: `employee:${me.id}`,
    action: right === 'approved' ? 'feedback.nominate' : 'feedback.propose',
    entity: 'FeedbackSubject',
    entityId: row.id,
    data: { raters: added.map((r) => r.raterId) },
  })
  const deliveries: Delivery[] = []
  if (right === 'proposed' && added.length > 0) {
    const approver = await deps.store.employees.byId(row.managerId ?? cycle.createdById ?? -1)
    if (approver)
      deliveries.push({
        recipientId: approver.id,
        purpose: 'approve',
        key: `feedback:approve:${cycle.id}:${added.map((r) => r.id).join('-')}`,
        card: approvalRequestCard(cycle, subject, added.length, approver),
      })
  }
  if (right === 'approved' && cycle.stage === 'collecting') {
    deliveries.push(
      ...(await askRaters(
        deps,
        cycle,
        added.map((r) => r.id),
      )),
    )
  }
  const unreachable = await deliver(deps, deliveries)
  return {
    kind: 'nominated',
    cycle,
    subject,
    added,
    alreadyNominated,
    needsApproval: right === 'proposed',
    deliveries: deliveries.filter((d) => !unreachable.includes(d)),
    unreachable,
  }
}
