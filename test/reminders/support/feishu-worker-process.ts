// One delivery process for the shared-pacing test and the delivery benchmark: the
// real Feishu SDK against a (fake) Feishu, the app-wide pace from the database
// (PacingSlot), draining the Feishu outbox; prints what it sent and the call slots
// it was granted as JSON. Usage:
// node --import tsx feishu-worker-process.ts <database url> <feishu url> <holder> <app messages per second>
import { openDb } from '../../../adapters/db/client.js'
import { createPacingStore } from '../../../adapters/db/pacing-store.js'
import { createPrismaStore } from '../../../adapters/db/store.js'
import { createFeishuClient } from '../../../adapters/feishu/client.js'
import { createFeishuApi } from '../../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../../../adapters/feishu/messenger.js'
import { feishuRate } from '../../../adapters/feishu/rate-limits.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS } from '../../../bot/delivery.js'
import { createMessengerRegistry } from '../../../core/kernel/messaging.js'
import type { SlotReservations } from '../../../core/kernel/pacing.js'

const [url, feishuUrl, holder, perSecond] = process.argv.slice(2) as [string, string, string, string]
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const db = await openDb(url)
const store = createPrismaStore(db)
const { client } = createFeishuClient({ appId: 'cli_0123456789abcdef', appSecret: 'secret', domain: feishuUrl }, silent)
const messenger = createFeishuMessenger(createFeishuApi(client), { retries: 0, baseDelayMs: 10, maxWaitMs: 100, sleep: async () => {} })
const shared = createPacingStore(db)
const granted: number[] = []
const slots: SlotReservations = {
  ...shared,
  async reserve(scope, count, spacingMs, now, window, unused) {
    const placed = await shared.reserve(scope, count, spacingMs, now, window, unused)
    granted.push(...placed)
    return placed
  },
}
const worker = createDeliveryWorker(
  {
    outbox: store.outbox,
    messengers: createMessengerRegistry({ feishu: messenger }),
    clock: { now: () => new Date() },
    log: silent,
    holder,
    slots,
  },
  { ...DEFAULT_DELIVERY_OPTIONS, rates: { ...DEFAULT_DELIVERY_OPTIONS.rates, feishu: feishuRate(5, Number(perSecond)) } },
)
// A barrier: both processes start together, so their reservations really interleave.
await db.lease.create({ data: { name: `ready:${holder}`, holder, expiresAt: new Date() } })
for (let i = 0; i < 2000 && (await db.lease.count({ where: { name: { startsWith: 'ready:' } } })) < 2; i++)
  await new Promise((resolve) => setTimeout(resolve, 5))
const stats = await worker.drain()
await db.$disconnect()
process.stdout.write(`${JSON.stringify({ holder, stats, granted })}\n`)
