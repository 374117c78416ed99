// Buttons and modals: block_actions → core.handleAction → chat.update / views.open;
// view_submission → submit_form → Assessments rows, or errors by block_id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeActionValue } from '../../adapters/slack/action-value.js'
import { t } from '../../core/kernel/i18n/index.js'
import { buttonClick, buttonsIn, dmEvent, type SlackHarness, startSlackHarness, USERS, viewSubmission } from './harness.js'
import { waitUntil } from './wait.js'

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
})
afterAll(() => h.close())

const postInteraction = (payload: object) => h.postForm({ payload: JSON.stringify(payload) })

/** Sends a DM and returns the message Ladder posted in answer: where it is, its ts and its blocks. */
async function ask(user: string, text: string): Promise<{ channelId: string; messageTs: string; blocks: unknown }> {
  const event = dmEvent(user, text)
  const before = h.fake.calls.length
  await h.postJson(event)
  const channelId = (event.event as { channel: string }).channel
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === channelId && h.fake.calls.indexOf(c) >= before)
  return { channelId, messageTs: (post.response.body as { ts: string }).ts, blocks: post.args.blocks }
}

describe('buttons on a message', () => {
  it('enrol: the assignment is created and the message the button was on is updated', async () => {
    const { channelId, blocks, messageTs } = await ask(USERS.liLei, '我晋升还差什么?')
    const enrol = buttonsIn(blocks).find((b) => b.action.a === 'enrol')!
    const li = await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
    const course = await h.testDb.db.course.findFirstOrThrow({ where: { code: enrol.action.v.split('@')[0] } })
    expect(await h.testDb.db.trainingAssignment.count({ where: { employeeId: li.id, courseId: course.id } })).toBe(0)

    const res = await postInteraction(buttonClick(h.fake, USERS.liLei, { channelId, messageTs }, enrol))
    expect(res.statusCode).toBe(200)

    const update = await h.fake.waitFor('chat.update', (c) => c.args.ts === messageTs)
    expect(update.args.channel).toBe(channelId)
    expect(Array.isArray(update.args.blocks)).toBe(true)
    const toast = await h.fake.waitFor('chat.postEphemeral', (c) => c.args.user === USERS.liLei)
    expect(toast.args.text).toBe(t('zh-CN', 'training.enrolled', { course: course.code }))
    const row = await h.testDb.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: li.id, courseId: course.id } })
    expect(row.source).toBe('self')
    // The refreshed card no longer offers the course just taken.
    expect(buttonsIn(update.args.blocks).some((b) => b.value === enrol.value)).toBe(false)
  })

  it('a tampered button value is refused in both languages, nothing is done', async () => {
    const res = await postInteraction(
      buttonClick(
        h.fake,
        USERS.alex,
        { channelId: 'D0ALEX', messageTs: '1.1' },
        { action_id: 'ladder:0', value: '{"a":"drop_tables","v":"*"}' },
      ),
    )
    expect(res.statusCode).toBe(200)
    const notice = await h.fake.waitFor('chat.postEphemeral', (c) => c.args.user === USERS.alex)
    expect(notice.args.text).toBe(`${t('en', 'action.invalid')}\n${t('zh-CN', 'action.invalid')}`)
  })

  it('a link button is just acked', async () => {
    const res = await postInteraction(
      buttonClick(h.fake, USERS.alex, { channelId: 'D0ALEX', messageTs: '1.1' }, { action_id: 'ladder-link:3', value: 'x' }),
    )
    expect(res.statusCode).toBe(200)
  })
})

