// "My trainings": the courses assigned to a person (by themselves, a manager, HR,
// a broadcast or a programme) — open ones first, then what they completed.
import { type AccessBasis, subjectFor } from '../../kernel/access.js'
import type { Actor, Deps } from '../../kernel/context.js'
import { type Assignment, type Course, type Employee, OPEN_ASSIGNMENT_STATUSES } from '../../kernel/domain/types.js'

export interface TrainingRow {
  assignment: Assignment
  course: Course
  isOverdue: boolean
}

export type MyTrainingsResult =
  | { kind: 'trainings'; subject: Employee; basis: AccessBasis; open: TrainingRow[]; completed: TrainingRow[] }
  | { kind: 'refused' }

/** How many completed courses the answer lists, newest first. */
const COMPLETED_SHOWN = 5

export async function myTrainings(deps: Deps, actor: Actor, options: { subjectId?: number } = {}): Promise<MyTrainingsResult> {
  const seen = await subjectFor(deps.store.employees, actor.employee, options.subjectId)
  if (!seen) return { kind: 'refused' }
  const { subject, basis } = seen
  const now = deps.clock.now()
  const [catalog, progress] = await Promise.all([deps.store.catalog.load(now), deps.store.progress.forEmployees([subject.id])])
  const courses = new Map(catalog.courses.map((c) => [c.id, c]))
  const rows: TrainingRow[] = []
  for (const assignment of progress.get(subject.id)?.assignments ?? []) {
    const course = courses.get(assignment.courseId)
    if (course) rows.push({ assignment, course, isOverdue: isOverdue(assignment, now) })
  }
  const open = rows
    .filter((r) => OPEN_ASSIGNMENT_STATUSES.includes(r.assignment.status))
    .sort((a, b) => Number(b.isOverdue) - Number(a.isOverdue) || due(a) - due(b) || a.assignment.id - b.assignment.id)
  const completed = rows
    .filter((r) => r.assignment.status === 'completed')
    .sort((a, b) => (b.assignment.completedAt?.getTime() ?? 0) - (a.assignment.completedAt?.getTime() ?? 0))
    .slice(0, COMPLETED_SHOWN)
  return { kind: 'trainings', subject, basis, open, completed }
}

const isOverdue = (a: Assignment, now: Date): boolean => a.status !== 'reported' && a.dueAt !== null && a.dueAt.getTime() < now.getTime()
const due = (r: TrainingRow): number => r.assignment.dueAt?.getTime() ?? Number.POSITIVE_INFINITY
