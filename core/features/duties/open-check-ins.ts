// Opening recurring duty check-ins: for each active person whose job owes a duty
// with a recurrence, one check-in for their current local date when the duty is
// owed that day, opened at the start of their working hours (or now, if later)
// and due at the recurrence's @HH:MM, else at the end of their working day.
//
// Lifecycle (docs/reminders.md): a check-in is reminded until submitted and
// escalated to the manager, then HR, by the reminder policy's ladder. Once a
// newer occurrence of the same duty has opened for the person and the old one is
// past the whole ladder (overdue for more working days than the HR escalation
// waits), it becomes `missed`: no more reminders, counted missed in compliance.
// A past-due check-in its person no longer owes (they left, changed job, or the
// duty is no longer in their job's description) becomes `missed` at once: nobody
// is reminded of a duty that is not theirs any more.
import type { Settings } from '../../kernel/context.js'
import { isOwedOn, parseRecurrence } from '../../kernel/domain/recurrence.js'
import type { Employee } from '../../kernel/domain/types.js'
import { isoDate, isWeekend } from '../../kernel/domain/zoned-time.js'
import type { ReminderPolicy } from '../../kernel/reminder-options.js'
import { localDateOf, localTime, overdueWorkingDays, zonedInstant } from '../../kernel/working-time.js'
import { yieldToEventLoop } from '../../kernel/yielding.js'
import type { DutiesDeps } from './ports.js'
import type { CheckInRecord, CheckInView, NewCheckIn, RecurringDuty } from './types.js'

/** People planned (and their check-ins inserted) between two hand-backs of the event loop. */
const SLICE = 1000

type Person = Pick<Employee, 'id' | 'jobId' | 'timeZone' | 'status'>

/** The check-ins owed at `now`: one per active person and duty of their job, when owed on their local date. Pure. */
export function owedCheckIns(
  now: Date,
  people: readonly Person[],
  duties: readonly RecurringDuty[],
  settings: Pick<Settings, 'workingHours' | 'holidays'>,
): NewCheckIn[] {
  const byJob = new Map<number, Person[]>()
  for (const p of people) {
    if (p.status !== 'active' || p.jobId === null) continue
    const list = byJob.get(p.jobId)
    if (list) list.push(p)
    else byJob.set(p.jobId, [p])
  }
  const { startMinute, endMinute } = settings.workingHours
  const out: NewCheckIn[] = []
  const seen = new Set<string>()
  // Everyone in one zone has the same local date: worked out once per zone, not per person and duty.
  const days = new Map<string, { today: ReturnType<typeof localTime>; occurrence: string; isWorkingDay: boolean; start: Date }>()
  const dayIn = (timeZone: string) => {
    let day = days.get(timeZone)
    if (!day) {
      const today = localTime(now, timeZone)
      const occurrence = isoDate(today)
      const start = zonedInstant(today.year, today.month, today.day, Math.floor(startMinute / 60), startMinute % 60, timeZone)
      day = { today, occurrence, isWorkingDay: !isWeekend(today.weekday) && !settings.holidays.has(occurrence), start }
      days.set(timeZone, day)
    }
    return day
  }
  for (const duty of duties) {
    const recurrence = parseRecurrence(duty.recurrence)
    if (!recurrence) continue
    for (const person of byJob.get(duty.ownerJobId) ?? []) {
      const key = `${person.id}:${duty.ownerJobId}:${duty.code}`
      // The same code described for one owner job by two descriptions: one check-in.
      if (seen.has(key)) continue
      const { today, occurrence, isWorkingDay, start } = dayIn(person.timeZone)
      if (!isOwedOn(recurrence, today.weekday, today.day, isWorkingDay)) continue
      seen.add(key)
      const dueMinute = recurrence.dueMinute ?? endMinute
      const dueAt = zonedInstant(today.year, today.month, today.day, Math.floor(dueMinute / 60), dueMinute % 60, person.timeZone)
      const openedAt = start.getTime() > now.getTime() ? start : now
      out.push({ employeeId: person.id, jobId: duty.ownerJobId, dutyCode: duty.code, occurrence, openedAt, dueAt })
    }
  }
  return out
}

/**
 * Open check-ins that are over: past due and no longer owed by their person
 * (`stillOwes` false), or a newer occurrence of the same person's duty exists and
 * this one has been overdue longer than the HR escalation waits (its whole ladder
 * went out). Pure.
 */
