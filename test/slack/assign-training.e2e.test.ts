// A manager assigns training in Slack, in Chinese and in English, by message and
// by the Assign button on a report's gap report: real Bolt, the real core on the
// demo data in SQLite, the outbox drained by the real delivery worker into the
// fake Slack API. A peer's attempt is refused and changes nothing for anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createDeliveryWorker } from '../../bot/delivery.js'
import { t } from '../../core/kernel/i18n/index.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { memoryLogger } from '../support/deps.js'
import { buttonClick, buttonsIn, dmEvent, NOW, type SlackHarness, startSlackHarness, USERS } from './harness.js'

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
  // First contact links each person's Slack account (the outbox needs it to reach them).
  for (const user of [USERS.han, USERS.liLei, USERS.alex]) await ask(user, 'help')
})
afterAll(() => h.close())

type Blocks = { type: string; text?: { text: string } }[]
const header = (blocks: unknown): string | undefined => (blocks as Blocks).find((b) => b.type === 'header')?.text?.text

async function ask(user: string, text: string): Promise<{ channelId: string; messageTs: string; blocks: unknown }> {
  const event = dmEvent(user, text)
  const before = h.fake.calls.length
  await h.postJson(event)
  const channelId = (event.event as { channel: string }).channel
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === channelId && h.fake.calls.indexOf(c) >= before)
  return { channelId, messageTs: (post.response.body as { ts: string }).ts, blocks: post.args.blocks }
}

/** What the delivery worker sends now, as the server's would. */
async function drainOutbox(): Promise<void> {
  const worker = createDeliveryWorker({
    outbox: createPrismaStore(h.testDb.db).outbox,
    messengers: createMessengerRegistry({ slack: h.messenger }),
    clock: { now: () => NOW },
    log: memoryLogger(),
    sleep: async () => {},
  })
  await worker.drain()
}

const idOf = async (email: string) => (await h.testDb.db.employee.findUniqueOrThrow({ where: { email } })).id
const assignmentsOf = async (email: string, code?: string) =>
  h.testDb.db.trainingAssignment.findMany({
    where: { employeeId: await idOf(email), ...(code ? { course: { code } } : {}) },
  })
/** Posts to a person's DM after `since`, found by the person's Slack user id or their DM channel. */
const postsTo = (user: string, since: number) =>
  h.fake.calls.filter(
    (c, i) => i >= since && c.method === 'chat.postMessage' && (c.args.channel === user || c.args.channel === `D${user.slice(1)}`),
  )

describe('assigning training in Slack', () => {
  it('韩梅梅 assigns RD-102 to 李雷 in Chinese: her answer, his card, nothing for her', async () => {
    const hanBefore = (await assignmentsOf('han.meimei@demo.ladder')).length
    const answer = await ask(USERS.han, '给李雷报名 RD-102，12月20日前')
    expect(header(answer.blocks)).toContain(t('zh-CN', 'assign.title', { course: 'RD-102 跨部门项目实战' }))
    expect(JSON.stringify(answer.blocks)).toContain(t('zh-CN', 'assign.line.assigned', { name: '李雷' }))
    const [row] = await assignmentsOf('li.lei@demo.ladder', 'RD-102')
    expect(row).toMatchObject({ source: 'manager', assignedById: await idOf('han.meimei@demo.ladder'), status: 'assigned' })
    expect(row?.dueAt?.toISOString()).toBe('2026-12-20T15:59:00.000Z')
    expect((await assignmentsOf('han.meimei@demo.ladder')).length).toBe(hanBefore)

    const since = h.fake.calls.length
    await drainOutbox()
    const [card] = postsTo(USERS.liLei, since)
    expect(header(card?.args.blocks)).toContain(t('zh-CN', 'assign.notice.title', { manager: '韩梅梅', course: '跨部门项目实战' }))
    expect(buttonsIn(card?.args.blocks).map((b) => b.action.a)).toContain('training_done')
  })

  it('an English request reaches Alex in English', async () => {
    const answer = await ask(USERS.han, 'assign RD-302 to Alex Chen by Friday')
    // Asked in English, answered in English.
    expect(JSON.stringify(answer.blocks)).toContain(t('en', 'assign.line.assigned', { name: 'Alex Chen' }).slice(2))
    expect(await assignmentsOf('alex.chen@demo.ladder', 'RD-302')).toHaveLength(1)
    const since = h.fake.calls.length
    await drainOutbox()
    const [card] = postsTo(USERS.alex, since)
    expect(header(card?.args.blocks)).toContain(
      t('en', 'assign.notice.title', { manager: 'Han Meimei', course: 'System Architecture Design' }),
    )
  })

  it('a peer is refused, and neither the peer nor the person named gets anything', async () => {
    const before = await h.testDb.db.trainingAssignment.count()
    const outbox = await h.testDb.db.outboxMessage.count()
    for (const text of ['给陈亚历报名 RD-203', '报名 RD-203 陈亚历', 'assign RD-203 to Alex Chen']) {
      const answer = await ask(USERS.liLei, text)
      expect(JSON.stringify(answer.blocks)).toMatch(
        new RegExp(`${t('zh-CN', 'assign.refused').slice(0, 12)}|${t('en', 'assign.refused').slice(0, 20)}`),
      )
    }
    expect(await h.testDb.db.trainingAssignment.count()).toBe(before)
    expect(await h.testDb.db.outboxMessage.count()).toBe(outbox)
  })

  it('the Assign button on a report’s gap report assigns the course to the report, not the manager', async () => {
    const { channelId, messageTs, blocks } = await ask(USERS.han, '吴浩晋升还差什么')
    const assign = buttonsIn(blocks).filter((b) => b.action.a === 'assign')
    expect(buttonsIn(blocks).some((b) => b.action.a === 'enrol')).toBe(false)
    const button = assign[0]!
    const wuHao = await idOf('wu.hao@demo.ladder')
    expect(button.action.v).toMatch(new RegExp(`@${wuHao}$`))
    const code = button.action.v.split('@')[0]!
    expect(await assignmentsOf('wu.hao@demo.ladder', code)).toHaveLength(0)
    const hanBefore = (await assignmentsOf('han.meimei@demo.ladder')).length
    const res = await h.postForm({ payload: JSON.stringify(buttonClick(h.fake, USERS.han, { channelId, messageTs }, button)) })
    expect(res.statusCode).toBe(200)
    await h.fake.waitFor('chat.update', (c) => c.args.ts === messageTs)
    expect(await assignmentsOf('wu.hao@demo.ladder', code)).toHaveLength(1)
    expect((await assignmentsOf('han.meimei@demo.ladder')).length).toBe(hanBefore)
  })
})
