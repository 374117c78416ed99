// HR's broadcast and a manager's 360 launch from Slack chat, end to end: the
// signed slash command or DM reaches the real core through real Bolt, the form
// opens as a modal (views.open on the fake Web API), and the view_submission
// either closes it (rows written, outcome sent to the user's DM) or comes back
// with errors by block_id and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toMrkdwn } from '../../adapters/slack/mrkdwn.js'
import { t } from '../../core/kernel/i18n/index.js'
import { FAKE_TEAM_ID } from '../fakes/slack-api.js'
import {
  buttonClick,
  buttonsIn,
  dmEvent,
  NOW,
  type SlackHarness,
  slashCommand,
  startSlackHarness,
  USERS,
  viewSubmission,
} from './harness.js'

/** emma.clark: HR, English, Europe/London (so a due day ends at 23:59 UTC in winter). */
const HR = 'U0EMMA'
/** A channel member Slack lists but Ladder has no employee for. */
const NOBODY = 'U0NOBODY'
const CHANNEL = 'C0TRAINING'
const COURSE = 'RD-102' // neither li.lei nor alex.chen has it in the demo

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
  h.fake.addUser({ id: HR, email: 'emma.clark@demo.ladder' })
})
afterAll(() => h.close())

interface ModalBlock {
  type: string
  block_id: string
  element: {
    type: string
    options?: { value: string }[]
    initial_option?: { value: string }
    initial_conversation?: string
    multiline?: boolean
  }
}
interface Modal {
  type: string
  callback_id: string
  private_metadata: string
  blocks: ModalBlock[]
}

const postInteraction = (payload: object) => h.postForm({ payload: JSON.stringify(payload) })
/** Presses the modal's submit button with these input states. */
const submit = (user: string, view: Modal, values: Record<string, Record<string, unknown>>, triggerId?: string) =>
  postInteraction(viewSubmission(user, view as unknown as Record<string, unknown>, values, triggerId))
const inputs = (view: Modal): ModalBlock[] => view.blocks.filter((b) => b.type === 'input')
const input = (view: Modal, blockId: string): ModalBlock['element'] => inputs(view).find((b) => b.block_id === blockId)!.element
/** A text of ours as it appears inside rendered blocks (mrkdwn-escaped, JSON-quoted). */
const rendered = (text: string): string => JSON.stringify(toMrkdwn(text)).slice(1, -1)

// Input states as Slack sends them in view.state.values[block_id][action_id].
const selected = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
})
const conversation = (id: string) => ({ value: { type: 'conversations_select', selected_conversation: id } })
const date = (day: string) => ({ value: { type: 'datepicker', selected_date: day } })
const typed = (value: string) => ({ value: { type: 'plain_text_input', value } })

/** "/ladder <text>" from `user`: the signed command and the modal it opened. */
async function openByCommand(user: string, text: string): Promise<{ fields: Record<string, string>; view: Modal }> {
  const fields = slashCommand(h.fake, user, text)
  const res = await h.postForm(fields)
  expect(res.statusCode).toBe(200)
  expect(res.body).toBe('')
  const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === fields.trigger_id)
  return { fields, view: opened.args.view as Modal }
}

const employeeId = async (email: string): Promise<number> => (await h.testDb.db.employee.findUniqueOrThrow({ where: { email } })).id

/** What a broadcast writes: nothing of it may appear after a refused submission. */
async function broadcastRows(): Promise<[number, number, number]> {
  const db = h.testDb.db
  return Promise.all([
    db.broadcast.count(),
    db.trainingAssignment.count({ where: { source: 'broadcast' } }),
    db.outboxMessage.count({ where: { kind: 'broadcast' } }),
  ])
}

