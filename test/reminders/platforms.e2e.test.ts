// End to end through the real SDK messengers against the local fake Slack and
// Feishu APIs: a reminder sweep and a channel broadcast, delivered by the worker,
// then the broadcast card's counter updated in place.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFeishuClient } from '../../adapters/feishu/client.js'
import { createFeishuApi } from '../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../../adapters/feishu/messenger.js'
import { createSlackMessenger } from '../../adapters/slack/messenger.js'
import { createWebClient } from '../../adapters/slack/web-client.js'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { broadcastAction, broadcastCourse, flushBroadcastCounters } from '../../core/features/broadcasts/broadcast.js'
import { createMessengerRegistry, type MessengerRegistry } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { actorFor, buildReminderOrg, FEISHU_TENANT, fakeClock, type ReminderOrg, reminderDeps, SLACK_TEAM } from './support/reminder-org.js'

const fast = { perDestination: { count: 100, intervalMs: 1000 }, overall: [{ count: 100, intervalMs: 1000 }] }
const delivery: DeliveryOptions = {
  rates: { slack: fast, feishu: fast, web: fast },
  maxAttempts: 3,
  baseBackoffMs: 10,
  maxBackoffMs: 100,
  leaseMs: 60_000,
  batchSize: 20,
  maxInProcessWaitMs: 1000,
  pollMs: 10,
  counterFlushMs: 1000,
}
const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' }

let t: TestDb
let org: ReminderOrg
let slackFake: FakeSlackApi
let feishuFake: FakeFeishu
let messengers: MessengerRegistry
const clock = fakeClock('2026-11-17T14:50:00Z') // Tue 09:50 in New York, 22:50 in Shanghai
const log = memoryLogger()

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  slackFake = await startFakeSlackApi()
  slackFake.setMembers('C_ALL', [['U_EVE', 'U_GUEST'], ['U_HANA']])
  feishuFake = await startFakeFeishu({ ...APP, chats: { oc_team: ['ou_tom', 'ou_guest'] }, membersPageSize: 1 })
  const { web, rateLimits } = createWebClient('xoxb-test', { apiUrl: slackFake.apiUrl, log, retryConfig: { retries: 0 } })
  const { client } = createFeishuClient({ ...APP, domain: feishuFake.url }, log)
  messengers = createMessengerRegistry({
    slack: createSlackMessenger(web, rateLimits),
    feishu: createFeishuMessenger(createFeishuApi(client), { retries: 0, baseDelayMs: 10, maxWaitMs: 100, sleep: async () => {} }),
  })
})
afterAll(async () => {
  await slackFake.close()
  await feishuFake.close()
  await t.close()
})

const deps = () => reminderDeps(t.db, clock)
const worker = () => createDeliveryWorker({ outbox: deps().store.outbox, messengers, clock, log, sleep: async () => {} }, delivery)

