// The messenger through the real SDK Client against the local fake Open API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFeishuClient } from '../../adapters/feishu/client.js'
import { createFeishuApi } from '../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger, type FeishuMessenger } from '../../adapters/feishu/messenger.js'
import { lookupEmail } from '../../adapters/feishu/sender.js'
import type { RetryPolicy } from '../../adapters/feishu/with-retry.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { DeliveryError } from '../../core/kernel/messaging.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { memoryLogger } from '../support/deps.js'

const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' }
const card = makeCard('en', { title: 'Hello' }, [{ type: 'text', text: 'World' }])
const toUser = { platform: 'feishu' as const, tenant: 't1', kind: 'user' as const, id: 'ou_li_lei' }

let fake: FakeFeishu
let messenger: FeishuMessenger
let waits: number[]
let policy: RetryPolicy
let log: ReturnType<typeof memoryLogger>
let api: ReturnType<typeof createFeishuApi>

beforeAll(async () => {
  fake = await startFakeFeishu({
    ...APP,
    users: {
      ou_li_lei: { name: '李雷', email: 'lilei@gmail.example', enterprise_email: 'li.lei@demo.ladder' },
      ou_alex: { email: 'alex.chen@demo.ladder' },
    },
    chats: { oc_team: Array.from({ length: 7 }, (_, i) => `ou_m${i}`) },
    membersPageSize: 3,
  })
  log = memoryLogger()
  const { client, tokenCache } = createFeishuClient({ ...APP, domain: fake.url }, log)
  api = createFeishuApi(client)
  waits = []
  policy = {
    retries: 3,
    baseDelayMs: 100,
    maxWaitMs: 5000,
    sleep: async (ms) => void waits.push(ms),
    onTokenRefused: () => tokenCache.clear(),
  }
  messenger = createFeishuMessenger(api, policy)
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.calls.length = 0
  waits.length = 0
})

describe('send / update / reply', () => {
  it('sends an interactive card to an open_id, content as a JSON string, after fetching a tenant token', async () => {
    const ref = await messenger.send(toUser, card)
    expect(ref).toEqual({ channelId: 'oc_p2p_ou_li_lei', messageId: expect.stringMatching(/^om_fake_/) })
    const [sent] = fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    expect(sent!.query).toEqual({ receive_id_type: 'open_id' })
    expect(sent!.authorization).toBe(`Bearer ${fake.tenantToken}`)
    const body = sent!.body as { receive_id: string; msg_type: string; content: unknown; uuid: string }
    expect(body).toMatchObject({ receive_id: 'ou_li_lei', msg_type: 'interactive' })
    expect(typeof body.content).toBe('string')
    expect(JSON.parse(body.content as string)).toEqual({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: 'Hello' }, template: 'blue' },
      body: { elements: [{ tag: 'markdown', content: 'World' }] },
    })
    expect(body.uuid).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('derives the uuid from the outbox key, so a send repeated after a restart is dropped by Feishu', async () => {
    const key = 'reminder:training:123:due_in_3d:2026-11-20T01:17:00.000Z:ou_li_lei:and-a-tail-longer-than-fifty-characters'
    await messenger.send(toUser, card, { idempotencyKey: key })
    // A new messenger is a restarted process: nothing is shared but the key.
    await createFeishuMessenger(api, policy).send(toUser, card, { idempotencyKey: key })
    await messenger.send(toUser, card, { idempotencyKey: `${key}-other` })
    const uuids = fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/).map((c) => (c.body as { uuid: string }).uuid)
    expect(uuids).toHaveLength(3)
    expect(uuids[0]).toBe(uuids[1])
    expect(uuids[2]).not.toBe(uuids[0])
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  })

  it('sends to a chat with chat_id, replies in a thread, and patches (not updates) a card', async () => {
    const ref = await messenger.send({ ...toUser, kind: 'channel', id: 'oc_team' }, card)
    expect(fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)[0]!.query).toEqual({ receive_id_type: 'chat_id' })
    await messenger.send({ ...toUser, kind: 'channel', id: 'oc_team', threadId: ref.messageId }, card)
    const [reply] = fake.callsTo('POST', /\/reply$/)
    expect(reply!.path).toBe(`/open-apis/im/v1/messages/${ref.messageId}/reply`)
    expect(reply!.body).toMatchObject({ msg_type: 'interactive', reply_in_thread: true })
    await messenger.update(ref, makeCard('en', { title: 'Done', tone: 'success' }, []))
    const [patch] = fake.callsTo('PATCH', /^\/open-apis\/im\/v1\/messages\//)
    expect(patch!.path).toBe(`/open-apis/im/v1/messages/${ref.messageId}`)
    expect(fake.messages.get(ref.messageId)!.card).toMatchObject({ header: { title: { content: 'Done' }, template: 'green' } })
    expect(fake.callsTo('PUT', /./)).toEqual([])
  })

  it('refuses a destination of another platform without calling Feishu', async () => {
    await expect(messenger.send({ ...toUser, platform: 'slack' }, card)).rejects.toMatchObject({ options: { isPermanent: true } })
    expect(fake.calls).toEqual([])
  })
})

