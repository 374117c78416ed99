// Reminders and verified training, through the real store and sweep: a failed
// quiz's retake is reminded with "Take the quiz" (not "Done") until passed; a
// course reported and waiting for the manager's confirmation does not nag the
// learner (nothing they can do) nor escalate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { markTrainingDone } from '../../core/features/gap/mark-training-done.js'
import { submitQuiz } from '../../core/features/gap/quiz.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { quizAnswers, rightAnswer } from '../support/verified-courses.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'

let t: TestDb
let org: ReminderOrg
const clock = fakeClock('2026-11-16T01:00:00Z') // Monday, 09:00 in Shanghai
const HOURLY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 }
const deps = () => reminderDeps(t.db, clock)
const buttons = (card: Card) =>
  card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.action.id}:${x.action.value}`) : []))

let quizAssignment = 0
let confirmAssignment = 0

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  await t.db.course.update({ where: { id: org.courses.RD101 }, data: { verification: 'quiz', passMark: 80 } })
  for (let position = 1; position <= 10; position++)
    await t.db.quizQuestion.create({
      data: {
        courseId: org.courses.RD101,
        position,
        textZh: `第${position}题`,
        textEn: `Question ${position}`,
        options: JSON.stringify([
          { zh: '甲', en: 'A' },
          { zh: '乙', en: 'B' },
          { zh: '丙', en: 'C' },
        ]),
        answer: rightAnswer(position),
      },
    })
  await t.db.course.update({ where: { id: org.courses.MG201 }, data: { verification: 'confirmation' } })
  // Both assigned to Eve long ago and overdue since last week: she has been reminded, Mia would be told.
  for (const courseId of [org.courses.RD101, org.courses.MG201])
    await t.db.trainingAssignment.create({
      data: {
        employeeId: org.ids.eve,
        courseId,
        source: 'hr',
        assignedAt: new Date('2026-11-01T00:00:00Z'),
        dueAt: new Date('2026-11-06T10:00:00Z'),
      },
    })
  const eve = await actorFor(deps(), org.ids.eve)
  const [rd, mg] = await t.db.trainingAssignment.findMany({ where: { employeeId: org.ids.eve }, orderBy: { courseId: 'asc' } })
  quizAssignment = (org.courses.RD101 < org.courses.MG201 ? rd : mg)!.id
  confirmAssignment = (org.courses.RD101 < org.courses.MG201 ? mg : rd)!.id
  expect((await markTrainingDone(deps(), eve, { assignmentId: confirmAssignment })).kind).toBe('reported')
  const answers = Object.fromEntries([...quizAnswers(7)].map(([p, o]) => [`q${p}`, String(o)]))
  expect((await submitQuiz(deps(), eve, quizAssignment, answers)).kind).toBe('failed')
})
afterAll(() => t.close())

describe('after a failed quiz and a report awaiting confirmation', () => {
  it('the retake is due in three working days, and the reminders carry on with "Take the quiz"; the reported course is quiet', async () => {
    const retake = await t.db.trainingAssignment.findUniqueOrThrow({ where: { id: quizAssignment } })
    expect(retake.status).toBe('in_progress')
    expect(retake.dueAt!.toISOString()).toBe('2026-11-19T10:00:00.000Z') // Thursday 18:00 Shanghai

    // Sweep hourly through the week, past the retake's due date.
    for (let at = clock.now().getTime(); at < new Date('2026-11-21T00:00:00Z').getTime(); at += HOURLY.horizonMinutes * 60_000) {
      clock.set(new Date(at))
      expect((await runReminderSweep(deps(), { policy: HOURLY, platforms: ['slack', 'feishu'], holder: 'test' })).kind).toBe('swept')
    }
    const reminders = await t.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'reminder:' } }, orderBy: { id: 'asc' } })
    const toEve = reminders.filter((m) => m.employeeId === org.ids.eve).map((m) => JSON.parse(m.card) as Card)
    expect(toEve.length).toBeGreaterThanOrEqual(2) // before the due day and on it
    for (const card of toEve) {
      expect(buttons(card)).toContain(`quiz:${quizAssignment}`)
      expect(buttons(card)).not.toContain(`training_done:${quizAssignment}`)
    }
    // Nobody is reminded or escalated about the course waiting for Mia's confirmation.
    for (const m of reminders) expect(JSON.stringify(JSON.parse(m.card))).not.toContain('MG-201')
    // Mia was asked to confirm it, once.
    expect(
      await t.db.outboxMessage.count({ where: { employeeId: org.ids.mia, idempotencyKey: { startsWith: 'training-confirm:' } } }),
    ).toBe(1)
  })
})
