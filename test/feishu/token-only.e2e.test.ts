// Issue 17, finding 2: with the verification token alone, anyone who has it could
// forge events and clicks. HTTP mode now needs FEISHU_ENCRYPT_KEY unless the
// operator opts into token-only (FEISHU_ALLOW_TOKEN_ONLY=true, warned at every
// start); every event and click outside the 5-minute window is refused, in either
// mode; and a click that names no chat gets nothing personal in its HTTP answer.
import Fastify from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ZConfig } from '../../bot/config.js'
import { startFeishu } from '../../bot/platforms/feishu.js'
import { cardActionEvent, EVENT_TIME_MS, messageEvent } from '../fakes/feishu-events.js'
import {
  APP,
  createWorld,
  ENCRYPT_KEY,
  type Ladder,
  PEOPLE,
  postEncrypted,
  postPlain,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from './support.js'

const SEND = /^\/open-apis\/im\/v1\/messages$/
const MINUTE = 60_000

let world: World
let tokenOnly: Ladder
let signed: Ladder

beforeAll(async () => {
  world = await createWorld()
  tokenOnly = await startLadder(world, { secrets: { FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN, FEISHU_ALLOW_TOKEN_ONLY: 'true' } })
  signed = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN } })
})
afterAll(async () => {
  await tokenOnly.close()
  await signed.close()
  await world.close()
})
beforeEach(() => {
  world.fake.calls.length = 0
  world.log.lines.length = 0
})

const baseEnv = { FEISHU_APP_ID: APP.appId, FEISHU_APP_SECRET: APP.appSecret, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN }

describe('starting in HTTP mode', () => {
  it('refuses the verification token alone, and starts with it only when opted in, warning loudly', async () => {
    expect(ZConfig.safeParse(baseEnv).success).toBe(false)
    // Past the config (a caller building its own): startFeishu refuses too.
    const config = {
      ...ZConfig.parse({ ...baseEnv, FEISHU_DOMAIN: world.fake.url, FEISHU_ENCRYPT_KEY: 'k' }),
      FEISHU_ENCRYPT_KEY: undefined,
    }
    const refused = Fastify()
    await expect(startFeishu(refused, { config, core: world.core, log: world.log })).rejects.toThrow(/FEISHU_ENCRYPT_KEY is required/)
    await refused.close()

    const app = Fastify()
    const optedIn = ZConfig.parse({ ...baseEnv, FEISHU_DOMAIN: world.fake.url, FEISHU_ALLOW_TOKEN_ONLY: 'true' })
    const feishu = await startFeishu(app, { config: optedIn, core: world.core, log: world.log })
    expect(world.log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^INSECURE: .*FEISHU_ENCRYPT_KEY/) }),
    )
    await feishu.stop()
    await app.close()
  })
})

describe('the 5-minute window on header.create_time', () => {
  const ask = (createTimeMs: number) =>
    messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', token: VERIFICATION_TOKEN, createTimeMs })

  it.each([
    ['a year old', EVENT_TIME_MS - 365 * 24 * 60 * MINUTE],
    ['six minutes old', EVENT_TIME_MS - 6 * MINUTE],
    ['six minutes ahead', EVENT_TIME_MS + 6 * MINUTE],
  ])('refuses a token-only message %s with 401 and answers nothing', async (_, at) => {
    const response = await postPlain(tokenOnly, '/feishu/events', ask(at))
    expect(response.statusCode).toBe(401)
    await tokenOnly.feishu.idle()
    expect(world.fake.callsTo('POST', SEND)).toHaveLength(0)
    expect(world.log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ reason: expect.stringContaining('stale create_time') }) }),
    )
  })

  it('accepts a message four minutes old', async () => {
    expect((await postPlain(tokenOnly, '/feishu/events', ask(EVENT_TIME_MS - 4 * MINUTE))).statusCode).toBe(200)
    await tokenOnly.feishu.idle()
    expect(world.fake.callsTo('POST', SEND)).toHaveLength(1)
  })

  it('refuses a message without create_time', async () => {
    const event = ask(EVENT_TIME_MS)
    delete (event.header as Record<string, unknown>).create_time
    expect((await postPlain(tokenOnly, '/feishu/events', event)).statusCode).toBe(401)
  })

  it('refuses a stale card click, token-only or freshly signed (a replayed body under a new signature)', async () => {
    const old = cardActionEvent({
      openId: PEOPLE.liLei,
      value: { a: 'training_done', v: '1' },
      token: VERIFICATION_TOKEN,
      createTimeMs: EVENT_TIME_MS - 365 * 24 * 60 * MINUTE,
    })
    const plain = await postPlain(tokenOnly, '/feishu/cards', old)
    expect(plain.statusCode).toBe(401)
    expect(plain.body).not.toContain('card')
    expect((await postEncrypted(signed, '/feishu/cards', old)).statusCode).toBe(401)
    expect((await postEncrypted(signed, '/feishu/events', ask(EVENT_TIME_MS - 6 * MINUTE))).statusCode).toBe(401)
  })
})

describe('a click that names no chat', () => {
  it('answers a forged enrol for someone else with a neutral toast; the card goes only to that person’s own chat', async () => {
    const forged = cardActionEvent({ openId: PEOPLE.liLei, value: { a: 'enrol', v: 'CU-101' }, token: VERIFICATION_TOKEN, noContext: true })
    const response = await postPlain(tokenOnly, '/feishu/cards', forged)
    expect(response.statusCode).toBe(200)
    const body = response.json() as { card?: unknown; toast?: { content: string } }
    expect(body.card).toBeUndefined()
    expect(response.body).not.toContain('李雷')
    await tokenOnly.feishu.idle()
    const sent = world.fake.callsTo('POST', SEND)
    expect(sent.length).toBeGreaterThan(0)
    for (const call of sent) expect(call.body).toMatchObject({ receive_id: PEOPLE.liLei })
  })

  it('answers a forged click naming the forger’s own direct chat the same way: only the real clicker’s chat is theirs', async () => {
    // Alex writes to Ladder: his direct chat is known to be his.
    await postPlain(tokenOnly, '/feishu/events', messageEvent({ openId: PEOPLE.alexChen, text: 'help', token: VERIFICATION_TOKEN }))
    await tokenOnly.feishu.idle()
    world.fake.calls.length = 0
    const forged = cardActionEvent({
      openId: PEOPLE.liLei,
      value: { a: 'enrol', v: 'CU-101' },
      token: VERIFICATION_TOKEN,
      chatId: `oc_p2p_${PEOPLE.alexChen}`,
    })
    const response = await postPlain(tokenOnly, '/feishu/cards', forged)
    expect(response.statusCode).toBe(200)
    expect((response.json() as { card?: unknown }).card).toBeUndefined()
    expect(response.body).not.toContain('李雷')
    await tokenOnly.feishu.idle()
    for (const call of world.fake.callsTo('POST', SEND)) expect(call.body).toMatchObject({ receive_id: PEOPLE.liLei })
  })

  it('still updates the card in place for a clicker in their own direct chat', async () => {
    await postPlain(
      tokenOnly,
      '/feishu/events',
      messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', token: VERIFICATION_TOKEN }),
    )
    await tokenOnly.feishu.idle()
    const click = cardActionEvent({ openId: PEOPLE.liLei, value: { a: 'enrol', v: 'CU-101' }, token: VERIFICATION_TOKEN })
    const body = (await postPlain(tokenOnly, '/feishu/cards', click)).json() as { card?: { type: string } }
    expect(body.card?.type).toBe('raw')
  })
})
