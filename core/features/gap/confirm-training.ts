// A manager (direct or indirect) or HR verifies someone's training: from the
// confirmation card ("<assignment>:yes|no") or in chat ("李雷学完了 RD-101").
// The learner can never verify their own; anyone else is refused without learning
// whether the person or the course exists.
import { accessTo } from '../../kernel/access.js'
import type { Actor, Deps } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Assignment, Course, Employee, Verifier } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { gapDimensionIds, openReassessments, retakeDueAt } from './verification.js'
import { confirmedNoticeCard, declinedNoticeCard } from './verification-card.js'

export type ConfirmTrainingResult =
  | { kind: 'confirmed'; learner: Employee; course: Course; assignment: Assignment; reassessments: number }
  | { kind: 'declined'; learner: Employee; course: Course; dueAt: Date }
  | { kind: 'already_completed'; learner: Employee; course: Course }
  /** Declining what is not awaiting verification (declined already, or never reported). */
  | { kind: 'not_reported'; learner: Employee; course: Course }
  | { kind: 'unknown_course'; query: string | null }
  | { kind: 'refused' }

/** Who may verify `learner`'s training: their manager (any level up) or HR, never the learner. */
async function verifierRole(deps: Deps, actor: Actor, learner: Employee): Promise<Exclude<Verifier, 'self' | 'quiz' | 'import'> | null> {
  if (learner.id === actor.employee.id) return null
  const basis = await accessTo(deps.store.employees, actor.employee, learner)
  if (basis === 'manager') return 'manager'
  if (basis === 'hr' || isHr(actor.employee)) return 'hr'
  return null
}

export async function confirmTraining(deps: Deps, actor: Actor, assignmentId: number, approve: boolean): Promise<ConfirmTrainingResult> {
  const assignment = await deps.store.progress.assignment(assignmentId)
  if (!assignment) return { kind: 'refused' }
  const learner = await deps.store.employees.byId(assignment.employeeId)
  if (!learner) return { kind: 'refused' }
  const role = await verifierRole(deps, actor, learner)
  if (!role) return { kind: 'refused' }
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const course = catalog.courses.find((c) => c.id === assignment.courseId)
  if (!course) return { kind: 'refused' }
  return approve
    ? approveTraining(deps, actor, { learner, course, assignmentId, role })
    : decline(deps, actor, { learner, course, assignmentId })
}

/**
 * "李雷学完了 RD-101" from someone else: a confirmation when the asker is Li Lei's
 * manager or HR (enrolling him first if nobody had), a refusal for anyone else.
 */
export async function confirmTrainingFor(
  deps: Deps,
  actor: Actor,
  options: { subjectId: number; courseCode?: string },
): Promise<ConfirmTrainingResult> {
  const learner = await deps.store.employees.byId(options.subjectId)
  if (learner?.status !== 'active') return { kind: 'refused' }
  const role = await verifierRole(deps, actor, learner)
  if (!role) return { kind: 'refused' }
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const course = options.courseCode ? catalog.courses.find((c) => c.code.toLowerCase() === options.courseCode!.toLowerCase()) : undefined
  if (!course) return { kind: 'unknown_course', query: options.courseCode ?? null }
  const { assignment } = await deps.store.transaction((tx) =>
    tx.progress.enrol({ employeeId: learner.id, courseId: course.id, source: role, dueAt: null, now, assignedById: actor.employee.id }),
  )
  return approveTraining(deps, actor, { learner, course, assignmentId: assignment.id, role })
}

async function approveTraining(
  deps: Deps,
  actor: Actor,
  input: { learner: Employee; course: Course; assignmentId: number; role: 'manager' | 'hr' },
): Promise<ConfirmTrainingResult> {
  const { learner, course, assignmentId, role } = input
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const gapDimensions = await gapDimensionIds(deps.store, catalog, learner, now)
  const outcome = await deps.store.transaction(async (tx) => {
    // Re-read inside the transaction: two managers clicking at once confirm once.
    const fresh = await tx.progress.assignment(assignmentId)
    if (!fresh) return null
    if (fresh.status === 'completed') return { done: false as const }
    // The reported score was the learner's own word: a confirmation verifies the training, not the score.
    const assignment = await tx.progress.completeTraining({
      assignmentId,
      courseCode: course.code,
      score: null,
      now,
      verifiedBy: role,
      certificateCode: course.certificateCode,
    })
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'training.confirm',
      entity: 'TrainingAssignment',
      entityId: assignmentId,
      data: { course: course.code, learnerId: learner.id, verifiedBy: role },
    })
    const effect = await openReassessments(tx, { learner, course, gapDimensions, catalog, now })
    return { done: true as const, assignment, effect }
  })
  if (!outcome) return { kind: 'refused' }
  if (!outcome.done) return { kind: 'already_completed', learner, course }
  const deliveries: Delivery[] = [
    {
      recipientId: learner.id,
      card: confirmedNoticeCard({ course, verifier: actor.employee }, learner.locale),
      key: `training-confirmed:${assignmentId}`,
      purpose: 'training_confirmed',
    },
    ...outcome.effect.deliveries,
  ]
  await deps.deliver(deliveries)
  return { kind: 'confirmed', learner, course, assignment: outcome.assignment, reassessments: outcome.effect.tasks.length }
}

async function decline(
  deps: Deps,
  actor: Actor,
  input: { learner: Employee; course: Course; assignmentId: number },
): Promise<ConfirmTrainingResult> {
  const { learner, course, assignmentId } = input
  const now = deps.clock.now()
  const dueAt = retakeDueAt(now, learner.timeZone, deps.settings)
  const outcome = await deps.store.transaction(async (tx) => {
    const fresh = await tx.progress.assignment(assignmentId)
    if (!fresh) return 'refused' as const
    if (fresh.status === 'completed') return 'already_completed' as const
    if (fresh.status !== 'reported') return 'not_reported' as const
    await tx.progress.reschedule({ assignmentId, dueAt, now })
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'training.decline',
      entity: 'TrainingAssignment',
      entityId: assignmentId,
      data: { course: course.code, learnerId: learner.id },
    })
    return 'declined' as const
  })
  if (outcome === 'refused') return { kind: 'refused' }
  if (outcome !== 'declined') return { kind: outcome, learner, course }
  await deps.deliver([
    {
      recipientId: learner.id,
      card: declinedNoticeCard({ course, verifier: actor.employee, dueAt }, learner.locale, learner.timeZone),
      key: `training-declined:${assignmentId}:${now.getTime()}`,
      purpose: 'training_declined',
    },
  ])
  return { kind: 'declined', learner, course, dueAt }
}
