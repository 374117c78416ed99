// Verified training on Feishu, end to end through the Lark SDK and the fake Open
// API: "done" on a quiz course is reported, not completed; the quiz is a form card
// (Feishu has no modals); 70 on a pass mark of 80 fails with the reasons and a
// retake; a pass completes it; a manager confirms another course with the card's button.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { t } from '../../core/kernel/i18n/index.js'
import { cardActionEvent, messageEvent } from '../fakes/feishu-events.js'
import { CONFIRM_COURSE, makeVerifiedCourses, QUESTIONS, QUIZ_COURSE, quizAnswers } from '../support/verified-courses.js'
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
let liId = 0
let hanId = 0

beforeAll(async () => {
  world = await createWorld()
  ladder = await startLadder(world, { secrets: SECRETS })
  await makeVerifiedCourses(world.t.db)
  liId = (await world.t.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })).id
  hanId = (await world.t.db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })).id
  // Han has talked to Ladder on Feishu: cards for her can be queued.
  await say(PEOPLE.hanMeimei, 'help')
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})
beforeEach(() => {
  world.fake.calls.length = 0
})

async function say(openId: string, text: string) {
  await postEncrypted(ladder, '/feishu/events', messageEvent({ openId, text, token: VERIFICATION_TOKEN }))
  await ladder.feishu.idle()
  return [...world.fake.messages.values()].at(-1)!
}
const click = (openId: string, value: unknown, formValue?: Record<string, unknown>) =>
  postEncrypted(ladder, '/feishu/cards', cardActionEvent({ openId, value, token: VERIFICATION_TOKEN, ...(formValue ? { formValue } : {}) }))
type CallbackBody = { toast?: { type: string; content: string }; card?: { type: string; data: unknown } }

const assignment = async (code: string) => {
  const course = await world.t.db.course.findUniqueOrThrow({ where: { code } })
  return world.t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: liId, courseId: course.id } })
}
const answersFor = (right: number) =>
  Object.fromEntries([...quizAnswers(right)].map(([position, option]) => [`q${position}`, String(option)]))

describe('a quiz course on Feishu', () => {
  let formKey = ''

  it('"我学完了 RD-101" is reported, awaiting verification, with the quiz button; the form card has one select per question', async () => {
    const sent = await say(PEOPLE.liLei, `我学完了 ${QUIZ_COURSE}`)
    expect(JSON.stringify(sent.card)).toContain('等待验证')
    const a = await assignment(QUIZ_COURSE)
    expect(a.status).toBe('reported')
    expect(await world.t.db.evidence.count({ where: { employeeId: liId, kind: 'course', key: QUIZ_COURSE } })).toBe(0)
    const quiz = buttonValues(sent.card).find((v) => v.a === 'quiz')
    expect(quiz).toEqual({ a: 'quiz', v: String(a.id) })

    const body = (await click(PEOPLE.liLei, quiz)).json() as CallbackBody
    const [form] = findTagged(body.card!.data, 'form')
    const selects = findTagged(form, 'select_static')
    expect(selects.map((s) => s.name)).toEqual(Array.from({ length: QUESTIONS }, (_, i) => `q${i + 1}`))
    expect(selects.every((s) => (s.options as unknown[]).length === 3 && s.required === true)).toBe(true)
    formKey = `quiz:${a.id}`
    expect(buttonValues(form)).toEqual([{ a: 'submit_form', v: formKey }])
  })

  it('70 on a pass mark of 80 fails: says the score, the pass mark, the wrong questions, and schedules a retake', async () => {
    const body = (await click(PEOPLE.liLei, { a: 'submit_form', v: formKey }, answersFor(7))).json() as CallbackBody
    expect(body.toast?.type).toBe('error')
    const text = JSON.stringify(body.card!.data)
    expect(text).toContain(t('zh-CN', 'quiz.failed.body', { score: 70, passMark: 80 }))
    for (const n of [8, 9, 10]) expect(text).toContain(`第${n}题`)
    expect(text).toContain('补考')
    expect(buttonValues(body.card!.data)).toContainEqual({ a: 'quiz', v: formKey.slice(5) })
    const a = await assignment(QUIZ_COURSE)
    expect(a.status).toBe('in_progress')
    expect(a.dueAt!.getTime()).toBeGreaterThan(NOW.getTime())
  })

  it('a pass completes the course, verified by the quiz; best and latest are on the card', async () => {
    const body = (await click(PEOPLE.liLei, { a: 'submit_form', v: formKey }, answersFor(10))).json() as CallbackBody
    expect(body.toast?.type).toBe('success')
    expect(JSON.stringify(body.card!.data)).toContain(t('zh-CN', 'quiz.scores', { best: 100, latest: 100, n: 2 }))
    expect(await assignment(QUIZ_COURSE)).toMatchObject({ status: 'completed', verifiedBy: 'quiz', score: 100 })
    // Opening the quiz again: nothing to take.
    const again = (await click(PEOPLE.liLei, { a: 'quiz', v: formKey.slice(5) })).json() as CallbackBody
    expect(again.toast?.type).toBe('info')
  })
})

describe('a course the manager confirms, on Feishu', () => {
  it('Han is asked through the outbox and confirms with the button; a peer cannot', async () => {
    const sent = await say(PEOPLE.liLei, `我学完了 ${CONFIRM_COURSE}`)
    expect(JSON.stringify(sent.card)).toContain('韩梅梅')
    const a = await assignment(CONFIRM_COURSE)
    expect(a.status).toBe('reported')
    const queued = await world.t.db.outboxMessage.findFirstOrThrow({
      where: { employeeId: hanId, platform: 'feishu', idempotencyKey: { startsWith: 'training-confirm:' } },
    })
    expect(queued.card).toContain(`${a.id}:yes`)

    const peer = (await click(PEOPLE.alexChen, { a: 'confirm_training', v: `${a.id}:yes` })).json() as CallbackBody
    expect(peer.toast?.type).toBe('error')
    expect((await assignment(CONFIRM_COURSE)).status).toBe('reported')

    const manager = (await click(PEOPLE.hanMeimei, { a: 'confirm_training', v: `${a.id}:yes` })).json() as CallbackBody
    expect(manager.toast?.type).toBe('success')
    expect(manager.toast?.content).toContain('李雷')
    expect(await assignment(CONFIRM_COURSE)).toMatchObject({ status: 'completed', verifiedBy: 'manager' })
  })
})
