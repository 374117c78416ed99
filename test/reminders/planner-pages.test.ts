// The incremental planner (reminderPlanner) that the sweep feeds a page at a time
// plans exactly what planReminders plans over everything at once, whatever the
// page sizes, the order the pages come in, and however history and tasks are cut.
import { describe, expect, it } from 'vitest'
import { planReminders, reminderPlanner } from '../../core/features/tasks/plan-reminders.js'
import type { HistoryEntry, PlanPerson, PlanTask } from '../../core/features/tasks/types.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'

const HOUR = 3_600_000
const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York'] as const

/** mulberry32: the same company on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function company(seed: number, now: Date) {
  const random = prng(seed)
  const people: PlanPerson[] = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    timeZone: ZONES[Math.floor(random() * ZONES.length)]!,
    managerId: i === 0 ? null : Math.floor(i / 5) + 1,
    isHr: i % 13 === 4,
  }))
  const tasks: PlanTask[] = Array.from({ length: 160 }, (_, i) => {
    const due = now.getTime() + Math.floor((random() * 40 - 15) * 24) * HOUR
    return {
      kind: i % 3 === 0 ? 'evaluation' : 'training',
      id: 1000 + i,
      assigneeId: 1 + Math.floor(random() * people.length),
      assignedAt: new Date(due - Math.floor(random() * 30 + 1) * 24 * HOUR),
      dueAt: random() < 0.1 ? null : new Date(due),
      snoozedUntil: random() < 0.1 ? new Date(now.getTime() + Math.floor(random() * 48 - 24) * HOUR) : null,
    }
  })
  // Some steps already taken: the ones a sweep two days earlier would have recorded.
  const earlier = planReminders({ now: new Date(now.getTime() - 48 * HOUR), people, tasks, history: [] }, DEFAULT_REMINDER_POLICY)
  const history: HistoryEntry[] = earlier
    .filter(() => random() < 0.7)
    .flatMap((d) => d.items.map((i) => ({ taskKind: i.task.kind, taskId: i.task.id, step: i.step, recipientId: d.recipientId })))
  return { people, tasks, history }
}

const pages = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

describe('reminderPlanner fed in pages', () => {
  const cases = [
    { now: '2026-11-24T09:00:00Z', seed: 1 }, // Tuesday 17:00 in Shanghai: catch-up for most
    { now: '2026-11-24T02:10:00Z', seed: 2 }, // Tuesday morning in Shanghai, night in London
    { now: '2026-11-27T15:00:00Z', seed: 3 }, // Friday afternoon in London
    { now: '2026-11-29T03:00:00Z', seed: 4 }, // a Sunday
  ]
  const splits = [
    { name: 'one page each', historyPage: 100_000, taskPage: 100_000, reverse: false },
    { name: 'pages of 7', historyPage: 7, taskPage: 7, reverse: false },
    { name: 'pages of 1, tasks in reverse', historyPage: 1, taskPage: 1, reverse: true },
    { name: 'history whole, tasks in 13s, reversed', historyPage: 100_000, taskPage: 13, reverse: true },
  ]
  for (const c of cases) {
    for (const split of splits) {
      it(`${c.now}, ${split.name}`, () => {
        const now = new Date(c.now)
        const { people, tasks, history } = company(c.seed, now)
        const expected = planReminders({ now, people, tasks, history }, DEFAULT_REMINDER_POLICY)
        const planner = reminderPlanner(now, people, DEFAULT_REMINDER_POLICY)
        for (const page of pages(history, split.historyPage)) planner.addHistory(page)
        const ordered = split.reverse ? [...tasks].reverse() : tasks
        for (const page of pages(ordered, split.taskPage)) planner.addTasks(page)
        expect(planner.digests()).toEqual(expected)
        expect(planner.recipients().map((r) => planner.digestOf(r.recipientId))).toEqual(expected)
        expect(planner.itemCount).toBe(expected.reduce((n, d) => n + d.items.length, 0))
      })
    }
  }

  it('hands each digest over once with takeDigest, forgetting it (a sweep frees what it has written)', () => {
    const now = new Date(cases[0]!.now)
    const { people, tasks, history } = company(cases[0]!.seed, now)
    const expected = planReminders({ now, people, tasks, history }, DEFAULT_REMINDER_POLICY)
    const planner = reminderPlanner(now, people, DEFAULT_REMINDER_POLICY)
    planner.addHistory(history)
    planner.addTasks(tasks)
    const [first, ...rest] = planner.recipients()
    expect(planner.takeDigest(first!.recipientId)).toEqual(expected[0])
    expect(planner.recipients()).toEqual(rest)
    expect(() => planner.digestOf(first!.recipientId)).toThrow(/taken already/)
    expect(rest.map((r) => planner.takeDigest(r.recipientId))).toEqual(expected.slice(1))
    expect(planner.recipients()).toEqual([])
  })

  it('plans something in every case (the comparison is not between two empty lists)', () => {
    for (const c of cases.slice(0, 3)) {
      const now = new Date(c.now)
      expect(planReminders({ now, ...company(c.seed, now) }, DEFAULT_REMINDER_POLICY).length).toBeGreaterThan(3)
    }
  })
})
