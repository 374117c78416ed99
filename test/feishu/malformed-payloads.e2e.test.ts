// Correctly encrypted and signed but malformed Feishu payloads: 400, never a 500,
// and no error-level log line; plus a fixed-seed fuzz of both routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageEvent } from '../fakes/feishu-events.js'
import { feishuCase, generate, random, runCases } from '../support/fuzz.js'
import { createWorld, ENCRYPT_KEY, type Ladder, PEOPLE, postEncrypted, startLadder, VERIFICATION_TOKEN, type World } from './support.js'

let world: World
let ladder: Ladder
beforeAll(async () => {
  world = await createWorld()
  ladder = await startLadder(world, {
    secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
    intake: {},
  })
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

const errors = () => world.log.lines.filter((e) => e.level === 'error')

describe('Feishu, signed but malformed', () => {
  it('a lone surrogate in the sender → 400, nothing stored, no error logged', async () => {
    const before = errors().length
    const event = messageEvent({ openId: `${PEOPLE.liLei}\ud800`, text: 'tasks', token: VERIFICATION_TOKEN })
    const response = await postEncrypted(ladder, '/feishu/events', event)
    expect(response.statusCode).toBe(400)
    expect(errors().length).toBe(before)
  })

  it('300 fuzzed cases on both routes: no 5xx, no error-level log line', async () => {
    const tally = await runCases(ladder.app, generate(random(29), 300, feishuCase))
    await ladder.intake!.drained()
    expect(tally.failures.map((f) => `${f.status} ${f.request.endpoint} ${f.request.mutation}`)).toEqual([])
    expect(errors().map((e) => e.msg)).toEqual([])
  })
})
