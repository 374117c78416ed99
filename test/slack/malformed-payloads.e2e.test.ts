// Correctly signed but malformed payloads through the real receiver and Bolt:
// a clear 400 and a warning, never a 500, and the server keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generate, random, runCases, slackCase } from '../support/fuzz.js'
import { dmEvent, jsonFixture, type SlackHarness, slashCommand, startSlackHarness, USERS } from './harness.js'

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
})
afterAll(() => h.close())

type Body = Record<string, unknown>

describe('signed, malformed payloads', () => {
  it.each<[string, () => Body]>([
    ['event null', () => ({ ...dmEvent(USERS.liLei, 'tasks'), event: null })],
    ['event a string', () => ({ ...dmEvent(USERS.liLei, 'tasks'), event: 'message' })],
    ['event type not a string', () => ({ ...dmEvent(USERS.liLei, 'tasks'), event: { type: 42, channel: 'D1', ts: '1.1' } })],
    ['body type not a string', () => ({ ...dmEvent(USERS.liLei, 'tasks'), type: ['event_callback'] })],
    ['block_actions without user', () => ({ ...jsonFixture('block_actions_button.json'), user: undefined })],
    ['block_actions with a garbage response_url', () => ({ ...jsonFixture('block_actions_button.json'), response_url: '::garbage::' })],
    ['view_submission with view null', () => ({ ...jsonFixture('view_submission.json'), view: null })],
  ])('%s → 400 with a warning', async (_name, body) => {
    const before = h.log.lines.filter((e) => e.level === 'warn').length
    const response = await h.postJson(body())
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: 'invalid_payload' })
    const warnings = h.log.lines.filter((e) => e.level === 'warn').slice(before)
    expect(warnings.some((e) => /does not match the documented shape/.test(e.msg ?? ''))).toBe(true)
  })

  it('a slash command with a garbage response_url → 400', async () => {
    const response = await h.postForm({ ...slashCommand(h.fake, USERS.liLei, 'tasks'), response_url: 'nope' })
    expect(response.statusCode).toBe(400)
  })

  it('a message event without a user is acknowledged (200) and ignored with a warning', async () => {
    const event = dmEvent(USERS.liLei, 'tasks') as { event: Body }
    const response = await h.postJson({ ...event, event: { ...event.event, user: 12 } })
    expect(response.statusCode).toBe(200)
  })

  it('still answers a well-formed message afterwards', async () => {
    const response = await h.postJson(dmEvent(USERS.liLei, 'tasks'))
    expect(response.statusCode).toBe(200)
  })
})

describe('signed payloads that Bolt itself would trip over (found by fuzzing)', () => {
  it.each<[string, () => Body]>([
    ['authorizations holding null', () => ({ ...dmEvent(USERS.liLei, 'tasks'), authorizations: [null] })],
    [
      'an event whose item is not an object',
      () => {
        const event = dmEvent(USERS.liLei, 'tasks') as { event: Body }
        return { ...event, event: { ...event.event, item: 'x' } }
      },
    ],
    ['block_actions with channel null', () => ({ ...jsonFixture('block_actions_button.json'), channel: null })],
    [
      'block_actions with team holding a null enterprise_id and enterprise a string',
      () => ({ ...jsonFixture('block_actions_button.json'), enterprise: 'E1' }),
    ],
    ['block_actions that also has an event key', () => ({ ...jsonFixture('block_actions_button.json'), event: 1 })],
    ['a shortcut without a user', () => ({ type: 'shortcut', callback_id: 'x', trigger_id: '1.2', team: { id: 'T1' } })],
  ])('%s → 400', async (_name, body) => {
    const errorsBefore = h.log.lines.filter((e) => e.level === 'error').length
    const response = await h.postJson(body())
    expect(response.statusCode).toBe(400)
    expect(h.log.lines.filter((e) => e.level === 'error').length).toBe(errorsBefore)
  })

  it('a lone surrogate in a message → 400 (the Web API client would throw on it)', async () => {
    const response = await h.post(JSON.stringify(dmEvent(USERS.liLei, '\ud800 tasks')), 'application/json')
    expect(response.statusCode).toBe(400)
    const payload = new URLSearchParams({ payload: JSON.stringify({ ...jsonFixture('block_actions_button.json'), trigger_id: '\udc00' }) })
    expect((await h.post(payload.toString(), 'application/x-www-form-urlencoded')).statusCode).toBe(400)
  })
})

describe('fuzzing every Slack body kind (fixed seed)', () => {
  it('answers 300 cases of mutated, badly signed and unreadable payloads without a 5xx or an error-level log line', async () => {
    const fuzzed = await startSlackHarness({ intake: {} })
    try {
      const tally = await runCases(
        fuzzed.app,
        generate(random(17), 300, (rng) => slackCase(rng, fuzzed.fake)),
      )
      await fuzzed.intake!.drained()
      expect(tally.failures.map((f) => `${f.status} ${f.request.endpoint} ${f.request.mutation}`)).toEqual([])
      const total = [...tally.byEndpoint.values()].flatMap((m) => [...m.values()]).reduce((a, b) => a + b, 0)
      expect(total).toBe(300)
      expect(fuzzed.log.lines.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([])
    } finally {
      await fuzzed.close()
    }
  })
})
