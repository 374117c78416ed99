// Questions about someone else: the person is found by name (Chinese or
// English), email or @mention, and the core decides — the manager chain and HR
// see the report (without Enrol buttons, which would enrol the viewer), anyone
// else gets the same refusal as for a person who does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Employee } from '../../core/kernel/domain/types.js'
import { t as text } from '../../core/kernel/i18n/index.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { peopleNamedIn } from '../../core/kernel/routing/find-person.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

const person = (id: number, name: string, nameEn: string | null, email: string): Employee => ({ id, name, nameEn, email }) as Employee
const LI = person(1, '李雷', 'Li Lei', 'li.lei@x.test')
const WILL = person(2, '威尔', 'Will', 'will@x.test')
const MAY = person(3, '小梅', 'May Chen', 'may.chen@x.test')
const ASKER = person(9, '韩梅梅', 'Han Meimei', 'han@x.test')
const everyone = [LI, WILL, MAY, ASKER]

describe('peopleNamedIn', () => {
  it.each([
    ['李雷晋升还差什么', [1]],
    ['what does Li Lei need for promotion?', [1]],
    ["li lei's gap", [1]],
    ['how far is LiLei from RD3', [1]],
    ['gap for li.lei@x.test', [1]],
    ["Will's promotion gap", [2]],
    ['I will be promoted soon', []],
    ['what about willow?', []],
    ['May Chen and 李雷: who is closer?', [3, 1]],
    ['我是韩梅梅,我还差什么', []],
    ['what do I need for promotion', []],
    ['Lilei', [1]],
    ['Li Leighton', []],
  ])('%j names %j', (message, ids) => {
    expect(peopleNamedIn(message, everyone, ASKER.id).map((m) => m.employee.id)).toEqual(ids)
  })
})

let b: Backend
let org: Org
let core: CoreApi
const as = (email: string, mentions?: string[]): { sender: Sender; mentions?: string[] } => ({
  sender: { platform: 'cli', tenant: 'local', userId: email },
  ...(mentions ? { mentions } : {}),
})
const refusal = (locale: 'en' | 'zh-CN') => text(locale, 'access.refused')
const buttonsOf = (card: Card) => card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))
const hasEnrol = (card: Card) => buttonsOf(card).some((b) => b.action.id === 'enrol')

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  await seederFor(b.seed).create('chatIdentity', { platform: 'cli', tenant: 'local', externalId: 'U_EVE', employeeId: org.ids.eve })
  core = createCore({ store: b.store, clock: { now: () => new Date() }, log: memoryLogger() })
})
afterAll(() => b.close())

describe('asking about someone else', () => {
  it('shows a manager their report’s gap, with Assign buttons for the report instead of Enrol', async () => {
    const reply = await core.handleMessage({ ...as('mia@t.test'), text: '伊娃晋升还差什么' })
    expect(reply?.intent).toBe('promotion_gap')
    expect(reply?.card.header?.title).toContain('伊娃')
    expect(reply?.card.fallback).toContain('75')
    expect(hasEnrol(reply!.card)).toBe(false)
    const assign = buttonsOf(reply!.card).filter((b) => b.action.id === 'assign')
    expect(assign.length).toBeGreaterThan(0)
    for (const button of assign) expect(button.action.value).toMatch(new RegExp(`^[A-Z]+-\\d+@${org.ids.eve}$`))
  })

  it('shows HR anyone’s gap, named by email', async () => {
    const reply = await core.handleMessage({ ...as('hana@t.test'), text: 'promotion gap for eve@t.test' })
    expect(reply?.card.header?.title).toMatch(/Eve|伊娃/)
  })

  it.each([
    ['a peer, by English name', 'pat@t.test', 'what does Eve need for promotion?', 'en'],
    ['a peer, by Chinese name', 'tom@t.test', '伊娃还差什么才能晋升', 'zh-CN'],
    ['a report about their manager', 'eve@t.test', 'which courses should Mia take?', 'en'],
  ] as const)('refuses %s', async (_who, email, question, locale) => {
    const reply = await core.handleMessage({ ...as(email), text: question })
    expect(reply?.card.fallback).toBe(refusal(locale))
  })

  it('reads a linked @mention as the person, and an unplaced one as nobody the asker may see', async () => {
    const manager = await core.handleMessage({ ...as('mia@t.test', ['U_EVE']), text: '<@U_EVE> 晋升还差什么' })
    expect(manager?.card.header?.title).toContain('伊娃')
    const peer = await core.handleMessage({ ...as('pat@t.test', ['U_NOBODY']), text: 'how close is <@U_NOBODY> to promotion?' })
    expect(peer?.card.fallback).toBe(refusal('en'))
  })

  it('still answers the asker about themselves, Enrol buttons included', async () => {
    const reply = await core.handleMessage({ ...as('eve@t.test'), text: '我是伊娃,我晋升还差什么' })
    expect(reply?.card.header?.title).toContain('伊娃')
    expect(hasEnrol(reply!.card)).toBe(true)
  })
})
