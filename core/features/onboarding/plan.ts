// The pure rules of onboarding: who is a new hire, which template scope gives
// their plan, when each course of it is due and when the welcome may arrive.
// All dates are the hire's own: their hire date is a calendar date, read in
// their time zone.
import type { Settings } from '../../kernel/context.js'
import type { Department, Employee, Job } from '../../kernel/domain/types.js'
import { addLocalDays, isoDate, isWeekend } from '../../kernel/domain/zoned-time.js'
import { localDateOf, nextWorkingTime, workingDayEnd, zonedInstant } from '../../kernel/working-time.js'
import type { PlanLine } from './ports.js'

const DAY_MS = 86_400_000
/** A hire date this many days ahead is already onboarded (the plan and the welcome wait for the day). */
const DAYS_AHEAD = 7
/** Deepest department tree walked; deeper means a loop in the data. */
const MAX_DEPTH = 32

type Day = { year: number; month: number; day: number }
type WorkingSettings = Pick<Settings, 'workingHours' | 'holidays'>

/**
 * The hire date as a calendar day. An imported date (YYYY-MM-DD) is stored at
 * midnight UTC and means that day everywhere; a full timestamp is read in the
 * hire's time zone.
 */
export function hireDay(hireDate: Date, timeZone: string): Day {
  const isDateOnly = hireDate.getTime() % DAY_MS === 0
  if (isDateOnly) return { year: hireDate.getUTCFullYear(), month: hireDate.getUTCMonth() + 1, day: hireDate.getUTCDate() }
  return localDateOf(hireDate, timeZone)
}

/** Whole days from `a` to `b` (calendar days, negative when `b` is earlier). */
const daysBetween = (a: Day, b: Day): number =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS)

/**
 * Active, with a hire date at most `windowDays` days ago or at most DAYS_AHEAD days
 * ahead, in their own time zone. (Whether they have an onboarding already is the store's.)
 */
export function isNewHire(employee: Pick<Employee, 'status' | 'hireDate' | 'timeZone'>, now: Date, windowDays: number): boolean {
  if (employee.status !== 'active' || employee.hireDate === null) return false
  const ago = daysBetween(hireDay(employee.hireDate, employee.timeZone), localDateOf(now, employee.timeZone))
  return ago <= windowDays && ago >= -DAYS_AHEAD
}

/** The instants a store query may use to find new hires (a day wider each side: time zones). */
export function hireWindow(now: Date, windowDays: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - (windowDays + 1) * DAY_MS), to: new Date(now.getTime() + (DAYS_AHEAD + 1) * DAY_MS) }
}

/** The template scopes that may apply to a person, most specific first: job, departments up the tree, default. */
export function scopesFor(
  employee: Pick<Employee, 'jobId' | 'departmentId'>,
  jobs: readonly Pick<Job, 'id' | 'code'>[],
  departments: readonly Pick<Department, 'id' | 'code' | 'parentId'>[],
): string[] {
  const scopes: string[] = []
  const job = employee.jobId === null ? undefined : jobs.find((j) => j.id === employee.jobId)
  if (job) scopes.push(`job:${job.code}`)
  const byId = new Map(departments.map((d) => [d.id, d]))
  let id = employee.departmentId
  for (let depth = 0; id !== null && depth < MAX_DEPTH; depth++) {
    const department = byId.get(id)
    if (!department) break
    scopes.push(`department:${department.code}`)
    id = department.parentId
  }
  scopes.push('default')
  return scopes
}

/** The most specific scope that has lines wins; none: scope "" and no lines. */
export function resolvePlan(lines: readonly PlanLine[], scopes: readonly string[]): { scope: string; lines: PlanLine[] } {
  for (const scope of scopes) {
    const found = lines.filter((l) => l.scope === scope).sort((a, b) => a.position - b.position)
    if (found.length > 0) return { scope, lines: found }
  }
  return { scope: '', lines: [] }
}

const isWorkingDay = (d: Day & { weekday: number }, holidays: ReadonlySet<string>): boolean =>
  !isWeekend(d.weekday) && !holidays.has(isoDate(d))

/**
 * When a plan course is due: `dueDays` calendar days after the hire date, moved on to
 * the next working day when that is a weekend or holiday, at the end of the working
 * day in the hire's time zone. A date already past (a hire onboarded late) becomes
 * the end of the current (or next) working day, so nothing is overdue on arrival.
 */
export function planDueAt(hireDate: Date, dueDays: number, timeZone: string, settings: WorkingSettings, now: Date): Date {
  let day = addLocalDays(hireDay(hireDate, timeZone), dueDays)
  for (let i = 0; i < 366 && !isWorkingDay(day, settings.holidays); i++) day = addLocalDays(day, 1)
  const end = settings.workingHours.endMinute
  const due = zonedInstant(day.year, day.month, day.day, Math.floor(end / 60), end % 60, timeZone)
  if (due.getTime() > now.getTime()) return due
  return workingDayEnd(nextWorkingTime(now, timeZone, settings), timeZone, settings.workingHours)
}

/** When the welcome may arrive: the hire's next working-hours moment, not before their first day. */
export function welcomeAt(hireDate: Date, timeZone: string, now: Date, settings: WorkingSettings): Date {
  const d = hireDay(hireDate, timeZone)
  const firstDay = zonedInstant(d.year, d.month, d.day, 0, 0, timeZone)
  return nextWorkingTime(firstDay.getTime() > now.getTime() ? firstDay : now, timeZone, settings)
}
