// The pure rules of onboarding (core/features/onboarding/plan.ts): who is a new hire,
// which template scope gives the plan, when each course is due and when the welcome
// may arrive, across time zones, weekends and holidays.
import { describe, expect, it } from 'vitest'
import { hireDay, isNewHire, planDueAt, resolvePlan, scopesFor, welcomeAt } from '../../core/features/onboarding/plan.js'
import type { PlanLine } from '../../core/features/onboarding/ports.js'
import type { Employee } from '../../core/kernel/domain/types.js'

const hours = { startMinute: 9 * 60, endMinute: 18 * 60 }
const settings = { workingHours: hours, holidays: new Set<string>() }
/** Wednesday 2 December 2026, 11:00 in Shanghai, 19:00 on Tuesday 1 December in Los Angeles. */
const NOW = new Date('2026-12-02T03:00:00Z')
const SH = 'Asia/Shanghai'
const LA = 'America/Los_Angeles'
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)

describe('hireDay', () => {
  it.each([
    ['an imported date is that day in every zone (Shanghai)', day('2026-12-02'), SH, '2026-12-02'],
    ['an imported date is that day in every zone (Los Angeles)', day('2026-12-02'), LA, '2026-12-02'],
    ['a timestamp is read in the hire’s zone', new Date('2026-12-02T20:00:00Z'), SH, '2026-12-03'],
  ])('%s', (_, hireDate, zone, expected) => {
    const d = hireDay(hireDate, zone)
    expect(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`).toBe(expected)
  })
})

describe('isNewHire (window 14 days, up to 7 ahead)', () => {
  const person = (hireDate: Date | null, timeZone = SH, status: Employee['status'] = 'active') => ({ hireDate, timeZone, status })
  it.each([
    ['hired today', person(day('2026-12-02')), true],
    ['hired 14 days ago', person(day('2026-11-18')), true],
    ['hired 15 days ago', person(day('2026-11-17')), false],
    ['starts in 7 days', person(day('2026-12-09')), true],
    ['starts in 8 days', person(day('2026-12-10')), false],
    ['no hire date', person(null), false],
    ['inactive', person(day('2026-12-02'), SH, 'inactive'), false],
    // Still 1 December in Los Angeles: 17 November is 14 days back there, 15 in Shanghai.
    ['Los Angeles: 17 November is still inside', person(day('2026-11-17'), LA), true],
    ['Los Angeles: 2 December is tomorrow', person(day('2026-12-02'), LA), true],
    ['Los Angeles: 9 December is 8 days ahead', person(day('2026-12-09'), LA), false],
  ])('%s → %s', (_, employee, expected) => {
    expect(isNewHire(employee, NOW, 14)).toBe(expected)
  })

  it('a window of 0 days takes only today and the week ahead', () => {
    expect(isNewHire(person(day('2026-12-02')), NOW, 0)).toBe(true)
    expect(isNewHire(person(day('2026-12-01')), NOW, 0)).toBe(false)
  })
})

describe('scopesFor and resolvePlan: the most specific scope with lines wins', () => {
  const jobs = [{ id: 1, code: 'SM1' }]
  const departments = [
    { id: 10, code: 'RETAIL', parentId: null },
    { id: 11, code: 'STORES', parentId: 10 },
    // A loop in the data must not hang the walk.
    { id: 20, code: 'LOOP-A', parentId: 21 },
    { id: 21, code: 'LOOP-B', parentId: 20 },
  ]
  const line = (scope: string, courseId: number, position = 1): PlanLine => ({ scope, courseId, dueDays: 3, position })

  it('lists job, departments up the tree, then default', () => {
    expect(scopesFor({ jobId: 1, departmentId: 11 }, jobs, departments)).toEqual([
      'job:SM1',
      'department:STORES',
      'department:RETAIL',
      'default',
    ])
    expect(scopesFor({ jobId: null, departmentId: null }, jobs, departments)).toEqual(['default'])
    expect(scopesFor({ jobId: 99, departmentId: 99 }, jobs, departments)).toEqual(['default'])
    expect(scopesFor({ jobId: null, departmentId: 20 }, jobs, departments).length).toBeLessThanOrEqual(34)
  })

  it.each([
    ['the job’s lines', [line('job:SM1', 1), line('department:STORES', 2), line('default', 3)], 'job:SM1', [1]],
    [
      'the department’s when the job has none',
      [line('department:STORES', 2), line('department:RETAIL', 4), line('default', 3)],
      'department:STORES',
      [2],
    ],
    ['the parent department’s', [line('department:RETAIL', 4), line('default', 3)], 'department:RETAIL', [4]],
    ['the default', [line('default', 3), line('job:OTHER', 5)], 'default', [3]],
    ['nothing', [line('job:OTHER', 5)], '', []],
    ['in position order', [line('job:SM1', 7, 2), line('job:SM1', 6, 1)], 'job:SM1', [6, 7]],
  ])('%s', (_, lines, scope, courseIds) => {
    const plan = resolvePlan(lines, scopesFor({ jobId: 1, departmentId: 11 }, jobs, departments))
    expect(plan.scope).toBe(scope)
    expect(plan.lines.map((l) => l.courseId)).toEqual(courseIds)
  })
})

describe('planDueAt: calendar days after the hire date, moved to a working day, at its end (18:00) in the hire’s zone', () => {
  it.each([
    ['0 days: the first day itself', day('2026-12-02'), 0, SH, settings, NOW, '2026-12-02T10:00:00.000Z'],
    ['1 day: Thursday', day('2026-12-02'), 1, SH, settings, NOW, '2026-12-03T10:00:00.000Z'],
    ['3 days lands on Saturday: Monday', day('2026-12-02'), 3, SH, settings, NOW, '2026-12-07T10:00:00.000Z'],
    [
      'Monday a holiday: Tuesday',
      day('2026-12-02'),
      3,
      SH,
      { ...settings, holidays: new Set(['2026-12-07']) },
      NOW,
      '2026-12-08T10:00:00.000Z',
    ],
    ['Los Angeles: Friday 18:00 PST', day('2026-12-02'), 2, LA, settings, NOW, '2026-12-05T02:00:00.000Z'],
    ['already past: the end of today', day('2026-11-18'), 3, SH, settings, NOW, '2026-12-02T10:00:00.000Z'],
    [
      'already past, after hours: the end of the next working day',
      day('2026-11-18'),
      3,
      SH,
      settings,
      new Date('2026-12-02T11:00:00Z'),
      '2026-12-03T10:00:00.000Z',
    ],
    [
      'already past on a Friday evening: Monday',
      day('2026-11-18'),
      3,
      SH,
      settings,
      new Date('2026-12-04T11:00:00Z'),
      '2026-12-07T10:00:00.000Z',
    ],
  ])('%s', (_, hireDate, dueDays, zone, s, now, expected) => {
    expect(planDueAt(hireDate, dueDays, zone, s, now).toISOString()).toBe(expected)
  })
})

describe('welcomeAt: the next working-hours moment, not before the first day', () => {
  it.each([
    ['in working hours on the first day: now', day('2026-12-02'), SH, NOW, NOW.toISOString()],
    ['after hours: 09:00 the next morning', day('2026-12-02'), SH, new Date('2026-12-02T13:00:00Z'), '2026-12-03T01:00:00.000Z'],
    ['a first day next Monday: that morning', day('2026-12-07'), SH, NOW, '2026-12-07T01:00:00.000Z'],
    ['a first day on Saturday: Monday morning', day('2026-12-05'), SH, NOW, '2026-12-07T01:00:00.000Z'],
    [
      'Los Angeles, hired 2 December, asked on 1 December evening there: 2 December 09:00 PST',
      day('2026-12-02'),
      LA,
      NOW,
      '2026-12-02T17:00:00.000Z',
    ],
    ['hired two weeks ago, now in hours: now', day('2026-11-18'), SH, NOW, NOW.toISOString()],
  ])('%s', (_, hireDate, zone, now, expected) => {
    expect(welcomeAt(hireDate, zone, now, settings).toISOString()).toBe(expected)
  })
})
