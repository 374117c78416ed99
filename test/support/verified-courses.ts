// Verified courses for the platform end-to-end tests, on the demo organisation:
// RD-101 needs a quiz of 10 questions (pass mark 80), RD-201 a manager's
// confirmation. Rows inserted directly, replacing the demo's quiz, so the tests know every answer.
import type { Db } from '../../adapters/db/client.js'

export const QUIZ_COURSE = 'RD-101'
export const CONFIRM_COURSE = 'RD-201'
export const QUESTIONS = 10
/** The right option of question `position` (options are 0–2). */
export const rightAnswer = (position: number): number => position % 3
const wrongAnswer = (position: number): number => (position + 1) % 3

export async function makeVerifiedCourses(db: Db): Promise<void> {
  const quiz = await db.course.update({ where: { code: QUIZ_COURSE }, data: { verification: 'quiz', passMark: 80 } })
  // The demo's own quiz for the course gives way to this known one.
  await db.quizQuestion.deleteMany({ where: { courseId: quiz.id } })
  for (let position = 1; position <= QUESTIONS; position++)
    await db.quizQuestion.create({
      data: {
        courseId: quiz.id,
        position,
        textZh: `第${position}题:哪个选项正确?`,
        textEn: `Question ${position}: which option is right?`,
        options: JSON.stringify([
          { zh: '选项甲', en: 'Option A' },
          { zh: '选项乙', en: 'Option B' },
          { zh: '选项丙', en: 'Option C' },
        ]),
        answer: rightAnswer(position),
      },
    })
  await db.course.update({ where: { code: CONFIRM_COURSE }, data: { verification: 'confirmation' } })
}

/** Answers by question position: the first `right` right, the rest wrong. */
export function quizAnswers(right: number): Map<number, number> {
  return new Map(Array.from({ length: QUESTIONS }, (_, i) => [i + 1, i < right ? rightAnswer(i + 1) : wrongAnswer(i + 1)]))
}
