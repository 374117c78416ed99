// HR's erase_person in chat, through the core on the in-memory store: a preview with
// a Confirm button for HR, a polite refusal for everyone else (before anyone is looked
// up), the erasure on Confirm, and a leaver found by name although inactive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleAction } from '../../core/app/handle-action.js'
import { answer, routeIntent } from '../../core/app/intents.js'
import type { LadderDeps } from '../../core/app/store.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Actor } from '../../core/kernel/context.js'
import { vocabulary } from '../fixtures/catalog.js'
import { partsOf } from '../support/action-reply.js'
import { type Backend, openBackend } from '../support/backend.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let b: Backend
let org: Org
let deps: LadderDeps

const actor = async (key: keyof Org['ids']): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(org.ids[key]))!
  return { employee, locale: employee.locale }
}
const ask = async (key: keyof Org['ids'], text: string) => answer(deps, await actor(key), 'erase_person', { text })
const click = async (key: keyof Org['ids'], value: string) =>
  handleAction(deps, await actor(key), {
    sender: { platform: 'cli', tenant: 'local', userId: key },
    surface: { kind: 'direct' },
    actionId: 'erase_person',
    value,
  })
const buttons = (card: Card) => card.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []))

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  deps = makeDeps(b.store, NOW)
  await deps.store.employees.linkIdentity('slack', 'T1', 'U0TOM', org.ids.tom)
  // Tom has left: inactive, and no longer found by the chat's own lookup of names.
  await seederFor(b.seed).update('employee', [org.ids.tom], { status: 'inactive' })
})
afterAll(() => b.close())

describe('erase_person', () => {
  it.each([
    ['删除汤姆的个人数据', 'erase_person'],
    ["erase Tom's personal data", 'erase_person'],
    ['我的待办', 'my_tasks'],
  ])('%s routes to %s', (text, intent) => expect(routeIntent(text, vocabulary).intent).toBe(intent))

  it.each(['eve', 'mia', 'boss'] as const)('refuses %s politely, naming nobody', async (who) => {
    const card = await ask(who, '删除汤姆的个人数据')
    expect(card.fallback).toContain('只有 HR 可以删除个人数据')
    expect(card.fallback).not.toContain('汤姆')
    expect(buttons(card)).toEqual([])
    expect(partsOf(await click(who, String(org.ids.tom))).notice).toEqual({ tone: 'error', text: expect.stringContaining('HR') })
  })

  it('asks HR who, when nobody or several people match', async () => {
    expect((await ask('hana', '删除张三的个人数据')).fallback).toContain('没有找到这个人')
    // 帕特 and 汤姆 both named: HR says which one.
    expect((await ask('hana', '删除帕特和汤姆的个人数据')).fallback).toContain('有多个人符合')
    expect((await ask('hana', '删除 hana@t.test 的个人数据')).fallback).toContain('不能由你自己删除')
  })

  it('shows HR what will go, with a Confirm button, and erases nothing yet', async () => {
    const card = await ask('hana', '删除汤姆的个人数据')
    expect(card.header).toMatchObject({ title: '删除个人数据', subtitle: '汤姆', tone: 'warning' })
    expect(card.fallback).toContain('tom@t.test')
    expect(card.fallback).toContain('ChatIdentity:删除 1 行')
    expect(buttons(card)).toEqual([
      { label: '删除 汤姆 的数据', action: { id: 'erase_person', value: String(org.ids.tom) }, style: 'danger' },
    ])
    expect((await deps.store.employees.byId(org.ids.tom))?.email).toBe('tom@t.test')
  })

  it('erases on Confirm: a tombstone, no chat account, an anonymous audit entry', async () => {
    const reply = partsOf(await click('hana', String(org.ids.tom)))
    expect(reply.notice).toEqual({ tone: 'success', text: '个人数据已删除' })
    expect(reply.card?.fallback).toContain(`已删除人员 #${org.ids.tom}`)
    expect(reply.card?.fallback).not.toContain('汤姆')
    expect(await b.rows('chatIdentity')).toEqual([])
    expect(await deps.store.employees.byId(org.ids.tom)).toMatchObject({
      email: `erased-${org.ids.tom}@erased.invalid`,
      name: `已删除人员 #${org.ids.tom}`,
      nameEn: `Erased person #${org.ids.tom}`,
      status: 'inactive',
    })
    const rows = JSON.stringify(await Promise.all((['employee', 'auditLog', 'outboxMessage'] as const).map((t) => b.rows(t))))
    for (const s of ['tom@t.test', '汤姆', '"Tom"', 'U0TOM']) expect(rows).not.toContain(s)
    expect((await b.rows('auditLog')).filter((a) => a.action === 'person.erase')).toMatchObject([
      { actorId: org.ids.hana, entity: 'Employee', entityId: String(org.ids.tom) },
    ])
    // Confirm again (a second click, another HR window): nothing left to erase.
    expect(partsOf(await click('hana', String(org.ids.tom))).card?.fallback).toContain('已经删除过了')
  })
})
