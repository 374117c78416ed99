// DMs, @mentions, /ladder and the App Home, through real Bolt and the real core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toMrkdwn } from '../../adapters/slack/mrkdwn.js'
import type { Locale } from '../../core/kernel/domain/types.js'
import { t } from '../../core/kernel/i18n/index.js'
import { FAKE_BOT_ID, FAKE_BOT_USER_ID } from '../fakes/slack-api.js'
import { buttonsIn, dmEvent, homeOpenedEvent, mentionEvent, type SlackHarness, slashCommand, startSlackHarness, USERS } from './harness.js'

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
})
afterAll(() => h.close())

type Blocks = { type: string; text?: { text: string }; elements?: unknown[] }[]
const header = (blocks: unknown): string | undefined => (blocks as Blocks).find((b) => b.type === 'header')?.text?.text
const allText = (call: { args: Record<string, unknown> }): string => JSON.stringify(call.args.blocks ?? call.args.text)
/** The help card, whichever heading (greeting or title) the core chose. */
const isHelp = (blocks: unknown, locale: Locale): boolean =>
  JSON.stringify(blocks).includes(JSON.stringify(toMrkdwn(t(locale, 'help.intro'))).slice(1, -1))

describe('direct messages', () => {
  it('a zh-CN employee asking about promotion gets the gap card in Chinese, with blocks and enrol buttons', async () => {
    const event = dmEvent(USERS.liLei, '我晋升还差什么?')
    expect((await h.postJson(event)).statusCode).toBe(200)
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0LILEI')
    expect(header(post.args.blocks)).toBe(t('zh-CN', 'gap.title', { name: '李雷' }))
    expect(typeof post.args.text).toBe('string')
    expect(buttonsIn(post.args.blocks).some((b) => b.action.a === 'enrol')).toBe(true)
    // First contact linked the Slack account through users.info's email.
    expect(h.fake.callsTo('users.info').map((c) => c.args.user)).toContain(USERS.liLei)
    expect(await h.testDb.db.chatIdentity.count({ where: { platform: 'slack', externalId: USERS.liLei } })).toBe(1)
  })

  it('an English speaker gets English', async () => {
    await h.postJson(dmEvent(USERS.alex, 'What do I need for my next promotion?'))
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0ALEX')
    expect(header(post.args.blocks)).toBe(t('en', 'gap.title', { name: 'Alex Chen' }))
  })

  it('someone Slack knows but HR does not gets the contact-HR answer', async () => {
    await h.postJson(dmEvent(USERS.stranger, 'what do I need for promotion?'))
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0STRANGER')
    expect(allText(post)).toContain(t('en', 'common.notLinked').slice(0, 40))
    expect(await h.testDb.db.chatIdentity.count({ where: { externalId: USERS.stranger } })).toBe(0)
  })

  it('a user id Slack does not know (users.info user_not_found) gets the same answer', async () => {
    await h.postJson(dmEvent('U0GHOST', 'what do I need for promotion?'))
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0GHOST')
    expect(allText(post)).toContain(t('en', 'common.notLinked').slice(0, 40))
  })

  it('edits, joins, bot messages and our own messages are ignored (no core call, no reply)', async () => {
    const ignored = [
      dmEvent(USERS.alex, 'edited'),
      dmEvent(USERS.alex, 'joined'),
      dmEvent(USERS.alex, 'from a bot'),
      dmEvent(FAKE_BOT_USER_ID, 'our own words'),
    ]
    ;(ignored[0]!.event as Record<string, unknown>).subtype = 'message_changed'
    ;(ignored[1]!.event as Record<string, unknown>).subtype = 'channel_join'
    Object.assign(ignored[2]!.event as Record<string, unknown>, { subtype: 'bot_message', bot_id: 'B0OTHER' })
    Object.assign(ignored[3]!.event as Record<string, unknown>, { bot_id: FAKE_BOT_ID })
    for (const event of ignored) expect((await h.postJson(event)).statusCode).toBe(200)
    // A normal message sent after them is answered: by then the ignored ones are done.
    const marker = dmEvent(USERS.alex, 'help')
    await h.postJson(marker)
    await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'D0ALEX' && isHelp(c.args.blocks, 'en'))
    const ids = ignored.map((e) => String(e.event_id))
    expect(await h.testDb.db.processedEvent.count({ where: { eventId: { in: ids } } })).toBe(0)
    expect(h.fake.callsTo('chat.postMessage').filter((c) => ['edited', 'joined'].some((w) => allText(c).includes(w)))).toHaveLength(0)
  })
})

