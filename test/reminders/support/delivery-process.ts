// One Ladder delivery process for the SIGTERM test: the real Feishu SDK against the
// fake, the worker's loops, and bot/shutdown.ts's signal handling, as in `npm start`.
// Usage: node --import tsx delivery-process.ts <database url> <fake feishu url>
import { openDb } from '../../../adapters/db/client.js'
import { createPacingStore } from '../../../adapters/db/pacing-store.js'
import { createPrismaStore } from '../../../adapters/db/store.js'
import { createFeishuClient } from '../../../adapters/feishu/client.js'
import { createFeishuApi } from '../../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../../../adapters/feishu/messenger.js'
import { createDeliveryWorker } from '../../../bot/delivery.js'
import { onShutdown } from '../../../bot/shutdown.js'
import { createMessengerRegistry } from '../../../core/kernel/messaging.js'

const [url, feishuUrl] = process.argv.slice(2) as [string, string]
const lines = (level: string) => (obj: object, msg?: string) => process.stderr.write(`${JSON.stringify({ level, ...obj, msg })}\n`)
const log = { debug() {}, info: lines('info'), warn: lines('warn'), error: lines('error') }
const db = await openDb(url)
const store = createPrismaStore(db)
// A call deadline far past the stop timeout: the calls are still hanging when SIGTERM comes.
const { client } = createFeishuClient({ appId: 'cli_0123456789abcdef', appSecret: 'secret', domain: feishuUrl, timeoutMs: 120_000 }, log)
const messenger = createFeishuMessenger(createFeishuApi(client), { retries: 0, baseDelayMs: 10, maxWaitMs: 100, sleep: async () => {} })
const fast = { perDestination: { count: 100, intervalMs: 1000 }, overall: [{ count: 100, intervalMs: 1000 }] }
const worker = createDeliveryWorker(
  {
    outbox: store.outbox,
    messengers: createMessengerRegistry({ feishu: messenger }),
    clock: { now: () => new Date() },
    log,
    slots: createPacingStore(db),
  },
  {
    rates: { slack: fast, feishu: fast, web: fast },
    maxAttempts: 8,
    baseBackoffMs: 100,
    maxBackoffMs: 1000,
    leaseMs: 5 * 60_000,
    batchSize: 100,
    maxInProcessWaitMs: 30_000,
    pollMs: 50,
    counterFlushMs: 60_000,
    callTimeoutMs: 120_000,
    maxInFlight: 4,
    stopTimeoutMs: 2000,
  },
)
worker.start()
onShutdown(async () => {
  await worker.stop()
  await db.$disconnect()
}, log)
process.stdout.write('ready\n')
