// A card's follow-ups answer in the card's language, not the profile's: Eve's
// profile says zh-CN, she asks in English, and every click on that card answers
// in English (and the other way round for Tom, whose profile says en).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeActionValue as decodeFeishu, encodeActionValue as encodeFeishu } from '../../adapters/feishu/action-value.js'
import { decodeActionValue as decodeSlack, encodeActionValue as encodeSlack } from '../../adapters/slack/action-value.js'
import { decodeFormOrigin, encodeFormOrigin } from '../../adapters/slack/form-metadata.js'
import { createCore } from '../../core/app/create-core.js'
import type { Button, Card } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg } from '../support/org.js'

let b: Backend
let core: CoreApi
const sender = (email: string): Sender => ({ platform: 'cli', tenant: 'local', userId: email })
const buttons = (card: Card): Button[] => card.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []))

beforeAll(async () => {
  b = await openBackend()
  await buildOrg(b.seed)
  core = createCore({ store: b.store, clock: { now: () => new Date() }, log: memoryLogger() })
})
afterAll(() => b.close())

describe('a card answers its follow-ups in its own language', () => {
  const cases = [
    ['eve@t.test (profile zh-CN) asking in English', 'eve@t.test', 'which courses should I take?', 'en'],
    ['tom@t.test (profile en) asking in Chinese', 'tom@t.test', '我该上什么课', 'zh-CN'],
  ] as const
  it.each(cases)('%s', async (_name, email, question, locale) => {
    const reply = await core.handleMessage({ sender: sender(email), text: question })
    expect(reply?.card.locale).toBe(locale)
    const enrol = buttons(reply!.card).find((button) => button.action.id === 'enrol')
    expect(enrol?.action.locale).toBe(locale)
    const clicked = await core.handleAction({ sender: sender(email), surface: { kind: 'direct' }, ...actionOf(enrol!) })
    expect(clicked?.kind).toBe('replace')
    if (clicked?.kind !== 'replace') return
    expect(clicked.card.locale).toBe(locale)
    expect(clicked.notice?.text).toBe(t(locale, 'training.enrolled', { course: enrol!.action.value.split('@')[0]! }))
  })

  it('falls back to the profile when a button carries no language (cards sent before this change)', async () => {
    const clicked = await core.handleAction({
      sender: sender('eve@t.test'),
      surface: { kind: 'direct' },
      actionId: 'enrol',
      value: 'CU-101',
    })
    expect(clicked?.kind === 'replace' && clicked.card.locale).toBe('zh-CN')
  })
})

describe('the language travels through each platform’s button value and form metadata', () => {
  const ref = { id: 'enrol', value: 'RD-101', locale: 'en' } as const
  it('Slack buttons and modals', () => {
    expect(decodeSlack(encodeSlack(ref))).toEqual(ref)
    expect(decodeSlack('{"a":"enrol","v":"RD-101","l":"fr"}')).toEqual({ id: 'enrol', value: 'RD-101' })
    expect(decodeFormOrigin(encodeFormOrigin({ formKey: 'evaluation:1', locale: 'zh-CN' }))).toEqual({
      formKey: 'evaluation:1',
      locale: 'zh-CN',
    })
  })
  it('Feishu buttons and forms', () => {
    expect(decodeFeishu(encodeFeishu(ref))).toEqual(ref)
    expect(decodeFeishu({ a: 'enrol', v: 'RD-101', l: 42 })).toBeNull()
    expect(decodeFeishu({ a: 'enrol', v: 'RD-101', l: 'xx' })).toEqual({ id: 'enrol', value: 'RD-101' })
  })
})

function actionOf(button: Button) {
  return { actionId: button.action.id, value: button.action.value, ...(button.action.locale ? { locale: button.action.locale } : {}) }
}

describe('set_language: a person chooses the language Ladder answers in', () => {
  const cases = [
    ['请用英文回复', 'en', 'set'],
    ['reply in English please', 'en', 'unchanged'],
    ['能不能用中文回答我', 'zh-CN', 'set'],
    ['switch language to Chinese', 'zh-CN', 'unchanged'],
  ] as const
  it.each(cases)('%j → %s (%s)', async (question, locale, outcome) => {
    const reply = await core.handleMessage({ sender: sender('pat@t.test'), text: question })
    expect(reply?.intent).toBe('set_language')
    expect(reply?.card.locale).toBe(locale)
    expect(reply?.card.fallback).toContain(t(locale, outcome === 'set' ? 'language.set' : 'language.unchanged'))
    expect((await b.store.employees.byEmail('pat@t.test'))?.locale).toBe(locale)
  })

  it('asks which language when the message names none, with a button for each', async () => {
    const reply = await core.handleMessage({ sender: sender('pat@t.test'), text: 'language' })
    expect(reply?.intent).toBe('set_language')
    const choices = buttons(reply!.card).map((button) => button.action.value)
    expect(choices).toEqual(['set_language:en', 'set_language:zh-CN'])
    const clicked = await core.handleAction({
      sender: sender('pat@t.test'),
      surface: { kind: 'direct' },
      actionId: 'ask',
      value: 'set_language:en',
    })
    expect(clicked?.kind === 'follow_up' && clicked.card.locale).toBe('en')
    expect((await b.store.employees.byEmail('pat@t.test'))?.locale).toBe('en')
  })
})
