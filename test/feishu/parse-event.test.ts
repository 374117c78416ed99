import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeActionValue, encodeActionValue } from '../../adapters/feishu/action-value.js'
import {
  type Envelope,
  flattenEnvelope,
  isBotMentioned,
  localeFromUserAgent,
  messageText,
  normaliseFormValue,
  parseCardAction,
  parseMessageEvent,
  stripMentions,
  ZEnvelope,
} from '../../adapters/feishu/parse-event.js'

const fixture = (name: string): Envelope =>
  ZEnvelope.parse(JSON.parse(readFileSync(new URL(`../fixtures/platforms/feishu/${name}`, import.meta.url), 'utf8')))

const groupMention = fixture('im_message_receive_v1.group_mention.doc.json')
const BOT = 'ou_84aad35d084aa403a838cf73ee18467' // the open_id mentioned in the doc example

describe('parseMessageEvent', () => {
  it('reads the documented group @mention example', () => {
    expect(parseMessageEvent(flattenEnvelope(groupMention))).toEqual({
      eventId: '5e3702a84e847582be8db7fb73283c02',
      tenant: '2ca1d211f64f6438',
      openId: 'ou_84aad35d084aa403a838cf73ee18467',
      chatId: 'oc_5ce6d572455d361153b7xx51da133945',
      isGroup: true,
      messageId: 'om_5ce6d572455d361153b7cb51da133945',
      threadId: 'omt_d4be107c616',
      text: '@_user_1 hello',
      mentions: [
        {
          key: '@_user_1',
          id: { union_id: 'on_8ed6aa67826108097d9ee143816345', user_id: 'e33ggbyz', open_id: 'ou_84aad35d084aa403a838cf73ee18467' },
          name: 'Tom',
        },
      ],
      isFromUser: true,
      localeHint: 'en',
    })
  })

  it('reads a p2p message (chat_type p2p, no mentions) and refuses a malformed one', () => {
    const p2p = structuredClone(groupMention)
    const message = p2p.event.message as Record<string, unknown>
    message.chat_type = 'p2p'
    message.content = JSON.stringify({ text: '我晋升还差什么？' })
    delete message.mentions
    delete message.user_agent
    expect(parseMessageEvent(flattenEnvelope(p2p))).toMatchObject({ isGroup: false, text: '我晋升还差什么？', mentions: [] })
    expect(parseMessageEvent({ ...flattenEnvelope(p2p), sender: {} })).toBeNull()
  })
})

describe('message text', () => {
  it.each([
    ['text', '{"text":"hello"}', 'hello'],
    [
      'post',
      JSON.stringify({
        title: 'Q',
        content: [
          [
            { tag: 'at', user_id: '@_user_1' },
            { tag: 'text', text: ' gap RD3' },
          ],
        ],
      }),
      'Q\n@_user_1 gap RD3',
    ],
    ['post', JSON.stringify({ zh_cn: { title: '', content: [[{ tag: 'text', text: '差距' }]] } }), '差距'],
    ['image', '{"image_key":"img_1"}', null],
    ['text', 'not json', null],
  ])('%s %s → %j', (type, content, expected) => {
    expect(messageText(type, content)).toBe(expected)
  })

  it.each([
    ['@_user_1 hello', [{ key: '@_user_1', id: { open_id: BOT }, name: 'Ladder' }], 'hello'],
    [
      '@_user_1 how is @_user_2 doing',
      [
        { key: '@_user_1', id: { open_id: BOT } },
        { key: '@_user_2', id: { open_id: 'ou_x' }, name: 'Li Lei' },
      ],
      'how is @Li Lei doing',
    ],
    ['@_all  team overview', [], 'team overview'],
    // Placeholders missing from the mention list and rich-text tags: no platform syntax reaches the core.
    ['@_user_1 gap for @_user_3', [{ key: '@_user_1', id: { open_id: BOT } }], 'gap for'],
    ['<at user_id="ou_x">Tom</at> 差距', [], '差距'],
  ])('stripMentions(%j)', (text, mentions, expected) => {
    expect(stripMentions(text, mentions, BOT)).toBe(expected)
  })

  it('knows whether the bot itself was mentioned', () => {
    expect(isBotMentioned([{ key: '@_user_1', id: { open_id: BOT } }], BOT)).toBe(true)
    expect(isBotMentioned([{ key: '@_user_1', id: { open_id: 'ou_someone' } }], BOT)).toBe(false)
    expect(isBotMentioned([{ key: '@_user_1', id: { open_id: BOT } }], null)).toBe(false)
  })

  it.each([
    ['Mozilla/5.0 … Lark/6.7.5 LarkLocale/en_US ttnet', 'en'],
    ['Mozilla/5.0 … Feishu/7.1 LarkLocale/zh_CN', 'zh-CN'],
    ['Mozilla/5.0', undefined],
    [undefined, undefined],
  ])('localeFromUserAgent(%j) → %j', (ua, expected) => {
    expect(localeFromUserAgent(ua)).toBe(expected)
  })
})

describe('parseCardAction', () => {
  it('reads the documented form submission, dates without their zone', () => {
    const parsed = parseCardAction(flattenEnvelope(fixture('card_action_trigger.form_submit.doc.json')))
    expect(parsed).toEqual({
      eventId: 'f7984f25108f8137722bb63c*****',
      tenant: '2df73991750*****',
      openId: 'ou_3c14f3a59eaf2825dbe25359f15*****',
      value: { key: 'value' },
      formValue: {
        DatePicker_bpqdq5puvn4: '2024-04-01',
        DateTimePicker_ihz2d7a74i: '2024-04-29 07:07 +0800',
        Input_lf4fmxwfrd9: '1234',
        PersonSelect_2ejys7ype7m: 'ou_3c14f3a59eaf2825dbe25359f1595b00',
        Select_a2d5b7l3zd: '1',
        TimePicker_7ecsf6xkqsq: '00:00 +0800',
      },
      messageId: 'om_574d639e4a44e4dd646eaf628e2*****',
      chatId: 'oc_e4d2605ca917e695f54f11aaf56*****',
    })
  })

  it('reads a button click from the SDK test fixture (no tenant in its header)', () => {
    expect(parseCardAction(flattenEnvelope(fixture('card_action_trigger.button.larksuite_cli_test.json')))).toEqual({
      eventId: 'ev_btn_001',
      tenant: '',
      openId: 'ou_operator',
      value: { key: 'approve' },
      formValue: {},
      messageId: 'om_msg_001',
      chatId: 'oc_chat_001',
    })
  })

  it('joins multi-select values', () => {
    expect(normaliseFormValue({ 'field name1': ['selectDemo1', 'selectDemo2'], n: 3, empty: null })).toEqual({
      'field name1': 'selectDemo1,selectDemo2',
      n: '3',
      empty: '',
    })
  })
})

describe('action values', () => {
  it('round-trips an ActionRef and refuses values that are not ours', () => {
    expect(decodeActionValue(encodeActionValue({ id: 'enrol', value: 'PM101@recommend' }))).toEqual({
      id: 'enrol',
      value: 'PM101@recommend',
    })
    expect(decodeActionValue({ key: 'approve' })).toBeNull()
    expect(decodeActionValue({ a: 'delete_everything', v: '1' })).toBeNull()
    expect(decodeActionValue('enrol')).toBeNull()
  })
})
