// Wall-clock arithmetic in a person's own time zone with nothing but Intl:
// reminders and snoozes are about *their* morning, not the server's.

export interface LocalParts {
  year: number
  month: number // 1–12
  day: number
  hour: number
  minute: number
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/**
 * Zones whose offset has not changed since 2000 (tzdb: no DST or offset change since 1991
 * or earlier), in minutes east of UTC. Their local time needs no Intl: the first
 * DateTimeFormat costs ~22 ms of ICU start-up, most of what a CLI answer spends on time.
 * Held to Intl's answers by test/reminders/zoned-time.test.ts.
 */
const FIXED_SINCE_2000 = new Map<string, number>([
  ['Asia/Shanghai', 480],
  ['Asia/Hong_Kong', 480],
  ['Asia/Taipei', 480],
  ['Asia/Singapore', 480],
  ['Asia/Tokyo', 540],
  ['Asia/Seoul', 540],
  ['Asia/Kolkata', 330],
  ['UTC', 0],
  ['Etc/UTC', 0],
])
const Y2000 = Date.UTC(2000, 0, 1)

export function localParts(at: Date, timeZone: string): LocalParts {
  const fixed = FIXED_SINCE_2000.get(timeZone)
  if (fixed !== undefined && at.getTime() >= Y2000) {
    const local = new Date(at.getTime() + fixed * 60_000)
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      weekday: ((local.getUTCDay() + 6) % 7) + 1,
    }
  }
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday!] ?? 1,
  }
}

/** Offset of the zone from UTC at `at`, in milliseconds (east positive). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
  return asUtc - (at.getTime() - (at.getTime() % 60_000))
}

/**
 * The instant when the wall clock in `timeZone` shows the given local time.
 * In a DST gap (a local time that does not exist) it lands just after the gap.
 */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  let result = guess - offsetMs(new Date(guess), timeZone)
  // A second pass settles instants near a DST change, where the first offset was the other one.
  const corrected = guess - offsetMs(new Date(result), timeZone)
  if (corrected !== result) result = Math.max(result, corrected)
  return new Date(result)
}

/** Local calendar date `days` after the local date of `at` (month/year rollover handled by Date.UTC). */
export function addLocalDays(
  p: Pick<LocalParts, 'year' | 'month' | 'day'>,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days))
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay()
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday }
}

export const isWeekend = (weekday: number): boolean => weekday >= 6

/** Start of the next working day (Mon–Fri, not a holiday) at `hour`:`minute` local time. */
export function nextWorkingDayAt(now: Date, timeZone: string, hour: number, holidays: ReadonlySet<string> = new Set(), minute = 0): Date {
  const today = localParts(now, timeZone)
  for (let i = 1; i <= 31; i++) {
    const d = addLocalDays(today, i)
    if (isWeekend(d.weekday) || holidays.has(isoDate(d))) continue
    return zonedTime(d.year, d.month, d.day, hour, minute, timeZone)
  }
  return new Date(now.getTime() + 86_400_000)
}

export const isoDate = (d: { year: number; month: number; day: number }): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
