// The reminder policy, table-driven over a fake clock: sweeps every 15 minutes
// across weeks, three time zones and two DST changes.
import { describe, expect, it } from 'vitest'
import { digestKey, planReminders } from '../../core/features/tasks/plan-reminders.js'
import type { PlanPerson, PlanTask } from '../../core/features/tasks/types.js'
import { isoDate, localParts } from '../../core/kernel/domain/zoned-time.js'
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../../core/kernel/reminder-options.js'
import { isWorkingTime } from '../../core/kernel/working-time.js'
import { type Sent, simulate } from './support/simulate.js'

const policy: ReminderPolicy = DEFAULT_REMINDER_POLICY
const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York'] as const
const DAY = 86_400_000

const person = (id: number, timeZone: string, extra: Partial<PlanPerson> = {}): PlanPerson => ({
  id,
  timeZone,
  managerId: null,
  isHr: false,
  ...extra,
})
const training = (id: number, assigneeId: number, assignedAt: string, dueAt: string | null, extra: Partial<PlanTask> = {}): PlanTask => ({
  kind: 'training',
  id,
  assigneeId,
  assignedAt: new Date(assignedAt),
  dueAt: dueAt ? new Date(dueAt) : null,
  snoozedUntil: null,
  ...extra,
})
const localDay = (at: Date, tz: string) => isoDate(localParts(at, tz))
const stepsTo = (sent: Sent[], recipientId: number, tz: string) =>
  sent.filter((s) => s.recipientId === recipientId).flatMap((s) => s.digest.items.map((i) => [i.step, localDay(s.at, tz)]))

/** Every delivery in the recipient's working hours, on a working day, never at :00 or :30. */
function expectCivilised(sent: Sent[], zoneOf: (id: number) => string, p: ReminderPolicy = policy) {
  for (const s of sent) {
    const tz = zoneOf(s.recipientId)
    expect(isWorkingTime(s.at, tz, p), `${s.at.toISOString()} in ${tz}`).toBe(true)
    expect([0, 30]).not.toContain(localParts(s.at, tz).minute)
  }
}

