// FEISHU_MODE=ws: the SDK's real WSClient against a local server that speaks its
// protocol (endpoint discovery over HTTP, then protobuf frames over WebSocket),
// feeding the same EventDispatcher as HTTP mode.

import Fastify from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ZConfig } from '../../bot/config.js'
import { startFeishu } from '../../bot/platforms/feishu.js'
import { cardActionEvent, EVENT_TIME_MS, messageEvent } from '../fakes/feishu-events.js'
import { attachFakeLongConnection, decodeFrame, encodeFrame, type FakeLongConnection } from '../fakes/feishu-ws.js'
import { APP, buttonValues, createWorld, findTagged, type Ladder, PEOPLE, startLadder, type World } from './support.js'

let world: World
let ladder: Ladder
let connection: FakeLongConnection
let discovery: unknown[]

beforeAll(async () => {
  world = await createWorld()
  connection = attachFakeLongConnection(world.fake, APP)
  ladder = await startLadder(world, { secrets: {}, mode: 'ws' })
  await connection.connected()
  discovery = world.fake.callsTo('POST', /^\/callback\/ws\/endpoint$/).map((c) => c.body)
})
afterAll(async () => {
  await ladder.close()
  await connection.close()
  await world.close()
})
beforeEach(() => {
  world.fake.calls.length = 0
})

describe('the fake speaks pbbp2', () => {
  it('round-trips a frame through its codec', () => {
    const frame = {
      SeqID: 300,
      LogID: 1,
      service: 7,
      method: 1,
      headers: [{ key: 'type', value: 'event' }],
      payload: new TextEncoder().encode('{"a":"中"}'),
    }
    expect(decodeFrame(encodeFrame(frame))).toEqual(frame)
  })
})

describe('long connection', () => {
  it('registers no HTTP routes (no public URL needed) and discovers the socket with the app credentials', async () => {
    expect((await ladder.app.inject({ method: 'POST', url: '/feishu/events', payload: '{}' })).statusCode).toBe(404)
    expect(discovery).toEqual([{ AppID: APP.appId, AppSecret: APP.appSecret }])
  })

  it('ignores a message and a click made outside the 5-minute window, with a log line', async () => {
    const stale = EVENT_TIME_MS - 6 * 60_000
    await connection.sendEvent(messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', createTimeMs: stale }))
    const click = await connection.sendEvent(
      cardActionEvent({ openId: PEOPLE.liLei, value: { a: 'enrol', v: 'CU-101' }, createTimeMs: stale }),
    )
    expect(JSON.stringify(click)).not.toContain('李雷')
    await ladder.feishu.idle()
    expect(world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)).toHaveLength(0)
    expect(world.log.lines.filter((l) => l.msg?.includes('outside the 5-minute window'))).toHaveLength(2)
  })

  it('answers a p2p message event (empty header.token, no signature) with the gap card sent through the API', async () => {
    const answer = await connection.sendEvent(messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？' }))
    expect(answer).toEqual({ code: 200, data: {} })
    await ladder.feishu.idle()
    const [sent] = world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    expect(sent!.body).toMatchObject({ receive_id: PEOPLE.liLei, msg_type: 'interactive' })
    const card = JSON.parse((sent!.body as { content: string }).content)
    expect(card).toMatchObject({ schema: '2.0', header: { title: { content: expect.stringContaining('李雷') } } })
    expect(buttonValues(card).length).toBeGreaterThan(0)
  })

  it('reassembles an event split over several frames', async () => {
    const answer = await connection.sendEvent(messageEvent({ openId: PEOPLE.alexChen, text: 'what are my tasks?' }), { fragments: 3 })
    expect(answer.code).toBe(200)
    await ladder.feishu.idle()
    expect(world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/).map((c) => (c.body as { receive_id: string }).receive_id)).toEqual(
      [PEOPLE.alexChen],
    )
  })

  it('answers a card callback, which arrives as a card.action.trigger event, with the callback body in the frame', async () => {
    const task = await world.t.db.evaluationTask.findFirstOrThrow({
      where: { kind: 'supervisor_evaluation', status: 'open', assignee: { email: 'han.meimei@demo.ladder' } },
    })
    const answer = await connection.sendEvent(
      cardActionEvent({ openId: PEOPLE.hanMeimei, value: { a: 'open_form', v: `evaluation:${task.id}` } }),
    )
    expect(answer.code).toBe(200)
    const body = answer.data as { card: { type: string; data: unknown } }
    expect(body.card.type).toBe('raw')
    expect(findTagged(body.card.data, 'form')).toHaveLength(1)
  })

  it('answers a re-delivered event once', async () => {
    const event = messageEvent({ openId: PEOPLE.liLei, text: 'help', eventId: 'ev_ws_twice' })
    await connection.sendEvent(event)
    await connection.sendEvent(event)
    await ladder.feishu.idle()
    expect(world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)).toHaveLength(1)
  })

  it('refuses to start with an app id the WSClient would silently ignore', async () => {
    const app = Fastify()
    const config = ZConfig.parse({ FEISHU_APP_ID: 'cli_short', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'ws', FEISHU_DOMAIN: world.fake.url })
    await expect(startFeishu(app, { config, core: world.core, log: world.log })).rejects.toThrow(/16 hex digits/)
    await app.close()
  })
})
