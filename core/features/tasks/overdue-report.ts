// "Who is overdue?": open trainings and evaluations past their due date — for HR
// across the company, for a manager across their reports (any depth), for anyone
// else their own. Items, not counts: who, what, since when, grouped by department.

import type { Actor, Deps } from '../../kernel/context.js'
import { isHr, isManager } from '../../kernel/context.js'
import type { Course, Department, Employee } from '../../kernel/domain/types.js'

export type OverdueItem =
  | { kind: 'training'; employee: Employee; course: Course; dueAt: Date; assignmentId: number }
  | { kind: 'evaluation'; employee: Employee; evaluationKind: string; subject: Employee | null; dueAt: Date; taskId: number }

export interface OverdueGroup {
  department: Department | null
  items: OverdueItem[]
}

export interface OverdueReport {
  scope: 'company' | 'team' | 'self'
  groups: OverdueGroup[]
  total: number
  people: number
}

export async function overdueReport(deps: Deps, actor: Actor): Promise<OverdueReport> {
  const me = actor.employee
  const scope: OverdueReport['scope'] = isHr(me) ? 'company' : isManager(me) ? 'team' : 'self'
  const people =
    scope === 'company' ? await deps.store.employees.allActive() : scope === 'team' ? await deps.store.employees.reportsOf(me.id) : [me]
  return overdueAmong(deps, people, scope)
}

/** The overdue items of these people (the caller decided they may be seen: `ladder overdue` is the operator's). */
export async function overdueAmong(deps: Deps, people: Employee[], scope: OverdueReport['scope']): Promise<OverdueReport> {
  const now = deps.clock.now()
  const byId = new Map(people.map((p) => [p.id, p]))
  const [catalog, overdue] = await Promise.all([deps.store.catalog.load(now), deps.store.progress.overdueItems([...byId.keys()], now)])
  const courses = new Map(catalog.courses.map((c) => [c.id, c]))
  const items: OverdueItem[] = []
  for (const a of overdue.assignments) {
    const employee = byId.get(a.employeeId)
    const course = courses.get(a.courseId)
    if (employee && course && a.dueAt && a.status !== 'reported')
      items.push({ kind: 'training', employee, course, dueAt: a.dueAt, assignmentId: a.id })
  }
  const subjects = new Map<number, Employee | null>()
  for (const task of overdue.evaluations) {
    const employee = byId.get(task.assigneeId)
    if (!employee || !task.dueAt) continue
    // A 360 rater's task never says whom it is about: that would unmask the rater.
    const subjectId = task.kind === 'rating_360' ? null : task.subjectId
    if (subjectId !== null && !subjects.has(subjectId))
      subjects.set(subjectId, byId.get(subjectId) ?? (await deps.store.employees.byId(subjectId)))
    const subject = subjectId === null ? null : (subjects.get(subjectId) ?? null)
    items.push({ kind: 'evaluation', employee, evaluationKind: task.kind, subject, dueAt: task.dueAt, taskId: task.id })
  }
  items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
  const departments = new Map(catalog.departments.map((d) => [d.id, d]))
  const groups = new Map<number | null, OverdueGroup>()
  for (const item of items) {
    const id = item.employee.departmentId
    const group = groups.get(id) ?? { department: id === null ? null : (departments.get(id) ?? null), items: [] }
    group.items.push(item)
    groups.set(id, group)
  }
  return {
    scope,
    groups: [...groups.values()].sort(
      (a, b) => b.items.length - a.items.length || (a.department?.code ?? '').localeCompare(b.department?.code ?? ''),
    ),
    total: items.length,
    people: new Set(items.map((i) => i.employee.id)).size,
  }
}
