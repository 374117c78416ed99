import { describe, expect, it } from 'vitest'
import { stripMentions } from '../../adapters/feishu/parse-event.js'
import { slackPlainText } from '../../adapters/slack/parse-event.js'
import { INTENT_NAMES, routeIntent } from '../../core/app/intents.js'
import type { Job } from '../../core/kernel/domain/types.js'
import type { RoutedIntent, Vocabulary } from '../../core/kernel/routing/route-intent.js'

type IntentName = string

import { vocabulary } from '../fixtures/catalog.js'
import utterances from '../fixtures/utterances.json' with { type: 'json' }

interface Utterance {
  text: string
  intent: IntentName
  jobCode?: string
  courseCode?: string
  dimensionCode?: string
}

const labelled = utterances as Utterance[]
const HAN = /\p{Script=Han}/u

describe('the labelled utterances', () => {
  it('cover both languages and every intent', () => {
    const chinese = labelled.filter((u) => HAN.test(u.text)).length
    expect(labelled.length).toBeGreaterThanOrEqual(120)
    expect(chinese / labelled.length).toBeGreaterThan(0.45)
    expect(chinese / labelled.length).toBeLessThan(0.55)
    for (const intent of INTENT_NAMES) expect(labelled.filter((u) => u.intent === intent).length, intent).toBeGreaterThanOrEqual(8)
    for (const u of labelled) expect(INTENT_NAMES, u.text).toContain(u.intent)
  })

  it('route with at least 95 % intent and 95 % entity accuracy', () => {
    const intentMisses: string[] = []
    const entityMisses: string[] = []
    for (const u of labelled) {
      const routed = routeIntent(u.text, vocabulary)
      if (routed.intent !== u.intent) intentMisses.push(`${JSON.stringify(u.text)}: ${routed.intent}, expected ${u.intent}`)
      const got = `${routed.jobCode ?? '-'} ${routed.courseCode ?? '-'} ${routed.dimensionCode ?? '-'}`
      const expected = `${u.jobCode ?? '-'} ${u.courseCode ?? '-'} ${u.dimensionCode ?? '-'}`
      if (got !== expected) entityMisses.push(`${JSON.stringify(u.text)}: ${got}, expected ${expected}`)
    }
    const intentAccuracy = 1 - intentMisses.length / labelled.length
    const entityAccuracy = 1 - entityMisses.length / labelled.length
    console.log(
      `intent accuracy ${(intentAccuracy * 100).toFixed(1)} %, entity accuracy ${(entityAccuracy * 100).toFixed(1)} % over ${labelled.length} utterances`,
      ...(intentMisses.length ? ['\nintent misses:\n  ' + intentMisses.join('\n  ')] : []),
      ...(entityMisses.length ? ['\nentity misses:\n  ' + entityMisses.join('\n  ')] : []),
    )
    expect(intentAccuracy, intentMisses.join('\n')).toBeGreaterThanOrEqual(0.95)
    expect(entityAccuracy, entityMisses.join('\n')).toBeGreaterThanOrEqual(0.95)
  })

  it('always answer a known intent with a confidence between 0 and 1', () => {
    for (const u of labelled) {
      const { intent, confidence } = routeIntent(u.text, vocabulary)
      expect(INTENT_NAMES).toContain(intent)
      expect(confidence).toBeGreaterThanOrEqual(0)
      expect(confidence).toBeLessThanOrEqual(1)
    }
  })
})

