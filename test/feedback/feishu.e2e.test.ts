// A rater's whole turn over Feishu: the rater card goes through the real Feishu
// messenger to the fake Open API, and every click comes back as a signed,
// encrypted card.action.trigger through POST /feishu/cards, the real Lark SDK and
// the real core (createCore routes "feedback:" values itself). Feishu has no
// modals, so the Answer button answers with a card holding the form; refused
// submissions come back as that form with the errors and the answers kept.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { dimensionField } from '../../core/features/evaluations/evaluation.js'
import { closeCycle } from '../../core/features/feedback/close-cycle.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import { startCollecting } from '../../core/features/feedback/start-collecting.js'
import type { Actor } from '../../core/kernel/context.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { cardActionEvent, TENANT } from '../fakes/feishu-events.js'
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
} from '../feishu/support.js'
import { tableColumns } from '../support/db.js'

type Element = { tag?: string; [key: string]: unknown }
type CallbackBody = {
  toast?: { type: string; content: string }
  card?: { type: string; data: { header?: { title: { content: string } }; body: { elements: Element[] } } }
}

let world: World
let ladder: Ladder
let deps: LadderDeps
const sent: Delivery[] = []

beforeAll(async () => {
  world = await createWorld()
  const db = world.t.db
  deps = ladderDeps({ store: createPrismaStore(db), clock: { now: () => NOW }, log: world.log, deliver: async (d) => void sent.push(...d) })
  ladder = await startLadder(world, {
    secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
    core: createCore(deps),
  })
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

/** A click on a card Ladder sent (a form submit when formValue is given), as Feishu posts it: encrypted and signed. */
async function click(
  openId: string,
  value: { a: string; v: string },
  extra: { formValue?: Record<string, string>; messageId?: string } = {},
): Promise<CallbackBody> {
  const response = await postEncrypted(ladder, '/feishu/cards', cardActionEvent({ openId, value, token: VERIFICATION_TOKEN, ...extra }))
  expect(response.statusCode).toBe(200)
  return response.json() as CallbackBody
}

const employee = (email: string) => world.t.db.employee.findUniqueOrThrow({ where: { email } })
const responseCount = () => world.t.db.feedbackResponse.count()
const requestRow = (id: number) => world.t.db.feedbackRequest.findUniqueOrThrow({ where: { id } })

/** The error line rendered right under the field named `name` in a form card. */
function errorUnder(form: Element, name: string): unknown {
  const elements = form.elements as Element[]
  const index = elements.findIndex((e) => e.name === name)
  expect(index).toBeGreaterThanOrEqual(0)
  return elements[index + 1]?.content
}

const red = (text: string) => `<font color='red'>${text}</font>`

describe('360 over Feishu: han.meimei rates li.lei as her manager', () => {
  let hrActor: Actor
  let cycleId: number
  let requestId: number
  let messageId: string
  let ratingNames: string[]
  let visibility: string
  const answer = () => ({ a: 'submit_form', v: `feedback:${requestId}` })
  const allFours = () => Object.fromEntries(ratingNames.map((n) => [n, '4']))

  beforeAll(async () => {
    const [li, alex, han] = await Promise.all([
      employee('li.lei@demo.ladder'),
      employee('alex.chen@demo.ladder'),
      employee('han.meimei@demo.ladder'),
    ])
    expect([li.managerId, alex.managerId]).toEqual([han.id, han.id])
    const hr = await employee('wang.fang@demo.ladder')
    expect(hr.roles).toContain('hr')
    hrActor = { employee: (await deps.store.employees.byId(hr.id))!, locale: 'zh-CN' }
    const launched = await launchCycle(deps, hrActor, {
      name: 'Demo 360',
      subjectEmails: [li.email, alex.email],
      opensAt: NOW,
      closesAt: new Date('2026-12-07T15:59:00Z'),
      perspectives: ['self', 'manager'],
    })
    if (launched.kind !== 'launched') throw new Error(JSON.stringify(launched))
    cycleId = launched.cycle.id
    expect((await startCollecting(deps, hrActor, { cycleId })).kind).toBe('moved')
    requestId = (
      await world.t.db.feedbackRequest.findFirstOrThrow({
        where: { raterId: han.id, perspective: 'manager', feedbackSubject: { employeeId: li.id } },
      })
    ).id
    visibility = t('zh-CN', 'feedback.visibility.manager', { subject: '李雷' })
  })

  it('sends the rater card through the Feishu messenger, saying who will see the answers', async () => {
    const delivery = sent.find((d) => d.key === `feedback:rate:${requestId}`)!
    expect(delivery).toBeDefined()
    const ref = await ladder.feishu.messenger.send(
      { platform: 'feishu', tenant: TENANT, kind: 'user', id: PEOPLE.hanMeimei },
      delivery.card,
    )
    messageId = ref.messageId
    const [call] = world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    expect(call!.query).toEqual({ receive_id_type: 'open_id' })
    expect(call!.body).toMatchObject({ receive_id: PEOPLE.hanMeimei, msg_type: 'interactive' })
    const card = world.fake.messages.get(messageId)!.card
    expect(card).toMatchObject({ schema: '2.0', header: { title: { content: expect.stringContaining('李雷') } } })
    expect(findTagged(card, 'markdown').map((m) => m.content)).toContain(visibility)
    expect(buttonValues(card)).toEqual([
      { a: 'open_form', v: `feedback:${requestId}` },
      { a: 'open_form', v: `feedback:${requestId}:decline` },
    ])
  })

  it('Answer replaces the card with a form: one 1–5 select per dimension, strengths and improvements, visibility above it', async () => {
    const body = await click(PEOPLE.hanMeimei, { a: 'open_form', v: `feedback:${requestId}` }, { messageId })
    expect(body.card!.type).toBe('raw')
    const elements = body.card!.data.body.elements
    const formAt = elements.findIndex((e) => e.tag === 'form')
    const visibilityAt = elements.findIndex((e) => e.content === visibility)
    // Said before anything is answered: above the form, not after submitting.
    expect(visibilityAt).toBeGreaterThanOrEqual(0)
    expect(visibilityAt).toBeLessThan(formAt)

    const form = elements[formAt]!
    const subject = await world.t.db.feedbackSubject.findFirstOrThrow({ where: { cycleId, requests: { some: { id: requestId } } } })
    const questionnaire = JSON.parse(subject.questionnaire) as { code: string }[]
    expect(questionnaire.length).toBeGreaterThan(0)
    const selects = findTagged(form, 'select_static')
    ratingNames = selects.map((s) => s.name as string)
    expect(ratingNames).toEqual(questionnaire.map((q) => dimensionField(q.code)))
    for (const select of selects) {
      expect(select.required).toBe(true)
      expect((select.options as { value: string }[]).map((o) => o.value)).toEqual(['1', '2', '3', '4', '5'])
    }
    expect(findTagged(form, 'input').map((i) => [i.name, i.required])).toEqual([
      ['strengths', false],
      ['improvements', false],
    ])
    expect(buttonValues(form)).toEqual([answer()])
  })

  it('a submission missing a rating comes back with the error under that field and the answers kept; nothing stored', async () => {
    const [first, ...rest] = ratingNames
    const formValue = { ...Object.fromEntries(rest.map((n) => [n, '4'])), strengths: '沟通清楚' }
    const body = await click(PEOPLE.hanMeimei, answer(), { formValue, messageId })
    expect(body.toast).toEqual({ type: 'error', content: t('zh-CN', 'feedback.formError') })
    const [form] = findTagged(body.card!.data, 'form')
    expect(errorUnder(form!, first!)).toBe(red(t('zh-CN', 'evaluation.error.required')))
    const selects = findTagged(form, 'select_static')
    expect(selects.find((s) => s.name === first)).not.toHaveProperty('initial_option')
    expect(selects.filter((s) => s.name !== first).map((s) => s.initial_option)).toEqual(rest.map(() => '4'))
    expect(findTagged(form, 'input').find((i) => i.name === 'strengths')).toMatchObject({ default_value: '沟通清楚' })
    // The visibility notice stays with the form.
    expect(findTagged(body.card!.data, 'markdown').map((m) => m.content)).toContain(visibility)
    expect(await responseCount()).toBe(0)
    expect((await requestRow(requestId)).status).toBe('open')
  })

  it('an out-of-range rating is refused under its field; nothing stored', async () => {
    const [first] = ratingNames
    const body = await click(PEOPLE.hanMeimei, answer(), { formValue: { ...allFours(), [first!]: '9' }, messageId })
    expect(body.toast!.type).toBe('error')
    const [form] = findTagged(body.card!.data, 'form')
    expect(errorUnder(form!, first!)).toBe(red(t('zh-CN', 'evaluation.error.out_of_range')))
    expect(findTagged(form, 'select_static').find((s) => s.name === first)).not.toHaveProperty('initial_option')
    expect(await responseCount()).toBe(0)
    expect((await requestRow(requestId)).status).toBe('open')
  })

  it('someone other than the rater cannot open or submit the request', async () => {
    const refused = { type: 'error', content: t('en', 'access.refused') }
    const opened = await click(PEOPLE.alexChen, { a: 'open_form', v: `feedback:${requestId}` })
    expect(opened).toEqual({ toast: refused })
    const submitted = await click(PEOPLE.alexChen, answer(), { formValue: allFours() })
    expect(submitted).toEqual({ toast: refused })
    expect(await responseCount()).toBe(0)
    expect((await requestRow(requestId)).status).toBe('open')
  })

  it('a complete submission is stored with nothing that leads back to the rater, and the card says "submitted" and who will see it', async () => {
    const db = world.t.db
    const han = await employee('han.meimei@demo.ladder')
    const li = await employee('li.lei@demo.ladder')
    const auditBefore = await db.auditLog.count()
    const formValue = { ...allFours(), strengths: '沟通清楚', improvements: '多分享经验' }
    const body = await click(PEOPLE.hanMeimei, answer(), { formValue, messageId })
    expect(body.toast).toEqual({ type: 'success', content: t('zh-CN', 'feedback.submitted.title') })
    expect(body.card!.data.header!.title.content).toBe(t('zh-CN', 'feedback.submitted.title'))
    expect(findTagged(body.card!.data, 'form')).toEqual([])
    expect(findTagged(body.card!.data, 'markdown').map((m) => m.content)).toContain(visibility)

    // The table itself has no column for the rater or the request.
    expect((await tableColumns(db, 'FeedbackResponse')).sort()).toEqual(['answers', 'cycleId', 'id', 'perspective', 'subjectId'])
    const rows = await db.feedbackResponse.findMany()
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(row).toMatchObject({ cycleId, subjectId: li.id, perspective: 'manager' })
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(row.subjectId).not.toBe(han.id)
    expect(JSON.parse(row.answers)).toEqual({
      ratings: Object.fromEntries(ratingNames.map((n) => [n.replace(/^dim_/, ''), 4])),
      strengths: '沟通清楚',
      improvements: '多分享经验',
    })
    // No audit row either: one would name the rater next to the moment of answering.
    expect(await db.auditLog.count()).toBe(auditBefore)

    const request = await requestRow(requestId)
    expect(request.status).toBe('submitted')
    expect((await db.evaluationTask.findUniqueOrThrow({ where: { id: request.taskId! } })).status).toBe('completed')
  })

  it('a second submission is refused clearly and stores nothing more', async () => {
    const body = await click(PEOPLE.hanMeimei, answer(), { formValue: { ...allFours(), strengths: '再来一次' }, messageId })
    expect(body.toast).toEqual({ type: 'error', content: t('zh-CN', 'feedback.notOpen.submitted') })
    // The form the rater pressed again is replaced by the "submitted" card: nothing left to press.
    expect(findTagged(body.card!.data, 'form')).toEqual([])
    expect(await responseCount()).toBe(1)
    // Answer on the old card now shows the "submitted" card instead of the form.
    const reopened = await click(PEOPLE.hanMeimei, { a: 'open_form', v: `feedback:${requestId}` }, { messageId })
    expect(reopened.toast).toEqual({ type: 'info', content: t('zh-CN', 'feedback.notOpen.submitted') })
    expect(findTagged(reopened.card!.data, 'form')).toEqual([])
  })

  it('declining asks for a reason the nominator will see, and records it', async () => {
    const alex = await employee('alex.chen@demo.ladder')
    const han = await employee('han.meimei@demo.ladder')
    const declineId = (
      await world.t.db.feedbackRequest.findFirstOrThrow({ where: { raterId: han.id, feedbackSubject: { cycleId, employeeId: alex.id } } })
    ).id
    const key = `feedback:${declineId}:decline`
    const opened = await click(PEOPLE.hanMeimei, { a: 'open_form', v: key })
    expect(findTagged(opened.card!.data, 'markdown').map((m) => m.content)).toContain(t('zh-CN', 'feedback.decline.visibility'))
    const [form] = findTagged(opened.card!.data, 'form')
    expect(findTagged(form, 'input').map((i) => [i.name, i.required])).toEqual([['reason', true]])
    expect(buttonValues(form)).toEqual([{ a: 'submit_form', v: key }])

    const empty = await click(PEOPLE.hanMeimei, { a: 'submit_form', v: key }, { formValue: { reason: '  ' } })
    expect(empty.toast!.type).toBe('error')
    expect(errorUnder(findTagged(empty.card!.data, 'form')[0]!, 'reason')).toBe(red(t('zh-CN', 'feedback.error.required')))
    expect((await requestRow(declineId)).status).toBe('open')

    const declined = await click(PEOPLE.hanMeimei, { a: 'submit_form', v: key }, { formValue: { reason: '我们合作不多' } })
    expect(declined.toast).toEqual({ type: 'success', content: t('zh-CN', 'feedback.declined.title') })
    expect(await requestRow(declineId)).toMatchObject({ status: 'declined', declineReason: '我们合作不多' })
    expect(sent.some((d) => d.key === `feedback:declined:${declineId}`)).toBe(true)
    expect(await responseCount()).toBe(1)
  })

  it('once the cycle is closed, a pending rater’s submission is refused and nothing is stored', async () => {
    const li = await employee('li.lei@demo.ladder')
    const selfId = (
      await world.t.db.feedbackRequest.findFirstOrThrow({ where: { raterId: li.id, perspective: 'self', feedbackSubject: { cycleId } } })
    ).id
    // Open while collecting: the form is there.
    const before = await click(PEOPLE.liLei, { a: 'open_form', v: `feedback:${selfId}` })
    expect(findTagged(before.card!.data, 'form')).toHaveLength(1)

    expect((await closeCycle(deps, hrActor, { cycleId })).kind).toBe('moved')
    const body = await click(PEOPLE.liLei, { a: 'submit_form', v: `feedback:${selfId}` }, { formValue: allFours() })
    expect(body.toast).toEqual({ type: 'error', content: t('zh-CN', 'feedback.notOpen.closed') })
    // The stale form is replaced by a card saying the cycle has ended.
    expect(findTagged(body.card!.data, 'form')).toEqual([])
    expect(JSON.stringify(body.card!.data)).toContain(t('zh-CN', 'feedback.notOpen.closed'))
    expect(await responseCount()).toBe(1)
    expect((await requestRow(selfId)).status).toBe('expired')
  })
})