describe('mentions in channels', () => {
  it('the mention is stripped and a personal answer goes into the thread for the asker’s eyes only', async () => {
    const event = mentionEvent(USERS.alex, 'what do I need for promotion?')
    await h.postJson(event)
    const post = await h.fake.waitFor('chat.postEphemeral', (c) => c.args.channel === 'C0GENERAL')
    expect(post.args.user).toBe(USERS.alex)
    expect(post.args.thread_ts).toBe((event.event as { ts: string }).ts)
    expect(header(post.args.blocks)).toBe(t('en', 'gap.title', { name: 'Alex Chen' }))
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0GENERAL')).toHaveLength(0)
  })

  it('answers a question that shows nobody’s data in the thread for everyone', async () => {
    const event = mentionEvent(USERS.alex, 'what does a store manager need?')
    await h.postJson(event)
    const post = await h.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === 'C0GENERAL' && c.args.thread_ts === (event.event as { ts: string }).ts,
    )
    expect(JSON.stringify(post.args.blocks)).not.toContain('Alex')
  })
})

describe('/ladder', () => {
  it('acks with an empty 200 and answers through response_url, visible to the asker only', async () => {
    const fields = slashCommand(h.fake, USERS.alex, 'help')
    const res = await h.postForm(fields)
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const answer = await h.fake.waitFor('response_url', (c) => fields.response_url!.endsWith(c.path))
    expect(answer.args.response_type).toBe('ephemeral')
    expect(isHelp(answer.args.blocks, 'en')).toBe(true)
  })

  it('a bare /ladder is help too; subcommands reach the core (tasks)', async () => {
    const bare = slashCommand(h.fake, USERS.liLei, '')
    await h.postForm(bare)
    const help = await h.fake.waitFor('response_url', (c) => bare.response_url!.endsWith(c.path))
    expect(isHelp(help.args.blocks, 'zh-CN')).toBe(true)

    const tasks = slashCommand(h.fake, USERS.liLei, 'tasks')
    await h.postForm(tasks)
    const answer = await h.fake.waitFor('response_url', (c) => tasks.response_url!.endsWith(c.path))
    expect(header(answer.args.blocks)).toMatch(new RegExp(`${t('zh-CN', 'tasks.title')}$`))
  })
})

describe('App Home', () => {
  it('app_home_opened publishes the personal dashboard', async () => {
    await h.postJson(homeOpenedEvent(USERS.han))
    const publish = await h.fake.waitFor('views.publish', (c) => c.args.user_id === USERS.han)
    const view = publish.args.view as { type: string; blocks: Blocks }
    expect(view.type).toBe('home')
    expect(header(view.blocks)).toBe(t('zh-CN', 'home.title', { name: '韩梅梅' }))
    expect(view.blocks.length).toBeLessThanOrEqual(100)
  })

  it('the Messages tab does not republish', async () => {
    const event = homeOpenedEvent(USERS.alex)
    ;(event.event as Record<string, unknown>).tab = 'messages'
    await h.postJson(event)
    await h.postJson(homeOpenedEvent(USERS.liLei))
    await h.fake.waitFor('views.publish', (c) => c.args.user_id === USERS.liLei)
    expect(h.fake.callsTo('views.publish').filter((c) => c.args.user_id === USERS.alex)).toHaveLength(0)
  })
})
