// HR's broadcast and a manager's 360 launch from Feishu chat, end to end: the
// encrypted, signed im.message.receive_v1 reaches the real core through the real
// Lark SDK, the answer is a card 2.0 holding a form container (sent or replied on
// the fake Open API), and the card.action.trigger submitting it comes back as the
// callback answer: a toast and a replacement card — the result, or the same form
// with the errors under their fields, the values kept and nothing written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { escapeMarkdown } from '../../adapters/feishu/card-json.js'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { createCore } from '../../core/app/create-core.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import type { RecordedCall } from '../fakes/feishu-api.js'
import { cardActionEvent, messageEvent, TENANT } from '../fakes/feishu-events.js'
import {
  buttonValues,
  createWorld,
  ENCRYPT_KEY,
  findTagged,
  type Ladder,
  NOW,
  PEOPLE,
  postEncrypted,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from './support.js'

/** wang.fang: HR, zh-CN, Asia/Shanghai (a due day ends at 15:59 UTC). */
const HR = 'ou_wang_fang'
/** emma.clark: HR, en, Europe/London (a due day ends at 23:59 UTC in winter). */
const EN_HR = 'ou_emma_clark'
const GROUP = 'oc_training_group'
const TEAM = 'oc_team'
const COURSE = 'RD-102' // nobody in the chats has it in the demo (asserted below)

type Element = { tag?: string; [key: string]: unknown }
interface CardJson {
  schema: string
  header?: { title: { content: string } }
  body: { elements: Element[] }
}
interface CallbackBody {
  toast?: { type: string; content: string }
  card?: { type: string; data: CardJson }
}
interface Sent {
  call: RecordedCall
  card: CardJson
}

let world: World
let ladder: Ladder
/** Filled once Feishu runs, as bot/platforms fills the runtime's registry. */
const messengers = createMessengerRegistry()
const delivered: Delivery[] = []

beforeAll(async () => {
  world = await createWorld()
  world.fake.users[HR] = { name: '王芳', email: 'wang.fang@demo.ladder' }
  world.fake.users[EN_HR] = { name: 'Emma Clark', enterprise_email: 'emma.clark@demo.ladder' }
  // Two linked demo members, HR herself, and someone Ladder has no employee for.
  world.fake.chats[GROUP] = [HR, PEOPLE.liLei, PEOPLE.alexChen, PEOPLE.stranger]
  world.fake.chats[TEAM] = [EN_HR, PEOPLE.liLei, PEOPLE.stranger]
  const db = world.t.db
  const core = createCore({
    store: createPrismaStore(db),
    clock: { now: () => NOW },
    log: world.log,
    deliver: async (d) => void delivered.push(...d),
    messengers,
  })
  ladder = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN }, core })
  messengers.register('feishu', ladder.feishu.messenger)
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

const CARD_SENDS = /^\/open-apis\/im\/v1\/messages(\/[^/]+\/reply)?$/

/** A message to Ladder as Feishu pushes it (encrypted, signed); the cards Ladder sent or replied because of it. */
async function say(openId: string, text: string, where: { group?: string; messageId?: string } = {}): Promise<Sent[]> {
  const mark = world.fake.calls.length
  const event = messageEvent({
    openId,
    text,
    token: VERIFICATION_TOKEN,
    ...(where.messageId ? { messageId: where.messageId } : {}),
    ...(where.group ? { chatType: 'group' as const, chatId: where.group, mentionBot: true } : {}),
  })
  const response = await postEncrypted(ladder, '/feishu/events', event)
  expect(response.statusCode).toBe(200)
  await ladder.feishu.idle()
  return world.fake.calls
    .slice(mark)
    .filter((c) => c.method === 'POST' && CARD_SENDS.test(c.path))
    .map((call) => ({ call, card: JSON.parse((call.body as { content: string }).content) as CardJson }))
}

/** A form submit on a card in `chatId`, as Feishu posts card.action.trigger (form_value holds every named field). */
async function submit(
  openId: string,
  value: { a: string; v: string },
  formValue: Record<string, string>,
  chatId: string,
): Promise<CallbackBody> {
  const response = await postEncrypted(
    ladder,
    '/feishu/cards',
    cardActionEvent({ openId, value, formValue, chatId, messageId: 'om_form', token: VERIFICATION_TOKEN }),
  )
  expect(response.statusCode).toBe(200)
  return response.json() as CallbackBody
}

