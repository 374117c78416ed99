// How often a recurring duty is owed, as written in a job description's `recurrence`
// column: "daily" (every working day), "weekly:fri" or "weekly:mon,thu", "monthly:1"
// (a day of the month, 1–28), each optionally with "@HH:MM", the local time it is due
// by ("daily@18:00": the parts inventory before leaving). Without a time it is due by
// the end of the working day. Parsing is strict: import refuses anything else, so what
// is stored always parses.

export type RecurrenceEvery =
  | { kind: 'daily' }
  | { kind: 'weekly'; weekdays: readonly number[] /** 1 = Monday … 7 = Sunday, ascending */ }
  | { kind: 'monthly'; day: number }

export interface Recurrence {
  every: RecurrenceEvery
  /** Local minutes after midnight it is due by; null: the end of the working day. */
  dueMinute: number | null
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const SHAPE = /^(daily|weekly:([a-z]{3}(?:,[a-z]{3})*)|monthly:(\d{1,2}))(?:@(\d{1,2}):(\d{2}))?$/

/** The recurrence a text describes, or null when it is not one (case and spaces do not matter). */
export function parseRecurrence(text: string): Recurrence | null {
  const match = SHAPE.exec(text.trim().toLowerCase().replaceAll(' ', ''))
  if (!match) return null
  const [, head, days, monthDay, hour, minute] = match
  let dueMinute: number | null = null
  if (hour !== undefined && minute !== undefined) {
    const h = Number(hour)
    const m = Number(minute)
    if (h > 23 || m > 59) return null
    dueMinute = h * 60 + m
  }
  if (head === 'daily') return { every: { kind: 'daily' }, dueMinute }
  if (days !== undefined) {
    const weekdays = new Set<number>()
    for (const d of days.split(',')) {
      const index = DAYS.indexOf(d as (typeof DAYS)[number])
      if (index < 0) return null
      weekdays.add(index + 1)
    }
    return { every: { kind: 'weekly', weekdays: [...weekdays].sort((a, b) => a - b) }, dueMinute }
  }
  const day = Number(monthDay)
  if (!Number.isInteger(day) || day < 1 || day > 28) return null
  return { every: { kind: 'monthly', day }, dueMinute }
}

/** The canonical text of a recurrence: parseRecurrence(formatRecurrence(r)) equals r. */
export function formatRecurrence(r: Recurrence): string {
  const head =
    r.every.kind === 'daily'
      ? 'daily'
      : r.every.kind === 'weekly'
        ? `weekly:${r.every.weekdays.map((d) => DAYS[d - 1]).join(',')}`
        : `monthly:${r.every.day}`
  if (r.dueMinute === null) return head
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${head}@${pad(Math.floor(r.dueMinute / 60))}:${pad(r.dueMinute % 60)}`
}

/** Whether a duty with this recurrence is owed on a local date of the given ISO weekday (1–7) and day of month. */
export function isOwedOn(r: Recurrence, weekday: number, dayOfMonth: number, isWorkingDay: boolean): boolean {
  switch (r.every.kind) {
    case 'daily':
      return isWorkingDay
    case 'weekly':
      return r.every.weekdays.includes(weekday)
    case 'monthly':
      return r.every.day === dayOfMonth
  }
}