describe('planReminders over weeks of sweeps', () => {
  // Assignee 7, manager 8, HR 9, all in the row's zone.
  const rows: {
    name: string
    zone: string
    assignedAt: string
    dueAt: string
    holidays?: string[]
    own: [string, string][]
    manager: [string, string][]
    hr: [string, string][]
  }[] = [
    {
      name: 'Shanghai: notice, 3 and 1 days before, due day, every 2 working days overdue',
      zone: 'Asia/Shanghai',
      assignedAt: '2026-11-16T02:00:00Z', // Mon 10:00
      dueAt: '2026-11-20T10:00:00Z', // Fri 18:00
      own: [
        ['assigned', '2026-11-16'],
        ['before:3d', '2026-11-17'],
        ['before:1d', '2026-11-19'],
        ['due', '2026-11-20'],
        ['overdue:1', '2026-11-24'],
        ['overdue:2', '2026-11-26'],
        ['overdue:3', '2026-11-30'],
        ['overdue:4', '2026-12-02'],
        ['overdue:5', '2026-12-04'],
      ],
      manager: [['escalate:manager', '2026-11-25']],
      hr: [['escalate:hr', '2026-11-30']],
    },
    {
      name: 'Shanghai with a holiday: it is neither a delivery day nor an overdue working day',
      zone: 'Asia/Shanghai',
      assignedAt: '2026-11-16T02:00:00Z',
      dueAt: '2026-11-20T10:00:00Z',
      holidays: ['2026-11-24'],
      own: [
        ['assigned', '2026-11-16'],
        ['before:3d', '2026-11-17'],
        ['before:1d', '2026-11-19'],
        ['due', '2026-11-20'],
        ['overdue:1', '2026-11-25'],
        ['overdue:2', '2026-11-27'],
        ['overdue:3', '2026-12-01'],
        ['overdue:4', '2026-12-03'],
        ['overdue:5', '2026-12-07'],
      ],
      manager: [['escalate:manager', '2026-11-26']],
      hr: [['escalate:hr', '2026-12-01']],
    },
    {
      name: 'London across the end of summer time (Sun 25 Oct): the Sunday reminder waits for Monday',
      zone: 'Europe/London',
      assignedAt: '2026-10-19T09:30:00Z', // Mon 10:30 BST
      dueAt: '2026-10-28T17:00:00Z', // Wed 17:00 GMT
      own: [
        ['assigned', '2026-10-19'],
        ['before:3d', '2026-10-26'],
        ['before:1d', '2026-10-27'],
        ['due', '2026-10-28'],
        ['overdue:1', '2026-10-30'],
        ['overdue:2', '2026-11-03'],
        ['overdue:3', '2026-11-05'],
        ['overdue:4', '2026-11-09'],
      ],
      manager: [['escalate:manager', '2026-11-02']],
      hr: [['escalate:hr', '2026-11-05']],
    },
    {
      name: 'New York across the end of daylight time (Sun 1 Nov): the Sunday step is overtaken by the due day',
      zone: 'America/New_York',
      assignedAt: '2026-10-29T14:00:00Z', // Thu 10:00 EDT
      dueAt: '2026-11-02T22:00:00Z', // Mon 17:00 EST
      own: [
        ['assigned', '2026-10-29'],
        ['before:3d', '2026-10-30'],
        ['due', '2026-11-02'],
        ['overdue:1', '2026-11-04'],
        ['overdue:2', '2026-11-06'],
        ['overdue:3', '2026-11-10'],
        ['overdue:4', '2026-11-12'],
        ['overdue:5', '2026-11-16'],
        ['overdue:6', '2026-11-18'],
      ],
      manager: [['escalate:manager', '2026-11-05']],
      hr: [['escalate:hr', '2026-11-10']],
    },
  ]

  for (const row of rows) {
    it(row.name, () => {
      const p = { ...policy, holidays: new Set(row.holidays ?? []) }
      const people = [person(7, row.zone, { managerId: 8 }), person(8, row.zone), person(9, row.zone, { isHr: true })]
      const task = training(1, 7, row.assignedAt, row.dueAt)
      const from = new Date(row.assignedAt)
      const sent = simulate({ people, tasks: [task] }, p, from, new Date(from.getTime() + 22 * DAY))
      expect(stepsTo(sent, 7, row.zone)).toEqual(row.own)
      expect(stepsTo(sent, 8, row.zone)).toEqual(row.manager)
      expect(stepsTo(sent, 9, row.zone)).toEqual(row.hr)
      expectCivilised(sent, () => row.zone, p)
    })
  }
})

