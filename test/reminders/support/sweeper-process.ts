// One Ladder process for the two-process test: it sweeps (if it gets the lease)
// and delivers through a recording messenger, then prints what it sent as JSON.
// Usage: node --import tsx sweeper-process.ts <database url> <holder> <sweep at ISO> <deliver at ISO> <messages expected>

import { openDb } from '../../../adapters/db/client.js'
import { createPrismaStore } from '../../../adapters/db/store.js'
import { createDeliveryWorker } from '../../../bot/delivery.js'
import { runReminderSweep } from '../../../core/app/run-sweep.js'
import { ladderDeps } from '../../../core/app/store.js'
import type { Messenger } from '../../../core/kernel/messaging.js'
import { createMessengerRegistry } from '../../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../../core/kernel/reminder-options.js'

const [url, holder, sweepAt, deliverAt, expected] = process.argv.slice(2) as [string, string, string, string, string]
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const db = await openDb(url)
const store = createPrismaStore(db)
let now = new Date(sweepAt)
const clock = { now: () => now }

const sweep = await runReminderSweep(ladderDeps({ store, clock, log: silent }), {
  policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 },
  platforms: ['slack'],
  holder,
})

const sent: string[] = []
const messenger: Messenger = {
  async send(to) {
    // A real platform call takes a while: the other process gets its turn meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3))
    sent.push(to.id)
    return { channelId: to.id, messageId: `${holder}-${sent.length}` }
  },
  async update() {},
}
now = new Date(deliverAt)
// A barrier: both processes start delivering together, so their claims really interleave.
await db.lease.create({ data: { name: `ready:${holder}`, holder, expiresAt: now } })
for (let i = 0; i < 2000 && (await db.lease.count({ where: { name: { startsWith: 'ready:' } } })) < 2; i++)
  await new Promise((resolve) => setTimeout(resolve, 5))
const fast = { perDestination: { count: 100, intervalMs: 1000 }, overall: [{ count: 1000, intervalMs: 1000 }] }
const worker = createDeliveryWorker(
  { outbox: store.outbox, messengers: createMessengerRegistry({ slack: messenger }), clock, log: silent, holder },
  {
    rates: { slack: fast, feishu: fast, web: fast },
    maxAttempts: 8,
    baseBackoffMs: 10,
    maxBackoffMs: 100,
    leaseMs: 60_000,
    batchSize: 3,
    maxInProcessWaitMs: 1000,
    pollMs: 10,
    counterFlushMs: 1000,
  },
)
// Deliver until every expected message is out, whoever sends it: the other process may still be sweeping.
const stats = { claimed: 0, sent: 0, rescheduled: 0, dead: 0, expired: 0, lost: 0 }
for (let round = 0; round < 2000; round++) {
  const once = await worker.runOnce()
  for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] += once[k]
  const counts = await store.outbox.countByStatus()
  if (counts.sent + counts.dead >= Number(expected)) break
  if (once.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 5))
}
await db.$disconnect()
process.stdout.write(
  `${JSON.stringify({ holder, sweep: sweep.kind === 'swept' ? { enqueued: sweep.enqueued } : sweep.kind, stats, sent })}\n`,
)
