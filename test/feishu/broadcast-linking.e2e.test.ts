// A broadcast on a fresh Feishu rollout: nobody in the group has ever written to
// Ladder. Through the real Lark SDK and the fake Open API, the members' emails
// come from contact/v3/users/batch (50 open_ids a call), are matched to employees
// regardless of case, linked and assigned; HR's result names who was not matched.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { escapeMarkdown } from '../../adapters/feishu/card-json.js'
import { createCore } from '../../core/app/create-core.js'
import { t } from '../../core/kernel/i18n/index.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { cardActionEvent, TENANT } from '../fakes/feishu-events.js'
import {
  createWorld,
  ENCRYPT_KEY,
  findTagged,
  type Ladder,
  NOW,
  postEncrypted,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from './support.js'

const HR = 'ou_wang_fang'
const GROUP = 'oc_fresh_group'
const COURSE = 'RD-102'
/** Group members the app may not see: contact/v3/users/batch leaves them out. */
const HIDDEN = Array.from({ length: 55 }, (_, i) => `ou_hidden_${i}`)

let world: World
let ladder: Ladder
const messengers = createMessengerRegistry()

beforeAll(async () => {
  world = await createWorld()
  world.fake.users[HR] = { name: '王芳', email: 'wang.fang@demo.ladder' }
  world.fake.users.ou_zhao = { name: '赵强', enterprise_email: 'Zhao.Qiang@DEMO.ladder' }
  world.fake.users.ou_sun = { name: '孙丽', email: 'sun.li@demo.ladder' }
  world.fake.users.ou_guest = { name: '访客' }
  world.fake.users.ou_outsider = { name: '外部', email: 'someone@partner.example' }
  world.fake.chats[GROUP] = [HR, 'ou_zhao', 'ou_sun', 'ou_guest', 'ou_outsider', ...HIDDEN]
  const core = createCore({ store: createPrismaStore(world.t.db), clock: { now: () => NOW }, log: world.log, messengers })
  ladder = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN }, core })
  messengers.register('feishu', ladder.feishu.messenger)
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

describe('a broadcast to a group of members who never linked', () => {
  it('looks their emails up in batches, links and assigns the matching employees, and names who could not be matched', async () => {
    const db = world.t.db
    const response = await postEncrypted(
      ladder,
      '/feishu/cards',
      cardActionEvent({
        openId: HR,
        value: { a: 'submit_form', v: 'broadcast' },
        formValue: { course: COURSE, channel: GROUP, due: '2026-12-15 +0800' },
        chatId: GROUP,
        messageId: 'om_form',
        token: VERIFICATION_TOKEN,
      }),
    )
    expect(response.statusCode).toBe(200)
    const body = response.json() as { toast?: { type: string }; card?: { data: Parameters<typeof findTagged>[0] } }
    expect(body.toast?.type).toBe('success')
    const texts = findTagged(body.card!.data, 'markdown').map((m) => String(m.content))
    // HR linked herself by writing; Zhao and Sun are linked now; 57 are not matched (55 hidden, a guest, an outsider).
    // Shown as Feishu markdown: the catalogue's parentheses escaped.
    expect(texts).toContain(
      escapeMarkdown(t('zh-CN', 'broadcast.result.body', { assigned: 3, added: 3, existing: 0, unlinked: 57, members: 60 })),
    )
    expect(texts).toContain(t('zh-CN', 'broadcast.result.linkedNow', { n: 2 }))
    const list = texts.find((x) => x.startsWith(escapeMarkdown(t('zh-CN', 'broadcast.result.unmatched', { n: 57 }))))
    expect(list).toContain(`• 访客: ${t('zh-CN', 'broadcast.result.reason.no_email')}`)
    expect(list).toContain(`• 外部: ${t('zh-CN', 'broadcast.result.reason.no_employee', { email: 'someone@partner.example' })}`)
    expect(list).toContain(t('zh-CN', 'broadcast.result.more', { n: 37 }))

    // 59 unlinked open_ids: two calls (50 + 9), every id asked once.
    const batches = world.fake.callsTo('GET', /^\/open-apis\/contact\/v3\/users\/batch$/)
    expect(batches.map((c) => c.queryAll?.user_ids?.length)).toEqual([50, 9])
    expect(batches.every((c) => c.query.user_id_type === 'open_id')).toBe(true)
    expect(new Set(batches.flatMap((c) => c.queryAll?.user_ids ?? [])).size).toBe(59)

    const identities = await db.chatIdentity.findMany({ where: { platform: 'feishu', tenant: TENANT }, include: { employee: true } })
    expect(Object.fromEntries(identities.map((i) => [i.externalId, i.employee.email]))).toEqual({
      [HR]: 'wang.fang@demo.ladder',
      ou_zhao: 'zhao.qiang@demo.ladder',
      ou_sun: 'sun.li@demo.ladder',
    })
    const course = await db.course.findFirstOrThrow({ where: { code: COURSE } })
    const assigned = await db.trainingAssignment.findMany({
      where: { courseId: course.id, source: 'broadcast' },
      include: { employee: true },
    })
    expect(assigned.map((a) => a.employee.email).sort()).toEqual(['sun.li@demo.ladder', 'wang.fang@demo.ladder', 'zhao.qiang@demo.ladder'])
    expect(await db.broadcast.findFirstOrThrow({ where: { channelId: GROUP } })).toMatchObject({ memberCount: 60, unlinkedCount: 57 })
  })
})
