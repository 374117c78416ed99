// "/ladder 360" from chat: managers and HR get the launch form, others a refusal
// that points to their tasks; submitting the form launches the cycle, and a
// bad window comes back in the form with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { buildFeedbackOrg, type FeedbackOrg, feedbackDeps } from './support.js'

let t: TestDb
let org: FeedbackOrg
let core: CoreApi
const NOW = new Date('2026-11-17T02:00:00Z')
// The CLI and console identify people by email; the launch path is the same from any platform.
const as = (email: string): Sender => ({ platform: 'cli', tenant: 'local', userId: email })

beforeAll(async () => {
  t = await createTestDb()
  org = await buildFeedbackOrg(t.db)
  core = createCore(feedbackDeps(createPrismaStore(t.db), NOW))
})
afterAll(() => t.close())

describe('launching a 360 cycle from chat', () => {
  it.each([
    ['a manager', 'mia@t.test', 'launch a 360 for my team'],
    ['HR', 'hana@t.test', '发起360评估'],
    ['HR by command', 'hana@t.test', '/ladder 360'],
  ])('gives %s the launch form', async (_who, email, text) => {
    const reply = await core.handleMessage({ sender: as(email), text })
    expect(reply?.intent).toBe('launch_360')
    expect(reply?.form?.key).toBe('cycle:launch')
    expect(reply?.form?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['name', 'subjects', 'opens', 'closes']))
  })

  it('refuses an employee and points to their tasks instead', async () => {
    const reply = await core.handleMessage({ sender: as('eve@t.test'), text: 'start a 360 feedback cycle' })
    expect(reply?.intent).toBe('launch_360')
    expect(reply?.form).toBeUndefined()
    expect(reply?.card.fallback).toContain('HR')
    const buttons = reply?.card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))
    // Asked in English by someone whose profile says zh-CN: the button answers in English too.
    expect(buttons?.map((b) => b.action)).toEqual([{ id: 'ask', value: 'my_tasks', locale: 'en' }])
  })

  it('keeps a window that closes before it opens in the form, writing nothing', async () => {
    const reply = await core.handleAction({
      sender: as('mia@t.test'),
      surface: { kind: 'direct' },
      actionId: 'submit_form',
      value: 'cycle:launch',
      values: { name: 'Team 360', subjects: 'eve@t.test', opens: '2026-11-20', closes: '2026-11-18' },
    })
    expect(Object.keys(partsOf(reply).errors ?? {}).length).toBeGreaterThan(0)
    expect(await t.db.feedbackCycle.count()).toBe(0)
  })

  it('launches the cycle the form describes', async () => {
    const reply = await core.handleAction({
      sender: as('mia@t.test'),
      surface: { kind: 'direct' },
      actionId: 'submit_form',
      value: 'cycle:launch',
      values: { name: 'Team 360', subjects: 'eve@t.test', opens: '2026-11-18', closes: '2026-12-01' },
    })
    expect(partsOf(reply).notice?.tone).toBe('success')
    const cycle = await t.db.feedbackCycle.findFirstOrThrow()
    expect(cycle).toMatchObject({ name: 'Team 360', createdById: org.ids.mia })
  })
})