function onlyForm(card: CardJson): Element {
  const forms = findTagged(card, 'form')
  expect(forms).toHaveLength(1)
  return forms[0]!
}

const field = (form: Element, name: string): Element => {
  const found = (form.elements as Element[]).find((e) => e.name === name)
  expect(found, `field ${name}`).toBeDefined()
  return found!
}

/** The red line rendered right under a field, or undefined when there is none. */
function errorUnder(form: Element, name: string): string | undefined {
  const elements = form.elements as Element[]
  const next = elements[elements.findIndex((e) => e.name === name) + 1]
  return next?.tag === 'markdown' && String(next.content).startsWith("<font color='red'>") ? (next.content as string) : undefined
}
const red = (text: string) => `<font color='red'>${text}</font>`

/** Feishu's date picker sends the day with the client's offset. */
const picked = (day: string) => `${day} +0800`

const employeeId = async (email: string): Promise<number> => (await world.t.db.employee.findUniqueOrThrow({ where: { email } })).id

/** What a broadcast writes: nothing of it may appear after a refused submission. */
async function broadcastRows(): Promise<[number, number, number]> {
  const db = world.t.db
  return Promise.all([
    db.broadcast.count(),
    db.trainingAssignment.count({ where: { source: 'broadcast' } }),
    db.outboxMessage.count({ where: { kind: 'broadcast' } }),
  ])
}

const broadcastValue = { a: 'submit_form', v: 'broadcast' }

