import type { Actor, Deps } from '../../kernel/context.js'
import type { Assignment, Course, Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { needsVerification, nextStepOf, retakeDueAt, verifiersOf } from './verification.js'
import { confirmationRequestCard } from './verification-card.js'

export type MarkDoneResult =
  | { kind: 'completed'; assignment: Assignment; course: Course }
  | { kind: 'already_completed'; assignment: Assignment; course: Course }
  /** A self-declared score under the pass mark: not complete, a retake is due. */
  | { kind: 'below_pass_mark'; course: Course; score: number; passMark: number; retakeDueAt: Date }
  /**
   * A course that needs verification: recorded as reported, awaiting it. `next`
   * says what happens now; `asked` are the people asked to confirm (confirmation only).
   */
  | {
      kind: 'reported'
      assignment: Assignment
      course: Course
      next: 'quiz' | 'confirmation' | 'record'
      asked: Employee[]
      askedRole: 'manager' | 'hr'
    }
  | { kind: 'unknown_course'; query: string | null }
  | { kind: 'refused' }

/**
 * The learner's own "done" — by assignment (a button) or by course code (a
 * message; enrols first when the person did a course nobody assigned).
 * - A course without verification completes, and counts as evidence at once
 *   (unless a stated score is under its pass mark: then a retake is scheduled).
 * - A course that needs verification is only reported: a quiz to take, a
 *   confirmation card to the manager (HR without one), or an LMS record to wait
 *   for. A stated score is kept as the reported score and verifies nothing.
 */
export async function markTrainingDone(
  deps: Deps,
  actor: Actor,
  options: { assignmentId?: number; courseCode?: string; score?: number },
): Promise<MarkDoneResult> {
  const now = deps.clock.now()
  const me = actor.employee
  const catalog = await deps.store.catalog.load(now)

  let course: Course | undefined
  let assignment: Assignment | null = null
  if (options.assignmentId !== undefined) {
    assignment = await deps.store.progress.assignment(options.assignmentId)
    // Someone else's assignment gets the same answer as a missing one.
    if (!assignment || assignment.employeeId !== me.id) return { kind: 'refused' }
    course = catalog.courses.find((c) => c.id === assignment!.courseId)
  } else if (options.courseCode) {
    course = catalog.courses.find((c) => c.code.toLowerCase() === options.courseCode!.toLowerCase())
  }
  if (!course) return { kind: 'unknown_course', query: options.courseCode ?? null }

  const score = options.score ?? null
  const found = course
  if (needsVerification(found)) return report(deps, actor, found, assignment, score)

  const passMark = found.passMark
  if (score !== null && passMark !== null && score < passMark) {
    // Not passed: the course stays open with a retake date, so the reminders carry on until it is.
    const retake = await deps.store.transaction(async (tx) => {
      const current =
        assignment ?? (await tx.progress.enrol({ employeeId: me.id, courseId: found.id, source: 'self', dueAt: null, now })).assignment
      if (current.status === 'completed') return current
      const dueAt = retakeDueAt(now, me.timeZone, deps.settings)
      await tx.progress.reschedule({ assignmentId: current.id, dueAt, now })
      await tx.audit.record({
        actorId: me.id,
        actor: `employee:${me.id}`,
        action: 'training.below_pass_mark',
        entity: 'TrainingAssignment',
        entityId: current.id,
        data: { course: found.code, score, passMark },
      })
      return dueAt
    })
    if (!(retake instanceof Date)) return { kind: 'already_completed', assignment: retake, course: found }
    return { kind: 'below_pass_mark', course: found, score, passMark, retakeDueAt: retake }
  }
  return deps.store.transaction(async (tx) => {
    const current =
      assignment ?? (await tx.progress.enrol({ employeeId: me.id, courseId: found.id, source: 'self', dueAt: null, now })).assignment
    if (current.status === 'completed') return { kind: 'already_completed', assignment: current, course: found }
    const done = await tx.progress.completeTraining({ assignmentId: current.id, courseCode: found.code, score, now, verifiedBy: 'self' })
    await tx.audit.record({
      actorId: me.id,
      actor: `employee:${me.id}`,
      action: 'training.done',
      entity: 'TrainingAssignment',
      entityId: done.id,
      data: { course: found.code, score },
    })
    return { kind: 'completed', assignment: done, course: found }
  })
}

async function report(
  deps: Deps,
  actor: Actor,
  course: Course,
  assignment: Assignment | null,
  score: number | null,
): Promise<MarkDoneResult> {
  const now = deps.clock.now()
  const me = actor.employee
  const next = nextStepOf(course)
  const verifiers = next === 'confirmation' ? await verifiersOf(deps, me) : { role: 'manager' as const, people: [] }
  const outcome = await deps.store.transaction(async (tx) => {
    // Re-read inside the transaction: a double click must not report (and ask the manager) twice.
    const current = assignment
      ? await tx.progress.assignment(assignment.id)
      : (await tx.progress.enrol({ employeeId: me.id, courseId: course.id, source: 'self', dueAt: null, now })).assignment
    if (!current) return null
    if (current.status === 'completed') return { kind: 'already_completed' as const, assignment: current }
    const isNewReport = current.status !== 'reported'
    const reported = isNewReport ? await tx.progress.reportTraining({ assignmentId: current.id, score, now }) : current
    if (isNewReport)
      await tx.audit.record({
        actorId: me.id,
        actor: `employee:${me.id}`,
        action: 'training.report',
        entity: 'TrainingAssignment',
        entityId: current.id,
        data: { course: course.code, score, verification: course.verification },
      })
    return { kind: 'reported' as const, assignment: reported, isNewReport }
  })
  if (!outcome) return { kind: 'refused' }
  if (outcome.kind === 'already_completed') return { kind: 'already_completed', assignment: outcome.assignment, course }
  if (outcome.isNewReport && verifiers.people.length > 0) {
    const deliveries: Delivery[] = verifiers.people.map((v) => ({
      recipientId: v.id,
      card: confirmationRequestCard({ assignment: outcome.assignment, course, learner: me }, v.locale, v.timeZone),
      key: `training-confirm:${outcome.assignment.id}:${now.getTime()}:${v.id}`,
      purpose: 'training_confirmation',
    }))
    await deps.deliver(deliveries)
  }
  return { kind: 'reported', assignment: outcome.assignment, course, next, asked: verifiers.people, askedRole: verifiers.role }
}
