// A manager assigns training in Feishu, in Chinese and in English, by message and
// by the Assign button: the real SDK against the fake Open API, the real core on
// the demo data in SQLite, the outbox drained by the real delivery worker.
// A peer's attempt is refused and changes nothing for anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createDeliveryWorker } from '../../bot/delivery.js'
import { t } from '../../core/kernel/i18n/index.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { cardActionEvent, messageEvent } from '../fakes/feishu-events.js'
import { memoryLogger } from '../support/deps.js'
import {
  buttonValues,
  createWorld,
  ENCRYPT_KEY,
  type Ladder,
  NOW,
  PEOPLE,
  postEncrypted,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from './support.js'

let world: World
let ladder: Ladder

beforeAll(async () => {
  world = await createWorld()
  ladder = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN } })
  // First contact links each person's Feishu account (the outbox needs it to reach them).
  for (const openId of [PEOPLE.hanMeimei, PEOPLE.liLei, PEOPLE.alexChen]) await say(openId, '帮助')
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

/** Sends a message as `openId` and returns the card Ladder answered with. */
async function say(openId: string, text: string): Promise<{ messageId: string; card: unknown }> {
  const before = new Set(world.fake.messages.keys())
  await postEncrypted(ladder, '/feishu/events', messageEvent({ openId, text, token: VERIFICATION_TOKEN }))
  await ladder.feishu.idle()
  const answer = [...world.fake.messages.values()].find((m) => !before.has(m.messageId) && m.chatId === `oc_p2p_${openId}`)
  if (!answer) throw new Error(`no answer to ${text}`)
  return { messageId: answer.messageId, card: answer.card }
}

/** Delivers what the outbox holds now, and returns the cards sent to `openId`'s direct chat. */
async function drainOutboxTo(openId: string): Promise<unknown[]> {
  const before = new Set(world.fake.messages.keys())
  const worker = createDeliveryWorker({
    outbox: createPrismaStore(world.t.db).outbox,
    messengers: createMessengerRegistry({ feishu: ladder.feishu.messenger }),
    clock: { now: () => NOW },
    log: memoryLogger(),
    sleep: async () => {},
  })
  await worker.drain()
  return [...world.fake.messages.values()].filter((m) => !before.has(m.messageId) && m.chatId === `oc_p2p_${openId}`).map((m) => m.card)
}

const idOf = async (email: string) => (await world.t.db.employee.findUniqueOrThrow({ where: { email } })).id
const assignmentsOf = async (email: string, code?: string) =>
  world.t.db.trainingAssignment.findMany({ where: { employeeId: await idOf(email), ...(code ? { course: { code } } : {}) } })

describe('assigning training in Feishu', () => {
  it('韩梅梅 assigns RD-102 to 李雷 in Chinese: her answer, his card, nothing for her', async () => {
    const hanBefore = (await assignmentsOf('han.meimei@demo.ladder')).length
    const answer = await say(PEOPLE.hanMeimei, '给李雷报名 RD-102')
    expect(JSON.stringify(answer.card)).toContain(t('zh-CN', 'assign.line.assigned', { name: '李雷' }).slice(2))
    expect(await assignmentsOf('li.lei@demo.ladder', 'RD-102')).toEqual([
      expect.objectContaining({ source: 'manager', assignedById: await idOf('han.meimei@demo.ladder') }),
    ])
    expect((await assignmentsOf('han.meimei@demo.ladder')).length).toBe(hanBefore)
    const [card] = await drainOutboxTo(PEOPLE.liLei)
    expect(JSON.stringify(card)).toContain(t('zh-CN', 'assign.notice.title', { manager: '韩梅梅', course: '跨部门项目实战' }))
    expect(buttonValues(card).map((v) => v.a)).toContain('training_done')
  })

  it('an English request reaches Alex in English', async () => {
    const answer = await say(PEOPLE.hanMeimei, 'assign RD-302 to Alex Chen by next Friday')
    expect(JSON.stringify(answer.card)).toContain(t('en', 'assign.line.assigned', { name: 'Alex Chen' }).slice(2))
    const [row] = await assignmentsOf('alex.chen@demo.ladder', 'RD-302')
    // Next Friday from Monday 23 November, the end of that day in 韩梅梅's Shanghai.
    expect(row?.dueAt?.toISOString()).toBe('2026-12-04T15:59:00.000Z')
    const [card] = await drainOutboxTo(PEOPLE.alexChen)
    expect(JSON.stringify(card)).toContain(t('en', 'assign.notice.title', { manager: 'Han Meimei', course: 'System Architecture Design' }))
  })

  it('a peer is refused, and neither the peer nor the person named gets anything', async () => {
    const before = await world.t.db.trainingAssignment.count()
    const outbox = await world.t.db.outboxMessage.count()
    for (const text of ['给陈亚历报名 RD-203', '报名 RD-203 陈亚历']) {
      const answer = await say(PEOPLE.liLei, text)
      expect(JSON.stringify(answer.card)).toContain(t('zh-CN', 'assign.refused'))
    }
    expect(await world.t.db.trainingAssignment.count()).toBe(before)
    expect(await world.t.db.outboxMessage.count()).toBe(outbox)
  })

  it('the Assign button on a report’s gap report assigns the course to the report, with a toast', async () => {
    const { messageId, card } = await say(PEOPLE.hanMeimei, '吴浩晋升还差什么')
    expect(buttonValues(card).some((v) => v.a === 'enrol')).toBe(false)
    const assign = buttonValues(card).find((v) => v.a === 'assign')!
    const code = assign.v.split('@')[0]!
    expect(assign.v).toBe(`${code}@${await idOf('wu.hao@demo.ladder')}`)
    const res = await postEncrypted(
      ladder,
      '/feishu/cards',
      cardActionEvent({ openId: PEOPLE.hanMeimei, value: assign, token: VERIFICATION_TOKEN, messageId }),
    )
    expect(res.statusCode).toBe(200)
    expect(JSON.stringify(res.json())).toContain(t('zh-CN', 'assign.toast', { name: '吴浩', course: code }))
    expect(await assignmentsOf('wu.hao@demo.ladder', code)).toHaveLength(1)
    // Li Lei pressing the same button (a forwarded card) is refused.
    const peer = await postEncrypted(
      ladder,
      '/feishu/cards',
      cardActionEvent({
        openId: PEOPLE.liLei,
        value: { a: 'assign', v: `RD-203@${await idOf('alex.chen@demo.ladder')}` },
        token: VERIFICATION_TOKEN,
      }),
    )
    expect(JSON.stringify(peer.json())).toContain(t('zh-CN', 'access.refused'))
    expect(await assignmentsOf('alex.chen@demo.ladder', 'RD-203')).toHaveLength(0)
  })
})
