// A cycle's window is entered as calendar days ("2026-12-08") in the launcher's
// time zone: it opens at the start of the first day and closes at the end of the last.
import { zonedTime } from './domain/zoned-time.js'

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function parts(day: string): [number, number, number] | null {
  const m = ISO_DAY.exec(day.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // Round-trip through Date.UTC to refuse 2026-02-31 and the like.
  const check = new Date(Date.UTC(y, mo - 1, d))
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null
}

/** 00:00 of `day` in `timeZone`, or null when `day` is not a real YYYY-MM-DD date. */
export function startOfDay(day: string, timeZone: string): Date | null {
  const p = parts(day)
  return p ? zonedTime(p[0], p[1], p[2], 0, 0, timeZone) : null
}

/** 23:59 of `day` in `timeZone`, or null. */
export function endOfDay(day: string, timeZone: string): Date | null {
  const p = parts(day)
  return p ? zonedTime(p[0], p[1], p[2], 23, 59, timeZone) : null
}
