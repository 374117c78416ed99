// Verified training on Slack, end to end through real Bolt and the fake Web API:
// a required course marked done stays awaiting verification; the quiz opens as a
// modal; 70 on a pass mark of 80 fails (says why, schedules a retake); a pass
// completes it; a manager confirms another course from the card the outbox holds;
// a peer naming the learner is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeActionValue } from '../../adapters/slack/action-value.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'
import { CONFIRM_COURSE, makeVerifiedCourses, QUESTIONS, QUIZ_COURSE, quizAnswers } from '../support/verified-courses.js'
import { buttonClick, buttonsIn, dmEvent, NOW, type SlackHarness, startSlackHarness, USERS, viewSubmission } from './harness.js'

let h: SlackHarness
let liId = 0
let hanId = 0
beforeAll(async () => {
  h = await startSlackHarness()
  await makeVerifiedCourses(h.testDb.db)
  liId = (await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })).id
  hanId = (await h.testDb.db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })).id
  // Han has talked to Ladder: her Slack account is linked, so cards for her can be queued.
  await ask(USERS.han, 'help')
})
afterAll(() => h.close())

const postInteraction = (payload: object) => h.postForm({ payload: JSON.stringify(payload) })

async function ask(user: string, text: string): Promise<{ channelId: string; messageTs: string; blocks: unknown }> {
  const event = dmEvent(user, text)
  const before = h.fake.calls.length
  await h.postJson(event)
  const channelId = (event.event as { channel: string }).channel
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === channelId && h.fake.calls.indexOf(c) >= before)
  return { channelId, messageTs: (post.response.body as { ts: string }).ts, blocks: post.args.blocks }
}

const assignment = async (code: string) => {
  const course = await h.testDb.db.course.findUniqueOrThrow({ where: { code } })
  return h.testDb.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: liId, courseId: course.id } })
}
const selected = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
})
const answersFor = (right: number) =>
  Object.fromEntries([...quizAnswers(right)].map(([position, option]) => [`q${position}`, selected(String(option))]))

describe('a quiz course on Slack', () => {
  let origin: { channelId: string; messageTs: string }
  let modal: Record<string, unknown>

  it('"我学完了 RD-101" is reported, awaiting verification, with a Take the quiz button; nothing completed', async () => {
    const reply = await ask(USERS.liLei, `我学完了 ${QUIZ_COURSE}`)
    const text = JSON.stringify(reply.blocks)
    expect(text).toContain('等待验证')
    const a = await assignment(QUIZ_COURSE)
    expect(a.status).toBe('reported')
    const quiz = buttonsIn(reply.blocks).find((b) => b.action.a === 'quiz')
    expect(quiz?.action.v).toBe(String(a.id))
    expect(await h.testDb.db.evidence.count({ where: { employeeId: liId, kind: 'course', key: QUIZ_COURSE } })).toBe(0)

    const click = buttonClick(h.fake, USERS.liLei, reply, quiz!)
    await postInteraction(click)
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)
    const view = opened.args.view as {
      private_metadata: string
      blocks: { type: string; block_id: string; element: { options: unknown[] } }[]
    }
    expect(JSON.parse(view.private_metadata).k).toBe(`quiz:${a.id}`)
    const selects = view.blocks.filter((b) => b.type === 'input')
    expect(selects.map((b) => b.block_id)).toEqual(Array.from({ length: QUESTIONS }, (_, i) => `q${i + 1}`))
    expect(selects.every((b) => b.element.options.length === 3)).toBe(true)
    expect(JSON.stringify(view.blocks)).toContain('第1题')
    origin = { channelId: reply.channelId, messageTs: reply.messageTs }
    modal = view as unknown as Record<string, unknown>
  })

  it('an unanswered question keeps the modal open with the error, nothing recorded', async () => {
    const { q1: _skipped, ...rest } = answersFor(10)
    const res = await postInteraction(viewSubmission(USERS.liLei, modal, rest))
    expect(res.json()).toEqual({ response_action: 'errors', errors: { q1: t('zh-CN', 'quiz.error.required') } })
    expect(await h.testDb.db.quizAttempt.count()).toBe(0)
  })

  it('70 on a pass mark of 80 fails: the card says the score, the pass mark, the wrong questions and the retake', async () => {
    const res = await postInteraction(viewSubmission(USERS.liLei, modal, answersFor(7)))
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const update = await h.fake.waitFor(
      'chat.update',
      (c) => c.args.ts === origin.messageTs && JSON.stringify(c.args.blocks).includes('70'),
    )
    const text = JSON.stringify(update.args.blocks)
    expect(text).toContain(t('zh-CN', 'quiz.failed.body', { score: 70, passMark: 80 }))
    for (const n of [8, 9, 10]) expect(text).toContain(`第${n}题`)
    expect(text).not.toContain('第1题')
    expect(text).toContain('补考')
    const a = await assignment(QUIZ_COURSE)
    expect(a.status).toBe('in_progress')
    expect(a.dueAt!.getTime()).toBeGreaterThan(NOW.getTime())
    expect(await h.testDb.db.quizAttempt.findMany({ select: { score: true, passed: true } })).toEqual([{ score: 70, passed: false }])
  })

  it('a pass completes the course, verified by the quiz, with the score as test evidence', async () => {
    await postInteraction(viewSubmission(USERS.liLei, modal, answersFor(10)))
    const a = await assignment(QUIZ_COURSE)
    expect(a).toMatchObject({ status: 'completed', verifiedBy: 'quiz', score: 100 })
    expect(await h.testDb.db.evidence.count({ where: { employeeId: liId, kind: 'course', key: QUIZ_COURSE } })).toBe(1)
    expect(await h.testDb.db.assessment.count({ where: { employeeId: liId, source: 'test', attainment: 100 } })).toBeGreaterThan(0)
  })
})

