// Working-time arithmetic on top of core/domain/zoned-time.ts: working days,
// a person's own delivery minute, and when a message to them may go out. All in
// the person's own time zone, with nothing but Intl.
import { addLocalDays, isoDate, isWeekend, type LocalParts, localParts } from './domain/zoned-time.js'
import type { ReminderPolicy, WorkingHours } from './reminder-options.js'

export interface LocalDate {
  year: number
  month: number
  day: number
  weekday: number
}

const MINUTE = 60_000
const QUARTER = 15 * MINUTE
/** Overdue counting stops here: a task this late is nagged every N days all the same. */
const MAX_DAYS_COUNTED = 800
const MAX_CACHED_OFFSETS = 200_000

// A sweep asks for tens of thousands of local times; Intl costs microseconds
// each. A zone's UTC offset only changes on a quarter hour (every offset in use
// is a multiple of 15 minutes and changes happen at whole local minutes of such
// offsets), so one Intl call per zone and quarter hour serves every instant in it.
const offsets = new Map<string, Map<number, number>>()
let cachedOffsets = 0

function offsetAt(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER)
  let zone = offsets.get(timeZone)
  if (!zone) {
    zone = new Map()
    offsets.set(timeZone, zone)
  }
  let offset = zone.get(bucket)
  if (offset === undefined) {
    if (cachedOffsets >= MAX_CACHED_OFFSETS) {
      offsets.clear()
      cachedOffsets = 0
      zone = new Map()
      offsets.set(timeZone, zone)
    }
    const at = bucket * QUARTER
    const p = localParts(new Date(at), timeZone)
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at
    zone.set(bucket, offset)
    cachedOffsets++
  }
  return offset
}

/** localParts() of core/domain/zoned-time.ts, memoised per zone and quarter hour. */
export function localTime(at: Date, timeZone: string): LocalParts {
  const shifted = new Date(at.getTime() + offsetAt(at.getTime(), timeZone))
  const weekday = shifted.getUTCDay()
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: weekday === 0 ? 7 : weekday,
  }
}

/** zonedTime() of core/domain/zoned-time.ts (same DST-gap rule), memoised the same way. */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  let result = guess - offsetAt(guess, timeZone)
  const corrected = guess - offsetAt(result, timeZone)
  if (corrected !== result) result = Math.max(result, corrected)
  return new Date(result)
}

export const localDateOf = (at: Date, timeZone: string): LocalDate => {
  const p = localTime(at, timeZone)
  return { year: p.year, month: p.month, day: p.day, weekday: p.weekday }
}

const isWorkingDay = (d: LocalDate, holidays: ReadonlySet<string>): boolean => !isWeekend(d.weekday) && !holidays.has(isoDate(d))

/** The instant the local date begins (just after a DST gap, should midnight not exist). */
export const startOfLocalDay = (d: Pick<LocalDate, 'year' | 'month' | 'day'>, timeZone: string): Date =>
  zonedInstant(d.year, d.month, d.day, 0, 0, timeZone)

const compareDates = (a: Pick<LocalDate, 'year' | 'month' | 'day'>, b: Pick<LocalDate, 'year' | 'month' | 'day'>): number =>
  a.year - b.year || a.month - b.month || a.day - b.day

export interface OverdueDays {
  /** Working days after the due date, up to and including `today`. */
  count: number
  /** The date on which the count last reached a multiple of `every` (the last overdue reminder's day). */
  lastMultipleDate: LocalDate | null
}

/** Working days strictly after `due`, up to and including `today`. */
export function overdueWorkingDays(due: LocalDate, today: LocalDate, every: number, holidays: ReadonlySet<string>): OverdueDays {
  let count = 0
  let lastMultipleDate: LocalDate | null = null
  for (let i = 1; i <= MAX_DAYS_COUNTED; i++) {
    const d = addLocalDays(due, i)
    if (compareDates(d, today) > 0) break
    if (!isWorkingDay(d, holidays)) continue
    count++
    if (count % every === 0) lastMultipleDate = d
  }
  return { count, lastMultipleDate }
}

/** FNV-1a, 32 bits: a stable spread of people over minutes, the same in every process. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const isRoundMinute = (minuteOfHour: number): boolean => minuteOfHour === 0 || minuteOfHour === 30

/**
 * The person's own minute of the working day (minutes after local midnight).
 * Everyone at :00 or :30 is exactly when a large company would hit the platform
 * at once (and when every other bot posts), so those minutes are skipped.
 */
