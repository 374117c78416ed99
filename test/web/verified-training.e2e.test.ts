// Verified training in the web console, through its HTTP routes on a seeded
// SQLite file: "done" on a quiz course is reported, not completed; the quiz form;
// 70 on a pass mark of 80 fails with the reasons and a retake; a pass completes it;
// the manager sees the reported course in her to-do list and confirms it there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { t } from '../../core/kernel/i18n/index.js'
import { CONFIRM_COURSE, makeVerifiedCourses, QUESTIONS, QUIZ_COURSE, quizAnswers } from '../support/verified-courses.js'
import { type ConsoleApp, createConsoleApp, login } from './console-app.js'

const LI = 'li.lei@demo.ladder'
const HAN = 'han.meimei@demo.ladder'

let c: ConsoleApp
let liId = 0
beforeAll(async () => {
  c = await createConsoleApp()
  await makeVerifiedCourses(c.testDb.db)
  liId = (await c.testDb.db.employee.findUniqueOrThrow({ where: { email: LI } })).id
})
afterAll(async () => {
  await c?.close()
})

const post = (url: string, cookie: string, payload: object) => c.app.inject({ method: 'POST', url, payload, headers: { cookie } })
type ActionBody = { toast?: { tone: string; text: string }; replace?: string; append: string[] }

const assignment = async (code: string) => {
  const course = await c.testDb.db.course.findUniqueOrThrow({ where: { code } })
  return c.testDb.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: liId, courseId: course.id } })
}
const answersFor = (right: number) =>
  Object.fromEntries([...quizAnswers(right)].map(([position, option]) => [`q${position}`, String(option)]))

describe('a quiz course in the console', () => {
  let cookie = ''
  let id = 0

  it('"我学完了 RD-101" is reported, awaiting verification, with Take the quiz; the quiz form has one select per question', async () => {
    cookie = await login(c.app, LI)
    const reply = (await post('/console/message', cookie, { text: `我学完了 ${QUIZ_COURSE}` })).json() as { intent: string; html: string }
    expect(reply.intent).toBe('training_done')
    expect(reply.html).toContain('等待验证')
    expect(reply.html).toContain(t('zh-CN', 'verify.button.quiz'))
    const a = await assignment(QUIZ_COURSE)
    id = a.id
    expect(a.status).toBe('reported')
    expect(await c.testDb.db.evidence.count({ where: { employeeId: liId, kind: 'course', key: QUIZ_COURSE } })).toBe(0)

    const form = (await post('/console/action', cookie, { actionId: 'quiz', value: String(id) })).json() as ActionBody
    expect(form.append).toHaveLength(1)
    expect(form.append[0]).toContain(`data-form-key="quiz:${id}"`)
    for (let n = 1; n <= QUESTIONS; n++) expect(form.append[0]).toContain(`第${n}题`)
  })

  it('only the learner may open it', async () => {
    const han = await login(c.app, HAN)
    const body = (await post('/console/action', han, { actionId: 'quiz', value: String(id) })).json() as ActionBody
    expect(body.toast).toEqual({ tone: 'error', text: t('zh-CN', 'access.refused') })
  })

  it('70 on a pass mark of 80 fails: the score, the pass mark, the wrong questions, a retake', async () => {
    const body = (
      await post('/console/action', cookie, { actionId: 'submit_form', value: `quiz:${id}`, values: answersFor(7) })
    ).json() as ActionBody
    expect(body.toast?.tone).toBe('error')
    const html = JSON.stringify(body)
    expect(html).toContain(t('zh-CN', 'quiz.failed.body', { score: 70, passMark: 80 }))
    for (const n of [8, 9, 10]) expect(html).toContain(`第${n}题`)
    expect(html).toContain('补考')
    const a = await assignment(QUIZ_COURSE)
    expect(a.status).toBe('in_progress')
    expect(a.dueAt).not.toBeNull()
  })

  it('a pass completes it, verified by the quiz', async () => {
    const body = (
      await post('/console/action', cookie, { actionId: 'submit_form', value: `quiz:${id}`, values: answersFor(10) })
    ).json() as ActionBody
    expect(body.toast?.tone).toBe('success')
    expect(await assignment(QUIZ_COURSE)).toMatchObject({ status: 'completed', verifiedBy: 'quiz', score: 100 })
  })
})

describe('a course the manager confirms, in the console', () => {
  it('Han sees it awaiting her confirmation in her to-do list and confirms it there', async () => {
    const li = await login(c.app, LI)
    const reply = (await post('/console/message', li, { text: `我学完了 ${CONFIRM_COURSE}` })).json() as { html: string }
    expect(reply.html).toContain('韩梅梅')
    const a = await assignment(CONFIRM_COURSE)
    expect(a.status).toBe('reported')

    const han = await login(c.app, HAN)
    const tasks = (await post('/console/message', han, { text: '我的待办' })).json() as { intent: string; html: string }
    expect(tasks.intent).toBe('my_tasks')
    expect(tasks.html).toContain(t('zh-CN', 'tasks.confirm.title'))
    expect(tasks.html).toContain(CONFIRM_COURSE)

    const body = (await post('/console/action', han, { actionId: 'confirm_training', value: `${a.id}:yes` })).json() as ActionBody
    expect(body.toast?.tone).toBe('success')
    expect(await assignment(CONFIRM_COURSE)).toMatchObject({ status: 'completed', verifiedBy: 'manager' })
  })
})
