import type { Actor, Deps } from '../../kernel/context.js'
import type { Assignment, Course } from '../../kernel/domain/types.js'

export type EnrolResult =
  | { kind: 'enrolled' | 'already_enrolled' | 'already_completed'; assignment: Assignment; course: Course }
  | { kind: 'unknown_course'; query: string | null; suggestions: Course[] }

/** Enrols the actor in a course. Idempotent: a second enrolment returns the first. */
export async function enrol(deps: Deps, actor: Actor, options: { courseCode?: string }): Promise<EnrolResult> {
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const course = options.courseCode ? catalog.courses.find((c) => c.code.toLowerCase() === options.courseCode!.toLowerCase()) : undefined
  if (!course) return { kind: 'unknown_course', query: options.courseCode ?? null, suggestions: catalog.courses.slice(0, 8) }

  return deps.store.transaction(async (tx) => {
    const { assignment, isNew } = await tx.progress.enrol({
      employeeId: actor.employee.id,
      courseId: course.id,
      source: 'self',
      dueAt: null,
      now,
    })
    if (!isNew) {
      const kind = assignment.status === 'completed' ? 'already_completed' : 'already_enrolled'
      return { kind, assignment, course }
    }
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'training.enrol',
      entity: 'TrainingAssignment',
      entityId: assignment.id,
      data: { course: course.code },
    })
    return { kind: 'enrolled', assignment, course }
  })
}
