// The sweep writes each rendered batch in a transaction of its own, right after rendering
// it (core/app/run-sweep.ts): on SQLite the chat acks' writes wait for the sweep's open
// transaction, and four batches a transaction had taken Slack's ack p99 during the
// 10,000-person catch-up to ~200 ms; rendered cards waiting for later batches also
// survived into V8's old space (issue 15). The rows written are those of one batch per
// transaction (sweep-batches.e2e.test.ts); this checks how many transactions carry them.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { generateOrg } from '../../bench/support/generate-org.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { type LadderStore, ladderDeps } from '../../core/app/store.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'

const silent = { debug() {}, info() {}, warn() {}, error() {} }
const now = new Date('2026-11-24T09:00:00Z')
let t: TestDb

beforeAll(async () => {
  t = await createTestDb()
  await generateOrg(t.db, { employees: 60, openItemsPerEmployee: 3, now, seed: 11 })
  await t.db.$executeRawUnsafe(`INSERT INTO "ChatIdentity" ("platform", "tenant", "externalId", "employeeId", "linkedAt")
    SELECT 'slack', 'T0TEST', 'U' || "id", "id", '2026-01-01T00:00:00.000+00:00' FROM "Employee"`)
}, 60_000)
afterAll(async () => {
  await t.close()
})

it('writes each rendered batch in a transaction of its own', async () => {
  const store = createPrismaStore(t.db)
  let transactions = 0
  const counted: LadderStore = {
    ...store,
    transaction: (fn) => {
      transactions++
      return store.transaction(fn)
    },
  }
  const deps = ladderDeps({ store: counted, clock: { now: () => now }, log: silent })
  const result = await runReminderSweep(deps, { policy: DEFAULT_REMINDER_POLICY, platforms: ['slack'], holder: 'test', batchSize: 3 })
  if (result.kind !== 'swept') throw new Error('busy')
  expect(result.unreachable).toEqual([])
  expect(result.enqueued).toBeGreaterThan(24)
  const batches = Math.ceil(result.digests / 3)
  expect(transactions).toBe(batches)
  expect(await t.db.outboxMessage.count()).toBe(result.enqueued)
})
