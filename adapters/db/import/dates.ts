// ISO 8601 dates in import files, and their one canonical written form on export.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
// Spreadsheets often write "2026-03-01 09:30"; a space is accepted for the "T".
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses `YYYY-MM-DD` (midnight UTC) or a full timestamp. A timestamp without
 * `Z` or an offset is read as UTC, so the same file means the same instant on
 * every machine. Returns null when the text is not such a date or names a day
 * that does not exist (2026-02-30).
 */
export function parseIsoDate(text: string): Date | null {
  const dateOnly = DATE_ONLY.exec(text)
  if (dateOnly) {
    const date = new Date(`${text}T00:00:00.000Z`)
    return isSameDay(date, dateOnly) ? date : null
  }
  const stamp = TIMESTAMP.exec(text)
  if (!stamp) return null
  const [, y, mo, d, h, mi, s = '00', ms = '0', zone = 'Z'] = stamp
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms.padEnd(3, '0')}${offset}`)
  if (Number.isNaN(date.getTime())) return null
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null
  // The calendar day must exist; checked in UTC before the offset is applied.
  const calendar = new Date(`${y}-${mo}-${d}T00:00:00.000Z`)
  return isSameDay(calendar, [text, y!, mo!, d!]) ? date : null
}

function isSameDay(date: Date, parts: ArrayLike<string>): boolean {
  if (Number.isNaN(date.getTime())) return false
  return date.getUTCFullYear() === Number(parts[1]) && date.getUTCMonth() + 1 === Number(parts[2]) && date.getUTCDate() === Number(parts[3])
}

/** The canonical text of a date: `YYYY-MM-DD` at midnight UTC, else the full UTC timestamp. */
export function formatIsoDate(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}
