// HR announces a course to a department (and its sub-departments) where there
// is no chat channel to announce in — a console-only install, or a team without
// a group: every active member is assigned, and each gets the course card where
// they are reached (their chat account, else their console inbox). HR gets a
// copy that carries the live "done" counter, as a channel card would.
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Department } from '../../kernel/domain/types.js'
import type { ChatPlatform, Delivery } from '../../kernel/messaging.js'
import { already } from './broadcast.js'
import { broadcastCard } from './broadcast-card.js'
import { enrolRecipients } from './enrol-recipients.js'
import type { BroadcastDeps } from './ports.js'
import type { BroadcastCourseResult } from './types.js'

/** What the broadcast form's channel field takes for a department: "department:RND" (or "dept:RND", "部门:RND"). */
export const DEPARTMENT_REF = /^(?:department|dept|部门)[:：]\s*([A-Za-z0-9_-]{1,64})$/i

export type DepartmentBroadcastResult = BroadcastCourseResult | { kind: 'unknown_department'; code: string }

/** The department and every department below it. */
function subtree(departments: readonly Department[], root: Department): Set<number> {
  const ids = new Set([root.id])
  for (let grew = true; grew; ) {
    grew = false
    for (const d of departments)
      if (d.parentId !== null && ids.has(d.parentId) && !ids.has(d.id)) {
        ids.add(d.id)
        grew = true
      }
  }
  return ids
}

export async function broadcastToDepartment(
  deps: BroadcastDeps,
  actor: Actor,
  input: { platform: ChatPlatform; tenant: string; departmentCode: string; courseCode: string; dueAt: Date },
): Promise<DepartmentBroadcastResult> {
  if (!isHr(actor.employee)) return { kind: 'refused' }
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const course = catalog.courses.find((c) => c.code.toLowerCase() === input.courseCode.trim().toLowerCase())
  if (!course) return { kind: 'unknown_course', code: input.courseCode }
  const department = catalog.departments.find((d) => d.code.toLowerCase() === input.departmentCode.trim().toLowerCase())
  if (!department) return { kind: 'unknown_department', code: input.departmentCode }
  if (input.dueAt.getTime() <= now.getTime()) return { kind: 'due_in_past' }
  const cardKey = `broadcast:department:${department.code}:${course.code}:${input.dueAt.toISOString()}`
  const earlier = await deps.store.broadcasts.byCardKey(cardKey)
  if (earlier) return { kind: 'already', broadcast: earlier }

  const inside = subtree(catalog.departments, department)
  const people = (await deps.store.employees.allActive())
    .filter((e) => e.departmentId !== null && inside.has(e.departmentId))
    .sort((a, b) => a.id - b.id)
  const memberKey = (employeeId: number) => `${cardKey}:to:${employeeId}`

  const result = await deps.store.transaction(async (tx) => {
    const broadcast = await tx.broadcasts.create({
      platform: input.platform,
      tenant: input.tenant,
      channelId: `department:${department.code}`,
      courseId: course.id,
      dueAt: input.dueAt,
      createdById: actor.employee.id,
      createdAt: now,
      cardKey,
      memberCount: people.length,
      unlinkedCount: 0,
    })
    // Another run announced the same course to the same department after the check above.
    if (!broadcast) return null
    // Each member's card is the first notice of their new assignment: no reminder repeats it.
    const { recipients, added, done } = await enrolRecipients(
      tx,
      { broadcastId: broadcast.id, people, course, dueAt: input.dueAt, now },
      memberKey,
    )
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'broadcast.course',
      entity: 'Broadcast',
      entityId: broadcast.id,
      data: { course: course.code, department: department.code, members: people.length, added },
    })
    return { broadcast, done, recipients, added }
  })

  if (!result) return already(deps.store, cardKey)
  const { broadcast, done, recipients, added } = result
  const cardFor = (locale: Actor['locale']) =>
    broadcastCard(
      { broadcastId: broadcast.id, course, dueAt: input.dueAt, done, total: recipients.length, announcer: actor.employee },
      locale,
    )
  const deliveries: Delivery[] = [
    // HR's copy is the broadcast's card (its key): the counter updates it.
    { recipientId: actor.employee.id, key: cardKey, purpose: 'broadcast.counter', card: cardFor(actor.locale) },
    ...people.map((p) => ({ recipientId: p.id, key: memberKey(p.id), purpose: 'broadcast.member', card: cardFor(p.locale) })),
  ]
  const unreachable = new Set((await deps.deliver(deliveries))?.unreachable ?? [])
  return {
    kind: 'broadcast',
    broadcast: { ...broadcast, shownDone: done, shownTotal: recipients.length, counterUpdatedAt: now },
    course,
    members: people.length,
    assigned: recipients.length,
    added,
    existing: recipients.length - added,
    unlinked: people.filter((p) => unreachable.has(p.id)).length,
    // People are found by department, not by chat account: nobody to link or match.
    linkedNow: 0,
    unmatched: [],
  }
}
