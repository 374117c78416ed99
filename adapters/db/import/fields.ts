// zod building blocks for one cell. Every cell arrives as a trimmed string ('' when
// empty or absent), whether it came from CSV or JSON, so both formats validate alike.
import { z } from 'zod'
import { parseIsoDate } from './dates.js'

export const required = z.string().min(1, 'required')

/**
 * An empty cell is null, anything else must pass `inner`. (A z.union would bury
 * the inner message under "Invalid input"; this keeps it for the report.)
 */
export function orNull<T>(inner: z.ZodType<T>) {
  return z.string().transform((v, ctx): T | null => {
    if (v === '') return null
    const result = inner.safeParse(v)
    if (result.success) return result.data
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message })
    return z.NEVER
  })
}

/** An optional text cell: '' becomes null. */
export const optional = z.string().transform((v) => (v === '' ? null : v))

export const code = required.max(64, 'at most 64 characters').regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  message: 'letters, digits, "_", "-" and "." only, starting with a letter or digit',
})
export const optionalCode = orNull(code)

export const email = required.transform((v) => v.toLowerCase()).pipe(z.email({ message: 'not an e-mail address' }))
export const optionalEmail = orNull(email)

export function int(min: number, max: number) {
  return required
    .regex(/^[+-]?\d+$/, { message: 'expected a whole number' })
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
}

function optionalInt(min: number, max: number) {
  return orNull(int(min, max))
}

/** 0–100, a percentage (attainment, weight, threshold, pass mark, score). */
export const percent = int(0, 100)
export const optionalPercent = optionalInt(0, 100)

export const optionalNumber = orNull(required.regex(/^[+-]?(\d+(\.\d+)?|\.\d+)$/, { message: 'expected a number' }).transform(Number))

export const date = required.transform((v, ctx) => {
  const parsed = parseIsoDate(v)
  if (parsed) return parsed
  ctx.addIssue({ code: 'custom', message: `"${v}" is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)` })
  return z.NEVER
})
export const optionalDate = orNull(date)

export function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { message: `expected one of ${values.join(', ')}` })
}

export function optionalOneOf<T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return orNull(oneOf(values)).transform((v) => v ?? fallback)
}

/** A `;`-separated list (JSON arrays arrive already joined with `;`); blanks dropped, duplicates kept once. */
export const list = z.string().transform((v) => [
  ...new Set(
    v
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
])

/**
 * The options of a quiz question: a `;`-separated list kept in order, blanks
 * dropped; the same option twice is an error (which one would be right?).
 */
export const options = z.string().transform((v, ctx) => {
  const items = v
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
  const twice = items.find((item, i) => items.indexOf(item) !== i)
  if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `the option "${twice}" appears twice` })
  return items
})

/** An IANA time zone the runtime knows ("Asia/Shanghai"); offsets like "+08:00" are refused. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    // RangeError: the runtime's time-zone database does not know this name.
    return false
  }
}