describe('/ladder broadcast from HR', () => {
  let command: Record<string, string>
  let modal: Modal
  const good = () => ({ course: selected(COURSE), channel: conversation(CHANNEL), due: date('2026-12-15') })

  beforeAll(async () => {
    // Two members are linked employees (they have talked to Ladder), one is unknown to Ladder.
    for (const user of [USERS.liLei, USERS.alex]) {
      const event = dmEvent(user, 'help')
      await h.postJson(event)
      await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === (event.event as { channel: string }).channel)
    }
    // Two pages, as Slack paginates conversations.members.
    h.fake.setMembers(CHANNEL, [[USERS.liLei, NOBODY], [USERS.alex]])
  })

  it('opens the broadcast modal with the trigger id: courses, the command’s channel preselected, a due date', async () => {
    const opened = await openByCommand(HR, 'broadcast')
    command = opened.fields
    modal = opened.view
    expect(modal.type).toBe('modal')
    expect(modal.callback_id).toBe('ladder_form')
    expect(JSON.parse(modal.private_metadata)).toEqual({ k: 'broadcast' })
    expect(inputs(modal).map((b) => b.block_id)).toEqual(['course', 'channel', 'due'])

    const course = input(modal, 'course')
    expect(course.type).toBe('static_select')
    const codes = (await h.testDb.db.course.findMany({ select: { code: true } })).map((c) => c.code)
    expect(course.options!.map((o) => o.value).sort()).toEqual(codes.sort())

    const channel = input(modal, 'channel')
    expect(channel.type).toBe('conversations_select')
    expect(command.channel_id).toMatch(/^C/)
    expect(channel.initial_conversation).toBe(command.channel_id)
    expect(input(modal, 'due').type).toBe('datepicker')
  })

  it('a due date in the past is refused on the due block, nothing written', async () => {
    const before = await broadcastRows()
    const res = await submit(HR, modal, { ...good(), due: date('2026-11-20') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ response_action: 'errors', errors: { due: t('en', 'broadcast.dueInPast') } })
    expect(await broadcastRows()).toEqual(before)
  })

  it('a channel Slack does not know (channel_not_found) is refused on the channel block, nothing written', async () => {
    const before = await broadcastRows()
    const res = await submit(HR, modal, { ...good(), channel: conversation('C0NOWHERE') })
    expect(res.json()).toEqual({ response_action: 'errors', errors: { channel: t('en', 'broadcast.form.channelUnreadable') } })
    const asked = h.fake.callsTo('conversations.members').filter((c) => c.args.channel === 'C0NOWHERE')
    expect(asked.map((c) => c.response.body)).toEqual([{ ok: false, error: 'channel_not_found' }])
    expect(await broadcastRows()).toEqual(before)
  })

  it('a channel whose members Slack refuses to list (not_in_channel) is refused on the channel block, nothing written', async () => {
    const before = await broadcastRows()
    h.fake.setMembers('C0PRIVATE', [[USERS.liLei]])
    h.fake.script('conversations.members', [{ status: 200, body: { ok: false, error: 'not_in_channel' } }])
    const res = await submit(HR, modal, { ...good(), channel: conversation('C0PRIVATE') })
    expect(res.json()).toEqual({ response_action: 'errors', errors: { channel: t('en', 'broadcast.form.channelUnreadable') } })
    expect(h.fake.callsTo('conversations.members').filter((c) => c.args.channel === 'C0PRIVATE')).toHaveLength(1)
    expect(await broadcastRows()).toEqual(before)

    // HR invites Ladder and presses Announce again with the same values: a new press, not a redelivery.
    // (The scripted refusal is used up, so the fake now lists the members.)
    const again = await submit(
      HR,
      modal,
      { ...good(), course: selected('CU-101'), channel: conversation('C0PRIVATE') },
      '13345224609.8534564800.retry',
    )
    expect(again.body).toBe('')
    expect(h.fake.callsTo('conversations.members').filter((c) => c.args.channel === 'C0PRIVATE')).toHaveLength(2)
    expect(await h.testDb.db.broadcast.count({ where: { channelId: 'C0PRIVATE' } })).toBe(1)
  })

  it('a good submission closes the modal, assigns the linked members and tells HR in a DM: 2 assigned, 1 not linked', async () => {
    const before = await broadcastRows()
    const res = await submit(HR, modal, good())
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')

    const body = t('en', 'broadcast.result.body', { assigned: 2, added: 2, existing: 0, unlinked: 1, members: 3 })
    const dm = await h.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === HR && JSON.stringify(c.args.blocks ?? '').includes(rendered(body)),
    )
    expect(JSON.stringify(dm.args.blocks)).toContain(
      rendered(t('en', 'broadcast.result.title', { course: `${COURSE} Cross-team Project Practicum` })),
    )
    // Both pages of members were read.
    expect(h.fake.callsTo('conversations.members').filter((c) => c.args.channel === CHANNEL)).toHaveLength(2)

    const db = h.testDb.db
    const course = await db.course.findFirstOrThrow({ where: { code: COURSE } })
    const broadcast = await db.broadcast.findFirstOrThrow({ where: { channelId: CHANNEL } })
    expect(broadcast).toMatchObject({
      platform: 'slack',
      tenant: FAKE_TEAM_ID,
      courseId: course.id,
      createdById: await employeeId('emma.clark@demo.ladder'),
      memberCount: 3,
      unlinkedCount: 1,
    })
    // The end of 15 December in London (GMT in winter).
    expect(broadcast.dueAt.toISOString()).toBe('2026-12-15T23:59:00.000Z')

    const assigned = await db.trainingAssignment.findMany({
      where: { courseId: course.id, source: 'broadcast' },
      orderBy: { employeeId: 'asc' },
    })
    const linked = [await employeeId('li.lei@demo.ladder'), await employeeId('alex.chen@demo.ladder')].sort((a, b) => a - b)
    expect(assigned.map((a) => a.employeeId)).toEqual(linked)
    expect(assigned.every((a) => a.dueAt?.getTime() === broadcast.dueAt.getTime())).toBe(true)

    const card = await db.outboxMessage.findFirstOrThrow({ where: { kind: 'broadcast', destId: CHANNEL } })
    expect(card).toMatchObject({
      platform: 'slack',
      tenant: FAKE_TEAM_ID,
      destKind: 'channel',
      destId: CHANNEL,
      employeeId: null,
      idempotencyKey: `broadcast:slack:${FAKE_TEAM_ID}:${CHANNEL}:${COURSE}:${broadcast.dueAt.toISOString()}`,
      status: 'pending',
    })
    expect(await broadcastRows()).toEqual([before[0] + 1, before[1] + 2, before[2] + 1])
    // The modal was the command's answer: nothing went through its response_url (checked late, after many round trips).
    expect(h.fake.callsTo('response_url').filter((c) => command.response_url!.endsWith(c.path))).toHaveLength(0)
  })

  it('an employee who is not HR gets no modal: the refusal comes back through the response_url, for their eyes only', async () => {
    const fields = slashCommand(h.fake, USERS.liLei, 'broadcast')
    expect((await h.postForm(fields)).statusCode).toBe(200)
    const answer = await h.fake.waitFor('response_url', (c) => fields.response_url!.endsWith(c.path))
    expect(answer.args.response_type).toBe('ephemeral')
    expect(JSON.stringify(answer.args.blocks)).toContain(rendered(t('zh-CN', 'broadcast.refused')))
    // The core answers before the modal would be opened: by now views.open would have been called.
    expect(h.fake.callsTo('views.open').filter((c) => c.args.trigger_id === fields.trigger_id)).toHaveLength(0)
  })
})

