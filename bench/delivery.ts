// `npm run bench -- delivery`: 1,000 DMs on each platform at the default settings,
// through the real SDKs against the local fake Slack and Feishu APIs, with the
// app-wide pace kept in the database as in production (PacingSlot). Prints the
// rate achieved against the ceiling the settings allow, the busiest second as the
// fake saw it, duplicates and lost messages; then two worker processes on one
// SQLite file against one Feishu, whose total must stay within the app limit.

import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../adapters/db/client.js'
import { migrate } from '../adapters/db/migrate.js'
import { createPacingStore } from '../adapters/db/pacing-store.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { createFeishuClient } from '../adapters/feishu/client.js'
import { createFeishuApi } from '../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../adapters/feishu/messenger.js'
import { createSlackMessenger } from '../adapters/slack/messenger.js'
import { createDeliveryWebClient, createWebClient } from '../adapters/slack/web-client.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS } from '../bot/delivery.js'
import { makeCard } from '../core/kernel/cards/build.js'
import { type ChatPlatform, createMessengerRegistry, type Messenger } from '../core/kernel/messaging.js'
import { projectPath } from '../core/kernel/project-root.js'
import { startFakeFeishu } from '../test/fakes/feishu-api.js'
import { startFakeSlackApi } from '../test/fakes/slack-api.js'

const N = 1000
const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' }
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-delivery-'))
const card = makeCard('en', { title: 'Reminder: 2 open task(s)' }, [
  { type: 'text', text: '📘 RD-101 R&D Project Management — due Nov 20, 2026' },
])

async function database(label: string, platform: ChatPlatform): Promise<string> {
  const url = `file:${join(dir, `${label}.db`)}`
  await migrate(url)
  const db = await openDb(url)
  const store = createPrismaStore(db)
  const batch = Array.from({ length: N }, (_, i) => ({
    idempotencyKey: `bench:${platform}:${i}`,
    kind: 'broadcast' as const,
    to: { platform, tenant: 'T', kind: 'user' as const, id: platform === 'slack' ? `U${100_000 + i}` : `ou_${100_000 + i}` },
    card,
    employeeId: null,
    availableAt: new Date(Date.now() - 1000),
  }))
  for (let i = 0; i < batch.length; i += 500) await store.outbox.enqueueMany(batch.slice(i, i + 500), new Date())
  await db.$disconnect()
  return url
}

/** Messages per second from first to last arrival, and the most arrivals in any one second. */
function measure(arrivals: number[]): { seconds: number; perSecond: number; busiest: number } {
  const at = [...arrivals].sort((a, b) => a - b)
  const seconds = (at.at(-1)! - at[0]!) / 1000
  let busiest = 0
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[j]! < at[i]! - 999) j++
    busiest = Math.max(busiest, i - j + 1)
  }
  return { seconds, perSecond: (at.length - 1) / seconds, busiest }
}

/** Feishu's documented app limit for im/v1/messages: 50 per second (and 1,000 per minute). */
const FEISHU_DOCUMENTED_PER_SECOND = 50

function report(label: string, limit: number, arrivals: number[], duplicates: number, lost: number, documented?: number): void {
  const m = measure(arrivals)
  const ofDocumented = documented
    ? `, ${((100 * m.perSecond) / documented).toFixed(1)} % of the ${documented}/s the platform documents`
    : ''
  console.log(
    `${label}: ${arrivals.length} calls in ${m.seconds.toFixed(1)} s = ${m.perSecond.toFixed(2)} msg/s of ${limit}/s allowed (${((100 * m.perSecond) / limit).toFixed(1)} %${ofDocumented}); busiest second ${m.busiest}; duplicates ${duplicates}, lost ${lost}`,
  )
}

async function deliverInProcess(url: string, platform: ChatPlatform, messenger: Messenger): Promise<void> {
  const db = await openDb(url)
  try {
    const store = createPrismaStore(db)
    const worker = createDeliveryWorker(
      {
        outbox: store.outbox,
        messengers: createMessengerRegistry({ [platform]: messenger }),
        clock: { now: () => new Date() },
        log: silent,
        slots: createPacingStore(db),
      },
      DEFAULT_DELIVERY_OPTIONS,
    )
    worker.start()
    for (;;) {
      const counts = await store.outbox.countByStatus()
      if (counts.pending + counts.sending === 0) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    await worker.stop()
  } finally {
    await db.$disconnect()
  }
}

async function slack(): Promise<void> {
  const fake = await startFakeSlackApi()
  try {
    const url = await database('slack', 'slack')
    const settings = { apiUrl: fake.apiUrl, log: silent }
    const { web, rateLimits } = createWebClient('xoxb-bench', settings)
    await deliverInProcess(url, 'slack', createSlackMessenger(web, rateLimits, createDeliveryWebClient('xoxb-bench', settings), silent))
    const channels = new Set(fake.posted.map((m) => m.channel))
    const limit = DEFAULT_DELIVERY_OPTIONS.rates.slack.overall[0]!.count
    report(
      `slack, ${N} DMs (1/s per channel, ${limit}/s app ceiling)`,
      limit,
      fake.callsTo('chat.postMessage').map((c) => c.at),
      fake.posted.length - channels.size,
      N - channels.size,
    )
  } finally {
    await fake.close()
  }
}

function feishuLimit(): number {
  return DEFAULT_DELIVERY_OPTIONS.rates.feishu.overall[0]!.count
}

async function feishu(): Promise<void> {
  const fake = await startFakeFeishu({ ...APP })
  try {
    const url = await database('feishu', 'feishu')
    const { client } = createFeishuClient({ ...APP, domain: fake.url }, silent)
    const messenger = createFeishuMessenger(createFeishuApi(client), { retries: 0, baseDelayMs: 10, maxWaitMs: 100, sleep: async () => {} })
    await deliverInProcess(url, 'feishu', messenger)
    const sends = fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    report(
      `feishu, ${N} DMs (5/s per chat, ${feishuLimit()}/s app ceiling)`,
      feishuLimit(),
      sends.map((c) => c.at!),
      sends.length - fake.messages.size,
      N - fake.messages.size,
      FEISHU_DOCUMENTED_PER_SECOND,
    )
  } finally {
    await fake.close()
  }
}

async function feishuTwoProcesses(): Promise<void> {
  const fake = await startFakeFeishu({ ...APP })
  try {
    const url = await database('feishu-two', 'feishu')
    const script = projectPath('test', 'reminders', 'support', 'feishu-worker-process.ts')
    const run = (holder: string) =>
      new Promise<{ stats: { sent: number } }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, url, fake.url, holder, String(feishuLimit())], {
          cwd: projectPath(),
        })
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
        })
        child.stderr.pipe(process.stderr)
        child.on('exit', (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`worker ${holder} exited ${code}`)),
        )
      })
    const [a, b] = await Promise.all([run('p1'), run('p2')])
    const sends = fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    report(
      `feishu, ${N} DMs, two processes on one SQLite file (${a.stats.sent} + ${b.stats.sent})`,
      feishuLimit(),
      sends.map((c) => c.at!),
      sends.length - fake.messages.size,
      N - fake.messages.size,
      FEISHU_DOCUMENTED_PER_SECOND,
    )
  } finally {
    await fake.close()
  }
}

try {
  await slack()
  await feishu()
  await feishuTwoProcesses()
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