describe('rate limits and failures', () => {
  const SEND = /^\/open-apis\/im\/v1\/messages$/

  it('on HTTP 429 waits x-ogw-ratelimit-reset seconds, then sends once (same uuid)', async () => {
    fake.script('POST', SEND, [
      { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '2' } },
    ])
    await messenger.send(toUser, card)
    expect(waits).toEqual([2000])
    const attempts = fake.callsTo('POST', SEND)
    expect(attempts).toHaveLength(2)
    expect((attempts[0]!.body as { uuid: string }).uuid).toBe((attempts[1]!.body as { uuid: string }).uuid)
  })

  it('treats the older HTTP 400 + 99991400 and IM 230020 as rate limits too', async () => {
    fake.script('POST', SEND, [
      { status: 400, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '1' } },
      { status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } },
    ])
    await messenger.send(toUser, card)
    expect(waits).toEqual([1000, 1000])
  })

  it('backs off exponentially on 5xx', async () => {
    fake.script('POST', SEND, [
      { status: 500, body: { code: 1, msg: 'internal' } },
      { status: 502, body: 'bad gateway' },
    ])
    await messenger.send(toUser, card)
    expect(waits).toEqual([100, 200])
  })

  it('surfaces a DeliveryError with retryAfterMs when the retries run out', async () => {
    const limited = { status: 429, body: { code: 99991400, msg: 'limit' }, headers: { 'x-ogw-ratelimit-reset': '3' } }
    fake.script('POST', SEND, [limited, limited, limited, limited])
    const error = await messenger.send(toUser, card).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect((error as DeliveryError).options).toEqual({ retryAfterMs: 3000, code: 'feishu:99991400' })
    expect(fake.callsTo('POST', SEND)).toHaveLength(4)
    // The SDK logs each failed call with its request config; none of the card may reach the log.
    const logged = JSON.stringify(log.lines)
    expect(logged).toContain('99991400')
    expect(logged).not.toContain('World')
  })

  it('does not sleep through a reset longer than maxWaitMs: the caller reschedules', async () => {
    fake.script('POST', SEND, [{ status: 429, body: { code: 99991400, msg: 'limit' }, headers: { 'x-ogw-ratelimit-reset': '52' } }])
    await expect(messenger.send(toUser, card)).rejects.toMatchObject({ options: { retryAfterMs: 52_000 } })
    expect(waits).toEqual([])
    expect(fake.callsTo('POST', SEND)).toHaveLength(1)
  })

  it('does not retry a permanent error (bot not in the chat; patch of an expired card)', async () => {
    fake.script('POST', SEND, [{ status: 400, body: { code: 230002, msg: 'The bot can not be outside the group.' } }])
    await expect(messenger.send(toUser, card)).rejects.toMatchObject({ options: { isPermanent: true, code: 'feishu:230002' } })
    fake.script('PATCH', /^\/open-apis\/im\/v1\/messages\//, [
      { status: 200, body: { code: 230031, msg: 'message can not be updated after 14 days' } },
    ])
    await expect(messenger.update({ channelId: 'oc', messageId: 'om_old' }, card)).rejects.toMatchObject({
      options: { isPermanent: true, code: 'feishu:230031' },
    })
    expect(waits).toEqual([])
  })

  it('fetches a new tenant token when Feishu refuses the cached one', async () => {
    fake.script('POST', SEND, [{ status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization' } }])
    await messenger.send(toUser, card)
    expect(fake.callsTo('POST', /tenant_access_token/)).toHaveLength(1)
  })
})

describe('channelMembers and lookupEmail', () => {
  it('pages through every member with page_token', async () => {
    expect(await messenger.channelMembers('t1', 'oc_team')).toEqual(['ou_m0', 'ou_m1', 'ou_m2', 'ou_m3', 'ou_m4', 'ou_m5', 'ou_m6'])
    expect(fake.callsTo('GET', /members$/).map((c) => c.query)).toEqual([
      { member_id_type: 'open_id', page_size: '100' },
      { member_id_type: 'open_id', page_size: '100', page_token: '3' },
      { member_id_type: 'open_id', page_size: '100', page_token: '6' },
    ])
  })

  it('reads enterprise_email first, else email, by open_id', async () => {
    const deps = { api, policy, log }
    expect(await lookupEmail('ou_li_lei', deps)).toBe('li.lei@demo.ladder')
    expect(await lookupEmail('ou_alex', deps)).toBe('alex.chen@demo.ladder')
    expect(fake.callsTo('GET', /contact\/v3\/users/)[0]!.query).toEqual({ user_id_type: 'open_id' })
  })

  it('answers null and says which permission to check when Feishu will not tell', async () => {
    expect(await lookupEmail('ou_stranger', { api, policy, log })).toBeNull()
    expect(log.lines.at(-1)).toMatchObject({ level: 'warn', obj: { openId: 'ou_stranger', code: 'feishu:41050' } })
    expect(log.lines.at(-1)!.msg).toContain('contact:user.email:readonly')
  })
})

describe('memberProfiles', () => {
  it('asks contact/v3/users/batch 50 open_ids at a time; a batch Feishu refuses leaves only its users out', async () => {
    const ids = ['ou_li_lei', 'ou_alex', ...Array.from({ length: 55 }, (_, i) => `ou_x${i}`)]
    // The first batch is refused for good (no permission); the second is answered.
    fake.script('GET', /contact\/v3\/users\/batch$/, [{ status: 400, body: { code: 41050, msg: 'no user authority error' } }])
    const first = await messenger.memberProfiles('t1', ids)
    expect(fake.callsTo('GET', /contact\/v3\/users\/batch$/).map((c) => c.queryAll?.user_ids?.length)).toEqual([50, 7])
    expect(first.has('ou_li_lei')).toBe(false)
    expect(first.get('ou_x54')).toEqual({ kind: 'person', email: null })
    expect(first.size).toBe(7)

    const again = await messenger.memberProfiles('t1', ['ou_li_lei', 'ou_alex', 'ou_nobody'])
    expect(Object.fromEntries(again)).toEqual({
      ou_li_lei: { kind: 'person', email: 'li.lei@demo.ladder', name: '李雷' },
      ou_alex: { kind: 'person', email: 'alex.chen@demo.ladder', name: 'ou_alex' },
      ou_nobody: { kind: 'person', email: null },
    })
  })
})
