// core/kernel/domain/zoned-time.ts: the fixed-offset zones' fast path gives exactly
// what Intl gives, minute by minute around every month's turn from 2000 to 2040, and
// zones with daylight saving still go through Intl.
import { describe, expect, it } from 'vitest'
import { localParts } from '../../core/kernel/domain/zoned-time.js'

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

const formats = new Map<string, Intl.DateTimeFormat>()

/** Intl's answer, computed here the long way. */
function intlParts(at: Date, timeZone: string) {
  const parts: Record<string, string> = {}
  const format =
    formats.get(timeZone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
  formats.set(timeZone, format)
  for (const p of format.formatToParts(at)) parts[p.type] = p.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday!],
  }
}

/** Around each month's turn (in UTC and at local midnight of far-off zones), 2000–2040, plus odd seconds. */
function instants(): Date[] {
  const out: Date[] = []
  for (let year = 2000; year <= 2040; year++)
    for (let month = 0; month < 12; month++)
      for (const offsetMinutes of [-841, -1, 0, 1, 59, 330, 479, 480, 540, 1439])
        out.push(new Date(Date.UTC(year, month, 1) + offsetMinutes * 60_000 + 59_999))
  return out
}

describe('localParts', () => {
  it.each([
    'Asia/Shanghai',
    'Asia/Hong_Kong',
    'Asia/Taipei',
    'Asia/Singapore',
    'Asia/Tokyo',
    'Asia/Seoul',
    'Asia/Kolkata',
    'UTC',
    'Etc/UTC',
  ])('%s: the same as Intl from 2000 on', (zone) => {
    const at = instants()
    expect(at.map((d) => localParts(d, zone))).toEqual(at.map((d) => intlParts(d, zone)))
  })

  it.each([
    // zone, instant, local time (daylight saving or a pre-2000 rule, through Intl)
    ['Europe/London', '2026-07-01T12:00:00Z', { hour: 13, minute: 0 }],
    ['America/New_York', '2026-03-08T07:30:00Z', { hour: 3, minute: 30 }],
    ['Asia/Shanghai', '1991-07-01T12:00:00Z', { hour: 21, minute: 0 }],
    ['Asia/Tokyo', '1999-12-31T15:00:00Z', { hour: 0, minute: 0, day: 1, month: 1, year: 2000, weekday: 6 }],
  ] as const)('%s at %s', (zone, iso, expected) => {
    expect(localParts(new Date(iso), zone)).toMatchObject(expected)
  })
})