describe('HR @mentions Ladder in a group: "广播培训"', () => {
  let form: Element
  let courseId: number
  const good = () => ({ course: COURSE, channel: GROUP, due: picked('2026-12-15') })

  beforeAll(async () => {
    // Li Lei and Alex have talked to Ladder: their open_ids are linked to employees.
    for (const openId of [PEOPLE.liLei, PEOPLE.alexChen]) expect(await say(openId, 'help')).toHaveLength(1)
    courseId = (await world.t.db.course.findUniqueOrThrow({ where: { code: COURSE } })).id
    const people = await Promise.all(['wang.fang', 'li.lei', 'alex.chen', 'emma.clark'].map((p) => employeeId(`${p}@demo.ladder`)))
    expect(await world.t.db.trainingAssignment.count({ where: { courseId, employeeId: { in: people } } })).toBe(0)
  })

  it('replies in the group with a card 2.0 form: every course, this chat first among the groups Ladder is in, a date picker, a submit button', async () => {
    const sent = await say(HR, '广播培训', { group: GROUP, messageId: 'om_hr_asks' })
    expect(sent).toHaveLength(1)
    const [{ call, card }] = sent as [Sent]
    // A reply to her message, not a direct message: the form shows nobody's data.
    expect(call.path).toBe('/open-apis/im/v1/messages/om_hr_asks/reply')
    expect(call.body).toMatchObject({ msg_type: 'interactive', reply_in_thread: false })
    expect(card).toMatchObject({ schema: '2.0', header: { title: { content: t('zh-CN', 'broadcast.form.title') } } })

    form = onlyForm(card)
    const course = field(form, 'course')
    expect(course).toMatchObject({ tag: 'select_static', required: true })
    expect(course).not.toHaveProperty('initial_option')
    const codes = (await world.t.db.course.findMany({ select: { code: true } })).map((c) => c.code)
    expect((course.options as { value: string }[]).map((o) => o.value).sort()).toEqual(codes.sort())

    expect(field(form, 'channel')).toEqual({
      tag: 'select_static',
      name: 'channel',
      required: true,
      width: 'fill',
      // Cards have no chat picker: this chat first, then the other groups Ladder is in (im/v1/chats), by name.
      options: [
        { text: { tag: 'plain_text', content: '当前群聊' }, value: GROUP },
        { text: { tag: 'plain_text', content: `Group ${TEAM}` }, value: TEAM },
      ],
      initial_option: GROUP,
    })
    expect(t('zh-CN', 'broadcast.form.thisChat')).toBe('当前群聊')
    expect(field(form, 'due')).toMatchObject({ tag: 'date_picker', required: true })
    expect(field(form, 'due')).not.toHaveProperty('initial_date')

    const [button] = findTagged(form, 'button')
    expect(button).toMatchObject({ form_action_type: 'submit' })
    expect(buttonValues(form)).toEqual([broadcastValue])
  })

  it('a due day in the past: error toast, the form again with the error under due and the other values kept; nothing written', async () => {
    const before = await broadcastRows()
    const body = await submit(HR, broadcastValue, { ...good(), due: picked('2026-11-20') }, GROUP)
    expect(body.toast).toEqual({ type: 'error', content: t('zh-CN', 'broadcast.dueInPast') })
    expect(body.card!.type).toBe('raw')
    const again = onlyForm(body.card!.data)
    expect(errorUnder(again, 'due')).toBe(red(t('zh-CN', 'broadcast.dueInPast')))
    expect(errorUnder(again, 'course')).toBeUndefined()
    expect(errorUnder(again, 'channel')).toBeUndefined()
    expect(field(again, 'course').initial_option).toBe(COURSE)
    expect(field(again, 'channel')).toMatchObject({
      tag: 'select_static',
      initial_option: GROUP,
      options: [{ value: GROUP }, { value: TEAM }],
    })
    // The day is kept too, so the correction is one pick.
    expect(field(again, 'due').initial_date).toBe('2026-11-20')
    expect(buttonValues(again)).toEqual([broadcastValue])
    expect(await broadcastRows()).toEqual(before)
    expect(world.fake.callsTo('GET', new RegExp(`/chats/${GROUP}/members$`))).toHaveLength(0)
  })

  it('an unknown course code: the error under course; nothing written', async () => {
    const before = await broadcastRows()
    const body = await submit(HR, broadcastValue, { ...good(), course: 'XX-999' }, GROUP)
    expect(body.toast).toEqual({ type: 'error', content: t('zh-CN', 'broadcast.unknownCourse', { code: 'XX-999' }) })
    const again = onlyForm(body.card!.data)
    expect(errorUnder(again, 'course')).toBe(red(t('zh-CN', 'broadcast.unknownCourse', { code: 'XX-999' })))
    expect(errorUnder(again, 'due')).toBeUndefined()
    // A course that is not in the list is not pre-selected (Feishu would show a select holding nothing it offers).
    expect(field(again, 'course')).not.toHaveProperty('initial_option')
    expect(field(again, 'due').initial_date).toBe('2026-12-15')
    expect(field(again, 'channel').initial_option).toBe(GROUP)
    expect(await broadcastRows()).toEqual(before)
  })

  it('a good submission announces the course: success toast, the result card, assignments for the linked members, the channel card queued', async () => {
    const body = await submit(HR, broadcastValue, good(), GROUP)
    const title = t('zh-CN', 'broadcast.result.title', { course: `${COURSE} 跨部门项目实战` })
    expect(body.toast).toEqual({ type: 'success', content: title })
    const card = body.card!.data
    expect(card.header!.title.content).toBe(title)
    expect(findTagged(card, 'form')).toEqual([])
    const texts = findTagged(card, 'markdown').map((m) => m.content)
    // Three linked members (HR among them) assigned, all new; the stranger counted as not linked.
    expect(texts).toContain(
      escapeMarkdown(t('zh-CN', 'broadcast.result.body', { assigned: 3, added: 3, existing: 0, unlinked: 1, members: 4 })),
    )

    const db = world.t.db
    const dueAt = new Date('2026-12-15T15:59:00.000Z') // 23:59 in Shanghai
    const hrId = await employeeId('wang.fang@demo.ladder')
    const [row] = await db.broadcast.findMany()
    expect(row).toMatchObject({
      platform: 'feishu',
      tenant: TENANT,
      channelId: GROUP,
      courseId,
      dueAt,
      createdById: hrId,
      memberCount: 4,
      unlinkedCount: 1,
    })

    const assigned = await db.trainingAssignment.findMany({ where: { courseId, source: 'broadcast' }, include: { employee: true } })
    expect(assigned.map((a) => a.employee.email).sort()).toEqual(['alex.chen@demo.ladder', 'li.lei@demo.ladder', 'wang.fang@demo.ladder'])
    expect(assigned.every((a) => a.dueAt?.getTime() === dueAt.getTime() && a.status === 'assigned')).toBe(true)

    const outbox = await db.outboxMessage.findMany({ where: { kind: 'broadcast' } })
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      idempotencyKey: `broadcast:feishu:${TENANT}:${GROUP}:${COURSE}:${dueAt.toISOString()}`,
      platform: 'feishu',
      tenant: TENANT,
      destKind: 'channel',
      destId: GROUP,
      employeeId: null,
      status: 'pending',
    })
    expect(outbox[0]!.card).toContain(COURSE)
    // The members were read through the real messenger from the fake Open API.
    expect(world.fake.callsTo('GET', new RegExp(`/chats/${GROUP}/members$`))).toHaveLength(1)
  })
  it('the same form submitted again (a double click) announces nothing more: an info toast naming the broadcast', async () => {
    const before = await broadcastRows()
    const [first] = await world.t.db.broadcast.findMany()
    const body = await submit(HR, broadcastValue, good(), GROUP)
    expect(body.toast).toEqual({ type: 'info', content: t('zh-CN', 'broadcast.already', { id: first!.id }) })
    expect(findTagged(body.card!.data, 'form')).toEqual([])
    expect(await broadcastRows()).toEqual(before)
  })
})

