// Managers and HR put people on a course: "给李雷报名 RD-102", "assign RD-102 to
// Li Lei by Friday", "给我的团队都安排 RD-101", or the Assign button on a report's
// gap report. A manager may assign to their reports (any depth), HR to anyone;
// assigning to oneself is an enrolment. Anyone else is refused without a word
// about the person. Each new assignee gets the course card through the outbox.
import { accessTo } from '../../kernel/access.js'
import type { Actor, Deps } from '../../kernel/context.js'
import type { Assignment, AssignmentSource, Course, Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { assignedNoticeCard } from './assigned-notice.js'

export type AssignOutcome =
  | { kind: 'assigned' | 'enrolled_self' | 'already_assigned' | 'already_completed'; employee: Employee; assignment: Assignment }
  /** Not the asker's to assign, or nobody by that id: the same answer, no hint which. */
  | { kind: 'refused' }

export type AssignTrainingResult =
  | { kind: 'done'; course: Course; dueAt: Date | null; outcomes: AssignOutcome[]; deliveries: Delivery[] }
  | { kind: 'unknown_course'; query: string | null; suggestions: Course[] }
  /** Nobody named (the request needs at least one person or "my team"). */
  | { kind: 'no_one'; course: Course | null }
  /** "My team" from someone without reports. */
  | { kind: 'no_team' }
  /** Every person named is out of the asker's reach. */
  | { kind: 'refused' }
  | { kind: 'past_due'; dueAt: Date }

export interface AssignTrainingOptions {
  courseCode?: string
  /** Employee ids, or every report of the asker (direct and indirect). */
  to: readonly number[] | 'team'
  dueAt?: Date | null
}

export async function assignTraining(deps: Deps, actor: Actor, options: AssignTrainingOptions): Promise<AssignTrainingResult> {
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const code = options.courseCode?.trim().toLowerCase()
  const course = code ? catalog.courses.find((c) => c.code.toLowerCase() === code) : undefined
  if (options.to !== 'team' && options.to.length === 0) return { kind: 'no_one', course: course ?? null }
  if (!course) return { kind: 'unknown_course', query: options.courseCode ?? null, suggestions: catalog.courses.slice(0, 8) }
  const dueAt = options.dueAt ?? null
  if (dueAt && dueAt.getTime() < now.getTime()) return { kind: 'past_due', dueAt }

  const me = actor.employee
  // Who, and on what authority: a refused id stays a bare "refused", unnamed.
  const targets: { employee: Employee; source: AssignmentSource }[] = []
  let refused = 0
  if (options.to === 'team') {
    const reports = await deps.store.employees.reportsOf(me.id)
    if (reports.length === 0) return { kind: 'no_team' }
    const source: AssignmentSource = me.roles.includes('hr') ? 'hr' : 'manager'
    for (const employee of reports) targets.push({ employee, source })
  } else {
    for (const id of new Set(options.to)) {
      const employee = id === me.id ? me : await deps.store.employees.byId(id)
      const basis = employee && employee.status === 'active' ? await accessTo(deps.store.employees, me, employee) : null
      if (!employee || !basis) refused++
      else targets.push({ employee, source: basis === 'self' ? 'self' : basis })
    }
  }
  if (targets.length === 0) return { kind: 'refused' }

  const outcomes = await deps.store.transaction(async (tx) => {
    const list: AssignOutcome[] = []
    for (const { employee, source } of targets) {
      const isSelf = employee.id === me.id
      const { assignment, isNew } = await tx.progress.enrol({
        employeeId: employee.id,
        courseId: course.id,
        source,
        dueAt,
        now,
        ...(isSelf ? {} : { assignedById: me.id }),
      })
      if (!isNew) {
        list.push({ kind: assignment.status === 'completed' ? 'already_completed' : 'already_assigned', employee, assignment })
        continue
      }
      await tx.audit.record({
        actorId: me.id,
        actor: `employee:${me.id}`,
        action: isSelf ? 'training.enrol' : 'training.assign',
        entity: 'TrainingAssignment',
        entityId: assignment.id,
        data: { course: course.code, employeeId: employee.id, source, dueAt: dueAt?.toISOString() ?? null },
      })
      list.push({ kind: isSelf ? 'enrolled_self' : 'assigned', employee, assignment })
    }
    return list
  })
  for (let i = 0; i < refused; i++) outcomes.push({ kind: 'refused' })

  const deliveries: Delivery[] = outcomes.flatMap((o) =>
    o.kind === 'assigned'
      ? [
          {
            recipientId: o.employee.id,
            card: assignedNoticeCard({ course, assignment: o.assignment, by: me, to: o.employee }),
            key: `training.assigned:${o.assignment.id}`,
            purpose: 'training.assigned',
          },
        ]
      : [],
  )
  if (deliveries.length > 0) await deps.deliver(deliveries)
  return { kind: 'done', course, dueAt, outcomes, deliveries }
}