describe('delivery minute', () => {
  it('keeps a person at the same local minute across a DST change, and never delivers at night', () => {
    for (const [zone, before, after] of [
      ['Europe/London', '2026-10-23', '2026-10-26'],
      ['America/New_York', '2026-10-30', '2026-11-02'],
    ] as const) {
      const people = [person(42, zone)]
      // A task per day, due far away, so every day has a "before" step at the person's minute.
      const tasks = [
        training(1, 42, '2026-10-01T00:00:00Z', `${before}T12:00:00Z`),
        training(2, 42, '2026-10-01T00:00:00Z', `${after}T12:00:00Z`),
      ]
      const sent = simulate(
        { people, tasks, history: [1, 2].map((id) => ({ taskKind: 'training' as const, taskId: id, step: 'assigned', recipientId: 42 })) },
        { ...policy, offsetsDays: [] },
        new Date(`${before}T00:00:00Z`),
        new Date(`${after}T23:59:00Z`),
      )
      const dueDays = sent.filter((s) => s.digest.items.some((i) => i.step === 'due'))
      expect(dueDays.map((s) => localDay(s.at, zone))).toEqual([before, after])
      const [a, b] = dueDays.map((s) => localParts(s.at, zone))
      expect([a!.hour, a!.minute]).toEqual([b!.hour, b!.minute])
      const utcMinutes = dueDays.map((s) => s.at.getUTCHours() * 60 + s.at.getUTCMinutes())
      // The wall clock stayed put, so the instant moved by the hour the clocks went back.
      expect(utcMinutes[1]! - utcMinutes[0]!).toBe(60)
      expectCivilised(sent, () => zone)
    }
  })

  it('spreads a large company over the working day, never :00 or :30', () => {
    const people = Array.from({ length: 600 }, (_, i) => person(i + 1, ZONES[i % 3]!))
    const tasks = people.map((p) => training(p.id, p.id, '2026-11-01T00:00:00Z', '2026-11-19T12:00:00Z'))
    const history = tasks.map((t) => ({ taskKind: 'training' as const, taskId: t.id, step: 'assigned', recipientId: t.assigneeId }))
    // Wednesday 18 Nov is "1 day before" everywhere; nothing is owed before it begins.
    const sent = simulate(
      { people, tasks, history },
      { ...policy, offsetsDays: [1] },
      new Date('2026-11-17T16:00:00Z'),
      new Date('2026-11-19T00:00:00Z'),
    )
    expect(sent.map((s) => s.steps.length)).toEqual(people.map(() => 1))
    const perMinute = new Map<number, number>()
    for (const s of sent) perMinute.set(s.at.getTime(), (perMinute.get(s.at.getTime()) ?? 0) + 1)
    expect(perMinute.size).toBeGreaterThan(400)
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(5)
    expectCivilised(sent, (id) => ZONES[(id - 1) % 3]!)
  })

  it('plans nobody at night, at weekends or on holidays', () => {
    const rows: [string, string, string[]][] = [
      ['Asia/Shanghai', '2026-11-16T15:00:00Z', []], // Mon 23:00
      ['Asia/Shanghai', '2026-11-21T03:00:00Z', []], // Sat 11:00
      ['Europe/London', '2026-11-17T06:00:00Z', []], // Tue 06:00
      ['Europe/London', '2026-11-17T12:00:00Z', ['2026-11-17']], // a holiday
      ['America/New_York', '2026-11-17T12:00:00Z', []], // Tue 07:00
      ['America/New_York', '2026-11-15T17:00:00Z', []], // Sun 12:00
    ]
    for (const [zone, now, holidays] of rows) {
      const task = training(1, 5, '2026-11-16T00:00:00Z', '2026-11-18T00:00:00Z')
      const digests = planReminders(
        { now: new Date(now), people: [person(5, zone)], tasks: [task], history: [] },
        { ...policy, holidays: new Set(holidays) },
      )
      expect(digests, `${zone} ${now}`).toEqual([])
    }
  })
})