describe('/ladder 360 from a manager (han.meimei launches for li.lei)', () => {
  let modal: Modal
  /** What Slack sends for the three selects left at their initial options. */
  let defaults: Record<string, ReturnType<typeof selected>>
  const cycleName = 'Q4 360 李雷'

  it('opens the launch modal: name, subjects, window, perspectives, nomination, peer cap', async () => {
    modal = (await openByCommand(USERS.han, '360')).view
    expect(modal.callback_id).toBe('ladder_form')
    expect(JSON.parse(modal.private_metadata)).toEqual({ k: 'cycle:launch' })
    expect(inputs(modal).map((b) => b.block_id)).toEqual(['name', 'subjects', 'opens', 'closes', 'perspectives', 'nomination', 'peerCap'])
    expect(input(modal, 'name').type).toBe('plain_text_input')
    expect(input(modal, 'subjects')).toMatchObject({ type: 'plain_text_input', multiline: true })
    expect([input(modal, 'opens').type, input(modal, 'closes').type]).toEqual(['datepicker', 'datepicker'])
    defaults = Object.fromEntries(
      ['perspectives', 'nomination', 'peerCap'].map((id) => {
        const initial = input(modal, id).initial_option
        expect(initial).toBeDefined()
        return [id, selected(initial!.value)]
      }),
    )
  })

  it('closing before opening is refused on the closes block, no cycle written', async () => {
    const before = await h.testDb.db.feedbackCycle.count()
    const values = {
      name: typed(cycleName),
      subjects: typed('li.lei@demo.ladder'),
      opens: date('2026-12-07'),
      closes: date('2026-11-30'),
      ...defaults,
    }
    const res = await submit(USERS.han, modal, values)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: { closes: t('zh-CN', 'feedback.error.closes_before_opens', { detail: '' }) },
    })
    expect(await h.testDb.db.feedbackCycle.count()).toBe(before)
  })

  it('a valid window closes the modal, the cycle exists and the launched card reaches the manager’s DM', async () => {
    const values = {
      name: typed(cycleName),
      subjects: typed('li.lei@demo.ladder'),
      opens: date('2026-11-24'),
      closes: date('2026-12-07'),
      ...defaults,
    }
    const res = await submit(USERS.han, modal, values)
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')

    const dm = await h.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === USERS.han && JSON.stringify(c.args.blocks ?? '').includes(rendered(t('zh-CN', 'feedback.launched.title'))),
    )
    const cycle = await h.testDb.db.feedbackCycle.findFirstOrThrow({ where: { name: cycleName }, include: { subjects: true } })
    expect(cycle.createdById).toBe(await employeeId('han.meimei@demo.ladder'))
    expect(cycle.stage).toBe('nominating')
    expect(cycle.opensAt.getTime()).toBeLessThan(cycle.closesAt.getTime())
    expect(cycle.closesAt.getTime()).toBeGreaterThan(NOW.getTime())
    expect(cycle.subjects.map((s) => s.employeeId)).toEqual([await employeeId('li.lei@demo.ladder')])
    expect(JSON.stringify(dm.args.blocks)).toContain(cycleName)
  })
})