describe('someone who is not HR asks for a broadcast in the group', () => {
  it('gets the refusal as the reply, and no form', async () => {
    const before = await broadcastRows()
    const sent = await say(PEOPLE.alexChen, 'broadcast', { group: GROUP, messageId: 'om_alex_asks' })
    expect(sent).toHaveLength(1)
    const [{ call, card }] = sent as [Sent]
    expect(call.path).toBe('/open-apis/im/v1/messages/om_alex_asks/reply')
    // Alex reads English.
    expect(findTagged(card, 'markdown').map((m) => m.content)).toContain(t('en', 'broadcast.refused'))
    expect(findTagged(card, 'form')).toEqual([])
    expect(buttonValues(card)).not.toContainEqual(broadcastValue)
    expect(await broadcastRows()).toEqual(before)
  })

  it('and a forged submit of the form is refused too, nothing written', async () => {
    const before = await broadcastRows()
    const body = await submit(PEOPLE.liLei, broadcastValue, { course: COURSE, channel: GROUP, due: picked('2026-12-20') }, GROUP)
    expect(body).toEqual({ toast: { type: 'error', content: t('zh-CN', 'broadcast.refused') } })
    expect(await broadcastRows()).toEqual(before)
  })
})

describe('han.meimei launches a 360 from her direct chat: "发起360评估"', () => {
  const launchValue = { a: 'submit_form', v: 'cycle:launch' }
  const DIRECT = `oc_p2p_${PEOPLE.hanMeimei}`
  const window = { opens: picked('2026-11-24'), closes: picked('2026-12-08') }
  const good = () => ({
    name: '李雷 360',
    subjects: 'li.lei@demo.ladder',
    ...window,
    perspectives: 'self,manager,peer',
    nomination: 'manager',
    peerCap: '8',
  })

  it('answers in her direct chat with the launch form', async () => {
    const sent = await say(PEOPLE.hanMeimei, '发起360评估')
    expect(sent).toHaveLength(1)
    const [{ call, card }] = sent as [Sent]
    expect(call.path).toBe('/open-apis/im/v1/messages')
    expect(call.query).toEqual({ receive_id_type: 'open_id' })
    expect(call.body).toMatchObject({ receive_id: PEOPLE.hanMeimei, msg_type: 'interactive' })
    expect(card).toMatchObject({ schema: '2.0', header: { title: { content: t('zh-CN', 'feedback.launch.title') } } })
    const form = onlyForm(card)
    expect(field(form, 'name')).toMatchObject({ tag: 'input', required: true })
    expect(field(form, 'subjects')).toMatchObject({ tag: 'input', input_type: 'multiline_text', required: true })
    expect(field(form, 'opens')).toMatchObject({ tag: 'date_picker', required: true })
    expect(field(form, 'closes')).toMatchObject({ tag: 'date_picker', required: true })
    for (const name of ['perspectives', 'nomination', 'peerCap']) expect(field(form, name).tag).toBe('select_static')
    expect((field(form, 'perspectives').options as { value: string }[]).map((o) => o.value)).toContain(good().perspectives)
    expect(buttonValues(form)).toEqual([launchValue])
  })

  it('a window that closes before it opens comes back in the form, the other values kept; no cycle', async () => {
    const body = await submit(
      PEOPLE.hanMeimei,
      launchValue,
      { ...good(), opens: picked('2026-12-08'), closes: picked('2026-11-30') },
      DIRECT,
    )
    expect(body.toast).toEqual({ type: 'error', content: t('zh-CN', 'feedback.formError') })
    const form = onlyForm(body.card!.data)
    expect(errorUnder(form, 'closes')).toBe(red(t('zh-CN', 'feedback.error.closes_before_opens')))
    expect(errorUnder(form, 'opens')).toBeUndefined()
    expect(field(form, 'name').default_value).toBe('李雷 360')
    expect(field(form, 'subjects').default_value).toBe('li.lei@demo.ladder')
    expect(field(form, 'opens').initial_date).toBe('2026-12-08')
    expect(field(form, 'perspectives').initial_option).toBe('self,manager,peer')
    expect(await world.t.db.feedbackCycle.count()).toBe(0)
  })

  it('a good submission launches the cycle: success toast, the launched card, a cycle row for li.lei', async () => {
    const body = await submit(PEOPLE.hanMeimei, launchValue, good(), DIRECT)
    expect(body.toast).toEqual({ type: 'success', content: t('zh-CN', 'feedback.launched.title') })
    const card = body.card!.data
    expect(card.header!.title.content).toBe(t('zh-CN', 'feedback.launched.title'))
    expect(findTagged(card, 'form')).toEqual([])

    const cycles = await world.t.db.feedbackCycle.findMany({ include: { subjects: true } })
    expect(cycles).toHaveLength(1)
    const [cycle] = cycles as [(typeof cycles)[number]]
    expect(cycle).toMatchObject({
      name: '李雷 360',
      createdById: await employeeId('han.meimei@demo.ladder'),
      opensAt: new Date('2026-11-23T16:00:00.000Z'), // 00:00 on the 24th in Shanghai
      closesAt: new Date('2026-12-08T15:59:00.000Z'),
      perspectives: 'self,manager,peer',
      nominationBy: 'manager',
      peerCap: 8,
    })
    expect(cycle.stage).not.toBe('draft')
    expect(cycle.subjects.map((s) => s.employeeId)).toEqual([await employeeId('li.lei@demo.ladder')])
    expect(buttonValues(card)).toContainEqual({ a: 'submit_form', v: `cycle:${cycle.id}:open` })
    // Li Lei's peers are hers to nominate: a button on this card, not a message.
    expect(buttonValues(card)).toContainEqual({ a: 'open_form', v: `cycle:${cycle.id}:nominate:${await employeeId('li.lei@demo.ladder')}` })
    expect(delivered).toEqual([])
  })
})

