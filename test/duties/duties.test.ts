// Recurring duties, pure parts, table-driven: who owes which duty on which local
// date (time zones, weekends, holidays, owner roles), when a check-in is over,
// the evidence a Submit accepts, who owes a missing material, the compliance
// arithmetic and the period a question names; then the reminder policy's steps
// for the two new task kinds.
import { describe, expect, it } from 'vitest'
import {
  type CheckInView,
  complianceRows,
  materialProvider,
  owedCheckIns,
  periodOf,
  type RecurringDuty,
  supersededCheckIns,
  validateEvidence,
} from '../../core/features/duties/index.js'
import type { PlanPerson, PlanTask } from '../../core/features/tasks/types.js'
import { DEFAULT_SETTINGS } from '../../core/kernel/context.js'
import type { Employee, Role } from '../../core/kernel/domain/types.js'
import { isoDate, localParts } from '../../core/kernel/domain/zoned-time.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { simulate } from '../reminders/support/simulate.js'

const SH = 'Asia/Shanghai'
const NY = 'America/New_York'
const LEADER = 10
const CLERK = 11

const duty = (code: string, recurrence: string, ownerJobId = LEADER, describedJobId = ownerJobId): RecurringDuty => ({
  describedJobId,
  ownerJobId,
  code,
  text: { zh: `职责${code}`, en: `Duty ${code}` },
  recurrence,
  evidence: 'none',
})
const person = (id: number, timeZone: string, jobId: number | null = LEADER, status: 'active' | 'inactive' = 'active') => ({
  id,
  timeZone,
  jobId,
  status,
})

describe('owedCheckIns: who owes which duty on which local date', () => {
  const people = [person(1, SH), person(2, NY), person(3, SH, CLERK), person(4, SH, LEADER, 'inactive'), person(5, SH, null)]
  const rows: {
    name: string
    now: string
    duties: RecurringDuty[]
    holidays?: string[]
    /** [employee, code, occurrence, openedAt, dueAt] */
    expected: [number, string, string, string, string][]
  }[] = [
    {
      name: 'a weekday: Shanghai is on Friday, New York still on Thursday; 09:00 opens, @18:00 is due, each in their zone',
      now: '2026-12-04T00:30:00Z', // Fri 08:30 Shanghai, Thu 19:30 New York
      duties: [duty('D1', 'daily@18:00')],
      expected: [
        [1, 'D1', '2026-12-04', '2026-12-04T01:00:00.000Z', '2026-12-04T10:00:00.000Z'],
        [2, 'D1', '2026-12-03', '2026-12-04T00:30:00.000Z', '2026-12-03T23:00:00.000Z'],
      ],
    },
    {
      name: 'Saturday in Shanghai owes nothing daily; New York is still on its Friday',
      now: '2026-12-05T02:00:00Z', // Sat 10:00 Shanghai, Fri 21:00 New York
      duties: [duty('D1', 'daily')],
      expected: [[2, 'D1', '2026-12-04', '2026-12-05T02:00:00.000Z', '2026-12-04T23:00:00.000Z']],
    },
    {
      name: 'a holiday is no working day for a daily duty',
      now: '2026-12-04T03:00:00Z',
      duties: [duty('D1', 'daily')],
      holidays: ['2026-12-04'],
      expected: [[2, 'D1', '2026-12-03', '2026-12-04T03:00:00.000Z', '2026-12-03T23:00:00.000Z']],
    },
    {
      name: 'weekly on Friday: without a time it is due at the end of the working day',
      now: '2026-12-04T03:00:00Z', // Fri 11:00 Shanghai, Thu 22:00 New York
      duties: [duty('W1', 'weekly:fri')],
      expected: [[1, 'W1', '2026-12-04', '2026-12-04T03:00:00.000Z', '2026-12-04T10:00:00.000Z']],
    },
    {
      name: 'monthly on the 1st, even on a weekend (it names the day)',
      now: '2026-11-01T04:00:00Z', // Sun 1 Nov 12:00 Shanghai, Sun 00:00 New York (EDT)
      duties: [duty('M1', 'monthly:1@12:30')],
      expected: [
        [1, 'M1', '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-01T04:30:00.000Z'],
        // New York left daylight time that very night: 09:00 and 12:30 are EST.
        [2, 'M1', '2026-11-01', '2026-11-01T14:00:00.000Z', '2026-11-01T17:30:00.000Z'],
      ],
    },
    {
      name: "the owner role owes it, not the described job's people",
      now: '2026-12-04T02:00:00Z',
      duties: [duty('D9', 'daily', CLERK, LEADER)],
      expected: [[3, 'D9', '2026-12-04', '2026-12-04T02:00:00.000Z', '2026-12-04T10:00:00.000Z']],
    },
    {
      name: 'a recurrence that does not parse is skipped',
      now: '2026-12-04T02:00:00Z',
      duties: [duty('X', 'every other day')],
      expected: [],
    },
  ]
  for (const row of rows) {
    it(row.name, () => {
      const got = owedCheckIns(new Date(row.now), people, row.duties, { ...DEFAULT_SETTINGS, holidays: new Set(row.holidays ?? []) })
      expect(got.map((c) => [c.employeeId, c.dutyCode, c.occurrence, c.openedAt.toISOString(), c.dueAt.toISOString()])).toEqual(
        row.expected,
      )
    })
  }

  it('one check-in per person and working day across two weeks of 15-minute sweeps, in each zone', () => {
    const seen = new Map<string, number>()
    for (let t = Date.parse('2026-11-30T00:00:00Z'); t < Date.parse('2026-12-14T00:00:00Z'); t += 15 * 60_000) {
      for (const c of owedCheckIns(new Date(t), [person(1, SH), person(2, NY)], [duty('D1', 'daily@18:00')], DEFAULT_SETTINGS)) {
        const key = `${c.employeeId}:${c.occurrence}`
        seen.set(key, (seen.get(key) ?? 0) + 1)
      }
    }
    const days = (id: number) =>
      [...seen.keys()]
        .filter((k) => k.startsWith(`${id}:`))
        .map((k) => k.slice(2))
        .sort()
    const weekdays = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09']
    // Shanghai's Monday 14 Dec has begun when the window ends (08:00 there); New York's has not.
    expect(days(1)).toEqual([...weekdays, '2026-12-10', '2026-12-11', '2026-12-14'])
    expect(days(2)).toEqual([...weekdays, '2026-12-10', '2026-12-11'])
  })
})

