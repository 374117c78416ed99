// The reminder policy: a pure function from (clock, people, open tasks, history)
// to the messages owed now, one digest per recipient. Everything it needs to know
// about time zones, working days and snoozes is in its arguments.
import { hash } from 'node:crypto'
import { isoDate } from '../../kernel/domain/zoned-time.js'
import type { ReminderPolicy } from '../../kernel/reminder-options.js'
import { type DeliveryTime, deliveryTime, stableHash } from '../../kernel/working-time.js'
import type { LoggedStep } from './ports.js'
import { currentOwnStep, type TaskTiming, TimeCache, taskTiming } from './steps.js'
import type { Digest, DigestItem, HistoryEntry, PlanInput, PlanPerson, PlanTask, Step, TaskKind } from './types.js'

const ROLE_ORDER = { own: 0, manager: 1, hr: 2 } as const

const KIND_CODE: Record<TaskKind, number> = { training: 0, evaluation: 1, checkin: 2, material: 3 }
/** One number per task (its kind and id) keys its history: no string is built per task, or per step looked up. */
const taskKey = (kind: TaskKind, id: number): number => id * 4 + KIND_CODE[kind]

/** The steps already taken for one task, and by whom. */
interface TaskHistory {
  steps: { step: string; recipientId: number }[]
  /** HR heard of it (whoever the contact was then: the HR list may have changed since). */
  toldHr: boolean
  /** Its assignee was told about it before. */
  hasOwn: boolean
}

/**
 * Plans one sweep. For each open task:
 * - the assignee gets the current step (first notice, before-due, due day,
 *   every N overdue working days, or the reminder owed when a snooze ended)
 *   unless it was already sent or the task is snoozed past the delivery time;
 * - the assignee's manager gets an escalation after M overdue working days,
 *   and one HR contact after H — each once per task. The HR contact is one of
 *   the HR people, the same one for the same assignee every time: a company with
 *   500 HR staff must not send each of them every overdue task.
 * Deliveries happen only on the recipient's working days, inside their working
 * hours, at their own spread minute (working-time.ts) — a new task or an ended
 * snooze a few minutes after the sweep instead; several items for one person
 * become one digest.
 */
export function planReminders(input: PlanInput, policy: ReminderPolicy): Digest[] {
  const planner = reminderPlanner(input.now, input.people, policy)
  planner.addHistory(input.history)
  planner.addTasks(input.tasks)
  return planner.digests()
}

/**
 * planReminders a piece at a time, for a sweep that reads its tasks and history in
 * pages and lets other work run in between: give it everyone first, then all the
 * history, then the tasks in any number of calls, then take the digests. The
 * result is planReminders' for the same people, history and tasks, whatever the
 * page boundaries (a task's items depend only on it, its people and its history).
 */
export interface ReminderPlanner<T extends PlanTask = PlanTask> {
  /** ReminderLog rows of open tasks; all of them before the first addTasks. */
  addHistory(history: readonly HistoryEntry[]): void
  addTasks(tasks: readonly T[]): void
  /** Items owed so far. */
  readonly itemCount: number
  /** One digest per recipient, by delivery time then recipient. */
  digests(): Digest<T>[]
  /**
   * The same order without building the digests yet: who is owed something and
   * when. digestOf(id) then builds one (sorting its items, hashing its key), so a
   * caller can take them a batch at a time.
   */
  recipients(): { recipientId: number; deliverAt: Date }[]
  digestOf(recipientId: number): Digest<T>
  /**
   * digestOf, handing the digest over: the planner forgets the person's items (and the
   * tasks they hold), so a sweep's memory shrinks as it renders and writes them.
   */
  takeDigest(recipientId: number): Digest<T>
}

