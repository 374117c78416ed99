import { describe, expect, it } from 'vitest'
import { formatRecurrence, isOwedOn, parseRecurrence } from '../../core/kernel/domain/recurrence.js'

describe('parseRecurrence', () => {
  it.each([
    ['daily', { every: { kind: 'daily' }, dueMinute: null }],
    ['daily@18:00', { every: { kind: 'daily' }, dueMinute: 18 * 60 }],
    [' Daily @ 9:30 ', { every: { kind: 'daily' }, dueMinute: 9 * 60 + 30 }],
    ['weekly:fri', { every: { kind: 'weekly', weekdays: [5] }, dueMinute: null }],
    ['weekly:thu,mon@17:00', { every: { kind: 'weekly', weekdays: [1, 4] }, dueMinute: 17 * 60 }],
    ['monthly:1@12:00', { every: { kind: 'monthly', day: 1 }, dueMinute: 12 * 60 }],
  ])('%s', (text, expected) => {
    expect(parseRecurrence(text)).toEqual(expected)
  })

  it.each(['', 'hourly', 'weekly:', 'weekly:fry', 'monthly:0', 'monthly:31', 'daily@24:00', 'daily@18:60', 'daily@18', 'every day'])(
    'refuses %j',
    (text) => {
      expect(parseRecurrence(text)).toBeNull()
    },
  )

  it.each(['daily', 'daily@18:00', 'weekly:mon,fri@07:05', 'monthly:28'])('formats %s back to itself', (text) => {
    const parsed = parseRecurrence(text)!
    expect(formatRecurrence(parsed)).toBe(text)
    expect(parseRecurrence(formatRecurrence(parsed))).toEqual(parsed)
  })
})

describe('isOwedOn', () => {
  it.each([
    ['daily', 3, 10, true, true],
    ['daily', 6, 13, false, false],
    ['weekly:fri', 5, 11, true, true],
    ['weekly:fri', 4, 10, true, false],
    ['monthly:1', 2, 1, true, true],
    ['monthly:1', 2, 2, true, false],
  ] as const)('%s on weekday %i, day %i (working %s): %s', (text, weekday, day, working, owed) => {
    expect(isOwedOn(parseRecurrence(text)!, weekday, day, working)).toBe(owed)
  })
})