describe('Feishu, through @larksuiteoapi/node-sdk', () => {
  it('delivers Tom’s first notice as an interactive card to his open_id, in his New York morning', async () => {
    const a = await t.db.trainingAssignment.create({
      data: { employeeId: org.ids.tom, courseId: org.courses.RD101, assignedAt: clock.now(), dueAt: new Date('2026-11-27T22:00:00Z') },
    })
    clock.set('2026-11-17T15:00:00Z')
    const sweep = await runReminderSweep(deps(), {
      policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 },
      platforms: ['slack', 'feishu'],
      holder: 'e2e',
    })
    expect(sweep).toMatchObject({ kind: 'swept', enqueued: 1 })
    clock.set('2026-11-17T16:00:00Z')
    expect(await worker().drain()).toMatchObject({ sent: 1, dead: 0 })
    const [call] = feishuFake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    expect(call!.query).toEqual({ receive_id_type: 'open_id' })
    const body = call!.body as { receive_id: string; content: string }
    expect(body.receive_id).toBe('ou_tom')
    expect(body.content).toContain('RD-101')
    expect(body.content).toContain(`training:${a.id}:nwd`)
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { platform: 'feishu' } })
    expect([row.status, row.refChannelId, row.refMessageId]).toEqual(['sent', 'oc_p2p_ou_tom', expect.stringMatching(/^om_fake_/)])
  })

  it('broadcasts to a group and patches the card’s counter as people finish', async () => {
    const d = { ...deps(), messengers }
    const result = await broadcastCourse(d, await actorFor(d, org.ids.hana), {
      platform: 'feishu',
      tenant: FEISHU_TENANT,
      channelId: 'oc_team',
      courseCode: 'CU-101',
      dueAt: new Date('2026-12-01T10:00:00Z'),
    })
    expect(result).toMatchObject({ kind: 'broadcast', members: 2, assigned: 1, unlinked: 1 })
    await worker().drain()
    const posted = [...feishuFake.messages.values()].find((m) => m.chatId === 'oc_team')!
    await broadcastAction(d, await actorFor(d, org.ids.tom), {
      actionId: 'training_done',
      value: `broadcast:${result.kind === 'broadcast' ? result.broadcast.id : 0}`,
    })
    clock.advance(60_000)
    expect(await flushBroadcastCounters(d, { minIntervalMs: 10_000 })).toBe(1)
    await worker().drain()
    const [patch] = feishuFake.callsTo('PATCH', new RegExp(`^/open-apis/im/v1/messages/${posted.messageId}$`))
    expect(JSON.stringify(patch!.body)).toContain('1/1')
  })
})

describe('Slack, through @slack/web-api', () => {
  it('delivers Eve’s reminder to her DM and a broadcast to a channel, then updates its counter with chat.update', async () => {
    clock.set('2026-11-18T00:50:00Z') // Wed 08:50 in Shanghai
    await t.db.trainingAssignment.create({
      data: {
        employeeId: org.ids.eve,
        courseId: org.courses.MG101,
        assignedAt: new Date('2026-11-18T00:45:00Z'),
        dueAt: new Date('2026-11-25T10:00:00Z'),
      },
    })
    clock.set('2026-11-18T01:00:00Z')
    expect(
      await runReminderSweep(deps(), {
        policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 },
        platforms: ['slack', 'feishu'],
        holder: 'e2e',
      }),
    ).toMatchObject({ enqueued: 1 })
    const d = { ...deps(), messengers }
    const result = await broadcastCourse(d, await actorFor(d, org.ids.hana), {
      platform: 'slack',
      tenant: SLACK_TEAM,
      channelId: 'C_ALL',
      courseCode: 'RD-101',
      dueAt: new Date('2026-12-01T10:00:00Z'),
    })
    expect(result).toMatchObject({ kind: 'broadcast', members: 3, assigned: 2, unlinked: 1 })
    clock.set('2026-11-18T02:00:00Z')
    expect(await worker().drain()).toMatchObject({ sent: 2, dead: 0 })
    const posts = slackFake.callsTo('chat.postMessage')
    expect(posts.map((p) => p.args.channel).sort()).toEqual(['C_ALL', 'U_EVE'])
    const channelPost = posts.find((p) => p.args.channel === 'C_ALL')!
    expect(JSON.stringify(channelPost.args.blocks)).toContain('0/2')
    const ts = (channelPost.response.body as { ts: string }).ts

    await broadcastAction(d, await actorFor(d, org.ids.eve), {
      actionId: 'training_done',
      value: `broadcast:${result.kind === 'broadcast' ? result.broadcast.id : 0}`,
    })
    clock.advance(60_000)
    await flushBroadcastCounters(d, { minIntervalMs: 10_000 })
    await worker().drain()
    const [update] = slackFake.callsTo('chat.update')
    expect([update!.args.channel, update!.args.ts]).toEqual(['C_ALL', ts])
    expect(JSON.stringify(update!.args.blocks)).toContain('1/2')
  })
})