describe('supersededCheckIns: an unsubmitted check-in is over once a newer one exists and its ladder is done', () => {
  const policy = { ...DEFAULT_REMINDER_POLICY }
  const c = (id: number, occurrence: string, dueAt: string, employeeId = 1) => ({
    id,
    employeeId,
    jobId: LEADER,
    dutyCode: 'D1',
    occurrence,
    dueAt: new Date(dueAt),
  })
  const rows: { name: string; now: string; open: ReturnType<typeof c>[]; expected: number[]; owes?: (employeeId: number) => boolean }[] = [
    {
      name: 'the only open one stays open however late',
      now: '2026-12-31T03:00:00Z',
      open: [c(1, '2026-12-01', '2026-12-01T10:00:00Z')],
      expected: [],
    },
    {
      name: 'a newer one exists but the HR escalation (6 working days) has not come yet',
      now: '2026-12-09T03:00:00Z', // 6 working days after Tue 1 Dec
      open: [c(1, '2026-12-01', '2026-12-01T10:00:00Z'), c(2, '2026-12-09', '2026-12-09T10:00:00Z')],
      expected: [],
    },
    {
      name: 'past the whole ladder and a newer one exists: missed',
      now: '2026-12-10T03:00:00Z', // 7 working days
      open: [c(1, '2026-12-01', '2026-12-01T10:00:00Z'), c(2, '2026-12-10', '2026-12-10T10:00:00Z')],
      expected: [1],
    },
    {
      name: "another person's newer check-in does not close this one",
      now: '2026-12-10T03:00:00Z',
      open: [c(1, '2026-12-01', '2026-12-01T10:00:00Z'), c(2, '2026-12-10', '2026-12-10T10:00:00Z', 2)],
      expected: [],
    },
    {
      name: 'a person who no longer owes the duty (left, moved job): past due, missed at once',
      now: '2026-12-02T03:00:00Z',
      open: [c(1, '2026-12-01', '2026-12-01T10:00:00Z'), c(2, '2026-12-01', '2026-12-01T10:00:00Z', 2)],
      expected: [2],
      owes: (employeeId) => employeeId !== 2,
    },
    {
      name: 'one no longer owed but not yet due stays (it may still be submitted)',
      now: '2026-12-01T03:00:00Z',
      open: [c(1, '2026-12-01', '2026-12-01T10:00:00Z', 2)],
      expected: [],
      owes: () => false,
    },
  ]
  for (const row of rows)
    it(row.name, () => {
      const owes = row.owes
      expect(
        supersededCheckIns(new Date(row.now), row.open, () => SH, policy, owes ? (checkIn) => owes(checkIn.employeeId) : undefined),
      ).toEqual(row.expected)
    })
})

