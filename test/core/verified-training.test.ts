// Verified training in core: stated scores, the quiz (scoring, pass/fail, retake,
// best/latest), reported vs completed, who may confirm, the training effect, and
// "李雷学完了 RD-101" from someone else. Runs on the in-memory store here and on
// SQLite through test/store/verified-training.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import type { LadderDeps } from '../../core/app/store.js'
import { evaluationForm } from '../../core/features/evaluations/evaluation.js'
import { confirmTraining } from '../../core/features/gap/confirm-training.js'
import { markTrainingDone } from '../../core/features/gap/mark-training-done.js'
import { promotionGap } from '../../core/features/gap/promotion-gap.js'
import { quizForm, readAnswers, scoreQuiz, scoresOf, submitQuiz } from '../../core/features/gap/quiz.js'
import { statedScore } from '../../core/features/gap/stated-score.js'
import { trainingDoneCard } from '../../core/features/gap/training-card.js'
import { retakeDueAt } from '../../core/features/gap/verification.js'
import { myTasks } from '../../core/features/tasks/my-tasks.js'
import { myTasksCard } from '../../core/features/tasks/tasks-card.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Actor } from '../../core/kernel/context.js'
import { DEFAULT_SETTINGS } from '../../core/kernel/context.js'
import type { QuizQuestion } from '../../core/kernel/domain/types.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { makeDeps, memoryLogger } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

