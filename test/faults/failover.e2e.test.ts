// Failover: three real Ladder servers (bot/main.ts, each its own process and
// INSTANCE_NAME) deliver one database's broadcast — 1,000 cards on Feishu and
// 200 on Slack — to the local fakes of both platforms. One instance is killed with
// SIGKILL once ~150 Feishu cards are out, a second once ~500 are; the third
// finishes. A dead instance's claimed rows are taken over when their lease
// (DELIVERY_LEASE_MS) runs out, so nothing is lost; Feishu drops a re-sent card by
// its uuid (the outbox's idempotency key), so every member has exactly one card;
// Slack has no such key, and its duplicates are counted and reported.
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { NewOutboxMessage } from '../../core/kernel/outbox.js'
import { projectPath } from '../../core/kernel/project-root.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { createTestDb, type TestDb } from '../support/db.js'

const FEISHU_MEMBERS = 1000
const SLACK_MEMBERS = 200
const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' }

let t: TestDb
let feishu: FakeFeishu
let slack: FakeSlackApi
const instances: ChildProcess[] = []

beforeAll(async () => {
  t = await createTestDb()
  feishu = await startFakeFeishu({ ...APP })
  slack = await startFakeSlackApi()
  const now = new Date()
  const card = (i: number) => makeCard('zh-CN', { title: `课程通知 ${i}` }, [])
  const messages: NewOutboxMessage[] = [
    ...Array.from({ length: FEISHU_MEMBERS }, (_, i) => ({
      idempotencyKey: `broadcast:1:feishu:${i}`,
      kind: 'broadcast' as const,
      to: { platform: 'feishu' as const, tenant: 'tenant', kind: 'user' as const, id: `ou_member_${i}` },
      card: card(i),
      employeeId: null,
      availableAt: now,
    })),
    ...Array.from({ length: SLACK_MEMBERS }, (_, i) => ({
      idempotencyKey: `broadcast:1:slack:${i}`,
      kind: 'broadcast' as const,
      to: { platform: 'slack' as const, tenant: 'T0LADDER', kind: 'user' as const, id: `U_MEMBER_${i}` },
      card: card(i),
      employeeId: null,
      availableAt: now,
    })),
  ]
  await createPrismaStore(t.db).outbox.enqueueMany(messages, now)
}, 90_000)

afterAll(async () => {
  for (const child of instances) child.kill('SIGKILL')
  await feishu.close()
  await slack.close()
  await t.close()
})

function startInstance(name: string): ChildProcess {
  const keyFile = join(t.dir, 'seal.key')
  writeFileSync(keyFile, Buffer.alloc(32, 7).toString('base64'), { mode: 0o600 })
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: projectPath(),
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: t.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LADDER_DEMO: 'false',
      LOG_LEVEL: 'silent',
      INSTANCE_NAME: name,
      FEEDBACK_SEAL_KEY_FILE: keyFile,
      CONSOLE_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_RATE_PER_SECOND: '10',
      SLACK_MAX_MESSAGES_PER_SECOND: '20',
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_ENCRYPT_KEY: 'encrypt-key',
      FEISHU_DOMAIN: feishu.url,
      FEISHU_RATE_PER_SECOND: '50',
      FEISHU_MAX_MESSAGES_PER_SECOND: '50',
      // A dead instance's claims come back after 3 s (120 s by default).
      DELIVERY_LEASE_MS: '3000',
    },
  })
  instances.push(child)
  return child
}

const feishuCards = () => feishu.messages.size
async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not reached in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

it('three instances, two killed with SIGKILL mid-broadcast: every member gets the card, on Feishu exactly once', async () => {
  const started = Date.now()
  const [a, b] = [startInstance('ladder-a'), startInstance('ladder-b'), startInstance('ladder-c')]
  await until(() => feishuCards() >= 150, 180_000)
  a!.kill('SIGKILL')
  const firstKillAt = feishuCards()
  await until(() => feishuCards() >= 500, 180_000)
  b!.kill('SIGKILL')
  const secondKillAt = feishuCards()
  await until(async () => (await t.db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0, 180_000)
  const seconds = (Date.now() - started) / 1000

  // Feishu: one card per member; re-sends of the killed instances' claims were dropped by uuid.
  const perMember = new Map<string, number>()
  for (const m of feishu.messages.values()) perMember.set(m.chatId, (perMember.get(m.chatId) ?? 0) + 1)
  expect(perMember.size).toBe(FEISHU_MEMBERS)
  expect(Math.max(...perMember.values())).toBe(1)

  // Slack: everyone has the card; duplicates (no idempotency key) are at most the rows in flight at the kills.
  const perSlackMember = new Map<string, number>()
  for (const p of slack.posted) perSlackMember.set(p.channel, (perSlackMember.get(p.channel) ?? 0) + 1)
  expect(perSlackMember.size).toBe(SLACK_MEMBERS)
  const slackDuplicates = slack.posted.length - SLACK_MEMBERS

  // Nothing lost or dead-lettered; each row sent once as far as the database knows.
  expect(await t.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(FEISHU_MEMBERS + SLACK_MEMBERS)
  console.log(
    `failover: ${FEISHU_MEMBERS} Feishu members, 1 card each (killed at ${firstKillAt} and ${secondKillAt} sent; ` +
      `${feishu.deduplicated} re-sends dropped by uuid); Slack ${SLACK_MEMBERS} members, ${slackDuplicates} duplicates; ` +
      `finished in ${seconds.toFixed(1)} s`,
  )
}, 600_000)