describe('validateEvidence: what Submit accepts for each kind of evidence', () => {
  const rows: [string, string | undefined, unknown][] = [
    ['none', undefined, { ok: true, value: null }],
    ['none', '  ', { ok: true, value: null }],
    ['note', '', { ok: false, error: 'required' }],
    ['note', ' 盘点完毕 ', { ok: true, value: '盘点完毕' }],
    ['number', '42', { ok: true, value: '42' }],
    ['number', '1,250.5', { ok: true, value: '1250.5' }],
    ['number', '-3', { ok: true, value: '-3' }],
    ['number', '四十二', { ok: false, error: 'notNumber' }],
    ['number', '12abc', { ok: false, error: 'notNumber' }],
    ['link', 'https://wiki.example.com/inventory/2026-12-04', { ok: true, value: 'https://wiki.example.com/inventory/2026-12-04' }],
    ['link', 'http://intranet/x', { ok: true, value: 'http://intranet/x' }],
    ['link', 'ftp://files.example.com/x', { ok: false, error: 'notLink' }],
    ['link', 'javascript:alert(1)', { ok: false, error: 'notLink' }],
    ['link', 'wiki.example.com', { ok: false, error: 'notLink' }],
  ]
  for (const [evidence, raw, expected] of rows)
    it(`${evidence}: ${JSON.stringify(raw)}`, () => {
      expect(validateEvidence(evidence as 'none', raw)).toEqual(expected)
    })
})

describe('materialProvider: who owes a missing material', () => {
  const e = (
    id: number,
    departmentId: number | null,
    roles: Role[],
    managerId: number | null = null,
    status: 'active' | 'inactive' = 'active',
  ) => ({ id, departmentId, roles, managerId, status }) as Pick<Employee, 'id' | 'departmentId' | 'roles' | 'managerId' | 'status'>
  const people = [
    e(1, 1, ['employee', 'hr']), // HR
    e(2, 2, ['employee', 'manager']), // head of department 2 (reports outside it)
    e(3, 2, ['employee', 'manager'], 2), // a manager under the head
    e(4, 2, ['employee'], 3),
    e(5, 3, ['employee', 'manager'], 6), // department 3: its managers all report inside it…
    e(6, 3, ['employee', 'manager'], 5),
    e(7, 4, ['employee']), // department 4 has no manager
    e(8, 2, ['employee'], 3, 'inactive'),
    e(9, 1, ['employee', 'hr']),
  ]
  const rows: [string, number | null, number | null, number | null][] = [
    ['the named provider', 4, 2, 4],
    ['the head of the provider department (whose manager is outside it)', null, 2, 2],
    ['a department whose managers report to each other: the first of them', null, 3, 5],
    ['a department without a manager: HR (the first)', null, 4, 1],
    ['nobody named: HR', null, null, 1],
    ['a named provider who left: their department head', 8, 2, 2],
  ]
  for (const [name, providerEmployeeId, providerDepartmentId, expected] of rows)
    it(name, () => {
      expect(materialProvider({ providerEmployeeId, providerDepartmentId }, people)).toBe(expected)
    })
  it('nobody at all: null', () => {
    expect(materialProvider({ providerEmployeeId: null, providerDepartmentId: null }, [e(4, 2, ['employee'])])).toBeNull()
  })
})

describe('complianceRows: owed, on time, late, missed and the share on time', () => {
  const now = new Date('2026-12-04T06:00:00Z')
  const v = (
    employeeId: number,
    code: string,
    occurrence: string,
    status: 'open' | 'done' | 'missed',
    dueAt: string,
    submittedAt?: string,
  ): CheckInView => ({
    checkIn: {
      id: 0,
      employeeId,
      jobId: LEADER,
      dutyCode: code,
      occurrence,
      openedAt: new Date(dueAt),
      dueAt: new Date(dueAt),
      status,
      submittedAt: submittedAt ? new Date(submittedAt) : null,
      evidence: null,
      snoozedUntil: null,
    },
    text: { zh: `职责${code}`, en: code },
    evidence: 'none',
  })
  it('counts each outcome per person and duty; open and not yet due is pending, open and past due is missed', () => {
    const { rows, total } = complianceRows(
      [
        v(1, 'D1', '2026-12-01', 'done', '2026-12-01T10:00:00Z', '2026-12-01T09:00:00Z'), // on time
        v(1, 'D1', '2026-12-02', 'done', '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z'), // on time (at the minute)
        v(1, 'D1', '2026-12-03', 'done', '2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z'), // late
        v(1, 'D1', '2026-12-04', 'open', '2026-12-04T10:00:00Z'), // pending
        v(2, 'D1', '2026-12-01', 'missed', '2026-12-01T10:00:00Z'),
        v(2, 'D1', '2026-12-02', 'open', '2026-12-02T10:00:00Z'), // open past due: missed
        v(2, 'D1', '2026-12-03', 'done', '2026-12-03T10:00:00Z', '2026-12-03T08:00:00Z'),
        v(1, 'W1', '2026-11-27', 'done', '2026-11-27T10:00:00Z', '2026-11-27T09:59:00Z'),
      ],
      now,
    )
    expect(rows.map((r) => [r.employeeId, r.dutyCode, r.owed, r.onTime, r.late, r.missed, r.pending, r.sharePercent])).toEqual([
      [1, 'D1', 3, 2, 1, 0, 1, 67],
      [1, 'W1', 1, 1, 0, 0, 0, 100],
      [2, 'D1', 3, 1, 0, 2, 0, 33],
    ])
    expect([total.owed, total.onTime, total.late, total.missed, total.pending, total.sharePercent]).toEqual([7, 4, 1, 2, 1, 57])
  })
  it('nothing owed yet: no share', () => {
    const { total } = complianceRows([v(1, 'D1', '2026-12-04', 'open', '2026-12-04T10:00:00Z')], now)
    expect([total.owed, total.pending, total.sharePercent]).toEqual([0, 1, null])
  })
})