describe('snooze, digests and completion', () => {
  const zone = 'Asia/Shanghai'

  it('holds a snooze: nothing until it ends, then the owed reminder once', () => {
    const people = [person(7, zone)]
    const task = training(1, 7, '2026-11-16T02:00:00Z', '2026-11-20T10:00:00Z')
    const from = new Date('2026-11-16T02:00:00Z')
    const to = new Date('2026-11-21T00:00:00Z')
    const unsnoozed = simulate({ people, tasks: [task] }, policy, from, to)
    // The person snoozes "until the next working day" a quarter after the "3 days before" reminder.
    const reminded = unsnoozed.find((s) => s.steps.includes('training:1:before:3d'))!
    const snoozedAt = new Date(reminded.at.getTime() + 15 * 60_000)
    const until = new Date('2026-11-18T01:00:00Z') // Wed 09:00
    const sent = simulate({ people, tasks: [task] }, policy, from, to, (now, tasks) =>
      now >= snoozedAt ? tasks.map((t) => ({ ...t, snoozedUntil: until })) : tasks,
    )
    expect(stepsTo(sent, 7, zone)).toEqual([
      ['assigned', '2026-11-16'],
      ['before:3d', '2026-11-17'],
      [`snoozed:${until.toISOString()}`, '2026-11-18'],
      ['before:1d', '2026-11-19'],
      ['due', '2026-11-20'],
    ])
    const afterSnooze = sent.find((s) => s.steps.some((x) => x.includes('snoozed:')))!
    expect(afterSnooze.at.getTime()).toBeGreaterThanOrEqual(until.getTime())
    expect(sent.filter((s) => s.at > snoozedAt && s.at < until)).toEqual([])
  })

  it('snoozed past a due day: the due-day reminder is not sent while snoozed', () => {
    const until = new Date('2026-11-23T01:00:00Z') // Mon 09:00
    const task = training(1, 7, '2026-11-16T02:00:00Z', '2026-11-20T10:00:00Z', { snoozedUntil: until })
    const sent = simulate(
      { people: [person(7, zone)], tasks: [task] },
      policy,
      new Date('2026-11-16T02:00:00Z'),
      new Date('2026-11-24T00:00:00Z'),
    )
    expect(stepsTo(sent, 7, zone)).toEqual([[`snoozed:${until.toISOString()}`, '2026-11-23']])
  })

  it('makes one digest of everything owed to one person in one run', () => {
    const people = [person(7, zone, { managerId: 8 }), person(8, zone), person(10, zone, { managerId: 8 })]
    const tasks = [
      training(1, 7, '2026-11-01T00:00:00Z', '2026-11-20T10:00:00Z'),
      { ...training(2, 7, '2026-11-01T00:00:00Z', '2026-11-20T12:00:00Z'), kind: 'evaluation' as const },
      training(3, 8, '2026-11-01T00:00:00Z', '2026-11-20T12:00:00Z'), // the manager's own task
      training(4, 10, '2026-11-01T00:00:00Z', '2026-11-10T10:00:00Z'), // a report's task, long overdue
    ]
    const history = tasks.map((t) => ({ taskKind: t.kind, taskId: t.id, step: 'assigned', recipientId: t.assigneeId }))
    const sent = simulate({ people, tasks, history }, policy, new Date('2026-11-17T00:00:00Z'), new Date('2026-11-17T16:00:00Z'))
    const toSeven = sent.filter((s) => s.recipientId === 7)
    expect(toSeven.map((s) => s.steps)).toEqual([['training:1:before:3d', 'evaluation:2:before:3d']])
    const toManager = sent.filter((s) => s.recipientId === 8)
    expect(toManager.map((s) => s.digest.items.map((i) => [i.role, i.task.id, i.step]))).toEqual([
      [
        ['own', 3, 'before:3d'],
        ['manager', 4, 'escalate:manager'],
      ],
    ])
  })

  it('stops when the task is done, and sends a task without a due date its notice only', () => {
    const tasks = [training(1, 7, '2026-11-16T02:00:00Z', '2026-11-20T10:00:00Z'), training(2, 7, '2026-11-16T02:00:00Z', null)]
    const doneAt = new Date('2026-11-18T00:00:00Z')
    const sent = simulate(
      { people: [person(7, zone)], tasks },
      policy,
      new Date('2026-11-16T02:00:00Z'),
      new Date('2026-12-10T00:00:00Z'),
      (now, ts) => (now >= doneAt ? ts.filter((t) => t.id !== 1) : ts),
    )
    expect(sent.map((s) => s.steps)).toEqual([['training:1:assigned', 'training:2:assigned'], ['training:1:before:3d']])
  })

  it('escalates on the assignee’s calendar but delivers in the manager’s own hours', () => {
    const people = [person(7, 'Asia/Shanghai', { managerId: 8 }), person(8, 'America/New_York')]
    const task = training(1, 7, '2026-11-16T02:00:00Z', '2026-11-20T10:00:00Z')
    const sent = simulate({ people, tasks: [task] }, policy, new Date('2026-11-16T02:00:00Z'), new Date('2026-11-30T00:00:00Z'))
    const escalation = sent.filter((s) => s.recipientId === 8)
    expect(escalation.map((s) => s.steps)).toEqual([['training:1:escalate:manager']])
    // Shanghai's 3rd overdue working day (Wed 25 Nov) begins at 16:00 UTC on the 24th, a New York
    // Tuesday: the manager hears of it at their own minute, in their working hours, from then on.
    const wednesdayInShanghai = new Date('2026-11-24T16:00:00Z').getTime()
    expect(escalation[0]!.at.getTime()).toBeGreaterThanOrEqual(wednesdayInShanghai)
    expect(escalation[0]!.at.getTime()).toBeLessThan(wednesdayInShanghai + DAY)
    expectCivilised(sent, (id) => (id === 8 ? 'America/New_York' : 'Asia/Shanghai'))
  })

  it('ignores tasks of people it does not know (inactive) and never escalates to the assignee themself', () => {
    const people = [person(9, zone, { isHr: true, managerId: 9 })]
    const tasks = [
      training(1, 7, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
      training(2, 9, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
    ]
    const history = [{ taskKind: 'training' as const, taskId: 2, step: 'overdue:7', recipientId: 9 }]
    const digests = planReminders({ now: new Date('2026-11-17T01:00:00Z'), people, tasks, history }, { ...policy, horizonMinutes: 9 * 60 })
    expect(digests.flatMap((d) => d.items.map((i) => [d.recipientId, i.task.id, i.role]))).toEqual([[9, 2, 'own']])
  })

  it('escalates to one HR contact per assignee, the same one every time, and only once per task', () => {
    const hrPeople = [person(100, zone, { isHr: true }), person(101, zone, { isHr: true }), person(102, zone, { isHr: true })]
    const staff = Array.from({ length: 30 }, (_, i) => person(i + 1, zone))
    const tasks = staff.flatMap((p) => [
      training(p.id * 10, p.id, '2026-11-01T00:00:00Z', '2026-11-02T10:00:00Z'),
      training(p.id * 10 + 1, p.id, '2026-11-01T00:00:00Z', '2026-11-03T10:00:00Z'),
    ])
    const history = tasks.map((t) => ({ taskKind: 'training' as const, taskId: t.id, step: 'overdue:9', recipientId: t.assigneeId }))
    const whole = { ...policy, horizonMinutes: 24 * 60 }
    const digests = planReminders({ now: new Date('2026-11-17T01:00:00Z'), people: [...staff, ...hrPeople], tasks, history }, whole)
    const hrItems = digests.filter((d) => d.recipientId >= 100).flatMap((d) => d.items.map((i) => [d.recipientId, i.task.assigneeId]))
    expect(hrItems).toHaveLength(tasks.length)
    // Both tasks of one person go to the same contact; the contacts share the work.
    const contactOf = new Map<number, Set<number>>()
    for (const [hr, assignee] of hrItems) contactOf.set(assignee!, (contactOf.get(assignee!) ?? new Set()).add(hr!))
    expect([...contactOf.values()].every((s) => s.size === 1)).toBe(true)
    expect(new Set(hrItems.map(([hr]) => hr)).size).toBe(3)
    // Told once: after an HR person leaves, the new contact is not told again.
    const told = [
      ...history,
      ...digests.flatMap((d) =>
        d.items
          .filter((i) => i.role === 'hr')
          .map((i) => ({ taskKind: i.task.kind, taskId: i.task.id, step: i.step, recipientId: d.recipientId })),
      ),
    ]
    const again = planReminders(
      { now: new Date('2026-11-18T01:00:00Z'), people: [...staff, ...hrPeople.slice(1)], tasks, history: told },
      whole,
    )
    expect(again.flatMap((d) => d.items.filter((i) => i.role === 'hr'))).toEqual([])
  })

  it('keys a digest by its recipient, day and content, whatever the order of its items', () => {
    const a = training(1, 7, '2026-11-01T00:00:00Z', null)
    const b = { ...training(1, 7, '2026-11-01T00:00:00Z', null), kind: 'evaluation' as const }
    const day = '2026-11-17'
    expect(
      digestKey(7, day, [
        { task: a, step: 'due' },
        { task: b, step: 'due' },
      ]),
    ).toBe(
      digestKey(7, day, [
        { task: b, step: 'due' },
        { task: a, step: 'due' },
      ]),
    )
    // The same key in every version: a key that changed would send a digest already in the outbox again.
    expect(
      digestKey(7, day, [
        { task: a, step: 'due' },
        { task: b, step: 'due' },
      ]),
    ).toBe('reminder:7:2026-11-17:aa26f96cbf34f6dbc72d80a3')
    expect(digestKey(7, day, [{ task: a, step: 'due' }])).not.toBe(digestKey(7, day, [{ task: a, step: 'before:1d' }]))
    expect(digestKey(7, day, [{ task: a, step: 'due' }])).not.toBe(digestKey(8, day, [{ task: a, step: 'due' }]))
    expect(digestKey(7, day, [{ task: a, step: 'due' }])).not.toBe(digestKey(7, '2026-11-18', [{ task: a, step: 'due' }]))
  })
})
