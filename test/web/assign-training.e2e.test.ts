// A manager assigns training in the console, in Chinese and in English, through
// its HTTP API (message and the Assign button), on the demo data in SQLite; the
// report's card arrives in their console mailbox through the outbox and the real
// delivery worker. A peer's attempt is refused and changes nothing for anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeliveryWorker } from '../../bot/delivery.js'
import { t } from '../../core/kernel/i18n/index.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { memoryLogger } from '../support/deps.js'
import { type ConsoleApp, createConsoleApp, login } from './console-app.js'

const HAN = 'han.meimei@demo.ladder'
const LI = 'li.lei@demo.ladder'
const ALEX = 'alex.chen@demo.ladder'
const WU = 'wu.hao@demo.ladder'
const NOW = new Date('2026-11-23T02:00:00Z')

let c: ConsoleApp
const cookies = new Map<string, string>()
beforeAll(async () => {
  c = await createConsoleApp({}, NOW)
  // The console does not link chat accounts on first contact (it knows people by email): link them, as for a
  // console-only organisation, so the outbox reaches them there.
  for (const email of [HAN, LI, ALEX]) {
    cookies.set(email, await login(c.app, email))
    await c.store.employees.linkIdentity('web', 'local', email, await idOf(email))
  }
})
afterAll(async () => {
  await c?.close()
})

async function say(email: string, text: string): Promise<{ intent: string; html: string }> {
  const res = await c.app.inject({ method: 'POST', url: '/console/message', payload: { text }, headers: { cookie: cookies.get(email)! } })
  expect(res.statusCode).toBe(200)
  return res.json()
}
const click = async (email: string, actionId: string, value: string) =>
  c.app.inject({ method: 'POST', url: '/console/action', payload: { actionId, value }, headers: { cookie: cookies.get(email)! } })

/** Delivers what the outbox holds now; returns the texts of the cards that reached `email`'s console since. */
async function drainOutboxTo(email: string): Promise<string[]> {
  const seen = c.web.messenger.recent(email).length
  const worker = createDeliveryWorker({
    outbox: c.store.outbox,
    messengers: createMessengerRegistry({ web: c.web.messenger }),
    clock: { now: () => NOW },
    log: memoryLogger(),
    sleep: async () => {},
  })
  await worker.drain()
  return c.web.messenger
    .recent(email)
    .slice(seen)
    .map((m) => m.fallback)
}

const idOf = async (email: string) => (await c.testDb.db.employee.findUniqueOrThrow({ where: { email } })).id
const assignmentsOf = async (email: string, code?: string) =>
  c.testDb.db.trainingAssignment.findMany({ where: { employeeId: await idOf(email), ...(code ? { course: { code } } : {}) } })

describe('assigning training in the console', () => {
  it('韩梅梅 assigns RD-102 to 李雷 in Chinese: her answer, his card, nothing for her', async () => {
    const hanBefore = (await assignmentsOf(HAN)).length
    const answer = await say(HAN, '给李雷报名 RD-102')
    expect(answer.intent).toBe('assign_training')
    expect(answer.html).toContain(t('zh-CN', 'assign.line.assigned', { name: '李雷' }).slice(2))
    expect(await assignmentsOf(LI, 'RD-102')).toEqual([expect.objectContaining({ source: 'manager', assignedById: await idOf(HAN) })])
    expect((await assignmentsOf(HAN)).length).toBe(hanBefore)
    const [card] = await drainOutboxTo(LI)
    expect(card).toContain(t('zh-CN', 'assign.notice.title', { manager: '韩梅梅', course: '跨部门项目实战' }))
  })

  it('an English request reaches Alex in English, with the due date', async () => {
    const answer = await say(HAN, 'assign RD-302 to alex.chen@demo.ladder by 2026-12-20')
    expect(answer.intent).toBe('assign_training')
    expect(answer.html).toContain(t('en', 'assign.line.assigned', { name: 'Alex Chen' }).slice(2))
    const [row] = await assignmentsOf(ALEX, 'RD-302')
    expect(row?.dueAt?.toISOString()).toBe('2026-12-20T15:59:00.000Z')
    const [card] = await drainOutboxTo(ALEX)
    expect(card).toContain(t('en', 'assign.notice.title', { manager: 'Han Meimei', course: 'System Architecture Design' }))
    expect(card).toContain('Dec 20, 2026')
  })

  it('a peer is refused, and neither the peer nor the person named gets anything', async () => {
    const before = await c.testDb.db.trainingAssignment.count()
    const outbox = await c.testDb.db.outboxMessage.count()
    for (const text of ['给陈亚历报名 RD-203', '报名 RD-203 陈亚历', 'assign RD-203 to Alex Chen']) {
      const answer = await say(LI, text)
      expect(answer.intent).toBe('assign_training')
      expect(answer.html).toMatch(new RegExp(`${t('zh-CN', 'assign.refused')}|${t('en', 'assign.refused').slice(0, 20)}`))
    }
    expect(await c.testDb.db.trainingAssignment.count()).toBe(before)
    expect(await c.testDb.db.outboxMessage.count()).toBe(outbox)
  })

  it('the Assign button assigns to the report with a toast and a refreshed card; refused for a peer', async () => {
    const answer = await say(HAN, '吴浩晋升还差什么')
    const button = /data-action-id="assign" data-action-value="([^"]+)"/.exec(answer.html)
    const wuHao = await idOf(WU)
    expect(button?.[1]).toMatch(new RegExp(`^[A-Z]+-\\d+@${wuHao}$`))
    const code = button![1]!.split('@')[0]!
    expect(answer.html).not.toContain('data-action-id="enrol"')
    const res = await click(HAN, 'assign', `${code}@${wuHao}`)
    expect(res.statusCode).toBe(200)
    const body = res.json() as { toast: { tone: string; text: string }; replace: string }
    expect(body.toast.text).toBe(t('zh-CN', 'assign.toast', { name: '吴浩', course: code }))
    expect(body.replace).toContain('<article class="card')
    expect(await assignmentsOf(WU, code)).toHaveLength(1)

    const peer = await click(LI, 'assign', `RD-203@${await idOf(ALEX)}`)
    expect((peer.json() as { toast: { text: string } }).toast.text).toBe(t('zh-CN', 'access.refused'))
    expect(await assignmentsOf(ALEX, 'RD-203')).toHaveLength(0)
    expect((await click(HAN, 'assign', 'not a value')).json()).toMatchObject({ toast: { tone: 'error' } })
  })
})