export function reminderPlanner<T extends PlanTask = PlanTask>(
  now: Date,
  everyone: readonly PlanPerson[],
  policy: ReminderPolicy,
): ReminderPlanner<T> {
  const people = new Map(everyone.map((p) => [p.id, p]))
  const hr = everyone.filter((p) => p.isHr).sort((a, b) => a.id - b.id)
  const histories = new Map<number, TaskHistory>()
  const isTaken = (past: TaskHistory | undefined, step: Step, recipientId: number): boolean =>
    past?.steps.some((h) => h.step === step && h.recipientId === recipientId) === true
  const cache = new TimeCache()
  const deliverAt = new Map<number, DeliveryTime | null>()
  const whenFor = (person: PlanPerson): DeliveryTime | null => {
    let when = deliverAt.get(person.id)
    if (when === undefined) {
      when = deliveryTime(person.id, person.timeZone, now, policy)
      deliverAt.set(person.id, when)
    }
    return when
  }
  const owed = new Map<number, DigestItem<T>[]>()
  let itemCount = 0
  const add = (recipientId: number, item: DigestItem<T>) => {
    itemCount++
    const items = owed.get(recipientId)
    if (items) items.push(item)
    else owed.set(recipientId, [item])
  }

  const hrContacts = new Map<number, PlanPerson | null>()
  function hrContact(assignee: PlanPerson): PlanPerson | null {
    let contact = hrContacts.get(assignee.id)
    if (contact === undefined) {
      contact = pickHrContact(assignee)
      hrContacts.set(assignee.id, contact)
    }
    return contact
  }
  function pickHrContact(assignee: PlanPerson): PlanPerson | null {
    if (hr.length === 0) return null
    const i = stableHash(`hr:${assignee.id}`) % hr.length
    if (hr[i]!.id !== assignee.id) return hr[i]!
    return hr.length > 1 ? hr[(i + 1) % hr.length]! : null
  }

  function escalationFor(
    task: T,
    past: TaskHistory | undefined,
    assignee: PlanPerson,
    to: PlanPerson,
    step: Step,
    afterDays: number,
  ): DigestItem<T> | null {
    if (isTaken(past, step, to.id)) return null
    const when = whenFor(to)
    // Escalations wait for the recipient's own minute (or a late catch-up), never jump the queue.
    if (!when || when.kind === 'early') return null
    // Not yet due then, so not overdue: most open tasks, settled without working out their timing.
    if (!task.dueAt || task.dueAt.getTime() >= when.at.getTime()) return null
    // Overdue days are counted on the assignee's calendar: their holidays and weekend.
    const timing = taskTiming(task, assignee.timeZone, when.at, policy, cache)
    if (!timing.isOverdue || timing.overdue.count < afterDays) return null
    return item(step === 'escalate:manager' ? 'manager' : 'hr', task, step, timing, false)
  }

  function plan(task: T): void {
    const assignee = people.get(task.assigneeId)
    if (!assignee) return
    const past = histories.get(taskKey(task.kind, task.id))
    const own = whenFor(assignee)
    if (own && !(task.snoozedUntil && task.snoozedUntil.getTime() > own.at.getTime())) {
      const timing = taskTiming(task, assignee.timeZone, own.at, policy, cache)
      const step = currentOwnStep(task, assignee.timeZone, own.at, timing, policy, cache)
      const canGo = own.kind !== 'early' || isUrgent(step)
      if (canGo && !isTaken(past, step, assignee.id)) add(assignee.id, item('own', task, step, timing, !past?.hasOwn))
    }
    if (!task.dueAt) return
    const manager = assignee.managerId === null ? undefined : people.get(assignee.managerId)
    if (manager && manager.id !== assignee.id) {
      const escalation = escalationFor(task, past, assignee, manager, 'escalate:manager', policy.escalateManagerAfterWorkingDays)
      if (escalation) add(manager.id, escalation)
    }
    const contact = hrContact(assignee)
    if (contact && !past?.toldHr) {
      const escalation = escalationFor(task, past, assignee, contact, 'escalate:hr', policy.escalateHrAfterWorkingDays)
      if (escalation) add(contact.id, escalation)
    }
  }

  return {
    addHistory(history) {
      for (const h of history) {
        const key = taskKey(h.taskKind, h.taskId)
        let past = histories.get(key)
        if (!past) {
          past = { steps: [], toldHr: false, hasOwn: false }
          histories.set(key, past)
        }
        past.steps.push({ step: h.step, recipientId: h.recipientId })
        if (h.step === 'escalate:hr') past.toldHr = true
        if (isOwnStep(h.step)) past.hasOwn = true
      }
    },
    addTasks(tasks) {
      for (const task of tasks) plan(task)
    },
    get itemCount() {
      return itemCount
    },
    digests() {
      return this.recipients().map((r) => this.digestOf(r.recipientId))
    },
    recipients() {
      const list: { recipientId: number; deliverAt: Date }[] = []
      for (const recipientId of owed.keys()) list.push({ recipientId, deliverAt: deliverAt.get(recipientId)!.at })
      return list.sort((a, b) => a.deliverAt.getTime() - b.deliverAt.getTime() || a.recipientId - b.recipientId)
    },
    takeDigest(recipientId) {
      const digest = this.digestOf(recipientId)
      owed.delete(recipientId)
      return digest
    },
    digestOf(recipientId) {
      const items = owed.get(recipientId)
      if (!items) throw new Error(`reminder planner: nothing owed to ${recipientId}, or its digest was taken already`)
      items.sort(byRoleThenDue)
      const at = deliverAt.get(recipientId)!.at
      const day = isoDate(cache.localDate(at, people.get(recipientId)!.timeZone))
      return { recipientId, deliverAt: at, items, key: digestKey(recipientId, day, items) }
    },
  }
}