describe('a course the manager confirms, on Slack', () => {
  it('the learner’s "done" asks Han through the outbox; Han confirms from the card; the learner is told', async () => {
    const reply = await ask(USERS.liLei, `我学完了 ${CONFIRM_COURSE}`)
    expect(JSON.stringify(reply.blocks)).toContain('韩梅梅')
    const a = await assignment(CONFIRM_COURSE)
    expect(a.status).toBe('reported')

    const queued = await h.testDb.db.outboxMessage.findFirstOrThrow({
      where: { employeeId: hanId, idempotencyKey: { startsWith: 'training-confirm:' } },
    })
    const card = JSON.parse(queued.card) as Card
    const confirm = card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action.value === `${a.id}:yes`)
    expect(confirm?.action.id).toBe('confirm_training')

    // A peer pressing the same button is refused; nothing changes.
    await postInteraction(
      buttonClick(
        h.fake,
        USERS.alex,
        { channelId: 'D0ALEX', messageTs: '1.1' },
        { action_id: 'ladder:0', value: encodeActionValue(confirm!.action) },
      ),
    )
    const refused = await h.fake.waitFor('chat.postEphemeral', (c) => c.args.user === USERS.alex)
    expect(refused.args.text).toBe(t('en', 'access.refused'))
    expect((await assignment(CONFIRM_COURSE)).status).toBe('reported')

    await postInteraction(
      buttonClick(
        h.fake,
        USERS.han,
        { channelId: 'D0HANMM', messageTs: '2.2' },
        { action_id: 'ladder:0', value: encodeActionValue(confirm!.action) },
      ),
    )
    const notice = await h.fake.waitFor('chat.postEphemeral', (c) => c.args.user === USERS.han)
    expect(notice.args.text).toContain('李雷')
    expect(await assignment(CONFIRM_COURSE)).toMatchObject({ status: 'completed', verifiedBy: 'manager' })
    expect(await h.testDb.db.outboxMessage.count({ where: { employeeId: liId, idempotencyKey: `training-confirmed:${a.id}` } })).toBe(1)
  })

  it('"李雷学完了 RD-102" from a peer is refused and changes nothing for anyone', async () => {
    const before = await h.testDb.db.trainingAssignment.count()
    const reply = await ask(USERS.alex, '李雷学完了 RD-102')
    expect(JSON.stringify(reply.blocks)).toContain(t('zh-CN', 'access.refused'))
    expect(await h.testDb.db.trainingAssignment.count()).toBe(before)
  })
})
