import type { Actor, Deps } from '../../kernel/context.js'
import type { Assignment, Course } from '../../kernel/domain/types.js'

export type MarkDoneResult =
  | { kind: 'completed'; assignment: Assignment; course: Course }
  | { kind: 'already_completed'; assignment: Assignment; course: Course }
  | { kind: 'below_pass_mark'; course: Course; score: number; passMark: number }
  | { kind: 'unknown_course'; query: string | null }
  | { kind: 'refused' }

/**
 * Marks a training done — by assignment (a button) or by course code (a message;
 * enrols first when the person did a course nobody assigned). Completion records
 * the course as evidence, so the gap report changes at once.
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
  if (score !== null && course.passMark !== null && score < course.passMark) {
    return { kind: 'below_pass_mark', course, score, passMark: course.passMark }
  }
  const found = course
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
