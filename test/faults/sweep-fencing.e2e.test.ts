// The sweep lease with fencing (issue 20): two Ladder processes on one database
// (two connections to one SQLite file). The first sweeper pauses mid-sweep past its
// lease (a GC or VM pause: its heartbeat paused too), the second takes the lease
// over — the fencing token moves on — and sweeps; when the first wakes, its next
// write transaction finds the token moved and rolls back: nothing it writes after
// the take-over commits, and no digest is written twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDb } from '../../adapters/db/client.js'
import { createLeaseRepo } from '../../adapters/db/outbox-store.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { generateOrg } from '../../bench/support/generate-org.js'
import { runReminderSweep, SWEEP_LEASE } from '../../core/app/run-sweep.js'
import { ladderDeps } from '../../core/app/store.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'

const silent = { debug() {}, info() {}, warn() {}, error() {} }
const start = new Date('2026-11-24T09:00:00Z')
const LEASE_MS = 60_000
/** No heartbeat during the test: the pause stops the whole process, its timers too. */
const NO_HEARTBEAT = 3_600_000

let t: TestDb
let second: Db

beforeAll(async () => {
  t = await createTestDb()
  second = await openDb(t.url)
  await generateOrg(t.db, { employees: 60, openItemsPerEmployee: 4, now: start, seed: 11 })
  await t.db.jobDescription.deleteMany()
  await t.db.$executeRawUnsafe(`INSERT INTO "ChatIdentity" ("platform", "tenant", "externalId", "employeeId", "linkedAt")
    SELECT 'slack', 'T0TEST', 'U' || "id", "id", '2026-01-01T00:00:00.000+00:00' FROM "Employee"`)
}, 60_000)
afterAll(async () => {
  await second.$disconnect()
  await t.close()
})

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('the lease repository', () => {
  it('moves the fencing token on each new acquisition and keeps it on renewal', async () => {
    const leases = createLeaseRepo((fn) => t.db.$transaction((tx) => fn(tx)))
    const at = (s: number) => new Date(start.getTime() + s * 1000)
    expect(await leases.take('test-lease', 'a', at(0), 10_000)).toBe(1)
    expect(await leases.take('test-lease', 'a', at(5), 10_000)).toBe(1) // renewal
    expect(await leases.take('test-lease', 'b', at(6), 10_000)).toBeNull() // held
    expect(await leases.take('test-lease', 'b', at(16), 10_000)).toBe(2) // expired: taken over
    expect(await leases.renewFenced('test-lease', 'a', 1, at(17), 10_000)).toBe(false)
    expect(await leases.renewFenced('test-lease', 'b', 2, at(17), 10_000)).toBe(true)
    expect(await leases.acquire('test-lease', 'a', at(20), 10_000)).toBe(false) // renewed by b until 27 s
    await leases.release('test-lease', 'b', at(21))
    expect(await leases.take('test-lease', 'a', at(21), 10_000)).toBe(3)
  })
})

describe('two sweepers, the first paused past its lease', () => {
  it('the second takes over; the first writes nothing more and no digest is written twice', async () => {
    let now = start
    const clock = { now: () => now }
    // Sweeper A: paused before its fifth batch (after the first write transaction, four batches, committed).
    const storeA = createPrismaStore(t.db)
    const paused = deferred()
    const wake = deferred()
    let addressCalls = 0
    let isAwake = false
    let committedAfterWaking = 0
    const reminders = Object.create(storeA.reminders) as typeof storeA.reminders
    reminders.addresses = async (ids) => {
      addressCalls++
      if (addressCalls === 5) {
        paused.resolve()
        await wake.promise
      }
      return storeA.reminders.addresses(ids)
    }
    const a = Object.create(storeA) as typeof storeA
    a.reminders = reminders
    a.transaction = async (fn) => {
      const result = await storeA.transaction(fn)
      if (isAwake) committedAfterWaking++
      return result
    }
    const options = {
      policy: DEFAULT_REMINDER_POLICY,
      platforms: ['slack'] as const,
      leaseMs: LEASE_MS,
      batchSize: 3,
      heartbeatMs: NO_HEARTBEAT,
    }
    const runA = runReminderSweep(ladderDeps({ store: a, clock, log: silent }), { ...options, platforms: ['slack'], holder: 'a' })
    await paused.promise
    const writtenByA = await t.db.outboxMessage.count()
    expect(writtenByA).toBeGreaterThan(0)

    // Sweeper B on its own connection: kept out while A's lease runs, takes it over once expired.
    const depsB = ladderDeps({ store: createPrismaStore(second), clock, log: silent })
    expect(await runReminderSweep(depsB, { ...options, platforms: ['slack'], holder: 'b' })).toEqual({ kind: 'busy' })
    now = new Date(start.getTime() + LEASE_MS + 1000)
    const b = await runReminderSweep(depsB, { ...options, platforms: ['slack'], holder: 'b' })
    expect(b.kind).toBe('swept')
    const total = await t.db.outboxMessage.count()

    // A wakes up: its next write transaction finds the token moved on and rolls back.
    isAwake = true
    wake.resolve()
    const resultA = await runA
    expect(resultA).toEqual({ kind: 'lost', enqueued: writtenByA })
    expect(committedAfterWaking).toBe(0)
    expect(await t.db.outboxMessage.count()).toBe(total)
    expect(b.kind === 'swept' && b.enqueued + writtenByA).toBe(total)
    // The lease is B's, under the next token.
    expect(await t.db.lease.findUniqueOrThrow({ where: { name: SWEEP_LEASE } })).toMatchObject({ holder: 'b', token: 2 })
  }, 60_000)
})