describe('supervisor evaluation in a modal (han.meimei evaluates li.lei)', () => {
  let taskId: number
  let modal: { view: Record<string, unknown>; blockIds: string[] }
  let origin: { channelId: string; messageTs: string }

  beforeAll(async () => {
    const han = await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })
    const li = await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
    const task = await h.testDb.db.evaluationTask.findFirstOrThrow({
      where: { assigneeId: han.id, subjectId: li.id, kind: 'supervisor_evaluation', status: 'open' },
    })
    taskId = task.id
  })

  it('open_form from the task list opens a modal with the trigger id, one select per dimension', async () => {
    const { channelId, blocks, messageTs } = await ask(USERS.han, '我的待办')
    const open = buttonsIn(blocks).find((b) => b.action.a === 'open_form' && b.action.v === `evaluation:${taskId}`)
    expect(open).toBeDefined()
    origin = { channelId, messageTs }
    const click = buttonClick(h.fake, USERS.han, origin, open!)
    await postInteraction(click)
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)
    const view = opened.args.view as {
      type: string
      callback_id: string
      private_metadata: string
      blocks: { type: string; block_id: string; element: { type: string } }[]
    }
    expect(view.type).toBe('modal')
    expect(JSON.parse(view.private_metadata)).toEqual({ k: `evaluation:${taskId}`, c: channelId, t: origin.messageTs })
    const ratings = view.blocks.filter((b) => b.type === 'input' && b.element.type === 'static_select')
    expect(ratings.length).toBeGreaterThan(0)
    expect(view.blocks.some((b) => b.block_id === 'comment' && b.element.type === 'plain_text_input')).toBe(true)
    modal = { view: view as unknown as Record<string, unknown>, blockIds: ratings.map((b) => b.block_id) }
  })

  it('a submission missing a rating comes back with errors keyed by block_id, nothing saved', async () => {
    const [first, ...rest] = modal.blockIds
    const values = Object.fromEntries(rest.map((id) => [id, { value: { type: 'static_select', selected_option: { value: '4' } } }]))
    const res = await postInteraction(viewSubmission(USERS.han, modal.view, values))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ response_action: 'errors', errors: { [first!]: t('zh-CN', 'evaluation.error.required') } })
    expect(await h.testDb.db.assessment.count({ where: { source: 'supervisor', assessedAt: new Date('2026-11-23T02:00:00Z') } })).toBe(0)
  })

  it('a complete submission closes the modal, saves supervisor assessments and updates the task message', async () => {
    const values: Record<string, Record<string, unknown>> = Object.fromEntries(
      modal.blockIds.map((id) => [
        id,
        { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '4' }, value: '4' } } },
      ]),
    )
    values.comment = { value: { type: 'plain_text_input', value: '进步很快' } }
    const submission = viewSubmission(USERS.han, modal.view, values)
    const res = await postInteraction(submission)
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')

    const han = await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })
    const li = await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
    const rows = await h.testDb.db.assessment.findMany({
      where: { employeeId: li.id, source: 'supervisor', assessorId: han.id, assessedAt: new Date('2026-11-23T02:00:00Z') },
    })
    expect(rows).toHaveLength(modal.blockIds.length)
    // 4 on the anchored scale: halfway from the required 80 to 100.
    expect(rows.every((r) => r.rating === 4 && r.attainment === 90 && r.note === '进步很快')).toBe(true)
    expect((await h.testDb.db.evaluationTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('completed')
    const update = await h.fake.waitFor('chat.update', (c) => c.args.ts === origin.messageTs)
    expect(JSON.stringify(update.args.blocks)).toContain(t('zh-CN', 'evaluation.saved'))

    // Slack redelivering the same submission: closed again, nothing written twice.
    const again = await postInteraction(submission)
    expect(again.statusCode).toBe(200)
    expect(again.body).toBe('')
    expect(
      await h.testDb.db.assessment.count({
        where: { employeeId: li.id, source: 'supervisor', assessedAt: new Date('2026-11-23T02:00:00Z') },
      }),
    ).toBe(rows.length)
  })

  it('a modal we did not open (no Ladder metadata) is simply closed', async () => {
    const res = await postInteraction(viewSubmission(USERS.han, { ...modal.view, callback_id: 'ladder_form', private_metadata: '' }, {}))
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
  })
})

describe('buttons on the App Home', () => {
  it('an ask button answers by DM and the Home tab is republished', async () => {
    const before = h.fake.callsTo('views.publish').length
    const payload = buttonClick(
      h.fake,
      USERS.alex,
      { channelId: 'x', messageTs: 'x' },
      { action_id: 'ladder:0', value: encodeActionValue({ id: 'ask', value: 'my_tasks' }) },
    )
    Object.assign(payload, { container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' }, channel: undefined })
    await postInteraction(payload)
    await h.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === USERS.alex && JSON.stringify(c.args.blocks).includes(t('en', 'tasks.title')),
    )
    await waitUntil(() => h.fake.callsTo('views.publish').length > before)
    expect(h.fake.callsTo('views.publish').at(-1)!.args.user_id).toBe(USERS.alex)
  })
})
