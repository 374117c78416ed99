// POST /slack/events as Slack (and forgers) call it: signatures, bodies, the URL
// challenge, retries. Real Bolt behind our fastify receiver, real core and DB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import {
  dmEvent,
  fixture,
  jsonFixture,
  NOW_SECONDS,
  nextId,
  SIGNING_SECRET,
  type SlackHarness,
  slashCommand,
  startSlackHarness,
  USERS,
} from './harness.js'
import { waitUntil } from './wait.js'

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
})
afterAll(() => h.close())

const processed = async (eventId: string): Promise<boolean> =>
  (await h.testDb.db.processedEvent.count({ where: { platform: 'slack', eventId } })) === 1

describe('url_verification', () => {
  it('answers the documented challenge with JSON', async () => {
    const res = await h.post(fixture('url_verification.json'), 'application/json')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' })
  })
})

describe('signature checks: 401 and nothing processed', () => {
  const body = (): { id: string; text: string } => {
    const event = dmEvent(USERS.liLei, 'promotion gap')
    return { id: String(event.event_id), text: JSON.stringify(event) }
  }
  const stale = String(Number(NOW_SECONDS) - 301)
  const future = String(Number(NOW_SECONDS) + 301)

  it.each([
    ['forged (another secret)', (b: string) => ({ 'x-slack-signature': signatureFor('not-the-secret', NOW_SECONDS, b) })],
    ['signature of another body', (b: string) => ({ 'x-slack-signature': signatureFor(SIGNING_SECRET, NOW_SECONDS, b + ' ') })],
    ['missing signature', () => ({ 'x-slack-signature': '' })],
    ['missing timestamp', () => ({ 'x-slack-request-timestamp': '' })],
    [
      'stale timestamp, correctly signed',
      (b: string) => ({ 'x-slack-request-timestamp': stale, 'x-slack-signature': signatureFor(SIGNING_SECRET, stale, b) }),
    ],
    [
      'timestamp 5 minutes ahead, correctly signed',
      (b: string) => ({ 'x-slack-request-timestamp': future, 'x-slack-signature': signatureFor(SIGNING_SECRET, future, b) }),
    ],
  ])('%s', async (_name, headers) => {
    const { id, text } = body()
    const res = await h.post(text, 'application/json', headers(text))
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: 'invalid_signature' })
    expect(await processed(id)).toBe(false)
  })

  it('a forged request with a broken body is still a 401, not a parse error', async () => {
    const res = await h.post('{not json', 'application/json', { 'x-slack-signature': 'v0=00' })
    expect(res.statusCode).toBe(401)
  })
})

describe('bodies: 400 for what cannot be read, and the process keeps serving', () => {
  it.each([
    ['truncated JSON', '{"type":"event_callback","event":', 'application/json', 400],
    ['a JSON array', '[]', 'application/json', 400],
    ['interactivity payload that is not JSON', 'payload=%7B%22type%22%3A', 'application/x-www-form-urlencoded', 400],
    ['form without a command', 'hello=world', 'application/x-www-form-urlencoded; charset=utf-8', 400],
    ['an unknown content type', 'hello', 'text/plain', 415],
  ])('%s → %d', async (_name, body, type, status) => {
    const res = await h.post(body, type)
    expect(res.statusCode).toBe(status)
  })

  it('a body over the server limit → 413 from the plugin error handler', async () => {
    const res = await h.post(JSON.stringify({ type: 'x', pad: 'x'.repeat(2 * 1024 * 1024) }), 'application/json')
    expect(res.statusCode).toBe(413)
  })

  it('after all that, a good request is still served', async () => {
    expect((await h.post(fixture('url_verification.json'), 'application/json')).statusCode).toBe(200)
  })

  it('SSL check is answered without a signature and nothing else is done', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/slack/events',
      payload: 'ssl_check=1&token=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
  })
})

describe('content types Bolt would refuse', () => {
  it('a slash command sent with "; charset=utf-8" is served', async () => {
    const fields = slashCommand(h.fake, USERS.alex, 'help')
    const res = await h.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded; charset=utf-8')
    expect(res.statusCode).toBe(200)
    const answer = await h.fake.waitFor('response_url', (c) => fields.response_url!.endsWith(c.path))
    expect(answer.args).toMatchObject({ response_type: 'ephemeral' })
  })
})

describe('retries', () => {
  it('the same event_id redelivered with X-Slack-Retry-Num is acked and answered once', async () => {
    const event = dmEvent(USERS.alex, 'what do I need for promotion?')
    const channel = (event.event as { channel: string }).channel
    const first = await h.postJson(event)
    expect(first.statusCode).toBe(200)
    await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === channel)
    const retry = await h.postJson(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })
    expect(retry.statusCode).toBe(200)
    await waitUntil(() =>
      h.log.lines.some(
        (l) => l.msg === 'slack event already handled: retry ignored' && (l.obj as { eventId?: string }).eventId === event.event_id,
      ),
    )
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(1)
  })

  it('a reply Slack refuses after the ack is logged with its code, and the next event is served', async () => {
    h.fake.script('chat.postMessage', [{ status: 200, body: { ok: false, error: 'channel_not_found' } }])
    await h.postJson(dmEvent(USERS.alex, 'help'))
    await waitUntil(() =>
      h.log.lines.some((l) => l.msg === 'slack listener failed' && (l.obj as { code?: string }).code === 'slack_webapi_platform_error'),
    )
    const before = h.fake.calls.length
    await h.postJson(dmEvent(USERS.alex, 'help'))
    const answer = await h.fake.waitFor('chat.postMessage', (c) => h.fake.calls.indexOf(c) >= before)
    expect(answer.response.body).toMatchObject({ ok: true })
  })

  it('an event nobody listens to is acked at once', async () => {
    const body = {
      ...jsonFixture('event_callback_message_im.json'),
      event_id: nextId('EvRX'),
      event: { type: 'reaction_added', user: USERS.alex, reaction: 'thumbsup', event_ts: '1.2' },
    }
    const res = await h.postJson(body)
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
  })
})
