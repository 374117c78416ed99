// Card callbacks end to end: buttons and form submissions through POST
// /feishu/cards (encrypted and signed), the SDK's CardActionHandler, the real
// core and SQLite; the callback answers with a toast and/or the updated card.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ActionReply, CoreApi } from '../../core/kernel/inbound.js'
import { cardActionEvent, messageEvent } from '../fakes/feishu-events.js'
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

const SECRETS = { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN }

let world: World
let ladder: Ladder

beforeAll(async () => {
  world = await createWorld()
  ladder = await startLadder(world, { secrets: SECRETS })
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})
beforeEach(() => {
  world.fake.calls.length = 0
})

const click = (
  openId: string,
  value: unknown,
  extra: { formValue?: Record<string, unknown>; eventId?: string; messageId?: string; chatId?: string } = {},
) => postEncrypted(ladder, '/feishu/cards', cardActionEvent({ openId, value, token: VERIFICATION_TOKEN, ...extra }))

async function employeeId(email: string): Promise<number> {
  return (await world.t.db.employee.findUniqueOrThrow({ where: { email } })).id
}

describe('buttons', () => {
  it('enrols li.lei from her gap card and answers with a toast and the updated card', async () => {
    await postEncrypted(
      ladder,
      '/feishu/events',
      messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', token: VERIFICATION_TOKEN }),
    )
    await ladder.feishu.idle()
    const sent = [...world.fake.messages.values()].at(-1)!
    const enrol = buttonValues(sent.card).find((v) => v.a === 'enrol')!
    const courseCode = enrol.v.split('@')[0]!
    const liLei = await employeeId('li.lei@demo.ladder')
    const course = await world.t.db.course.findUniqueOrThrow({ where: { code: courseCode } })
    await world.t.db.trainingAssignment.deleteMany({ where: { employeeId: liLei, courseId: course.id } })

    const response = await click(PEOPLE.liLei, enrol, { messageId: sent.messageId })
    expect(response.statusCode).toBe(200)
    const body = response.json() as { toast: { type: string; content: string }; card: { type: string; data: Record<string, unknown> } }
    expect(body.toast).toEqual({ type: 'success', content: expect.stringContaining(courseCode) })
    expect(body.card.type).toBe('raw')
    expect(body.card.data).toMatchObject({
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { content: expect.stringContaining('李雷') } },
    })
    const rows = await world.t.db.trainingAssignment.findMany({ where: { employeeId: liLei, courseId: course.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.status).toBe('assigned')
  })

  it('in a group, a click never puts the clicker’s data in the shared card: toast there, the card by direct message', async () => {
    // Ladder learns that oc_group_x is a group from a message there.
    await postEncrypted(
      ladder,
      '/feishu/events',
      messageEvent({
        openId: PEOPLE.liLei,
        text: 'what does a store manager need?',
        token: VERIFICATION_TOKEN,
        chatType: 'group',
        chatId: 'oc_group_x',
        mentionBot: true,
      }),
    )
    // A card with an Enrol button (Li Lei's gap report, from her direct chat) stands in for any card in that group.
    await postEncrypted(
      ladder,
      '/feishu/events',
      messageEvent({ openId: PEOPLE.liLei, text: '我晋升还差什么？', token: VERIFICATION_TOKEN }),
    )
    await ladder.feishu.idle()
    // The card with the button, not merely the last message: the two questions are answered concurrently,
    // and the group's answer may be sent last (on PostgreSQL it was, about one run in five).
    const shared = [...world.fake.messages.values()].filter((m) => buttonValues(m.card).some((v) => v.a === 'enrol')).at(-1)!
    const enrol = buttonValues(shared.card).find((v) => v.a === 'enrol')!
    world.fake.calls.length = 0

    // Alex clicks Enrol on it.
    const response = await click(PEOPLE.alexChen, enrol, { messageId: shared.messageId, chatId: 'oc_group_x' })
    const body = response.json() as { toast?: { type: string; content: string }; card?: unknown }
    expect(body.card).toBeUndefined()
    expect(body.toast?.type).toBe('success')
    await ladder.feishu.idle()
    const direct = world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    expect(direct.map((c) => [c.query.receive_id_type, (c.body as { receive_id: string }).receive_id])).toEqual([
      ['open_id', PEOPLE.alexChen],
    ])
    expect(JSON.stringify(direct[0]!.body)).toContain('Alex')
    // The kind came from the message event: Feishu was not asked.
    expect(world.fake.callsTo('GET', /^\/open-apis\/im\/v1\/chats\/oc_group_x$/)).toHaveLength(0)
  })

  it('asks Feishu for the kind of a chat it has not seen, and treats one it cannot look up as a group', async () => {
    const enrol = { a: 'enrol', v: 'CU-101' }
    const unknownChat = (await click(PEOPLE.liLei, enrol, { chatId: 'oc_never_seen' })).json() as { card?: unknown }
    expect(world.fake.callsTo('GET', /^\/open-apis\/im\/v1\/chats\/oc_never_seen$/)).toHaveLength(1)
    expect(unknownChat.card).toBeUndefined()
    // Her direct chat, known from the message she wrote there: the card is replaced in place, Feishu not asked.
    const direct = (await click(PEOPLE.liLei, enrol, { chatId: 'oc_p2p_ou_li_lei' })).json() as { card?: unknown }
    expect(direct.card).toBeDefined()
    expect(world.fake.callsTo('GET', /^\/open-apis\/im\/v1\/chats\/oc_p2p_ou_li_lei$/)).toHaveLength(0)
    // One never written in is asked once, then remembered.
    await click(PEOPLE.alexChen, enrol, { chatId: 'oc_p2p_ou_alex_chen' })
    await click(PEOPLE.alexChen, enrol, { chatId: 'oc_p2p_ou_alex_chen' })
    expect(world.fake.callsTo('GET', /^\/open-apis\/im\/v1\/chats\/oc_p2p_ou_alex_chen$/)).toHaveLength(1)
  })

  it('answers the same callback event once: a re-push gets an empty answer', async () => {
    const first = await click(PEOPLE.liLei, { a: 'snooze', v: 'training:999999:1d' }, { eventId: 'ev_card_dupe' })
    expect(first.json()).toHaveProperty('toast')
    const again = await click(PEOPLE.liLei, { a: 'snooze', v: 'training:999999:1d' }, { eventId: 'ev_card_dupe' })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({})
  })

  it('answers a button that is not Ladder’s with a bilingual notice', async () => {
    const response = await click(PEOPLE.liLei, { key: 'approve' })
    expect(response.json()).toEqual({
      toast: {
        type: 'error',
        content: expect.any(String),
        i18n: { zh_cn: expect.stringContaining('卡片'), en_us: expect.stringContaining('card') },
      },
    })
  })

  it('sends an "ask" follow-up as a new message to the person who clicked', async () => {
    const response = await click(PEOPLE.liLei, { a: 'ask', v: 'my_tasks' })
    expect(response.json()).toEqual({})
    await ladder.feishu.idle()
    expect(world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/).map((c) => (c.body as { receive_id: string }).receive_id)).toEqual(
      [PEOPLE.liLei],
    )
  })
})

