// Feishu messages through the intake, as `npm start` wires them: Feishu gets its
// {} once the event is written down (InboundEvent on the world's SQLite file), the
// answer follows from the queue — once, also for a re-push and past the bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageEvent } from '../fakes/feishu-events.js'
import { createWorld, ENCRYPT_KEY, type Ladder, PEOPLE, postEncrypted, startLadder, VERIFICATION_TOKEN, type World } from './support.js'

const SEND = /^\/open-apis\/im\/v1\/messages$/
let world: World
let ladder: Ladder

beforeAll(async () => {
  world = await createWorld()
  ladder = await startLadder(world, {
    secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
    intake: { bound: 3, concurrency: 2 },
  })
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

const sentTo = (openId: string) =>
  world.fake.calls.filter((c) => c.method === 'POST' && SEND.test(c.path) && (c.body as { receive_id?: string }).receive_id === openId)

describe('Feishu messages through the intake', () => {
  it('answers once, also when Feishu pushes the same event again', async () => {
    const event = messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', token: VERIFICATION_TOKEN })
    const first = await postEncrypted(ladder, '/feishu/events', event)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({})
    const again = await postEncrypted(ladder, '/feishu/events', event)
    expect(again.statusCode).toBe(200)
    await ladder.feishu.idle()
    expect(sentTo(PEOPLE.liLei)).toHaveLength(1)
    expect(await world.t.db.inboundEvent.count()).toBe(0)
  })

  it('answers a burst past the bound, each message once', async () => {
    const before = sentTo(PEOPLE.liLei).length
    const events = Array.from({ length: 20 }, (_, i) =>
      messageEvent({ openId: PEOPLE.liLei, text: i % 2 ? 'my tasks' : 'promotion gap', token: VERIFICATION_TOKEN }),
    )
    const acks = await Promise.all(events.map((e) => postEncrypted(ladder, '/feishu/events', e)))
    expect(acks.map((a) => a.statusCode)).toEqual(events.map(() => 200))
    await ladder.feishu.idle()
    expect(sentTo(PEOPLE.liLei).length - before).toBe(20)
    expect(ladder.intake!.stats()).toMatchObject({ unanswered: 0, failed: 0 })
  })
})