export function supersededCheckIns(
  now: Date,
  open: readonly Pick<CheckInRecord, 'id' | 'employeeId' | 'jobId' | 'dutyCode' | 'occurrence' | 'dueAt'>[],
  timeZoneOf: (employeeId: number) => string | undefined,
  policy: Pick<ReminderPolicy, 'escalateHrAfterWorkingDays' | 'overdueEveryWorkingDays' | 'holidays'>,
  stillOwes: (checkIn: Pick<CheckInRecord, 'employeeId' | 'jobId' | 'dutyCode'>) => boolean = () => true,
): number[] {
  const latest = new Map<string, string>()
  const keyOf = (c: Pick<CheckInRecord, 'employeeId' | 'jobId' | 'dutyCode'>) => `${c.employeeId}:${c.jobId}:${c.dutyCode}`
  for (const c of open) {
    const k = keyOf(c)
    const l = latest.get(k)
    if (!l || c.occurrence > l) latest.set(k, c.occurrence)
  }
  const ids: number[] = []
  for (const c of open) {
    if (c.dueAt.getTime() >= now.getTime()) continue
    if (!stillOwes(c)) {
      ids.push(c.id)
      continue
    }
    if (c.occurrence === latest.get(keyOf(c))) continue
    const zone = timeZoneOf(c.employeeId)
    if (!zone) continue
    const overdue = overdueWorkingDays(localDateOf(c.dueAt, zone), localDateOf(now, zone), policy.overdueEveryWorkingDays, policy.holidays)
    if (overdue.count > policy.escalateHrAfterWorkingDays) ids.push(c.id)
  }
  return ids
}

interface OpenCheckInsResult {
  opened: number
  missed: number
  /** The check-ins still open afterwards (those just opened among them): the sweep plans their reminders. */
  open: CheckInView[]
}

/**
 * Opens the check-ins owed now (idempotent: the same person, duty and date is one
 * check-in whatever the number of sweeps) and marks the ones that are over missed.
 * Called by each reminder sweep before it plans, so a new check-in gets its card in that run.
 */
export async function openDutyCheckIns(
  deps: DutiesDeps,
  policy: Pick<ReminderPolicy, 'escalateHrAfterWorkingDays' | 'overdueEveryWorkingDays'>,
  /** Everyone, when the caller has already read them (the sweep); else the active people are read here. */
  everyone?: readonly Person[],
): Promise<OpenCheckInsResult> {
  const now = deps.clock.now()
  const duties = await deps.store.duties.recurringDuties(now)
  const people = everyone
    ? everyone.filter((p) => p.status === 'active')
    : duties.length === 0
      ? []
      : await deps.store.employees.allActive()
  // A whole company at once (the first sweep of the day): people and inserts in slices, the event loop
  // handed back between them (core/kernel/yielding.ts). Each person's check-ins depend on that person only.
  let opened = 0
  for (let i = 0; duties.length > 0 && i < people.length; i += SLICE) {
    await yieldToEventLoop()
    const rows = owedCheckIns(now, people.slice(i, i + SLICE), duties, deps.settings)
    if (rows.length > 0) opened += await deps.store.duties.openCheckIns(rows)
  }
  await yieldToEventLoop()
  let open = await deps.store.duties.openCheckInViews()
  await yieldToEventLoop()
  let missed = 0
  if (open.length > 0) {
    const active = people.length > 0 ? people : await deps.store.employees.allActive()
    const zones = new Map(active.map((p) => [p.id, p.timeZone]))
    const jobOf = new Map(active.map((p) => [p.id, p.jobId]))
    const owned = new Set(duties.map((d) => `${d.ownerJobId}:${d.code}`))
    const over = supersededCheckIns(
      now,
      open.map((v) => v.checkIn),
      (id) => zones.get(id),
      { ...policy, holidays: deps.settings.holidays },
      (c) => jobOf.get(c.employeeId) === c.jobId && owned.has(`${c.jobId}:${c.dutyCode}`),
    )
    await yieldToEventLoop()
    if (over.length > 0) {
      missed = await deps.store.duties.markMissed(over)
      const closed = new Set(over)
      open = open.filter((v) => !closed.has(v.checkIn.id))
    }
  }
  if (opened > 0 || missed > 0) deps.log.info({ opened, missed }, 'duty check-ins opened and closed as missed')
  return { opened, missed, open }
}
