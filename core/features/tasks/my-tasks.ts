import type { Actor, Deps } from '../../kernel/context.js'
import { isManager } from '../../kernel/context.js'
import { type Assignment, type Course, type Employee, type EvaluationTask, OPEN_ASSIGNMENT_STATUSES } from '../../kernel/domain/types.js'
import { type CheckInView, type DutiesStore, type MaterialRecord, materialProvider } from '../duties/index.js'
import { type FeedbackStore, nominationsOwed, type OwedNomination } from '../feedback/index.js'

/** What the to-do list reads: trainings and evaluations, 360 nominations, duty check-ins and materials. */
export type TasksDeps = Deps<FeedbackStore & DutiesStore>

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
/** A recurring duty's check-in for a local date (the team leader's parts inventory). */
export interface CheckInItem {
  kind: 'checkin'
  view: CheckInView
  isOverdue: boolean
}
/** A course material the reader is to provide. */
export interface MaterialItem {
  kind: 'material'
  material: MaterialRecord
  isOverdue: boolean
}
export type TaskItem = TrainingTask | EvaluationItem | CheckInItem | MaterialItem

/** A report's training reported done, awaiting the manager's confirmation. */
export interface ConfirmationItem {
  assignment: Assignment
  course: Course
  learner: Employee
}

export interface MyTasksResult {
  items: TaskItem[]
  /** Managers: trainings of their reports (any level) awaiting verification, oldest report first. */
  confirmations: ConfirmationItem[]
  /** 360 subjects the reader was asked to nominate raters for and has not yet. */
  nominations: OwedNomination[]
}

export const dueOf = (item: TaskItem): Date | null =>
  item.kind === 'training'
    ? item.assignment.dueAt
    : item.kind === 'checkin'
      ? item.view.checkIn.dueAt
      : item.kind === 'material'
        ? item.material.dueAt
        : item.task.dueAt

/** Open trainings and evaluations: overdue first, then by due date, undated last. */
export async function myTasks(deps: TasksDeps, actor: Actor): Promise<MyTasksResult> {
  const now = deps.clock.now()
  const me = actor.employee
  const [catalog, progress, evaluations, nominations, checkIns, materials] = await Promise.all([
    deps.store.catalog.load(now),
    deps.store.progress.forEmployees([me.id]),
    deps.store.progress.openEvaluations(me.id),
    nominationsOwed(deps, me.id),
    deps.store.duties.openCheckInViews(me.id),
    deps.store.duties.missingMaterials(),
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
  for (const view of checkIns) items.push({ kind: 'checkin', view, isOverdue: isOverdue(view.checkIn.dueAt) })
  if (materials.length > 0) {
    const people = await deps.store.employees.allActive()
    for (const material of materials)
      if (materialProvider(material, people) === me.id) items.push({ kind: 'material', material, isOverdue: isOverdue(material.dueAt) })
  }
  items.sort((a, b) => {
    if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1
    const da = dueOf(a)?.getTime() ?? Infinity
    const db = dueOf(b)?.getTime() ?? Infinity
    return da - db
  })
  return { items, confirmations: isManager(me) ? await awaitingConfirmation(deps, me.id, courses) : [], nominations }
}

async function awaitingConfirmation(deps: TasksDeps, managerId: number, courses: Map<number, Course>): Promise<ConfirmationItem[]> {
  const reports = await deps.store.employees.reportsOf(managerId)
  if (reports.length === 0) return []
  const byId = new Map(reports.map((e) => [e.id, e]))
  const reported = await deps.store.progress.assignmentsWithStatus([...byId.keys()], ['reported'])
  const items: ConfirmationItem[] = []
  for (const assignment of reported) {
    const course = courses.get(assignment.courseId)
    const learner = byId.get(assignment.employeeId)
    if (course && learner && course.verification !== 'none') items.push({ assignment, course, learner })
  }
  const at = (i: ConfirmationItem) => (i.assignment.reportedAt ?? i.assignment.assignedAt).getTime()
  return items.sort((a, b) => at(a) - at(b) || a.assignment.id - b.assignment.id)
}