describe('the supervisor evaluation form (han.meimei evaluates li.lei)', () => {
  let taskId: number
  let formKey: string

  beforeAll(async () => {
    const task = await world.t.db.evaluationTask.findFirstOrThrow({
      where: {
        kind: 'supervisor_evaluation',
        status: 'open',
        assigneeId: await employeeId('han.meimei@demo.ladder'),
        subjectId: await employeeId('li.lei@demo.ladder'),
      },
    })
    taskId = task.id
    formKey = `evaluation:${taskId}`
  })

  it('open_form replaces the card with a form card (Feishu has no modals)', async () => {
    const response = await click(PEOPLE.hanMeimei, { a: 'open_form', v: formKey })
    const { card } = response.json() as { card: { type: string; data: Record<string, unknown> } }
    expect(card.type).toBe('raw')
    const [form] = findTagged(card.data, 'form')
    expect(form).toBeDefined()
    const selects = findTagged(form, 'select_static')
    expect(selects.length).toBeGreaterThan(0)
    expect(selects.every((s) => typeof s.name === 'string' && (s.name as string).startsWith('dim_') && s.required === true)).toBe(true)
    expect(findTagged(form, 'input')).toEqual([
      expect.objectContaining({ name: 'comment', input_type: 'multiline_text', max_length: 1000 }),
    ])
    expect(buttonValues(form)).toEqual([{ a: 'submit_form', v: formKey }])
  })

  it('a submission with a rating missing comes back as the form with the error shown and the answers kept', async () => {
    const open = (await click(PEOPLE.hanMeimei, { a: 'open_form', v: formKey })).json() as { card: { data: unknown } }
    const [first, ...rest] = findTagged(open.card.data, 'select_static').map((s) => s.name as string)
    const formValue = { ...Object.fromEntries(rest.map((name) => [name, '4'])), comment: 'Steady progress' }
    const response = await click(PEOPLE.hanMeimei, { a: 'submit_form', v: formKey }, { formValue })
    const body = response.json() as { toast: { type: string }; card: { data: unknown } }
    expect(body.toast.type).toBe('error')
    const text = JSON.stringify(body.card.data)
    expect(text).toContain("<font color='red'>")
    const selects = findTagged(body.card.data, 'select_static')
    expect(selects.find((s) => s.name === first)).not.toHaveProperty('initial_option')
    expect(selects.filter((s) => s.name !== first).every((s) => s.initial_option === '4')).toBe(true)
    expect(findTagged(body.card.data, 'input')[0]).toMatchObject({ default_value: 'Steady progress' })
    expect(await world.t.db.assessment.count({ where: { source: 'supervisor', assessedAt: NOW } })).toBe(0)
  })

  it('a complete submission (form_value) writes supervisor Assessments for li.lei and closes the task', async () => {
    const open = (await click(PEOPLE.hanMeimei, { a: 'open_form', v: formKey })).json() as { card: { data: unknown } }
    const names = findTagged(open.card.data, 'select_static').map((s) => s.name as string)
    const liLei = await employeeId('li.lei@demo.ladder')
    const hanMeimei = await employeeId('han.meimei@demo.ladder')
    const before = await world.t.db.assessment.count({ where: { employeeId: liLei, source: 'supervisor' } })

    const response = await click(
      PEOPLE.hanMeimei,
      { a: 'submit_form', v: formKey },
      { formValue: { ...Object.fromEntries(names.map((n) => [n, '4'])), comment: '进步明显' } },
    )
    const body = response.json() as { toast: { type: string }; card: { data: unknown } }
    expect(body.toast.type).toBe('success')
    expect(findTagged(body.card.data, 'form')).toEqual([])

    // The demo already holds older supervisor ratings; the new ones are dated now.
    const written = await world.t.db.assessment.findMany({
      where: { employeeId: liLei, source: 'supervisor', assessorId: hanMeimei, assessedAt: NOW },
    })
    expect(written).toHaveLength(names.length)
    // 4 on the anchored scale: halfway from the required 80 to 100.
    expect(written.every((a) => a.rating === 4 && a.attainment === 90)).toBe(true)
    expect(await world.t.db.assessment.count({ where: { employeeId: liLei, source: 'supervisor' } })).toBe(before + names.length)
    expect((await world.t.db.evaluationTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('completed')
  })
})

describe('a core slower than the 3-second window', () => {
  let release: () => void
  let slow: Ladder

  beforeEach(async () => {
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slowCore: CoreApi = {
      handleMessage: (m) => world.core.handleMessage(m),
      home: (s) => world.core.home(s),
      handleAction: async (action): Promise<ActionReply | null> => {
        await gate
        return world.core.handleAction(action)
      },
    }
    slow = await startLadder(world, { secrets: SECRETS, core: slowCore, ackTimeoutMs: 20 })
  })
  afterEach(async () => {
    release()
    await slow.close()
  })

  const slowClick = (openId: string, value: unknown) =>
    postEncrypted(
      slow,
      '/feishu/cards',
      cardActionEvent({ openId, value, messageId: 'om_clicked', chatId: 'oc_p2p', token: VERIFICATION_TOKEN }),
    )

  it('answers "working on it" at once, then patches the clicked card with the result', async () => {
    const response = await slowClick(PEOPLE.liLei, { a: 'enrol', v: 'RD-202' })
    expect(response.json()).toMatchObject({ toast: { type: 'info', i18n: { en_us: expect.stringContaining('Working on it') } } })
    expect(world.fake.callsTo('PATCH', /./)).toEqual([])
    release()
    await slow.feishu.idle()
    const [patch] = world.fake.callsTo('PATCH', /./)
    expect(patch!.path).toBe('/open-apis/im/v1/messages/om_clicked')
    expect(JSON.parse((patch!.body as { content: string }).content)).toMatchObject({
      schema: '2.0',
      header: { title: { content: expect.stringContaining('李雷') } },
    })
  })

  it('sends a late notice as a message when there is no card to patch', async () => {
    await slowClick(PEOPLE.hanMeimei, { a: 'open_form', v: 'evaluation:999999' })
    release()
    await slow.feishu.idle()
    expect(world.fake.callsTo('PATCH', /./)).toEqual([])
    const sent = world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    expect(sent.map((c) => (c.body as { receive_id: string }).receive_id)).toEqual([PEOPLE.hanMeimei])
  })
})
