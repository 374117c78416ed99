import { describe, expect, it } from 'vitest'
import { localParts, zonedTime } from '../../core/kernel/domain/zoned-time.js'
import { horizonOfCron, parseHolidays, parseOffsetsDays, parseWorkingHours } from '../../core/kernel/reminder-options.js'
import { localTime, nextWorkingTime, overdueWorkingDays, personalMinute, zonedInstant } from '../../core/kernel/working-time.js'

const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe']

describe('memoised zone arithmetic', () => {
  it('agrees with Intl at every 7 minutes across both 2026 DST changes', () => {
    for (const zone of ZONES) {
      for (let t = Date.parse('2026-10-24T00:00:00Z'); t < Date.parse('2026-11-03T00:00:00Z'); t += 7 * 60_000) {
        expect(localTime(new Date(t), zone), `${zone} ${new Date(t).toISOString()}`).toEqual(localParts(new Date(t), zone))
      }
      for (let day = 24; day <= 31; day++) {
        for (const hour of [0, 1, 2, 3, 9, 18, 23]) {
          expect(zonedInstant(2026, 10, day, hour, 17, zone), `${zone} ${day} ${hour}`).toEqual(zonedTime(2026, 10, day, hour, 17, zone))
        }
      }
    }
  })
})

describe('working days and minutes', () => {
  it.each([
    // due (local date), today, every, holidays → count, last multiple date
    [
      'Fri due, next Wed',
      { year: 2026, month: 11, day: 20, weekday: 5 },
      { year: 2026, month: 11, day: 25, weekday: 3 },
      2,
      [],
      3,
      '2026-11-24',
    ],
    ['same day', { year: 2026, month: 11, day: 20, weekday: 5 }, { year: 2026, month: 11, day: 20, weekday: 5 }, 2, [], 0, null],
    ['weekend only', { year: 2026, month: 11, day: 20, weekday: 5 }, { year: 2026, month: 11, day: 22, weekday: 7 }, 2, [], 0, null],
    [
      'holiday skipped',
      { year: 2026, month: 11, day: 20, weekday: 5 },
      { year: 2026, month: 11, day: 25, weekday: 3 },
      2,
      ['2026-11-24'],
      2,
      '2026-11-25',
    ],
    [
      'across a month end',
      { year: 2026, month: 12, day: 30, weekday: 3 },
      { year: 2027, month: 1, day: 5, weekday: 2 },
      3,
      [],
      4,
      '2027-01-04',
    ],
  ] as const)('%s', (_name, due, today, every, holidays, count, last) => {
    const result = overdueWorkingDays(due, today, every, new Set(holidays))
    expect(result.count).toBe(count)
    expect(
      result.lastMultipleDate
        ? `${result.lastMultipleDate.year}-${String(result.lastMultipleDate.month).padStart(2, '0')}-${String(result.lastMultipleDate.day).padStart(2, '0')}`
        : null,
    ).toBe(last)
  })

  it('gives everyone a stable minute inside the window, never on the hour or half hour', () => {
    const hours = { startMinute: 9 * 60, endMinute: 18 * 60 }
    const minutes = Array.from({ length: 5000 }, (_, i) => personalMinute(i + 1, hours))
    expect(minutes.every((m) => m >= hours.startMinute && m < hours.endMinute && m % 30 !== 0)).toBe(true)
    expect(new Set(minutes).size).toBeGreaterThan(400)
    expect(personalMinute(1234, hours)).toBe(personalMinute(1234, hours))
    // A window of one hour still avoids :00 and :30.
    expect(Array.from({ length: 200 }, (_, i) => personalMinute(i, { startMinute: 600, endMinute: 660 })).some((m) => m % 30 === 0)).toBe(
      false,
    )
  })
})

describe('settings parsers', () => {
  it.each([
    ['09:00-18:00', { startMinute: 540, endMinute: 1080 }],
    ['8:30 - 17:45', { startMinute: 510, endMinute: 1065 }],
  ])('working hours %s', (text, expected) => expect(parseWorkingHours(text)).toEqual(expected))

  it.each(['18:00-09:00', '9-18', '09:00', '09:00-09:10', '25:00-26:00'])('refuses working hours %s', (text) => {
    expect(() => parseWorkingHours(text)).toThrow(/working hours/)
  })

  it('parses holidays and offsets, refusing nonsense', () => {
    expect([...parseHolidays(' 2026-10-01, 2026-10-02 ,')]).toEqual(['2026-10-01', '2026-10-02'])
    expect(parseHolidays('')).toEqual(new Set())
    expect(() => parseHolidays('2026-13-01')).toThrow(/ISO dates/)
    expect(parseOffsetsDays('1,3,3')).toEqual([3, 1])
    expect(() => parseOffsetsDays('0')).toThrow(/whole days/)
  })

  it.each([
    ['*/15 * * * *', 15],
    ['*/5 * * * *', 5],
    ['0 */15 * * * *', 15],
    ['5,35 * * * *', 30],
    ['0 * * * *', 60],
    ['* * * * *', 1],
  ])('horizon of %s is %i minutes', (cron, minutes) => expect(horizonOfCron(cron)).toBe(minutes))
})

describe('nextWorkingTime: when a snooze may end', () => {
  const policy = { workingHours: { startMinute: 9 * 60, endMinute: 18 * 60 }, holidays: new Set(['2026-12-25']) }
  it.each([
    // zone, instant, → expected instant
    ['inside working hours: unchanged', 'Asia/Shanghai', '2026-11-19T03:00:00Z', '2026-11-19T03:00:00Z'],
    ['Saturday evening → Monday 09:00', 'Asia/Shanghai', '2026-11-21T11:00:00Z', '2026-11-23T01:00:00Z'],
    ['Tuesday 07:00 → that day at 09:00', 'Asia/Shanghai', '2026-11-24T23:00:00Z', '2026-11-25T01:00:00Z'],
    ['Wednesday 18:00 (closing) → Thursday 09:00', 'Europe/London', '2026-11-25T18:00:00Z', '2026-11-26T09:00:00Z'],
    [
      'Christmas Eve evening → past the holiday and the weekend, Monday 28th',
      'Europe/London',
      '2026-12-24T20:00:00Z',
      '2026-12-28T09:00:00Z',
    ],
    [
      'in the reader’s zone: 23:00 in New York is the next morning there',
      'America/New_York',
      '2026-11-19T04:00:00Z',
      '2026-11-19T14:00:00Z',
    ],
  ])('%s', (_case, zone, at, expected) => {
    expect(nextWorkingTime(new Date(at), zone, policy).toISOString()).toBe(new Date(expected).toISOString())
  })
})
