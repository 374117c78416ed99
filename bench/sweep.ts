// Reminder sweep over a generated company: 10,000 employees, 50,000 open items.
// Measures loading, the pure policy, and a full sweep (plan + render + enqueue
// into the outbox with its ReminderLog rows), then a steady-state sweep right
// after, and the peak RSS.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDb } from '../adapters/db/client.js'
import { migrate } from '../adapters/db/migrate.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { runReminderSweep } from '../core/app/run-sweep.js'
import { ladderDeps } from '../core/app/store.js'
import { planReminders } from '../core/features/tasks/index.js'
import { DEFAULT_REMINDER_POLICY } from '../core/kernel/reminder-options.js'
import { generateOrg } from './support/generate-org.js'

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000)
const ITEMS_PER_EMPLOYEE = 5
// Tue 24 Nov 2026, 17:00 in Shanghai (where 85 % of the company is): almost everyone's minute
// has passed, so this first sweep is the worst case — a catch-up digest for nearly everybody there.
const now = new Date('2026-11-24T09:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-sweep-'))
const url = `file:${join(dir, 'bench.db')}`
migrate(url)
const db = await openDb(url)
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`
const mb = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`

try {
  let t0 = performance.now()
  await generateOrg(db, { employees: EMPLOYEES, openItemsPerEmployee: ITEMS_PER_EMPLOYEE, now, seed: 42 })
  await db.$executeRawUnsafe(`INSERT INTO "ChatIdentity" ("platform", "tenant", "externalId", "employeeId", "linkedAt")
    SELECT 'slack', 'T0BENCH', 'U' || "id", "id", '2026-01-01T00:00:00.000+00:00' FROM "Employee"`)
  const open =
    (await db.trainingAssignment.count({ where: { status: { in: ['assigned', 'in_progress', 'overdue'] } } })) +
    (await db.evaluationTask.count({ where: { status: { in: ['open', 'overdue'] } } }))
  console.log(`generated ${EMPLOYEES} employees, ${open} open items in ${ms(t0)}`)

  const clock = { now: () => now }
  const store = createPrismaStore(db)
  const deps = ladderDeps({ store, clock, log: silent })
  const policy = DEFAULT_REMINDER_POLICY

  t0 = performance.now()
  const snapshot = await store.reminders.snapshot()
  console.log(
    `load: ${snapshot.employees.length} people, ${snapshot.trainings.length + snapshot.evaluations.length} open items, ${snapshot.history.length} history rows in ${ms(t0)}`,
  )
  const people = snapshot.employees
    .filter((e) => e.status === 'active')
    .map((e) => ({ id: e.id, timeZone: e.timeZone, managerId: e.managerId, isHr: e.roles.includes('hr') }))
  const tasks = [
    ...snapshot.trainings.map((a) => ({
      kind: 'training' as const,
      id: a.id,
      assigneeId: a.employeeId,
      assignedAt: a.assignedAt,
      dueAt: a.dueAt,
      snoozedUntil: a.snoozedUntil,
    })),
    ...snapshot.evaluations.map((e) => ({
      kind: 'evaluation' as const,
      id: e.id,
      assigneeId: e.assigneeId,
      assignedAt: e.createdAt,
      dueAt: e.dueAt,
      snoozedUntil: e.snoozedUntil,
    })),
  ]
  t0 = performance.now()
  const planned = planReminders({ now, people, tasks, history: snapshot.history }, policy)
  console.log(`pure policy: ${planned.length} digests, ${planned.reduce((n, d) => n + d.items.length, 0)} items in ${ms(t0)}`)

  t0 = performance.now()
  const first = await runReminderSweep(deps, { policy, platforms: ['slack'], holder: 'bench' })
  const firstMs = performance.now() - t0
  if (first.kind !== 'swept') throw new Error('sweep was busy')
  console.log(
    `first sweep (load + plan + render + enqueue): ${first.digests} digests, ${first.enqueued} outbox rows in ${firstMs.toFixed(0)} ms (${((firstMs / EMPLOYEES) * 1000).toFixed(0)} µs per employee)`,
  )
  console.log(`  outbox ${await db.outboxMessage.count()} rows, ReminderLog ${await db.reminderLog.count()} rows`)

  const later = new Date(now.getTime() + 15 * 60_000)
  t0 = performance.now()
  const second = await runReminderSweep(ladderDeps({ store, clock: { now: () => later }, log: silent }), {
    policy,
    platforms: ['slack'],
    holder: 'bench',
  })
  console.log(
    `steady-state sweep 15 min later: ${second.kind === 'swept' ? `${second.digests} digests, ${second.enqueued} enqueued` : second.kind} in ${ms(t0)}`,
  )
  console.log(`peak RSS: ${mb()}`)
} finally {
  await db.$disconnect()
  rmSync(dir, { recursive: true, force: true })
}
