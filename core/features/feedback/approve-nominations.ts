// The manager (or HR) approves or rejects the raters a subject proposed.
// Approved while collecting, a rater is asked at once.
import type { Actor } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { managesSubject, runsCycle } from './access.js'
import { canNominate } from './cycle-stage.js'
import { deliver } from './deliver.js'
import type { FeedbackDeps } from './ports.js'
import { askRaters } from './start-collecting.js'
import type { FeedbackCycle, FeedbackStage } from './types.js'

export interface ApproveInput {
  cycleId: number
  subjectId: number
  approve: number[]
  reject: number[]
}

export type ApproveResult =
  | { kind: 'decided'; cycle: FeedbackCycle; subject: Employee; approved: number; rejected: number; deliveries: Delivery[] }
  | { kind: 'wrong_stage'; stage: FeedbackStage }
  | { kind: 'refused' }

export async function approveNominations(deps: FeedbackDeps, actor: Actor, input: ApproveInput): Promise<ApproveResult> {
  const me = actor.employee
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  const row = cycle && (await deps.store.feedback.subject(cycle.id, input.subjectId))
  const subject = row && (await deps.store.employees.byId(row.employeeId))
  if (!cycle || !row || !subject || me.id === subject.id) return { kind: 'refused' }
  if (!runsCycle(me, cycle) && !(await managesSubject(deps.store.employees, me, subject))) return { kind: 'refused' }
  if (!canNominate(cycle.stage)) return { kind: 'wrong_stage', stage: cycle.stage }
  // Only this subject's requests: an id from another subject's list is ignored, not approved.
  const mine = new Set((await deps.store.feedback.requests(cycle.id, subject.id)).map((r) => r.id))
  const approveIds = input.approve.filter((id) => mine.has(id))
  const rejectIds = input.reject.filter((id) => mine.has(id) && !approveIds.includes(id))
  const approved = await deps.store.feedback.setStatus({ ids: approveIds, from: ['proposed'], to: 'approved' })
  const rejected = await deps.store.feedback.setStatus({ ids: rejectIds, from: ['proposed'], to: 'rejected' })
  await deps.store.audit.record({
    actorId: me.id,
    actor: `employee:${me.id}`,
    action: 'feedback.approve',
    entity: 'FeedbackSubject',
    entityId: row.id,
    data: { approved: approved.map((r) => r.raterId), rejected: rejected.map((r) => r.raterId) },
  })
  const deliveries =
    cycle.stage === 'collecting'
      ? await askRaters(
          deps,
          cycle,
          approved.map((r) => r.id),
        )
      : []
  await deliver(deps, deliveries)
  return { kind: 'decided', cycle, subject, approved: approved.length, rejected: rejected.length, deliveries }
}
