// The reminder policy's settings as one typed value. bot/config.ts parses the
// environment; the parsers here turn its strings into these types, with errors
// that name what was expected.

/** Minutes after local midnight: [startMinute, endMinute). */
export interface WorkingHours {
  startMinute: number
  endMinute: number
}

export interface ReminderPolicy {
  /** Reminders this many days before the due date (local calendar days), e.g. [3, 1]. */
  offsetsDays: readonly number[]
  /** While overdue, remind every N working days ("remind until submitted"). */
  overdueEveryWorkingDays: number
  /** Tell the assignee's manager after this many overdue working days. */
  escalateManagerAfterWorkingDays: number
  /** Then tell HR after this many overdue working days. */
  escalateHrAfterWorkingDays: number
  /** Deliveries happen inside these local hours only, on working days. */
  workingHours: WorkingHours
  /** Company holidays as ISO dates (YYYY-MM-DD), in every time zone. */
  holidays: ReadonlySet<string>
  /** How far ahead one sweep plans: its cron interval, in minutes. */
  horizonMinutes: number
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  offsetsDays: [3, 1],
  overdueEveryWorkingDays: 2,
  escalateManagerAfterWorkingDays: 3,
  escalateHrAfterWorkingDays: 6,
  workingHours: { startMinute: 9 * 60, endMinute: 18 * 60 },
  holidays: new Set(),
  horizonMinutes: 15,
}

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/

/** "09:00-18:00" → minutes; the end must be after the start (no windows across midnight: never at night). */
export function parseWorkingHours(text: string): WorkingHours {
  const [start, end, ...rest] = text.split('-').map((s) => s.trim())
  const a = start ? HH_MM.exec(start) : null
  const b = end ? HH_MM.exec(end) : null
  if (!a || !b || rest.length > 0) throw new Error(`expected working hours like 09:00-18:00, got "${text}"`)
  const startMinute = Number(a[1]) * 60 + Number(a[2])
  const endMinute = Number(b[1]) * 60 + Number(b[2])
  if (endMinute - startMinute < 30) throw new Error(`working hours must end at least 30 minutes after they start, got "${text}"`)
  return { startMinute, endMinute }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** "2026-10-01,2026-10-02" → a set of ISO dates; blank → empty. */
export function parseHolidays(text: string): Set<string> {
  const dates = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const d of dates) {
    if (!ISO_DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw new Error(`expected ISO dates like 2026-10-01, got "${d}"`)
  }
  return new Set(dates)
}

/** "3,1" → [3, 1] (whole days, at least 1, largest first, no repeats). */
export function parseOffsetsDays(text: string): number[] {
  const days = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number)
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 60))
    throw new Error(`expected whole days between 1 and 60 like 3,1, got "${text}"`)
  return [...new Set(days)].sort((a, b) => b - a)
}

/**
 * The planning horizon of a cron expression: the gap between runs of its minute
 * field ("*\/15" → 15, "5,35" → 30, "0" → 60, "*" → 1). Each sweep plans the
 * deliveries up to its next run.
 */
export function horizonOfCron(cron: string): number {
  const fields = cron.trim().split(/\s+/)
  // node-schedule accepts an optional seconds field first.
  const minute = (fields.length === 6 ? fields[1] : fields[0]) ?? ''
  if (minute === '*') return 1
  const step = /^\*\/(\d{1,2})$/.exec(minute)
  if (step) return Math.min(60, Math.max(1, Number(step[1])))
  const minutes = minute.split(',').map(Number)
  if (minutes.some((m) => !Number.isInteger(m) || m < 0 || m > 59)) return 15
  if (minutes.length === 1) return 60
  const sorted = [...minutes].sort((a, b) => a - b)
  const gaps = sorted.map((m, i) => (i === 0 ? m + 60 - sorted[sorted.length - 1]! : m - sorted[i - 1]!))
  return Math.max(1, Math.min(...gaps))
}