describe('routeIntent', () => {
  const route = (text: string) => routeIntent(text, vocabulary)

  it.each<[string, RoutedIntent]>([
    ['/ladder gap senior', { intent: 'promotion_gap', language: 'en', jobCode: 'RD2', confidence: 1 }],
    ['ladder gap', { intent: 'promotion_gap', language: 'en', confidence: 1 }],
    ['gap senior', { intent: 'promotion_gap', language: 'en', jobCode: 'RD2', confidence: 1 }],
    ['gap RD2', { intent: 'promotion_gap', language: 'en', jobCode: 'RD2', confidence: 1 }],
    ['promotion 店长', { intent: 'promotion_gap', language: 'zh-CN', jobCode: 'RT3', confidence: 1 }],
    ['job store manager', { intent: 'job_requirements', language: 'en', jobCode: 'RT3', confidence: 1 }],
    ['req MG2', { intent: 'job_requirements', language: 'en', jobCode: 'MG2', confidence: 1 }],
    ['requirements', { intent: 'job_requirements', language: 'en', confidence: 0.9 }],
    ['/ladder tasks', { intent: 'my_tasks', language: 'en', confidence: 1 }],
    ['todo', { intent: 'my_tasks', language: 'en', confidence: 1 }],
    ['courses', { intent: 'recommend_training', language: 'en', confidence: 1 }],
    ['recommend', { intent: 'recommend_training', language: 'en', confidence: 1 }],
    ['training', { intent: 'recommend_training', language: 'en', confidence: 1 }],
    ['enrol RD-101', { intent: 'enrol', language: 'en', courseCode: 'RD-101', confidence: 1 }],
    ['enroll python', { intent: 'enrol', language: 'en', courseCode: 'RD-202', confidence: 1 }],
    ['join 企业文化', { intent: 'enrol', language: 'zh-CN', courseCode: 'CU-101', confidence: 1 }],
    ['enrol', { intent: 'enrol', language: 'en', confidence: 0.9 }],
    ['done RD-201', { intent: 'training_done', language: 'en', courseCode: 'RD-201', confidence: 1 }],
    ['finished company culture', { intent: 'training_done', language: 'en', courseCode: 'CU-101', confidence: 1 }],
    ['/ladder team', { intent: 'team_overview', language: 'en', confidence: 1 }],
    ['ready team lead', { intent: 'who_is_ready', language: 'en', jobCode: 'MG1', confidence: 1 }],
    ['candidates 室主任', { intent: 'who_is_ready', language: 'zh-CN', jobCode: 'MG2', confidence: 1 }],
    ['/ladder help', { intent: 'help', language: 'en', confidence: 1 }],
    ['HELP', { intent: 'help', language: 'en', confidence: 1 }],
  ])('reads the command %j', (text, expected) => {
    expect(route(text)).toEqual(expected)
  })

  it.each([
    // a sub-command followed by words that are not its argument is free text
    ['team lead requirements', 'job_requirements', 'MG1'],
    ['ready for promotion?', 'promotion_gap', undefined],
    ['help me find a course', 'recommend_training', undefined],
    ['promotion requirements for store manager', 'job_requirements', 'RT3'],
  ])('leaves %j to the free-text router', (text, intent, jobCode) => {
    const routed = route(text)
    expect(routed.intent).toBe(intent)
    expect(routed.jobCode).toBe(jobCode)
    expect(routed.confidence).toBeLessThan(1)
  })

  it.each([
    ['我晋升还差什么?', 'zh-CN'],
    ['gap 高级', 'zh-CN'],
    ['我想报名 RD-101', 'zh-CN'],
    ['what do I need for promotion?', 'en'],
    ['ＲＤ２', 'en'],
    ['', 'en'],
  ])('detects the language of %j', (text, language) => {
    expect(route(text).language).toBe(language)
  })

  it('reads decorated text like clean text', () => {
    const clean = route('我晋升还差什么')
    for (const decorated of ['  我晋升  还差什么？？ 🙏', '「我晋升还差什么」', '@ladder 我晋升还差什么']) {
      expect(route(decorated)).toEqual(clean)
    }
    const english = route('what do I need to become a senior engineer')
    for (const decorated of ['What do I need to become a Senior Engineer??', 'ＷＨＡＴ ｄｏ Ｉ need to become a senior engineer？']) {
      expect(route(decorated)).toEqual(english)
    }
  })

  // Platform syntax is resolved by each adapter's parse step; the core reads plain text.
  it('reads platform text like clean text once its adapter has parsed it', () => {
    const clean = route('我晋升还差什么')
    for (const decorated of ['<@U024BE7LH> 我晋升还差什么？']) expect(route(slackPlainText(decorated))).toEqual(clean)
    for (const decorated of ['@_user_1 我晋升还差什么', '<at user_id="ou_1">Ladder</at> 我晋升还差什么'])
      expect(route(stripMentions(decorated, [], null))).toEqual(clean)
    // Slack escapes "&" as "&amp;" in message text
    expect(route(slackPlainText('what does a senior R&amp;D engineer need'))).toEqual(route('what does a senior R&D engineer need'))
    expect(route(slackPlainText('what does a senior R&amp;D engineer need')).jobCode).toBe('RD2')
    const english = route('what do I need to become a senior engineer')
    for (const decorated of [
      '<@U024BE7LH|ladder> What do I need to become a Senior Engineer??',
      'what do I need to become a senior engineer :thinking_face:',
    ]) {
      expect(route(slackPlainText(decorated))).toEqual(english)
    }
  })

  it('reads only the start of a very long message', () => {
    expect(route('我晋升还差什么' + ' 啊'.repeat(50_000)).intent).toBe('promotion_gap')
    expect(route('x '.repeat(50_000) + 'what do I need for promotion').intent).toBe('unknown')
  })

  it('answers help to an empty message or a bare mention', () => {
    expect(route('')).toEqual({ intent: 'help', language: 'en', confidence: 1 })
    expect(route('<@U024BE7LH>')).toEqual({ intent: 'help', language: 'en', confidence: 1 })
    expect(route('?')).toEqual({ intent: 'help', language: 'en', confidence: 1 })
  })

  it('attaches a job only to intents about a job and a course only to intents about a course', () => {
    expect(route('I finished the store manager shadowing course')).toEqual(
      expect.objectContaining({ intent: 'training_done', courseCode: 'RT-202' }),
    )
    expect(route('I finished the store manager shadowing course').jobCode).toBeUndefined()
    expect(route('what courses should a store manager take')).toEqual(
      expect.objectContaining({ intent: 'recommend_training', jobCode: 'RT3' }),
    )
    expect(route('what courses should a store manager take').courseCode).toBeUndefined()
    expect(route('show my team').jobCode).toBeUndefined()
  })

  it('picks the job someone wants to reach when two are named', () => {
    expect(route('我现在是研发工程师，想升高级，差在哪').jobCode).toBe('RD2')
    expect(route("I'm an R&D engineer, how do I become staff?").jobCode).toBe('RD3')
    expect(route('from store manager to department manager, what am I missing').jobCode).toBe('MG3')
  })

  it('is not tied to the demo catalogue', () => {
    const jobs: Job[] = [
      { id: 1, code: 'BE1', title: { zh: '后端开发工程师', en: 'Backend Developer' }, track: 'eng', level: 1 },
      { id: 2, code: 'BE2', title: { zh: '高级后端开发工程师', en: 'Senior Backend Developer' }, track: 'eng', level: 2 },
      { id: 3, code: 'PM1', title: { zh: '产品经理', en: 'Product Manager' }, track: 'product', level: 1 },
    ]
    const other: Vocabulary = { jobs, courses: [] }
    expect(routeIntent('what does a senior backend dev need', other)).toEqual(
      expect.objectContaining({ intent: 'job_requirements', jobCode: 'BE2' }),
    )
    expect(routeIntent('谁能胜任产品经理', other)).toEqual(expect.objectContaining({ intent: 'who_is_ready', jobCode: 'PM1' }))
    expect(routeIntent('离高级还差多少', other)).toEqual(expect.objectContaining({ intent: 'promotion_gap', jobCode: 'BE2' }))
    expect(routeIntent('gap senior', vocabulary).jobCode).toBe('RD2')
  })

  it('gives a clear command more confidence than a vague message', () => {
    expect(route('gap senior').confidence).toBeGreaterThan(route('how far am I from senior').confidence)
    expect(route('what is the weather like').confidence).toBeGreaterThan(route('what is the weather like, any courses').confidence)
  })
})
