// One reminder sweep: take the sweep lease, advance programmes and 360 cycles
// (windows that opened or closed), plan with the
// pure policy, render each digest, and write every message to the outbox in the
// same transaction as the ReminderLog rows that record its steps.

import { advanceCycles, type AdvanceCyclesResult as CycleAdvance } from '../features/feedback/index.js'
import { type AdvanceProgrammesResult as AdvanceResult, advanceProgrammes, type ProgrammeDeps } from '../features/programmes/index.js'
import {
  chooseDestination,
  type Digest,
  historyOf,
  type LoggedStep,
  type PlanTask,
  planReminders,
  type ReminderLine,
  reminderCard,
  type SweepSnapshot,
  type TaskItem,
} from '../features/tasks/index.js'
import type { Card } from '../kernel/cards/card.js'
import { type Assignment, type Course, type Employee, OPEN_ASSIGNMENT_STATUSES } from '../kernel/domain/types.js'
import type { ChatPlatform } from '../kernel/messaging.js'
import type { NewOutboxMessage, OutboxKind } from '../kernel/outbox.js'
import type { ReminderPolicy } from '../kernel/reminder-options.js'
import { workingDayEnd } from '../kernel/working-time.js'

export const SWEEP_LEASE = 'reminder-sweep'
const DEFAULT_LEASE_MS = 10 * 60_000
/** Digests per transaction: small enough to keep the write lock short, large enough to be quick. */
const CHUNK = 200

export interface SweepOptions {
  policy: ReminderPolicy
  /** Platforms with a messenger right now. */
  platforms: readonly ChatPlatform[]
  /** This process, e.g. "host:pid": the lease and the logs name it. */
  holder: string
  leaseMs?: number
  /** Plan and render, write nothing. */
  dryRun?: boolean
}

export interface PlannedMessage {
  digest: Digest
  message: NewOutboxMessage
}

export type SweepResult =
  | { kind: 'busy' }
  | {
      kind: 'swept'
      /** Digests planned, including those nobody can be reached for. */
      digests: number
      enqueued: number
      /** Digests already in the outbox (a repeated run). */
      duplicates: number
      /** People with something owed but no linked account on an enabled platform. */
      unreachable: number[]
      programmes: AdvanceResult | null
      /** 360 cycles that started collecting or closed in this run. */
      cycles: CycleAdvance | null
      planned: PlannedMessage[]
    }

export async function runReminderSweep(deps: ProgrammeDeps, options: SweepOptions): Promise<SweepResult> {
  const now = deps.clock.now()
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  if (!options.dryRun && !(await deps.store.leases.acquire(SWEEP_LEASE, options.holder, now, leaseMs))) return { kind: 'busy' }
  try {
    // New programme stages first, so their tasks get their first notice in this very run.
    const programmes = options.dryRun ? null : await advanceProgrammes(deps)
    // 360 windows: raters of a cycle that opened get their cards, and their tasks join this run.
    const cycles = options.dryRun ? null : await advanceCycles(deps)
    const [snapshot, catalog] = await Promise.all([deps.store.reminders.snapshot(), deps.store.catalog.load(now)])
    const courses = new Map(catalog.courses.map((c) => [c.id, c]))
    const digests = planReminders(
      { now, people: planPeople(snapshot), tasks: planTasks(snapshot, courses), history: snapshot.history },
      options.policy,
    )
    const addresses = await deps.store.reminders.addresses(digests.map((d) => d.recipientId))
    const employees = new Map(snapshot.employees.map((e) => [e.id, e]))
    const items = taskItems(snapshot, courses, employees)

    const planned: PlannedMessage[] = []
    const unreachable: number[] = []
    for (const digest of digests) {
      const recipient = employees.get(digest.recipientId)!
      const to = chooseDestination(recipient, addresses.get(recipient.id) ?? [], options.platforms)
      if (!to) {
        unreachable.push(recipient.id)
        continue
      }
      const card = digestCard(digest, recipient, items, employees)
      if (!card) continue
      planned.push({
        digest,
        message: {
          idempotencyKey: digest.key,
          kind: kindOf(digest),
          to,
          card,
          employeeId: recipient.id,
          availableAt: digest.deliverAt,
          expiresAt: workingDayEnd(digest.deliverAt, recipient.timeZone, options.policy.workingHours),
        },
      })
    }
    if (unreachable.length > 0)
      deps.log.info(
        { count: unreachable.length, employeeIds: unreachable.slice(0, 20) },
        'reminders owed to people without a reachable account',
      )
    if (options.dryRun)
      return { kind: 'swept', digests: digests.length, enqueued: 0, duplicates: 0, unreachable, programmes, cycles, planned }

    let enqueued = 0
    for (let i = 0; i < planned.length; i += CHUNK) {
      const chunk = planned.slice(i, i + CHUNK)
      enqueued += await deps.store.transaction(async (tx) => {
        const fresh = await tx.outbox.enqueueMany(
          chunk.map((p) => p.message),
          now,
        )
        const steps: LoggedStep[] = chunk.flatMap((p) =>
          historyOf(p.digest).map((h) => ({ ...h, at: p.digest.deliverAt, outboxKey: p.digest.key })),
        )
        await tx.reminders.record(steps)
        return fresh.size
      })
      // A long sweep keeps its lease.
      await deps.store.leases.acquire(SWEEP_LEASE, options.holder, deps.clock.now(), leaseMs)
    }
    return {
      kind: 'swept',
      digests: digests.length,
      enqueued,
      duplicates: planned.length - enqueued,
      unreachable,
      programmes,
      cycles,
      planned,
    }
  } finally {
    if (!options.dryRun) await deps.store.leases.release(SWEEP_LEASE, options.holder, deps.clock.now())
  }
}

