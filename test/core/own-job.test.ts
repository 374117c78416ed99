// Asking about the job one already holds ("what does my job require?", "我现在的岗位要求",
// "gap RD2" from someone in RD2) answers how one meets its standard, never "not ready" for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg } from '../support/org.js'

let b: Backend
let core: CoreApi
const sender = (email: string): Sender => ({ platform: 'cli', tenant: 'local', userId: email })
const text = (card: Card): string => JSON.stringify(card)

beforeAll(async () => {
  b = await openBackend()
  await buildOrg(b.seed)
  core = createCore({ store: b.store, clock: { now: () => new Date() }, log: memoryLogger() })
})
afterAll(() => b.close())

describe('one’s own current job', () => {
  it.each([
    ['eve@t.test', '我目前岗位的任职要求是什么', 'zh-CN', '高级研发工程师'],
    ['eve@t.test', 'what does my job require?', 'en', 'Senior R&D Engineer'],
    ['eve@t.test', 'what does my current role require?', 'en', 'Senior R&D Engineer'],
    ['eve@t.test', 'gap RD2', 'zh-CN', '高级研发工程师'],
  ] as const)('%s: “%s” is about the job they hold', async (email, question, locale, job) => {
    const reply = await core.handleMessage({ sender: sender(email), text: question })
    const card = text(reply!.card)
    // Either their standing in the job (the gap card) or its description as theirs.
    const isHeld = card.includes(t(locale, 'gap.heldHeading', { target: job }))
    expect(isHeld || card.includes(t(locale, 'jd.titleOwn', { job }))).toBe(true)
    for (const key of ['gap.notReadyScore', 'gap.notReadyReqs', 'gap.notReadyBoth'] as const) {
      expect(card).not.toContain(t(locale, key).split('{')[0]!.trim())
    }
    if (isHeld) expect(card).toMatch(/现任此岗位|Holds this job/)
  })

  // The job description of one's own job says so ("你的岗位"), and never speaks of readiness.
  it('“我现在的岗位要求” describes the job as theirs', async () => {
    const reply = await core.handleMessage({ sender: sender('eve@t.test'), text: '我现在的岗位要求' })
    const card = text(reply!.card)
    const theirs = [t('zh-CN', 'jd.titleOwn', { job: '高级研发工程师' }), t('zh-CN', 'gap.heldHeading', { target: '高级研发工程师' })]
    expect(theirs.some((said) => card.includes(said))).toBe(true)
    expect(card).not.toContain('暂未')
  })

  it('the next step is still a readiness question', async () => {
    const reply = await core.handleMessage({ sender: sender('tom@t.test'), text: 'what do I need for promotion?' })
    expect(text(reply!.card)).not.toContain('(current job)')
    expect(reply!.card.header?.title).toBe(t('en', 'gap.title', { name: 'Tom' }))
  })
})