const isOwnStep = (step: string): boolean => !step.startsWith('escalate:')
/** Steps that became due during the day and should not wait for the person's minute. */
const isUrgent = (step: Step): boolean => step === 'assigned' || step.startsWith('snoozed:')

function item<T extends PlanTask>(
  role: DigestItem['role'],
  task: T,
  step: Step,
  timing: TaskTiming,
  isFirstNotice: boolean,
): DigestItem<T> {
  return {
    role,
    task,
    step,
    isFirstNotice,
    overdueWorkingDays: timing.isOverdue ? timing.overdue.count : 0,
    daysUntilDue: timing.daysUntilDue,
  }
}

function byRoleThenDue(a: DigestItem, b: DigestItem): number {
  const role = ROLE_ORDER[a.role] - ROLE_ORDER[b.role]
  if (role !== 0) return role
  const due = (a.task.dueAt?.getTime() ?? Infinity) - (b.task.dueAt?.getTime() ?? Infinity)
  if (due !== 0 && !Number.isNaN(due)) return due
  // Kinds are plain ASCII words: compared by code unit, as localeCompare orders them, without a collator call.
  if (a.task.kind !== b.task.kind) return a.task.kind < b.task.kind ? -1 : 1
  return a.task.id - b.task.id
}

/**
 * The same items for the same person on the same (their local) day always give
 * the same key, in any process. The day is part of it so that a digest that
 * expired undelivered can be planned again the next working day.
 */
export function digestKey(recipientId: number, day: string, items: readonly Pick<DigestItem, 'task' | 'step'>[]): string {
  const parts = items.map((i) => `${i.task.kind}:${i.task.id}:${i.step}`).sort()
  // One-shot hashing: no Hash object per digest (a catch-up keys thousands).
  const sha = hash('sha256', parts.join('\n'), 'hex').slice(0, 24)
  return `reminder:${recipientId}:${day}:${sha}`
}

/** The ReminderLog rows a digest writes: one per item, for its recipient, at its delivery, under its outbox key. */
export function historyOf(digest: Digest): LoggedStep[] {
  const { recipientId, deliverAt: at, key: outboxKey } = digest
  return digest.items.map((i) => ({ taskKind: i.task.kind, taskId: i.task.id, step: i.step, recipientId, at, outboxKey }))
}