describe('emma.clark (English HR) asks in her direct chat: "/ladder broadcast"', () => {
  const DIRECT = `oc_p2p_${EN_HR}`
  const dueAt = new Date('2026-12-18T23:59:00.000Z') // 23:59 in London
  const good = () => ({ course: COURSE, channel: TEAM, due: picked('2026-12-18') })

  it('asked in a group, her form offers that chat by its English label', async () => {
    const [reply] = await say(EN_HR, 'broadcast', { group: TEAM })
    expect(field(onlyForm(reply!.card), 'channel')).toMatchObject({
      tag: 'select_static',
      options: [{ text: { content: 'This chat' }, value: TEAM }, { value: GROUP }],
      initial_option: TEAM,
    })
    expect(t('en', 'broadcast.form.thisChat')).toBe('This chat')
  })

  it('in her direct chat, the channel is a choice of the groups Ladder is in, none pre-selected', async () => {
    const sent = await say(EN_HR, '/ladder broadcast')
    expect(sent).toHaveLength(1)
    const [{ call, card }] = sent as [Sent]
    expect(call.body).toMatchObject({ receive_id: EN_HR })
    expect(card.header!.title.content).toBe(t('en', 'broadcast.form.title'))
    const form = onlyForm(card)
    expect(field(form, 'course').tag).toBe('select_static')
    expect(field(form, 'channel')).toMatchObject({
      tag: 'select_static',
      required: true,
      options: [
        { text: { content: `Group ${GROUP}` }, value: GROUP },
        { text: { content: `Group ${TEAM}` }, value: TEAM },
      ],
    })
    expect(field(form, 'channel')).not.toHaveProperty('initial_option')
    expect(JSON.stringify(card)).not.toContain(t('en', 'broadcast.form.thisChat'))
    expect(field(form, 'due').tag).toBe('date_picker')
    expect(buttonValues(form)).toEqual([broadcastValue])
  })

  it('when Ladder cannot list its groups, the chat id is typed; one that is not an id is kept and refused under channel', async () => {
    const refusal = { status: 200, body: { code: 99991672, msg: 'Access denied: im:chat:readonly' } }
    world.fake.script('GET', /^\/open-apis\/im\/v1\/chats$/, [refusal, refusal])
    const [{ card }] = (await say(EN_HR, '/ladder broadcast')) as [Sent]
    expect(field(onlyForm(card), 'channel')).toMatchObject({
      tag: 'input',
      required: true,
      placeholder: { content: t('en', 'broadcast.form.channelPlaceholder') },
    })
    expect(field(onlyForm(card), 'channel')).not.toHaveProperty('default_value')

    const before = await broadcastRows()
    const body = await submit(EN_HR, broadcastValue, { ...good(), channel: 'team chat' }, DIRECT)
    expect(body.toast!.type).toBe('error')
    const form = onlyForm(body.card!.data)
    expect(errorUnder(form, 'channel')).toBe(red(escapeMarkdown(t('en', 'broadcast.form.channelInvalid'))))
    expect(field(form, 'channel')).toMatchObject({ tag: 'input', default_value: 'team chat' })
    expect(await broadcastRows()).toEqual(before)
  })

  it('submitting oc_team announces there: the outbox row is for that chat, and the worker posts the card into it', async () => {
    const body = await submit(EN_HR, broadcastValue, good(), DIRECT)
    const title = t('en', 'broadcast.result.title', { course: `${COURSE} Cross-team Project Practicum` })
    expect(body.toast).toEqual({ type: 'success', content: title })
    expect(body.card!.data.header!.title.content).toBe(title)
    // Li Lei had it already from the group's broadcast; Emma is new; the stranger is not linked.
    expect(findTagged(body.card!.data, 'markdown').map((m) => m.content)).toContain(
      escapeMarkdown(t('en', 'broadcast.result.body', { assigned: 2, added: 1, existing: 1, unlinked: 1, members: 3 })),
    )

    const db = world.t.db
    expect(await db.broadcast.findFirst({ where: { channelId: TEAM } })).toMatchObject({
      platform: 'feishu',
      tenant: TENANT,
      dueAt,
      createdById: await employeeId('emma.clark@demo.ladder'),
    })
    const emma = await db.trainingAssignment.findFirstOrThrow({
      where: { employeeId: await employeeId('emma.clark@demo.ladder'), course: { code: COURSE } },
    })
    expect(emma).toMatchObject({ source: 'broadcast', dueAt })
    const row = await db.outboxMessage.findFirstOrThrow({ where: { kind: 'broadcast', destId: TEAM } })
    expect(row).toMatchObject({
      idempotencyKey: `broadcast:feishu:${TENANT}:${TEAM}:${COURSE}:${dueAt.toISOString()}`,
      platform: 'feishu',
      destKind: 'channel',
    })

    // The delivery worker sends both channel cards through the running Feishu messenger.
    const fast = { perDestination: { count: 100, intervalMs: 1000 }, overall: [{ count: 100, intervalMs: 1000 }] }
    const options: DeliveryOptions = {
      rates: { slack: fast, feishu: fast, web: fast },
      maxAttempts: 1,
      baseBackoffMs: 10,
      maxBackoffMs: 100,
      leaseMs: 60_000,
      batchSize: 20,
      maxInProcessWaitMs: 1000,
      pollMs: 10,
      counterFlushMs: 1000,
    }
    const mark = world.fake.calls.length
    const worker = createDeliveryWorker(
      {
        outbox: createPrismaStore(db).outbox,
        messengers: createMessengerRegistry({ feishu: ladder.feishu.messenger }),
        clock: { now: () => NOW },
        log: world.log,
        sleep: async () => {},
      },
      options,
    )
    expect((await worker.drain()).dead).toBe(0)
    const toChats = world.fake.calls
      .slice(mark)
      .filter((c) => c.path === '/open-apis/im/v1/messages' && c.query.receive_id_type === 'chat_id')
    expect(toChats.map((c) => (c.body as { receive_id: string }).receive_id).sort()).toEqual([GROUP, TEAM].sort())
    const teamCard = JSON.parse(
      (toChats.find((c) => (c.body as { receive_id: string }).receive_id === TEAM)!.body as { content: string }).content,
    ) as unknown
    expect(buttonValues(teamCard)).toContainEqual({
      a: 'enrol',
      v: `${COURSE}@broadcast:${(await db.broadcast.findFirstOrThrow({ where: { channelId: TEAM } })).id}`,
    })
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent')
  })
})
