// Which step of the policy a task is at, seen from one instant in its assignee's
// time zone. Pure; the caches only spare repeated Intl calls for tasks that share
// a time zone and a due date (the common case in a company).
import { addLocalDays } from '../../kernel/domain/zoned-time.js'
import { kept } from '../../kernel/kept.js'
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

/** Memoises local dates and day starts for one planning run (keyed per zone, then by number: no key strings on the hot path). */
export class TimeCache {
  private readonly dates = new Map<string, Map<number, LocalDate>>()
  private readonly starts = new Map<string, Map<number, Date>>()
  private readonly overdue = new Map<number, OverdueDays>()

  localDate(at: Date, timeZone: string): LocalDate {
    let zone = this.dates.get(timeZone)
    if (!zone) {
      zone = new Map()
      this.dates.set(timeZone, zone)
    }
    const t = at.getTime()
    const cached = zone.get(t)
    if (cached) return cached
    const value = localDateOf(at, timeZone)
    zone.set(t, value)
    return value
  }

  dayStart(d: LocalDate, timeZone: string, daysBefore = 0): Date {
    let zone = this.starts.get(timeZone)
    if (!zone) {
      zone = new Map()
      this.starts.set(timeZone, zone)
    }
    const key = dayNumber(d) - daysBefore
    const cached = zone.get(key)
    if (cached) return cached
    const value = startOfLocalDay(daysBefore === 0 ? d : addLocalDays(d, -daysBefore), timeZone)
    zone.set(key, value)
    return value
  }

  /** Per policy run the holidays and interval are fixed, so two day numbers are the key. */
  overdueDays(due: LocalDate, today: LocalDate, policy: ReminderPolicy): OverdueDays {
    const key = dayNumber(due) * 1_000_000 + dayNumber(today)
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
  // Only instants are compared; the winner's name is made once, at the end (a sweep asks this of every open task).
  let best = 'assigned' as Rung
  let bestN = 0
  let bestAt = from
  const consider = (rung: Rung, n: number, when: number) => {
    if (when < from || when > t || when < bestAt) return
    best = rung
    bestN = n
    bestAt = when
  }
  if (timing.dueDate) {
    for (const n of policy.offsetsDays) consider('before', n, cache.dayStart(timing.dueDate, timeZone, n).getTime())
    consider('due', 0, cache.dayStart(timing.dueDate, timeZone).getTime())
    const { count, lastMultipleDate } = timing.overdue
    const k = Math.floor(count / policy.overdueEveryWorkingDays)
    if (k >= 1 && lastMultipleDate) consider('overdue', k, cache.dayStart(lastMultipleDate, timeZone).getTime())
  }
  if (task.snoozedUntil) consider('snoozed', 0, task.snoozedUntil.getTime())
  if (best === 'before') return beforeStep(bestN)
  if (best === 'overdue') return overdueStep(bestN)
  if (best === 'snoozed') return `snoozed:${task.snoozedUntil!.toISOString()}`
  return best
}

type Rung = 'assigned' | 'before' | 'due' | 'overdue' | 'snoozed'

/** Numbered step names, one string each (a company's tasks share a handful). */
const beforeStep = kept((n: number): Step => `before:${n}d`, 1000)
const overdueStep = kept((n: number): Step => `overdue:${n}`, 1000)
