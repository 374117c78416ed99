// The sweep reads its snapshot in keyset pages and writes its digests in batches
// (issue 15: sweeps that never stall the server). Over a small generated company,
// tiny pages and batches — every boundary crossed many times — write exactly the
// outbox and ReminderLog rows of one big page and batch, and exactly the digests
// the one-shot policy (planReminders over snapshot()) plans: nobody lost at a
// boundary, nobody twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isDirect } from '../../adapters/db/raw-sql.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { generateOrg } from '../../bench/support/generate-org.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { ladderDeps } from '../../core/app/store.js'
import { planReminders } from '../../core/features/tasks/index.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'

const silent = { debug() {}, info() {}, warn() {}, error() {} }
// Tue 24 Nov 2026, 17:00 in Shanghai: a catch-up digest for most of the company.
const now = new Date('2026-11-24T09:00:00Z')
const later = new Date(now.getTime() + 15 * 60_000)
const policy = DEFAULT_REMINDER_POLICY

const sizes = [
  { name: 'one page, one batch', pageSize: 100_000, batchSize: 100_000 },
  { name: 'the defaults', pageSize: undefined, batchSize: undefined },
  { name: 'pages of 7, batches of 3', pageSize: 7, batchSize: 3 },
  { name: 'pages of 1, batches of 1', pageSize: 1, batchSize: 1 },
] as const

let dbs: TestDb[] = []

beforeAll(async () => {
  dbs = await Promise.all(sizes.map(() => createTestDb()))
  for (const t of dbs) {
    await generateOrg(t.db, { employees: 90, openItemsPerEmployee: 5, now, seed: 7 })
    // No recurring duties: the one-shot policy below plans trainings and evaluations only, and the
    // demo catalogue's job descriptions would open today's check-ins (test/duties covers those).
    await t.db.jobDescription.deleteMany()
    // Everyone on Slack but every tenth person, who can be reached nowhere.
    await t.db.$executeRawUnsafe(`INSERT INTO "ChatIdentity" ("platform", "tenant", "externalId", "employeeId", "linkedAt")
      SELECT 'slack', 'T0TEST', 'U' || "id", "id", '2026-01-01T00:00:00.000+00:00' FROM "Employee" WHERE "id" % 10 <> 0`)
  }
}, 60_000)
afterAll(async () => {
  await Promise.all(dbs.map((t) => t.close()))
})

async function sweepAll(t: TestDb, size: (typeof sizes)[number], at: Date) {
  const deps = ladderDeps({ store: createPrismaStore(t.db), clock: { now: () => at }, log: silent })
  const result = await runReminderSweep(deps, {
    policy,
    platforms: ['slack'],
    holder: 'test',
    ...(size.pageSize ? { pageSize: size.pageSize } : {}),
    ...(size.batchSize ? { batchSize: size.batchSize } : {}),
  })
  if (result.kind !== 'swept') throw new Error('busy')
  return result
}

const outboxRows = (t: TestDb) =>
  t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } }).then((rows) => rows.map(({ id: _id, ...row }) => row))
const logRows = (t: TestDb) =>
  t.db.reminderLog
    .findMany({ orderBy: [{ taskKind: 'asc' }, { taskId: 'asc' }, { step: 'asc' }, { recipientId: 'asc' }] })
    .then((rows) => rows.map(({ id: _id, ...row }) => row))

describe('a sweep in pages and batches', () => {
  it('plans what the one-shot policy plans, and writes the same rows whatever the page and batch sizes', async () => {
    // What planReminders makes of the whole snapshot, before anything is written.
    const snapshot = await createPrismaStore(dbs[0]!.db).reminders.snapshot()
    const expected = planReminders(
      {
        now,
        people: snapshot.employees
          .filter((e) => e.status === 'active')
          .map((e) => ({ id: e.id, timeZone: e.timeZone, managerId: e.managerId, isHr: e.roles.includes('hr') })),
        tasks: [
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
        ],
        history: snapshot.history,
      },
      policy,
    )
    expect(expected.length).toBeGreaterThan(40)

    const results = []
    for (const [i, size] of sizes.entries()) results.push(await sweepAll(dbs[i]!, size, now))
    for (const result of results) {
      expect(result.digests).toBe(expected.length)
      expect(result.planned.map((p) => p.digest.key)).toEqual(
        expected.filter((d) => !result.unreachable.includes(d.recipientId)).map((d) => d.key),
      )
      expect(result.unreachable.length).toBeGreaterThan(0)
      expect(result.enqueued).toBe(result.planned.length)
      expect(new Set(result.planned.map((p) => p.digest.recipientId)).size).toBe(result.planned.length)
    }
    const [outbox, logs] = [await outboxRows(dbs[0]!), await logRows(dbs[0]!)]
    expect(outbox.map((r) => r.idempotencyKey)).toEqual(results[0]!.planned.map((p) => p.digest.key))
    expect(logs).toHaveLength(results[0]!.planned.reduce((n, p) => n + p.digest.items.length, 0))
    for (const t of dbs.slice(1)) {
      expect(await outboxRows(t)).toEqual(outbox)
      expect(await logRows(t)).toEqual(logs)
    }

    // Fifteen minutes later the history read back in pages holds everything back that was sent.
    for (const [i, size] of sizes.entries()) {
      const again = await sweepAll(dbs[i]!, size, later)
      expect(again.planned.every((p) => p.digest.deliverAt.getTime() > now.getTime())).toBe(true)
    }
    const laterOutbox = await outboxRows(dbs[0]!)
    for (const t of dbs.slice(1)) expect(await outboxRows(t)).toEqual(laterOutbox)
  })

  it('writes its batches straight to the driver, inside the transaction', async () => {
    const t = dbs[0]!
    expect(await isDirect(t.db)).toBe(true)
    await t.db.$transaction(async (tx) => expect(await isDirect(tx)).toBe(true))
  })
})
