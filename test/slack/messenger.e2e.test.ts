// The Messenger with the real @slack/web-api against the fake Slack API: what it
// sends, how the SDK's retries behave on 429/500, and which DeliveryError comes out.

import { webApi } from '@slack/bolt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSlackMessenger } from '../../adapters/slack/messenger.js'
import { toDeliveryError } from '../../adapters/slack/to-delivery-error.js'
import { createWebClient } from '../../adapters/slack/web-client.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { DeliveryError, type Messenger } from '../../core/kernel/messaging.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { memoryLogger } from '../support/deps.js'

let fake: FakeSlackApi
let messenger: Messenger
const log = memoryLogger()
const card = makeCard('en', { title: 'Reminder' }, [{ type: 'text', text: 'Finish **RD-101**' }])

beforeAll(async () => {
  fake = await startFakeSlackApi()
  // One retry, no backoff to speak of: a Retry-After is still waited in full by the SDK.
  const { web, rateLimits } = createWebClient('xoxb-test', {
    apiUrl: fake.apiUrl,
    log,
    retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 },
  })
  messenger = createSlackMessenger(web, rateLimits)
})
afterEach(() => {
  fake.calls.length = 0
})
afterAll(() => fake.close())

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DeliveryError)
  return error as DeliveryError
}

describe('send and update', () => {
  it('posts the rendered card to a user (the app DM) and returns where it landed', async () => {
    const ref = await messenger.send({ platform: 'slack', tenant: 'T1', kind: 'user', id: 'U42' }, card)
    const [call] = fake.callsTo('chat.postMessage')
    expect(call!.args).toEqual({
      channel: 'U42',
      text: 'Reminder\nFinish RD-101',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Reminder', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Finish *RD-101*' } },
      ],
    })
    expect(call!.headers.authorization).toBe('Bearer xoxb-test')
    expect(ref).toEqual({ channelId: 'D42', messageId: expect.stringMatching(/^\d+\.\d+$/) })
  })

  it('replies in a thread when the destination has one', async () => {
    await messenger.send({ platform: 'slack', tenant: 'T1', kind: 'channel', id: 'C9', threadId: '171.5' }, card)
    expect(fake.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C9', thread_ts: '171.5' })
  })

  it('updates a message in place', async () => {
    await messenger.update({ channelId: 'D42', messageId: '171.6' }, card)
    expect(fake.callsTo('chat.update')[0]!.args).toMatchObject({ channel: 'D42', ts: '171.6', text: 'Reminder\nFinish RD-101' })
  })
})

describe('the SDK retries before the Messenger sees an error', () => {
  it('429 with Retry-After: 1, then success: delivered on the second attempt', async () => {
    fake.script('chat.postMessage', [{ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }])
    const ref = await messenger.send({ platform: 'slack', tenant: 'T1', kind: 'channel', id: 'C1' }, card)
    expect(ref.channelId).toBe('C1')
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2)
  })

  it('500, then success: delivered on the second attempt', async () => {
    fake.script('chat.postMessage', [{ status: 500 }])
    await messenger.send({ platform: 'slack', tenant: 'T1', kind: 'channel', id: 'C1' }, card)
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2)
  })

  it('429 past the retries: a DeliveryError carrying the Retry-After', async () => {
    const limited = { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }
    fake.script('chat.postMessage', [limited, limited])
    const error = await failure(messenger.send({ platform: 'slack', tenant: 'T1', kind: 'channel', id: 'C1' }, card))
    expect(error.options).toEqual({ retryAfterMs: 1000, code: 'ratelimited' })
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2)
  })

  it('500 past the retries: a transient DeliveryError', async () => {
    fake.script('chat.update', [{ status: 500 }, { status: 503 }])
    const error = await failure(messenger.update({ channelId: 'C1', messageId: '1.1' }, card))
    expect(error.options).toEqual({ isPermanent: false, code: 'http_503' })
  })

  it('HTTP 400 past the retries (the SDK retries any non-200 status): permanent', async () => {
    fake.script('chat.postMessage', [{ status: 400 }, { status: 400 }])
    const error = await failure(messenger.send({ platform: 'slack', tenant: 'T1', kind: 'channel', id: 'C1' }, card))
    expect(error.options).toEqual({ isPermanent: true, code: 'http_400' })
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2)
  })
})

describe('Slack errors (HTTP 200, ok:false) are not retried and are classified', () => {
  it.each([
    ['channel_not_found', true],
    ['not_in_channel', true],
    ['invalid_blocks', true],
    ['account_inactive', true],
    ['msg_blocks_too_long', true],
    ['token_revoked', true],
    ['internal_error', false],
    ['fatal_error', false],
  ])('%s → permanent: %s', async (code, isPermanent) => {
    fake.answer('chat.postMessage', { ok: false, error: code })
    try {
      const error = await failure(messenger.send({ platform: 'slack', tenant: 'T1', kind: 'channel', id: 'C1' }, card))
      expect(error.options).toEqual({ isPermanent, code })
      expect(error.message).toBe(`slack chat.postMessage: ${code}`)
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1)
    } finally {
      fake.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: '1.1' }))
    }
  })

  it('a rate-limit error object from rejectRateLimitedCalls clients maps too', () => {
    expect(toDeliveryError(new webApi.WebAPIRateLimitedError(7), 'chat.postMessage').options).toEqual({
      retryAfterMs: 7000,
      code: 'ratelimited',
    })
  })
})

describe('channelMembers', () => {
  it('follows next_cursor through every page', async () => {
    fake.setMembers('C77', [['U1', 'U2'], ['U3'], ['U4', 'U5']])
    expect(await messenger.channelMembers!('T1', 'C77')).toEqual(['U1', 'U2', 'U3', 'U4', 'U5'])
    const calls = fake.callsTo('conversations.members').map((c) => c.args)
    expect(calls).toEqual([
      { channel: 'C77', limit: '200' },
      { channel: 'C77', limit: '200', cursor: 'page-1' },
      { channel: 'C77', limit: '200', cursor: 'page-2' },
    ])
  })

  it('an unknown channel is a permanent error', async () => {
    const error = await failure(messenger.channelMembers!('T1', 'C404'))
    expect(error.options).toEqual({ isPermanent: true, code: 'channel_not_found' })
  })
})

describe('memberProfiles', () => {
  it('reads each member with users.info: people with their email and name, bots and deactivated accounts as bots, failures left out', async () => {
    fake.addUser({ id: 'UP1', email: 'Ann@Example.test', name: 'Ann Lee' })
    fake.addUser({ id: 'UP2' })
    fake.addUser({ id: 'UPBOT', isBot: true })
    fake.addUser({ id: 'UPGONE', email: 'gone@example.test', deleted: true })
    const profiles = await messenger.memberProfiles!('T1', ['UP1', 'UP2', 'UPBOT', 'UPGONE', 'UPMISSING', 'UP1'])
    expect(Object.fromEntries(profiles)).toEqual({
      UP1: { kind: 'person', email: 'Ann@Example.test', name: 'Ann Lee' },
      UP2: { kind: 'person', email: null },
      UPBOT: { kind: 'bot' },
      UPGONE: { kind: 'bot' },
    })
    // Once per member, repeats asked once.
    expect(
      fake
        .callsTo('users.info')
        .map((c) => c.args.user)
        .sort(),
    ).toEqual(['UP1', 'UP2', 'UPBOT', 'UPGONE', 'UPMISSING'])
  })
})