describe('periodOf: the period a compliance question names, in the asker’s zone', () => {
  const now = new Date('2026-12-02T18:00:00Z') // Thu 3 Dec 02:00 Shanghai, Wed 2 Dec in New York
  const rows: [string, string, string, string][] = [
    ['职责履行情况', SH, '2026-11-04', '2026-12-03'],
    ['本月职责履行情况', SH, '2026-12-01', '2026-12-03'],
    ['duty compliance this month', NY, '2026-12-01', '2026-12-02'],
    ['上个月的打卡', SH, '2026-11-01', '2026-11-30'],
    ['this week', SH, '2026-11-30', '2026-12-03'],
    ['who missed check-ins last week', NY, '2026-11-23', '2026-11-29'],
    ['上周谁没交', SH, '2026-11-23', '2026-11-29'],
  ]
  for (const [text, zone, from, to] of rows)
    it(`${text} (${zone})`, () => {
      expect(periodOf(text, now, zone)).toEqual({ from, to })
    })
})

describe('the reminder policy for check-ins and materials: the same ladder as every task', () => {
  const policy = DEFAULT_REMINDER_POLICY
  const DAY = 86_400_000
  const people: PlanPerson[] = [
    { id: 7, timeZone: SH, managerId: 8, isHr: false },
    { id: 8, timeZone: SH, managerId: null, isHr: false },
    { id: 9, timeZone: SH, managerId: null, isHr: true },
  ]
  const day = (at: Date) => isoDate(localParts(at, SH))
  const rows: { name: string; task: PlanTask; own: [string, string][]; manager: [string, string][]; hr: [string, string][] }[] = [
    {
      name: 'a daily check-in opened Tue 09:00, due 18:00: notice, due day, every 2 working days overdue, manager, HR',
      task: {
        kind: 'checkin',
        id: 1,
        assigneeId: 7,
        assignedAt: new Date('2026-12-01T01:00:00Z'),
        dueAt: new Date('2026-12-01T10:00:00Z'),
        snoozedUntil: null,
      },
      own: [
        ['assigned', '2026-12-01'],
        ['overdue:1', '2026-12-03'],
        ['overdue:2', '2026-12-07'],
        ['overdue:3', '2026-12-09'],
      ],
      manager: [['escalate:manager', '2026-12-04']],
      hr: [['escalate:hr', '2026-12-09']],
    },
    {
      name: 'a material due in a week: notice, the day before (3 days before is a Saturday, overtaken), the due day',
      task: {
        kind: 'material',
        id: 1,
        assigneeId: 7,
        assignedAt: new Date('2026-12-01T02:00:00Z'),
        dueAt: new Date('2026-12-08T10:00:00Z'),
        snoozedUntil: null,
      },
      own: [
        ['assigned', '2026-12-01'],
        ['before:1d', '2026-12-07'],
        ['due', '2026-12-08'],
      ],
      manager: [],
      hr: [],
    },
  ]
  for (const row of rows)
    it(row.name, () => {
      const from = row.task.assignedAt
      const sent = simulate({ people, tasks: [row.task] }, policy, from, new Date(from.getTime() + 9 * DAY))
      const steps = (id: number) => sent.filter((s) => s.recipientId === id).flatMap((s) => s.digest.items.map((i) => [i.step, day(s.at)]))
      expect(steps(7)).toEqual(row.own)
      expect(steps(8)).toEqual(row.manager)
      expect(steps(9)).toEqual(row.hr)
    })
})
