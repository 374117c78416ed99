// Correctly signed but malformed payloads through the real receiver and Bolt:
// a clear 400 and a warning, never a 500, and the server keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
