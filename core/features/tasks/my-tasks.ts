import type { Actor, Deps } from '../../kernel/context.js'
import { type Assignment, type Course, type Employee, type EvaluationTask, OPEN_ASSIGNMENT_STATUSES } from '../../kernel/domain/types.js'

export interface TrainingTask {
  kind: 'training'
  assignment: Assignment
  course: Course
  isOverdue: boolean
}
export interface EvaluationItem {
  kind: 'evaluation'
  task: EvaluationTask
  subject: Employee | null
  isOverdue: boolean
}
export type TaskItem = TrainingTask | EvaluationItem

export interface MyTasksResult {
  items: TaskItem[]
}

const dueOf = (item: TaskItem): Date | null => (item.kind === 'training' ? item.assignment.dueAt : item.task.dueAt)

/** Open trainings and evaluations: overdue first, then by due date, undated last. */
export async function myTasks(deps: Deps, actor: Actor): Promise<MyTasksResult> {
  const now = deps.clock.now()
  const me = actor.employee
  const [catalog, progress, evaluations] = await Promise.all([
    deps.store.catalog.load(now),
    deps.store.progress.forEmployees([me.id]),
    deps.store.progress.openEvaluations(me.id),
  ])
  const courses = new Map(catalog.courses.map((c) => [c.id, c]))
  const isOverdue = (due: Date | null) => due !== null && due.getTime() < now.getTime()
  const items: TaskItem[] = []
  for (const assignment of progress.get(me.id)?.assignments ?? []) {
    const course = courses.get(assignment.courseId)
    if (!course || !OPEN_ASSIGNMENT_STATUSES.includes(assignment.status)) continue
    items.push({ kind: 'training', assignment, course, isOverdue: isOverdue(assignment.dueAt) })
  }
  for (const task of evaluations) {
    const subject = task.subjectId === null ? null : await deps.store.employees.byId(task.subjectId)
    items.push({ kind: 'evaluation', task, subject, isOverdue: isOverdue(task.dueAt) })
  }
  items.sort((a, b) => {
    if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1
    const da = dueOf(a)?.getTime() ?? Infinity
    const db = dueOf(b)?.getTime() ?? Infinity
    return da - db
  })
  return { items }
}
