// The reminder policy's plain inputs and outputs: what plan-reminders.ts reads
// (people, open tasks, history) and what it decides (one digest per recipient).

export type TaskKind = 'training' | 'evaluation' | 'checkin' | 'material'

/** An open training assignment or evaluation task, as far as the policy cares. */
export interface PlanTask {
  kind: TaskKind
  id: number
  assigneeId: number
  /** When it was assigned (evaluation: created). */
  assignedAt: Date
  dueAt: Date | null
  snoozedUntil: Date | null
}

export interface PlanPerson {
  id: number
  timeZone: string
  managerId: number | null
  isHr: boolean
}

/**
 * A step of the policy:
 * - `assigned`: the first notice;
 * - `before:3d`: a reminder 3 local days before the due date; `due`: on the due day;
 * - `overdue:2`: the second overdue reminder (every N working days);
 * - `snoozed:<iso>`: the reminder owed when a snooze ends;
 * - `escalate:manager`, `escalate:hr`.
 */
export type Step = 'assigned' | `before:${number}d` | 'due' | `overdue:${number}` | `snoozed:${string}` | 'escalate:manager' | 'escalate:hr'

/** One step already taken: a ReminderLog row. */
export interface HistoryEntry {
  taskKind: TaskKind
  taskId: number
  step: string
  recipientId: number
}

export type ItemRole = 'own' | 'manager' | 'hr'

/** T: the task as the caller gave it to the planner (a sweep keeps the row it renders). */
export interface DigestItem<T extends PlanTask = PlanTask> {
  role: ItemRole
  task: T
  step: Step
  /** Own items: nothing was sent about this task before. */
  isFirstNotice: boolean
  /** Working days past the due date at delivery time (0 when not overdue). */
  overdueWorkingDays: number
  /** Local calendar days until the due date at delivery time (negative once past; null without a due date). */
  daysUntilDue: number | null
}

/** One message to one person: everything owed to them in this run. */
export interface Digest<T extends PlanTask = PlanTask> {
  recipientId: number
  deliverAt: Date
  items: DigestItem<T>[]
  /** Idempotency key of the outbox message: the same plan twice is one message. */
  key: string
}

export interface PlanInput {
  now: Date
  people: readonly PlanPerson[]
  tasks: readonly PlanTask[]
  history: readonly HistoryEntry[]
}