export function personalMinute(personId: number, hours: WorkingHours): number {
  const span = hours.endMinute - hours.startMinute
  let minute = hours.startMinute + (stableHash(`minute:${personId}`) % span)
  if (isRoundMinute(minute % 60)) minute = minute + 1 < hours.endMinute ? minute + 1 : minute - 1
  return minute
}

/**
 * When a sweep running at `now` may deliver to this person, or null when it
 * should not plan for them at all (not a working day, outside working hours).
 * - `slot`: their own minute falls inside [now, now + horizon): everything owed.
 * - `late`: their minute has passed today (a sweep was missed, or something
 *   became due during the day): a few minutes from now, still spread per person.
 * - `early`: their minute is later today: only what cannot wait for it (a new
 *   task, a snooze that ended); the rest waits for the minute.
 */
export interface DeliveryTime {
  at: Date
  kind: 'slot' | 'late' | 'early'
}

export function deliveryTime(personId: number, timeZone: string, now: Date, policy: ReminderPolicy): DeliveryTime | null {
  const today = localTime(now, timeZone)
  if (!isWorkingDay(today, policy.holidays)) return null
  const { startMinute, endMinute } = policy.workingHours
  const nowMinute = today.hour * 60 + today.minute
  const minute = personalMinute(personId, policy.workingHours)
  const slot = zonedInstant(today.year, today.month, today.day, Math.floor(minute / 60), minute % 60, timeZone)
  const horizonEnd = now.getTime() + policy.horizonMinutes * MINUTE
  if (slot.getTime() >= now.getTime() && slot.getTime() < horizonEnd) return { at: slot, kind: 'slot' }
  if (nowMinute < startMinute || nowMinute >= endMinute) return null
  const closes = zonedInstant(today.year, today.month, today.day, Math.floor(endMinute / 60), endMinute % 60, timeZone)
  const soon = lateSlot(personId, now, timeZone, policy.horizonMinutes)
  if (soon.getTime() >= closes.getTime()) return null
  return { at: soon, kind: slot.getTime() < now.getTime() ? 'late' : 'early' }
}

/** A minute 1…horizon−1 minutes after `now`, chosen per person, never :00 or :30 local. */
function lateSlot(personId: number, now: Date, timeZone: string, horizonMinutes: number): Date {
  const spread = Math.max(1, horizonMinutes - 1)
  const offset = 1 + (stableHash(`late:${personId}`) % spread)
  let at = Math.floor(now.getTime() / MINUTE) * MINUTE + offset * MINUTE
  if (isRoundMinute(localTime(new Date(at), timeZone).minute)) at += MINUTE
  return new Date(at)
}

/** When working hours end on the local date of `at`. */
export function workingDayEnd(at: Date, timeZone: string, hours: WorkingHours): Date {
  const d = localTime(at, timeZone)
  return zonedInstant(d.year, d.month, d.day, Math.floor(hours.endMinute / 60), hours.endMinute % 60, timeZone)
}

/** Whether `at` is inside working hours on a working day, in `timeZone`. */
export function isWorkingTime(at: Date, timeZone: string, policy: Pick<ReminderPolicy, 'workingHours' | 'holidays'>): boolean {
  const p: LocalParts = localTime(at, timeZone)
  if (!isWorkingDay(p, policy.holidays)) return false
  const minute = p.hour * 60 + p.minute
  return minute >= policy.workingHours.startMinute && minute < policy.workingHours.endMinute
}

/**
 * `at` if it is inside working hours on a working day in `timeZone`, else when the
 * next working period begins there. A snooze ends at such a time, so the reminder
 * it promises ("until Saturday 19:30") is one the sweep will actually send.
 */
export function nextWorkingTime(at: Date, timeZone: string, policy: Pick<ReminderPolicy, 'workingHours' | 'holidays'>): Date {
  if (isWorkingTime(at, timeZone, policy)) return at
  const { startMinute } = policy.workingHours
  const opening = (d: Pick<LocalDate, 'year' | 'month' | 'day'>) =>
    zonedInstant(d.year, d.month, d.day, Math.floor(startMinute / 60), startMinute % 60, timeZone)
  const today = localTime(at, timeZone)
  if (isWorkingDay(today, policy.holidays) && today.hour * 60 + today.minute < startMinute) return opening(today)
  for (let i = 1; i <= 366; i++) {
    const day = addLocalDays(today, i)
    if (isWorkingDay(day, policy.holidays)) return opening(day)
  }
  return at
}