function planPeople(snapshot: SweepSnapshot) {
  return snapshot.employees
    .filter((e) => e.status === 'active')
    .map((e) => ({ id: e.id, timeZone: e.timeZone, managerId: e.managerId, isHr: e.roles.includes('hr') }))
}

/**
 * A training reported done and waiting for someone else (a manager's confirmation,
 * an LMS record) is not the learner's to do: no reminders. One with a quiz to take is.
 */
const isAwaitingOthers = (a: Assignment, course: Course | undefined): boolean =>
  a.status === 'reported' && !(course && course.verification === 'quiz' && course.quizSize > 0)

function planTasks(snapshot: SweepSnapshot, courses: Map<number, Course>): PlanTask[] {
  const tasks: PlanTask[] = []
  for (const a of snapshot.trainings) {
    if (!OPEN_ASSIGNMENT_STATUSES.includes(a.status) || isAwaitingOthers(a, courses.get(a.courseId))) continue
    tasks.push({
      kind: 'training',
      id: a.id,
      assigneeId: a.employeeId,
      assignedAt: a.assignedAt,
      dueAt: a.dueAt,
      snoozedUntil: a.snoozedUntil,
    })
  }
  for (const t of snapshot.evaluations) {
    tasks.push({
      kind: 'evaluation',
      id: t.id,
      assigneeId: t.assigneeId,
      assignedAt: t.createdAt,
      dueAt: t.dueAt,
      snoozedUntil: t.snoozedUntil,
    })
  }
  return tasks
}

type ItemFactory = (isOverdue: boolean) => TaskItem | null

/** Per task, a TaskItem (what the to-do list renders), built with the overdue flag of the delivery time. */
function taskItems(snapshot: SweepSnapshot, courses: Map<number, Course>, employees: Map<number, Employee>): Map<string, ItemFactory> {
  const items = new Map<string, ItemFactory>()
  for (const assignment of snapshot.trainings) {
    const course = courses.get(assignment.courseId)
    items.set(`training:${assignment.id}`, (isOverdue) => (course ? { kind: 'training', assignment, course, isOverdue } : null))
  }
  for (const task of snapshot.evaluations) {
    const subject = task.subjectId === null ? null : (employees.get(task.subjectId) ?? null)
    items.set(`evaluation:${task.id}`, (isOverdue) => ({ kind: 'evaluation', task, subject, isOverdue }))
  }
  return items
}

function digestCard(digest: Digest, recipient: Employee, items: Map<string, ItemFactory>, employees: Map<number, Employee>): Card | null {
  const lines: ReminderLine[] = []
  for (const i of digest.items) {
    const isOverdue = i.task.dueAt !== null && i.task.dueAt.getTime() < digest.deliverAt.getTime()
    const item = items.get(`${i.task.kind}:${i.task.id}`)?.(isOverdue)
    const assignee = employees.get(i.task.assigneeId)
    if (!item || !assignee) continue
    lines.push({
      role: i.role,
      item,
      step: i.step,
      isFirstNotice: i.isFirstNotice,
      overdueWorkingDays: i.overdueWorkingDays,
      daysUntilDue: i.daysUntilDue,
      assignee,
    })
  }
  return lines.length === 0 ? null : reminderCard(lines, recipient.locale, recipient.timeZone)
}

function kindOf(digest: Digest): OutboxKind {
  if (digest.items.some((i) => i.role !== 'own')) return 'escalation'
  return digest.items.every((i) => i.isFirstNotice) ? 'notice' : 'reminder'
}
