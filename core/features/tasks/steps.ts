// Which step of the policy a task is at, seen from one instant in its assignee's
// time zone. Pure; the caches only spare repeated Intl calls for tasks that share
// a time zone and a due date (the common case in a company).
import { addLocalDays, isoDate } from '../../kernel/domain/zoned-time.js'
import type { ReminderPolicy } from '../../kernel/reminder-options.js'
import { type LocalDate, localDateOf, type OverdueDays, overdueWorkingDays, startOfLocalDay } from '../../kernel/working-time.js'
import type { PlanTask, Step } from './types.js'

const DAY = 86_400_000

export interface TaskTiming {
  dueDate: LocalDate | null
  isOverdue: boolean
  overdue: OverdueDays
  daysUntilDue: number | null
}

/** Memoises local dates and day starts for one planning run. */
export class TimeCache {
  private readonly dates = new Map<string, LocalDate>()
  private readonly starts = new Map<string, Date>()
  private readonly overdue = new Map<string, OverdueDays>()

  localDate(at: Date, timeZone: string): LocalDate {
    const key = `${timeZone}|${at.getTime()}`
    const cached = this.dates.get(key)
    if (cached) return cached
    const value = localDateOf(at, timeZone)
    this.dates.set(key, value)
    return value
  }

  dayStart(d: LocalDate, timeZone: string): Date {
    const key = `${timeZone}|${isoDate(d)}`
    const cached = this.starts.get(key)
    if (cached) return cached
    const value = startOfLocalDay(d, timeZone)
    this.starts.set(key, value)
    return value
  }

  overdueDays(due: LocalDate, today: LocalDate, policy: ReminderPolicy): OverdueDays {
    const key = `${isoDate(due)}|${isoDate(today)}`
    const cached = this.overdue.get(key)
    if (cached) return cached
    const value = overdueWorkingDays(due, today, policy.overdueEveryWorkingDays, policy.holidays)
    this.overdue.set(key, value)
    return value
  }
}

const NOT_OVERDUE: OverdueDays = { count: 0, lastMultipleDate: null }
const dayNumber = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day) / DAY

export function taskTiming(task: PlanTask, timeZone: string, at: Date, policy: ReminderPolicy, cache: TimeCache): TaskTiming {
  if (!task.dueAt) return { dueDate: null, isOverdue: false, overdue: NOT_OVERDUE, daysUntilDue: null }
  const dueDate = cache.localDate(task.dueAt, timeZone)
  const today = cache.localDate(at, timeZone)
  const isOverdue = at.getTime() > task.dueAt.getTime()
  return {
    dueDate,
    isOverdue,
    overdue: isOverdue ? cache.overdueDays(dueDate, today, policy) : NOT_OVERDUE,
    daysUntilDue: dayNumber(dueDate) - dayNumber(today),
  }
}

/**
 * The assignee's current step at `at`: the latest step that has become due
 * (and did not begin before the task existed). Steps a late first notice
 * overtook are not sent afterwards: the newest one stands for them.
 */
export function currentOwnStep(
  task: PlanTask,
  timeZone: string,
  at: Date,
  timing: TaskTiming,
  policy: ReminderPolicy,
  cache: TimeCache,
): Step {
  const t = at.getTime()
  const from = task.assignedAt.getTime()
  let best: { step: Step; at: number } = { step: 'assigned', at: from }
  const consider = (step: Step, when: number) => {
    if (when < from || when > t) return
    if (when >= best.at) best = { step, at: when }
  }
  if (timing.dueDate) {
    for (const n of policy.offsetsDays) consider(`before:${n}d`, cache.dayStart(addLocalDays(timing.dueDate, -n), timeZone).getTime())
    consider('due', cache.dayStart(timing.dueDate, timeZone).getTime())
    const { count, lastMultipleDate } = timing.overdue
    const k = Math.floor(count / policy.overdueEveryWorkingDays)
    if (k >= 1 && lastMultipleDate) consider(`overdue:${k}`, cache.dayStart(lastMultipleDate, timeZone).getTime())
  }
  if (task.snoozedUntil) consider(`snoozed:${task.snoozedUntil.toISOString()}`, task.snoozedUntil.getTime())
  return best.step
}
