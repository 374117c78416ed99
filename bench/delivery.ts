// Delivery throughput: the worker against a fake platform messenger (5 ms per
// call, like a nearby API), first unthrottled (the worker's own ceiling: claim,
// send, record), then at the configured Feishu and Slack paces, checking the
// achieved rate and the busiest second against the platforms' limits.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDb } from '../adapters/db/client.js'
import { migrate } from '../adapters/db/migrate.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { feishuRate } from '../adapters/feishu/rate-limits.js'
import { slackRate } from '../adapters/slack/rate-limits.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS, type PlatformRate } from '../bot/delivery.js'
import { makeCard } from '../core/kernel/cards/build.js'
import type { ChatPlatform, Messenger } from '../core/kernel/messaging.js'
import { createMessengerRegistry } from '../core/kernel/messaging.js'

const LATENCY_MS = 5
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-delivery-'))
const clock = { now: () => new Date() }

async function run(label: string, platform: ChatPlatform, rate: PlatformRate, messages: number, destinations: number): Promise<void> {
  const url = `file:${join(dir, `${label.replace(/\W+/g, '-')}.db`)}`
  migrate(url)
  const db = await openDb(url)
  try {
    const store = createPrismaStore(db)
    const card = makeCard('en', { title: 'Reminder: 2 open task(s)' }, [
      { type: 'text', text: '📘 RD-101 R&D Project Management — due Nov 20, 2026' },
    ])
    const batch = Array.from({ length: messages }, (_, i) => ({
      idempotencyKey: `bench:${i}`,
      kind: 'reminder' as const,
      to: { platform, tenant: 'T', kind: 'user' as const, id: `U${i % destinations}` },
      card,
      employeeId: null,
      availableAt: new Date(Date.now() - 1000),
    }))
    for (let i = 0; i < batch.length; i += 500) await store.transaction((tx) => tx.outbox.enqueueMany(batch.slice(i, i + 500), new Date()))
    const sentAt: number[] = []
    const perDestination = new Map<string, number[]>()
    const messenger: Messenger = {
      async send(to) {
        await new Promise((resolve) => setTimeout(resolve, LATENCY_MS))
        const at = performance.now()
        sentAt.push(at)
        perDestination.set(to.id, [...(perDestination.get(to.id) ?? []), at])
        return { channelId: to.id, messageId: String(sentAt.length) }
      },
      async update() {},
    }
    const worker = createDeliveryWorker(
      { outbox: store.outbox, messengers: createMessengerRegistry({ [platform]: messenger }), clock, log: silent },
      { ...DEFAULT_DELIVERY_OPTIONS, rates: { ...DEFAULT_DELIVERY_OPTIONS.rates, [platform]: rate } },
    )
    const t0 = performance.now()
    const stats = await worker.drain()
    const seconds = (performance.now() - t0) / 1000
    const busiestSecond = Math.max(...sentAt.map((a) => sentAt.filter((b) => b >= a && b < a + 1000).length))
    const busiestDestination = Math.max(
      ...[...perDestination.values()].map((xs) => Math.max(...xs.map((a) => xs.filter((b) => b >= a && b < a + 1000).length))),
    )
    const counts = await store.outbox.countByStatus()
    console.log(
      `${label}: ${stats.sent} sent in ${seconds.toFixed(1)} s = ${(stats.sent / seconds).toFixed(1)} msg/s; busiest second ${busiestSecond}, busiest destination-second ${busiestDestination}; outbox sent ${counts.sent}, pending ${counts.pending}, dead ${counts.dead}`,
    )
  } finally {
    await db.$disconnect()
  }
}

try {
  const unlimited = { perDestination: { count: 1_000_000, intervalMs: 1000 }, overall: [{ count: 1_000_000, intervalMs: 1000 }] }
  await run('unthrottled (worker ceiling, 5 ms per call)', 'slack', unlimited, 5000, 5000)
  await run('feishu default (5/s per chat, 50/s and 1000/min per app)', 'feishu', feishuRate(), 400, 200)
  await run('feishu default, one busy group chat (5/s per chat)', 'feishu', feishuRate(), 30, 1)
  await run('slack default (1/s per channel, ~50/min per app)', 'slack', slackRate(), 12, 6)
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