describe('"broadcast" in HR’s DM with Ladder', () => {
  it('answers with an Open form button that opens the broadcast modal, with no channel preselected', async () => {
    const event = dmEvent(HR, 'broadcast')
    await h.postJson(event)
    const dmChannel = (event.event as { channel: string }).channel
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === dmChannel)
    expect(JSON.stringify(post.args.blocks)).toContain(t('en', 'slack.openForm'))
    const open = buttonsIn(post.args.blocks).find((b) => b.action.a === 'open_form')
    expect(open?.action).toEqual({ a: 'open_form', v: 'broadcast' })

    const messageTs = (post.response.body as { ts: string }).ts
    const click = buttonClick(h.fake, HR, { channelId: dmChannel, messageTs }, open!)
    expect((await postInteraction(click)).statusCode).toBe(200)
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)
    const view = opened.args.view as Modal
    expect(view.callback_id).toBe('ladder_form')
    // Opened from a DM message: the submission's outcome will update that message.
    expect(JSON.parse(view.private_metadata)).toEqual({ k: 'broadcast', c: dmChannel, t: messageTs })
    expect(inputs(view).map((b) => b.block_id)).toEqual(['course', 'channel', 'due'])
    // A DM is not a channel to announce in: nothing is preselected.
    expect(input(view, 'channel').type).toBe('conversations_select')
    expect(input(view, 'channel').initial_conversation).toBeUndefined()
  })
})
