// HTTP mode end to end: Ladder's fastify server with the Feishu routes, the real
// SDK dispatchers and Client (against the fake Open API), the real core and the
// demo organisation on SQLite.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ZConfig } from '../../bot/config.js'
import { startFeishu } from '../../bot/platforms/feishu.js'
import { signatureHeaders } from '../fakes/feishu-crypto.js'
import { cardActionEvent, messageEvent } from '../fakes/feishu-events.js'
import {
  APP,
  buttonValues,
  createWorld,
  ENCRYPT_KEY,
  type Ladder,
  NOW,
  PEOPLE,
  postEncrypted,
  postPlain,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from './support.js'

const SEND = /^\/open-apis\/im\/v1\/messages$/
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/platforms/feishu/${name}`, import.meta.url), 'utf8')) as T

let world: World
let encrypted: Ladder // FEISHU_ENCRYPT_KEY and FEISHU_VERIFICATION_TOKEN
let tokenOnly: Ladder // FEISHU_VERIFICATION_TOKEN only, with FEISHU_ALLOW_TOKEN_ONLY

beforeAll(async () => {
  world = await createWorld()
  encrypted = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN } })
  tokenOnly = await startLadder(world, { secrets: { FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN, FEISHU_ALLOW_TOKEN_ONLY: 'true' } })
})
afterAll(async () => {
  await encrypted.close()
  await tokenOnly.close()
  await world.close()
})
beforeEach(() => {
  world.fake.calls.length = 0
})

/** The cards Ladder sent (create or reply) since the test began, parsed from their content strings. */
const sentCards = () =>
  world.fake.calls
    .filter((c) => c.method === 'POST' && (SEND.test(c.path) || c.path.endsWith('/reply')))
    .map((c) => ({ call: c, card: JSON.parse((c.body as { content: string }).content) as Record<string, unknown> }))

describe('messages', () => {
  it('answers a p2p question with the gap card, in Chinese for li.lei, linking her by email on first contact', async () => {
    const response = await postEncrypted(
      encrypted,
      '/feishu/events',
      messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', token: VERIFICATION_TOKEN }),
    )
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({})
    await encrypted.feishu.idle()

    const [sent] = sentCards()
    expect(sent!.call.query).toEqual({ receive_id_type: 'open_id' })
    expect(sent!.call.body).toMatchObject({ receive_id: PEOPLE.liLei, msg_type: 'interactive' })
    expect(typeof (sent!.call.body as { content: unknown }).content).toBe('string')
    expect(sent!.card).toMatchObject({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: expect.stringContaining('李雷') } },
    })
    expect(buttonValues(sent!.card).some((v) => v.a === 'enrol')).toBe(true)
    expect(world.fake.callsTo('GET', /\/contact\/v3\/users\/ou_li_lei$/)).toHaveLength(1)
    const identity = await world.t.db.chatIdentity.findFirst({
      where: { platform: 'feishu', externalId: PEOPLE.liLei },
      include: { employee: true },
    })
    expect(identity?.employee.email).toBe('li.lei@demo.ladder')
  })

  it('answers a group @mention with personal data by direct message, and a note in the thread', async () => {
    const event = messageEvent({
      openId: PEOPLE.alexChen,
      text: 'what do I need for promotion?',
      chatType: 'group',
      chatId: 'oc_team',
      messageId: 'om_question',
      mentionBot: true,
      threadId: 'omt_1',
      token: VERIFICATION_TOKEN,
    })
    expect((await postPlain(tokenOnly, '/feishu/events', event)).statusCode).toBe(200)
    await tokenOnly.feishu.idle()
    const [direct, note] = sentCards()
    expect(direct!.call.path).toBe('/open-apis/im/v1/messages')
    expect(direct!.call.body).toMatchObject({ receive_id: PEOPLE.alexChen })
    // The English gap card means the core got "what do I need for promotion?", not "@_user_1 …".
    expect(direct!.card).toMatchObject({ header: { title: { content: expect.stringContaining('Alex Chen') } } })
    expect(note!.call.path).toBe('/open-apis/im/v1/messages/om_question/reply')
    expect(note!.call.body).toMatchObject({ msg_type: 'interactive', reply_in_thread: true })
    expect(JSON.stringify(note!.card)).not.toContain('Alex')
  })

  it('answers a group @mention that shows nobody’s data in the group, as a reply in the thread', async () => {
    const event = messageEvent({
      openId: PEOPLE.alexChen,
      text: 'what does a store manager need?',
      chatType: 'group',
      chatId: 'oc_team',
      messageId: 'om_q2',
      mentionBot: true,
      token: VERIFICATION_TOKEN,
    })
    await postPlain(tokenOnly, '/feishu/events', event)
    await tokenOnly.feishu.idle()
    const [sent] = sentCards()
    expect(sent!.call.path).toBe('/open-apis/im/v1/messages/om_q2/reply')
    expect(sent!.call.body).toMatchObject({ reply_in_thread: false })
  })

  it('stays silent in a group when the bot is not mentioned', async () => {
    await postPlain(
      tokenOnly,
      '/feishu/events',
      messageEvent({ openId: PEOPLE.alexChen, text: 'lunch?', chatType: 'group', chatId: 'oc_team', token: VERIFICATION_TOKEN }),
    )
    await tokenOnly.feishu.idle()
    expect(sentCards()).toEqual([])
  })

  it('answers a re-pushed event once (the core keeps the event id)', async () => {
    const event = messageEvent({ openId: PEOPLE.liLei, text: '我的任务', eventId: 'ev_repushed', token: VERIFICATION_TOKEN })
    expect((await postPlain(tokenOnly, '/feishu/events', event)).statusCode).toBe(200)
    await tokenOnly.feishu.idle()
    expect((await postPlain(tokenOnly, '/feishu/events', event)).statusCode).toBe(200)
    await tokenOnly.feishu.idle()
    expect(sentCards()).toHaveLength(1)
    expect(await world.t.db.processedEvent.count({ where: { platform: 'feishu', eventId: 'ev_repushed' } })).toBe(1)
  })

  it('tells an unknown user to contact HR', async () => {
    await postPlain(
      tokenOnly,
      '/feishu/events',
      messageEvent({ openId: PEOPLE.stranger, text: '我晋升还差什么？', token: VERIFICATION_TOKEN }),
    )
    await tokenOnly.feishu.idle()
    const [sent] = sentCards()
    expect(sent!.call.body).toMatchObject({ receive_id: PEOPLE.stranger })
    expect(JSON.stringify(sent!.card)).toContain('HR')
    expect(await world.t.db.chatIdentity.count({ where: { externalId: PEOPLE.stranger } })).toBe(0)
  })
})

describe('verification', () => {
  const event = () => messageEvent({ openId: PEOPLE.liLei, text: 'help', token: VERIFICATION_TOKEN })

  it('answers the plain and the encrypted URL challenge at once', async () => {
    const plain = fixture<Record<string, string>>('url_verification.plain.doc.json')
    const plainResponse = await postPlain(tokenOnly, '/feishu/events', { ...plain, token: VERIFICATION_TOKEN })
    expect(plainResponse.statusCode).toBe(200)
    expect(plainResponse.json()).toEqual({ challenge: plain.challenge })
    const sealed = await postEncrypted(encrypted, '/feishu/cards', {
      challenge: 'c-42',
      token: VERIFICATION_TOKEN,
      type: 'url_verification',
    })
    expect(sealed.json()).toEqual({ challenge: 'c-42' })
  })

  it('answers the generated encrypted challenge from the fixtures (key "test key", signed at its own time)', async () => {
    const vector = fixture<{ encrypt_key: string; body: string; headers: Record<string, string> }>(
      'url_verification.encrypted.GENERATED.json',
    )
    const ladder = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: vector.encrypt_key }, nowMs: 1_700_000_000_000 })
    try {
      const response = await ladder.app.inject({
        method: 'POST',
        url: '/feishu/events',
        payload: vector.body,
        headers: { 'content-type': 'application/json', ...vector.headers },
      })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ challenge: '1b6aef1a-401f-406a-be41-f48911eabcef' })
    } finally {
      await ladder.close()
    }
  })

  it('refuses a wrong verification token with 401 (the SDK alone would answer 200)', async () => {
    const forged = messageEvent({ openId: PEOPLE.liLei, text: 'help', token: 'forged' })
    expect((await postPlain(tokenOnly, '/feishu/events', forged)).statusCode).toBe(401)
    expect((await postEncrypted(encrypted, '/feishu/events', forged)).statusCode).toBe(401)
    expect(
      (
        await postPlain(
          tokenOnly,
          '/feishu/cards',
          cardActionEvent({ openId: PEOPLE.liLei, value: { a: 'ask', v: 'help' }, token: 'forged' }),
        )
      ).statusCode,
    ).toBe(401)
  })

  it('refuses a bad signature, a stale timestamp and an unsigned event with 401', async () => {
    const good = await postEncrypted(encrypted, '/feishu/events', event())
    expect(good.statusCode).toBe(200)
    const stale = await postEncrypted(encrypted, '/feishu/events', event(), NOW.getTime() / 1000 - 301)
    expect(stale.statusCode).toBe(401)
    const body = JSON.stringify({ encrypt: 'AAAA' })
    const badSignature = await encrypted.app.inject({
      method: 'POST',
      url: '/feishu/events',
      payload: body,
      headers: { 'content-type': 'application/json', ...signatureHeaders(body, 'some other key', NOW.getTime() / 1000) },
    })
    expect(badSignature.statusCode).toBe(401)
    expect((await postPlain(encrypted, '/feishu/events', event())).statusCode).toBe(401)
    await encrypted.feishu.idle()
  })

  it.each([
    ['not JSON', '{"schema":"2.0",'],
    ['JSON that is not an event', JSON.stringify({ hello: 'world', token: VERIFICATION_TOKEN })],
    [
      'a message event without its message',
      JSON.stringify({
        schema: '2.0',
        header: { event_id: 'x', event_type: 'im.message.receive_v1', token: VERIFICATION_TOKEN },
        event: { sender: {} },
      }),
    ],
  ])('answers %s with 400 and keeps serving', async (_, payload) => {
    const response = await tokenOnly.app.inject({
      method: 'POST',
      url: '/feishu/events',
      payload,
      headers: { 'content-type': 'application/json' },
    })
    expect(response.statusCode).toBe(400)
    expect(
      (await postPlain(tokenOnly, '/feishu/events', { challenge: 'still-up', token: VERIFICATION_TOKEN, type: 'url_verification' })).json(),
    ).toEqual({ challenge: 'still-up' })
  })

  it('answers a card callback that is not card.action.trigger with 400', async () => {
    const notACard = messageEvent({ openId: PEOPLE.liLei, text: 'hi', token: VERIFICATION_TOKEN })
    expect((await postPlain(tokenOnly, '/feishu/cards', notACard)).statusCode).toBe(400)
  })

  it('leaves other routes alone: the plugin’s raw-body parser and error handler are encapsulated', async () => {
    const app = Fastify()
    app.post('/other', async (request) => ({ got: request.body }))
    const config = ZConfig.parse({
      FEISHU_APP_ID: APP.appId,
      FEISHU_APP_SECRET: APP.appSecret,
      FEISHU_DOMAIN: world.fake.url,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_ALLOW_TOKEN_ONLY: 'true',
    })
    const feishu = await startFeishu(app, { config, core: world.core, log: world.log })
    await app.ready()
    expect((await app.inject({ method: 'POST', url: '/other', payload: { a: 1 } })).json()).toEqual({ got: { a: 1 } })
    expect(
      (await app.inject({ method: 'POST', url: '/other', payload: '{', headers: { 'content-type': 'application/json' } })).statusCode,
    ).toBe(400)
    expect(
      (
        await postPlain({ app, feishu, close: async () => {} }, '/feishu/events', {
          challenge: 'c',
          token: VERIFICATION_TOKEN,
          type: 'url_verification',
        })
      ).json(),
    ).toEqual({ challenge: 'c' })
    await feishu.stop()
    await app.close()
  })
})
