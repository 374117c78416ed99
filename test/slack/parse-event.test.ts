// Slack's payloads through the zod schemas: the documented samples pass, and
// signed-but-malformed variants are told apart with a reason (and answered 400 by
// the receiver, never 500).
import { describe, expect, it } from 'vitest'
import {
  checkSlackBody,
  mentionedUsers,
  slackPlainText,
  ZBlockActions,
  ZMessageEvent,
  ZSlashCommand,
  ZViewSubmission,
} from '../../adapters/slack/parse-event.js'
import { fixture, jsonFixture } from './harness.js'

type Body = Record<string, unknown>
const im = (): Body => jsonFixture('event_callback_message_im.json')
const mention = (): Body => jsonFixture('event_callback_app_mention.json')
const button = (): Body => jsonFixture('block_actions_button.json')
const buttonWithState = (): Body => jsonFixture('block_actions_button_in_message_with_state.json')
const submission = (): Body => jsonFixture('view_submission.json')
const command = (): Body => Object.fromEntries(new URLSearchParams(fixture('slash_command.txt')))
const socketCommand = (): Body => jsonFixture<{ payload: Body }>('socket_mode_slash_commands.json').payload
const socketMention = (): Body => jsonFixture<{ payload: Body }>('socket_mode_events_api_app_mention.json').payload

describe('checkSlackBody: documented payloads pass', () => {
  it.each([
    ['message.im event_callback', im()],
    ['app_mention event_callback', mention()],
    ['app_mention over Socket Mode', socketMention()],
    ['block_actions (button)', button()],
    ['block_actions (message with state)', buttonWithState()],
    ['view_submission', submission()],
    ['slash command (form fields)', command()],
    ['slash command over Socket Mode', socketCommand()],
    ['a type Ladder does not handle', { type: 'view_closed', team: { id: 'T1' }, user: { id: 'U1' }, view: {} }],
  ])('%s', (_name, body) => {
    expect(checkSlackBody(body)).toEqual({ ok: true })
  })
})

describe('checkSlackBody: signed but malformed', () => {
  const refused = (body: Body): string => {
    const result = checkSlackBody(body)
    if (result.ok) throw new Error('accepted')
    return result.reason
  }
  it.each<[string, Body, RegExp]>([
    ['event is null', { ...im(), event: null }, /^event_callback event/],
    ['event is a string', { ...im(), event: 'message' }, /^event_callback event/],
    ['event without a type', { ...im(), event: { channel: 'D1' } }, /event\.type/],
    ['event type not a string', { ...im(), event: { type: 7 } }, /event\.type/],
    ['envelope without event_id', { ...im(), event_id: undefined }, /event_id/],
    ['envelope team_id a number', { ...im(), team_id: 42 }, /team_id/],
    ['type is a number', { ...im(), type: 12 }, /type/],
    ['type missing', { team_id: 'T1', event: {} }, /type/],
    ['block_actions without user', { ...button(), user: undefined }, /^block_actions user/],
    ['block_actions user without id', { ...button(), user: { name: 'x' } }, /user\.id/],
    ['block_actions garbage response_url', { ...button(), response_url: 'not a url' }, /response_url/],
    ['block_actions javascript: response_url', { ...button(), response_url: 'javascript:alert(1)' }, /response_url/],
    ['block_actions with no actions', { ...button(), actions: [] }, /actions/],
    ['block_actions actions a string', { ...button(), actions: 'click' }, /actions/],
    ['view_submission without view', { ...submission(), view: null }, /view/],
    ['view_submission without user', { ...submission(), user: undefined }, /user/],
    [
      'view_submission state values a string',
      { ...submission(), view: { ...(submission().view as Body), state: { values: 'x' } } },
      /view\.state\.values/,
    ],
    // Bolt reads these before any listener runs (its buildSource): they would throw there.
    ['view_closed without user', { type: 'view_closed', view: {} }, /^view_closed user/],
    ['block_actions with channel null', { ...button(), channel: null }, /channel/],
    ['block_actions that also has an event key (Bolt reads it as an event)', { ...button(), event: 1 }, /^block_actions type/],
    ['an event with authorizations [null]', { ...im(), authorizations: [null] }, /authorizations/],
    ['slash command without user_id', { ...command(), user_id: undefined }, /user_id/],
    ['slash command garbage response_url', { ...command(), response_url: 'hooks' }, /response_url/],
  ])('%s', (_name, body, reason) => {
    expect(refused(body)).toMatch(reason)
  })
})

describe('listener schemas read the documented samples', () => {
  it('message and mention events', () => {
    expect(ZMessageEvent.parse((im() as { event: Body }).event)).toMatchObject({
      type: 'message',
      channel: 'D024BE91L',
      user: 'U2147483697',
      channel_type: 'im',
    })
    expect(ZMessageEvent.safeParse({ type: 'message', channel: 'C1' }).success).toBe(false) // no ts
    expect(ZMessageEvent.safeParse({ type: 'message', channel: 'C1', ts: '1.2', user: 7 }).success).toBe(false)
  })

  it('a button click, a submission and a command', () => {
    expect(ZBlockActions.parse(button()).actions[0]).toMatchObject({ action_id: 'WaXA', value: 'click_me_123' })
    expect(ZViewSubmission.parse(submission()).view).toMatchObject({ id: 'V12345678', callback_id: expect.any(String) })
    expect(ZSlashCommand.parse(command())).toMatchObject({ command: '/weather', text: '94070', user_id: 'U2147483697' })
  })
})

describe('slackPlainText: Slack mrkdwn → the plain text the core reads', () => {
  it.each([
    ['<@UBOT> what do I need?', 'what do I need?'],
    ['<@UBOT|ladder> gap for <@U0ALEX|alex>', 'gap for'],
    ['<!here> <#C123|general> tasks', 'tasks'],
    ['see <https://example.com|the docs> and <https://x.y>', 'see the docs and'],
    ['R&amp;D &lt;lead&gt;', 'R&D <lead>'],
    // Decoded after mentions are gone: a typed mention stays text.
    ['&lt;@U1&gt; hi', '<@U1> hi'],
    [':wave: 我晋升还差什么', '我晋升还差什么'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(slackPlainText(text)).toBe(expected)
  })

  it('mentions travel separately, the bot left out', () => {
    expect(mentionedUsers('<@UBOT> how is <@U0ALEX|alex> and <@W123>? <@U0ALEX>', 'UBOT')).toEqual(['U0ALEX', 'W123'])
  })
})

describe('checkSlackBody: events without a channel or a user', () => {
  it('accepts an event that has neither (reaction_added on a file, team_join…)', () => {
    const body = {
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'Ev1',
      event: { type: 'reaction_added', reaction: 'x', event_ts: '1.2' },
    }
    expect(checkSlackBody(body)).toEqual({ ok: true })
  })
})
