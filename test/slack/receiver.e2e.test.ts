// The fastify receiver's own answers when no Bolt listener acknowledges a request.
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSlackAdapter, type SlackAdapter, SlackStartError } from '../../adapters/slack/create-slack-adapter.js'
import { isAnswerable, stripMention } from '../../adapters/slack/handle-message.js'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { memoryLogger } from '../support/deps.js'
import { jsonFixture } from './harness.js'

const SECRET = 'receiver-secret'
const NOW = new Date('2026-11-23T02:00:00Z')
const TS = String(NOW.getTime() / 1000)
const untouchable: CoreApi = {
  handleMessage: () => Promise.reject(new Error('the core must not be called')),
  handleAction: () => Promise.reject(new Error('the core must not be called')),
  home: () => Promise.reject(new Error('the core must not be called')),
}

let fake: FakeSlackApi
let slack: SlackAdapter
let app: FastifyInstance
const log = memoryLogger()

beforeAll(async () => {
  fake = await startFakeSlackApi()
  slack = await createSlackAdapter({
    botToken: 'xoxb-x',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    core: untouchable,
    clock: { now: () => NOW },
    log,
    unhandledTimeoutMs: 50,
  })
  app = Fastify({ logger: false })
  await slack.receiver!.register(app)
  await app.ready()
})
afterAll(async () => {
  await app.close()
  await fake.close()
})

const post = (payload: object) => {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
  return app.inject({
    method: 'POST',
    url: '/slack/events',
    payload: body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': TS,
      'x-slack-signature': signatureFor(SECRET, TS, body),
    },
  })
}

describe('requests no listener acknowledges', () => {
  it('a button Ladder did not render: 404 (like Bolt’s own receivers) as soon as Bolt is done', async () => {
    const click = jsonFixture<{ actions: object[] }>('block_actions_button.json')
    const res = await post(click)
    expect(res.statusCode).toBe(404)
    expect(log.lines.some((l) => l.msg === 'slack request not acknowledged by any listener: answered 404')).toBe(true)
  })

  it('a listener still busy when the ack timeout passes: 404 then, not a hung request', async () => {
    // A core that never answers: the form listener cannot ack before the receiver's 50 ms.
    const stuck: CoreApi = { ...untouchable, handleAction: () => new Promise(() => {}) }
    const slow = await createSlackAdapter({
      botToken: 'xoxb-x',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      core: stuck,
      clock: { now: () => NOW },
      log,
      unhandledTimeoutMs: 50,
    })
    const server = Fastify({ logger: false })
    await slow.receiver!.register(server)
    const submission = jsonFixture<{ view: Record<string, unknown> }>('view_submission.json')
    Object.assign(submission.view, { callback_id: 'ladder_form', private_metadata: '{"k":"evaluation:1"}' })
    const body = new URLSearchParams({ payload: JSON.stringify(submission) }).toString()
    const res = await server.inject({
      method: 'POST',
      url: '/slack/events',
      payload: body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': TS,
        'x-slack-signature': signatureFor(SECRET, TS, body),
      },
    })
    expect(res.statusCode).toBe(404)
    expect(log.lines.some((l) => l.msg === 'slack request not acknowledged in time: answered 404')).toBe(true)
    await server.close()
  })

  it('a modal of another app: 404', async () => {
    const submission = jsonFixture('view_submission.json')
    expect((await post(submission)).statusCode).toBe(404)
  })
})

describe('start-up', () => {
  it('a token Slack refuses stops start-up with a message naming the variable', async () => {
    fake.answer('auth.test', { ok: false, error: 'invalid_auth' })
    const attempt = createSlackAdapter({
      botToken: 'xoxb-bad',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      core: untouchable,
      clock: { now: () => NOW },
      log,
    })
    await expect(attempt).rejects.toThrow(SlackStartError)
    await expect(attempt).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/)
  })

  it('HTTP mode without a signing secret refuses to start', async () => {
    fake.answer('auth.test', { team_id: 'T1', user_id: 'U1', bot_id: 'B1' })
    await expect(
      createSlackAdapter({ botToken: 'xoxb-x', apiUrl: fake.apiUrl, core: untouchable, clock: { now: () => NOW }, log }),
    ).rejects.toThrow(/SLACK_SIGNING_SECRET/)
  })
})

describe('listener helpers', () => {
  it.each([
    ['<@UBOT> what do I need?', 'what do I need?'],
    ['<@UBOT|ladder>   gap   RD3', 'gap RD3'],
    ['hey <@UBOT>, and <@UOTHER>', 'hey , and <@UOTHER>'],
    ['<@UBOT>', ''],
  ])('stripMention(%j) → %j', (text, expected) => {
    expect(stripMention(text, 'UBOT')).toBe(expected)
  })

  const base = { type: 'message', channel: 'D1', ts: '1.1', user: 'U1', text: 'hi' }
  it.each([
    ['a plain message', base, true],
    ['an edit', { ...base, subtype: 'message_changed' }, false],
    ['a join', { ...base, subtype: 'channel_join' }, false],
    ['a deletion', { ...base, subtype: 'message_deleted', user: undefined }, false],
    ['another bot', { ...base, bot_id: 'B9' }, false],
    ['our bot user', { ...base, user: 'UBOT' }, false],
  ])('%s → %s', (_name, event, expected) => {
    expect(isAnswerable(event, 'UBOT')).toBe(expected)
  })
})