const buttons = (card: Card): string[] =>
  card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.action.id}:${x.action.value}`) : []))

describe('statedScore', () => {
  it.each([
    ['我学完了 RD-101 得分 70', 70],
    ['我学完了 RD-101 得分:85', 85],
    ['RD-101 考了70分', 70],
    ['学完 RD-101 成绩 92 分', 92],
    ['done RD-101 score 70', 70],
    ['finished RD-101, scored 70', 70],
    ['I got 70 on RD-101', 70],
    ['finished RD-101 with 85%', 85],
    ['done RD-101: 60 points', 60],
    ['我学完了 RD-101', undefined],
    ['done MG-201', undefined],
    ['学完了 RD-101,用了30分钟', undefined],
    ['score 120 on RD-101', undefined],
  ])('%j → %s', (text, score) => {
    expect(statedScore(text)).toBe(score)
  })
})

const question = (position: number, answer = 0): QuizQuestion => ({
  position,
  text: { zh: `问题${position}`, en: `Question ${position}` },
  options: [
    { zh: '甲', en: 'A' },
    { zh: '乙', en: 'B' },
    { zh: '丙', en: 'C' },
  ],
  answer,
})

describe('scoreQuiz', () => {
  const ten = Array.from({ length: 10 }, (_, i) => question(i + 1, i % 3))
  const answers = (right: number) => new Map(ten.map((q, i) => [q.position, i < right ? q.answer : (q.answer + 1) % 3]))
  it.each([
    [10, 100, 0],
    [8, 80, 2],
    [7, 70, 3],
    [0, 0, 10],
  ])('%i of 10 right → %i, %i wrong', (right, score, wrong) => {
    const result = scoreQuiz(ten, answers(right))
    expect(result.score).toBe(score)
    expect(result.wrong).toHaveLength(wrong)
  })
  it('rounds to a whole percent (2 of 3 → 67) and lists the wrong questions by position', () => {
    const three = [question(1), question(2), question(3)]
    const result = scoreQuiz(
      three,
      new Map([
        [1, 0],
        [2, 0],
        [3, 2],
      ]),
    )
    expect(result.score).toBe(67)
    expect(result.wrong.map((q) => q.position)).toEqual([3])
  })
})

describe('readAnswers', () => {
  const qs = [question(1), question(2)]
  it.each([
    [
      { q1: '0', q2: '2' },
      {
        answers: new Map([
          [1, 0],
          [2, 2],
        ]),
      },
    ],
    [{ q1: '0' }, { errors: { q2: 'required' } }],
    [{ q1: '3', q2: 'x' }, { errors: { q1: 'out_of_range', q2: 'out_of_range' } }],
    [{ q1: ' ', q2: '-1' }, { errors: { q1: 'required', q2: 'out_of_range' } }],
  ])('%j', (values, expected) => {
    expect(readAnswers(qs, values)).toEqual(expected)
  })
})

describe('scoresOf', () => {
  it('keeps the best and the latest', () => {
    const at = (n: number) => new Date(NOW.getTime() + n)
    expect(scoresOf([])).toBeNull()
    expect(
      scoresOf([
        { score: 60, at: at(1) },
        { score: 90, at: at(2) },
        { score: 70, at: at(3) },
      ]),
    ).toEqual({ best: 90, latest: 70, attempts: 3 })
  })
})

describe('retakeDueAt', () => {
  it.each([
    // Monday 10:00 Shanghai → Thursday 18:00
    ['2026-11-23T02:00:00Z', 'Asia/Shanghai', '2026-11-26T10:00:00.000Z'],
    // Thursday → the next Tuesday (the weekend skipped)
    ['2026-11-26T02:00:00Z', 'Asia/Shanghai', '2026-12-01T10:00:00.000Z'],
  ])('%s in %s → %s', (now, zone, due) => {
    expect(retakeDueAt(new Date(now), zone, DEFAULT_SETTINGS).toISOString()).toBe(due)
  })
})

let b: Backend
let org: Org
let deps: LadderDeps
const sent: Delivery[] = []
const { count, first, where } = queries(() => b)
let mg201 = 0
let er101 = 0
let lms = 0

const actor = async (key: keyof Org['ids']): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(org.ids[key]))!
  return { employee, locale: employee.locale }
}
const assignmentOf = (employee: keyof Org['ids'], courseId: number) =>
  first('trainingAssignment', (a) => a.employeeId === org.ids[employee] && a.courseId === courseId)

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  const db = seederFor(b.seed)
  // RD-101 (project experience) now needs a quiz of 10 questions and grants a certificate; RD3 requires it.
  await db.update('course', [org.courses.PM], { verification: 'quiz', certificateCode: 'PM-CERT' })
  await db.create('certificate', { code: 'PM-CERT', nameZh: '项目管理证书', nameEn: 'Project management certificate' })
  for (let p = 1; p <= 10; p++)
    await db.create('quizQuestion', {
      courseId: org.courses.PM,
      position: p,
      textZh: `问题${p}`,
      textEn: `Question ${p}`,
      options: JSON.stringify(question(p).options),
      answer: p % 3,
    })
  const rd3 = await first('qualificationStandard', (s) => s.jobId === org.jobs.RD3)
  const proj = await first('standardDimension', (d) => d.standardId === rd3.id && d.dimensionId === org.dims.proj)
  await db.create('indicator', {
    standardDimensionId: proj.id,
    code: 'pm-course',
    textZh: '完成 RD-101',
    textEn: 'RD-101 completed',
    requirementKind: 'course',
    requirementKey: 'RD-101',
  })
  // A course a manager confirms, one recorded from the LMS, one with a quiz but no questions.
  mg201 = (
    await db.create('course', {
      code: 'MG-201',
      titleZh: '团队管理进阶',
      titleEn: 'Team Management II',
      format: 'workshop',
      durationMinutes: 240,
      passMark: 80,
      verification: 'confirmation',
    })
  ).id
  await db.create('courseDimension', { courseId: mg201, dimensionId: org.dims.proj })
  lms = (
    await db.create('course', {
      code: 'LMS-1',
      titleZh: '合规培训',
      titleEn: 'Compliance',
      format: 'online',
      durationMinutes: 60,
      verification: 'record',
    })
  ).id
  er101 = (
    await db.create('course', {
      code: 'ER-101',
      titleZh: '无题测验',
      titleEn: 'Quiz without questions',
      format: 'online',
      durationMinutes: 60,
      verification: 'quiz',
    })
  ).id
  deps = { ...makeDeps(b.store, NOW), deliver: async (d) => void sent.push(...d) }
})
afterAll(() => b.close())

const requirementMet = async (key: keyof Org['ids'], indicator: string) => {
  const gap = await promotionGap(deps, await actor(key), { targetJobCode: 'RD3' })
  if (gap.kind !== 'reports' || gap.reports[0]!.kind !== 'report') throw new Error('no report')
  return gap.reports[0]!.requirements.find((r) => r.indicatorCode === indicator)?.isMet
}

describe('marking a course done', () => {
  it('a stated score under the pass mark of an unverified course does not complete it and schedules a retake', async () => {
    const result = await markTrainingDone(deps, await actor('eve'), { courseCode: 'CU-101', score: 70 })
    expect(result).toMatchObject({ kind: 'below_pass_mark', score: 70, passMark: 80 })
    const a = await assignmentOf('eve', org.courses.CULTURE)
    expect(a.status).toBe('in_progress')
    expect(a.dueAt!.getTime()).toBeGreaterThan(NOW.getTime())
    expect(await count('evidence', (e) => e.employeeId === org.ids.eve && e.key === 'CU-101')).toBe(0)
    const card = trainingDoneCard(result, 'en', 'Asia/Shanghai')
    expect(card.fallback).toContain('retake is scheduled')
  })

  it('from chat, "我学完了 CU-101 得分 70" reads the score', async () => {
    const core = createCore({ store: b.store, clock: { now: () => NOW }, log: memoryLogger(), deliver: async () => {} })
    const reply = await core.handleMessage({
      sender: { platform: 'cli', tenant: 'local', userId: 'tom@t.test' },
      text: '我学完了 CU-101 得分 70',
    })
    expect(reply?.intent).toBe('training_done')
    expect(reply?.card.fallback).toContain('80')
    expect((await assignmentOf('tom', org.courses.CULTURE)).status).toBe('in_progress')
  })

  it.each([
    ['quiz', () => org.courses.PM, 'quiz'],
    ['confirmation', () => mg201, 'confirmation'],
    ['record', () => lms, 'record'],
    ['quiz without questions', () => er101, 'confirmation'],
  ] as const)('a %s course is reported, awaiting verification, not completed', async (_label, courseId, next) => {
    sent.length = 0
    const code = (await first('course', (c) => c.id === courseId())).code
    const result = await markTrainingDone(deps, await actor('eve'), { courseCode: code, score: 95 })
    expect(result).toMatchObject({ kind: 'reported', next })
    const a = await assignmentOf('eve', courseId())
    expect(a).toMatchObject({ status: 'reported', score: 95, verifiedBy: null })
    expect(await count('evidence', (e) => e.employeeId === org.ids.eve && e.key === code)).toBe(0)
    const card = trainingDoneCard(result, 'en', 'Asia/Shanghai')
    expect(buttons(card)).toEqual(next === 'quiz' ? [`quiz:${a.id}`] : [])
    // The manager is asked only when a confirmation is what happens next.
    expect(sent.map((d) => [d.recipientId, d.purpose])).toEqual(next === 'confirmation' ? [[org.ids.mia, 'training_confirmation']] : [])
    if (next === 'confirmation') expect(buttons(sent[0]!.card)).toEqual([`confirm_training:${a.id}:yes`, `confirm_training:${a.id}:no`])
  })

  it('the required course stays unmet while reported', async () => {
    expect(await requirementMet('eve', 'pm-course')).toBe(false)
  })

  it('asks HR when the learner has no manager', async () => {
    sent.length = 0
    const result = await markTrainingDone(deps, await actor('pat'), { courseCode: 'MG-201' })
    expect(result).toMatchObject({ kind: 'reported', askedRole: 'hr' })
    expect(sent.map((d) => d.recipientId)).toEqual([org.ids.hana])
  })

  it('reporting twice asks once', async () => {
    sent.length = 0
    expect((await markTrainingDone(deps, await actor('eve'), { courseCode: 'MG-201' })).kind).toBe('reported')
    expect(sent).toEqual([])
  })
})

describe('my tasks while reported', () => {
  it('offers the learner the quiz, and nothing to click while a manager must confirm', async () => {
    const card = myTasksCard(await myTasks(deps, await actor('eve')), 'en', 'Asia/Shanghai')
    const pm = await assignmentOf('eve', org.courses.PM)
    const mg = await assignmentOf('eve', mg201)
    expect(buttons(card)).toContain(`quiz:${pm.id}`)
    expect(buttons(card)).not.toContain(`training_done:${pm.id}`)
    expect(buttons(card).filter((x) => x.includes(`:${mg.id}`))).toEqual([])
    expect(card.fallback).toContain('awaiting verification')
  })

  it('lists the reports’ trainings awaiting confirmation for the manager, with Confirm / Not yet', async () => {
    const result = await myTasks(deps, await actor('mia'))
    expect(result.confirmations.map((c) => [c.learner.id, c.course.code])).toEqual(
      expect.arrayContaining([
        [org.ids.eve, 'MG-201'],
        [org.ids.eve, 'RD-101'],
      ]),
    )
    const mg = await assignmentOf('eve', mg201)
    expect(buttons(myTasksCard(result, 'en', 'Asia/Shanghai'))).toEqual(
      expect.arrayContaining([`confirm_training:${mg.id}:yes`, `confirm_training:${mg.id}:no`]),
    )
    expect((await myTasks(deps, await actor('tom'))).confirmations).toEqual([])
  })
})

describe('the quiz', () => {
  const allRight = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, String((i + 1) % 3)]))
  /** 7 of 10 right: questions 8–10 wrong. */
  const seventy = { ...allRight, q8: String((8 + 1) % 3), q9: String((9 + 1) % 3), q10: String((10 + 1) % 3) }

  it('only the learner may open it', async () => {
    const pm = await assignmentOf('eve', org.courses.PM)
    const form = await quizForm(deps, await actor('eve'), pm.id)
    expect(form).toMatchObject({ kind: 'form', passMark: 80, scores: null })
    if (form.kind === 'form') expect(form.questions).toHaveLength(10)
    for (const other of ['mia', 'tom', 'hana'] as const)
      expect(await quizForm(deps, await actor(other), pm.id)).toEqual({ kind: 'refused' })
    expect(await submitQuiz(deps, await actor('mia'), pm.id, allRight)).toEqual({ kind: 'refused' })
    expect((await quizForm(deps, await actor('eve'), 999_999)).kind).toBe('refused')
  })

  it('a course without questions has no quiz to open', async () => {
    const er = await assignmentOf('eve', er101)
    expect((await quizForm(deps, await actor('eve'), er.id)).kind).toBe('no_quiz')
  })

  it('an unanswered question is an error, nothing recorded', async () => {
    const pm = await assignmentOf('eve', org.courses.PM)
    const result = await submitQuiz(deps, await actor('eve'), pm.id, { q1: '1' })
    expect(result.kind).toBe('invalid')
    expect(await count('quizAttempt')).toBe(0)
  })

  it('70 on a pass mark of 80 fails: says which questions were wrong, schedules a retake, completes nothing', async () => {
    const pm = await assignmentOf('eve', org.courses.PM)
    const result = await submitQuiz(deps, await actor('eve'), pm.id, seventy)
    expect(result).toMatchObject({ kind: 'failed', score: 70, passMark: 80, scores: { best: 70, latest: 70, attempts: 1 } })
    if (result.kind !== 'failed') return
    expect(result.wrong.map((q) => q.position)).toEqual([8, 9, 10])
    const a = await assignmentOf('eve', org.courses.PM)
    expect(a.status).toBe('in_progress')
    expect(a.dueAt!.toISOString()).toBe(result.retakeDueAt.toISOString())
    expect(await requirementMet('eve', 'pm-course')).toBe(false)
    expect(await count('assessment', (x) => x.source === 'test')).toBe(0)
  })

  it('a pass completes the course (verified by the quiz), grants the certificate, feeds test evidence, opens a reassessment', async () => {
    sent.length = 0
    const pm = await assignmentOf('eve', org.courses.PM)
    const result = await submitQuiz(deps, await actor('eve'), pm.id, allRight)
    expect(result).toMatchObject({ kind: 'passed', score: 100, scores: { best: 100, latest: 100, attempts: 2 }, reassessments: 1 })
    expect(await assignmentOf('eve', org.courses.PM)).toMatchObject({ status: 'completed', verifiedBy: 'quiz', score: 100 })
    expect(await count('evidence', (e) => e.employeeId === org.ids.eve && e.kind === 'certificate' && e.key === 'PM-CERT')).toBe(1)
    expect(await where('assessment', (x) => x.source === 'test')).toEqual([
      expect.objectContaining({ employeeId: org.ids.eve, dimensionId: org.dims.proj, attainment: 100 }),
    ])
    expect(await requirementMet('eve', 'pm-course')).toBe(true)
    const task = await first('evaluationTask', (t) => t.kind === 'reassessment')
    expect(task).toMatchObject({ assigneeId: org.ids.mia, subjectId: org.ids.eve, dimensionId: org.dims.proj, status: 'open' })
    expect(sent.map((d) => [d.recipientId, d.purpose])).toEqual([[org.ids.mia, 'reassessment']])
    expect(buttons(sent[0]!.card)).toEqual([`open_form:evaluation:${task.id}`])
  })

  it('the reassessment form rates the one dimension, for the manager only, and shows in her to-do list with the form button', async () => {
    const task = await first('evaluationTask', (t) => t.kind === 'reassessment')
    const form = await evaluationForm(deps, await actor('mia'), task.id)
    expect(form.kind === 'form' && form.dimensions.map((d) => d.dimension.id)).toEqual([org.dims.proj])
    expect((await evaluationForm(deps, await actor('eve'), task.id)).kind).toBe('refused')
    const card = myTasksCard(await myTasks(deps, await actor('mia')), 'en', 'Europe/London')
    expect(buttons(card)).toContain(`open_form:evaluation:${task.id}`)
  })

  it('a second submit after the pass records nothing', async () => {
    const pm = await assignmentOf('eve', org.courses.PM)
    expect((await submitQuiz(deps, await actor('eve'), pm.id, seventy)).kind).toBe('already_completed')
    expect(await count('quizAttempt')).toBe(2)
  })
})

describe('confirmation by a manager or HR', () => {
  const cases: [who: keyof Org['ids'], allowed: boolean][] = [
    ['eve', false], // the learner
    ['tom', false], // a peer
    ['pat', false], // someone else entirely
    ['mia', true], // direct manager
    ['boss', true], // indirect manager
    ['hana', true], // HR
  ]
  it.each(cases)('%s declining Eve’s MG-201 → allowed %s', async (who, allowed) => {
    const mg = await assignmentOf('eve', mg201)
    // Back to reported before each attempt.
    await seederFor(b.seed).update('trainingAssignment', [mg.id], { status: 'reported' })
    const result = await confirmTraining(deps, await actor(who), mg.id, false)
    expect(result.kind).toBe(allowed ? 'declined' : 'refused')
  })

  it('a decline puts it back on the learner’s list with a new due date and tells them', async () => {
    sent.length = 0
    const mg = await assignmentOf('eve', mg201)
    await seederFor(b.seed).update('trainingAssignment', [mg.id], { status: 'reported' })
    const result = await confirmTraining(deps, await actor('mia'), mg.id, false)
    expect(result.kind).toBe('declined')
    expect((await assignmentOf('eve', mg201)).status).toBe('in_progress')
    expect(sent.map((d) => [d.recipientId, d.purpose])).toEqual([[org.ids.eve, 'training_declined']])
    // Declining again: nothing is awaiting.
    expect((await confirmTraining(deps, await actor('mia'), mg.id, false)).kind).toBe('not_reported')
  })

  it('a confirmation completes it, verified by the manager, and tells the learner', async () => {
    sent.length = 0
    const mg = await assignmentOf('eve', mg201)
    expect(await confirmTraining(deps, await actor('tom'), mg.id, true)).toEqual({ kind: 'refused' })
    expect(await confirmTraining(deps, await actor('eve'), mg.id, true)).toEqual({ kind: 'refused' })
    const result = await confirmTraining(deps, await actor('mia'), mg.id, true)
    expect(result.kind).toBe('confirmed')
    expect(await assignmentOf('eve', mg201)).toMatchObject({ status: 'completed', verifiedBy: 'manager' })
    expect(sent[0]).toMatchObject({ recipientId: org.ids.eve, purpose: 'training_confirmed' })
    expect((await confirmTraining(deps, await actor('boss'), mg.id, true)).kind).toBe('already_completed')
  })

  it('HR confirming records verifiedBy hr', async () => {
    const lmsAssignment = await assignmentOf('eve', lms)
    expect((await confirmTraining(deps, await actor('hana'), lmsAssignment.id, true)).kind).toBe('confirmed')
    expect((await assignmentOf('eve', lms)).verifiedBy).toBe('hr')
  })
})

describe('someone named in "… finished <course>"', () => {
  const chat = (email: string, text: string) => {
    const core = createCore({ store: b.store, clock: { now: () => NOW }, log: memoryLogger(), deliver: async () => {} })
    return core.handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: email }, text })
  }

  it('from a peer: refused, and nothing happens to the asker or the named person', async () => {
    const reply = await chat('pat@t.test', '伊娃学完了 RD-201')
    expect(reply?.intent).toBe('training_done')
    expect(reply?.card.fallback).toBe((await import('../../core/kernel/i18n/index.js')).t('zh-CN', 'access.refused'))
    expect(await count('trainingAssignment', (a) => a.employeeId === org.ids.pat && a.courseId === org.courses.DESIGN)).toBe(0)
    expect((await assignmentOf('eve', org.courses.DESIGN)).status).not.toBe('completed')
  })

  it('from the manager: a confirmation of the named person’s course, never the asker’s', async () => {
    const reply = await chat('mia@t.test', '伊娃学完了 RD-201')
    expect(reply?.card.fallback).toContain('伊娃')
    expect(await assignmentOf('eve', org.courses.DESIGN)).toMatchObject({ status: 'completed', verifiedBy: 'manager' })
    expect(await count('trainingAssignment', (a) => a.employeeId === org.ids.mia)).toBe(0)
  })

  it('from HR, in English, enrolling the person first when nobody had', async () => {
    await chat('hana@t.test', 'Tom finished MG-101')
    expect(await assignmentOf('tom', org.courses.LEAD)).toMatchObject({ status: 'completed', verifiedBy: 'hr', source: 'hr' })
    expect(await count('trainingAssignment', (a) => a.employeeId === org.ids.hana)).toBe(0)
  })
})
