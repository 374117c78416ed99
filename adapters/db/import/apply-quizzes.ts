// Writes quiz questions. A course whose questions are in the import gets exactly
// those: questions are matched by position (a changed one is updated, an equal one
// left alone) and stored positions the files no longer have are removed.
import { type ApplyContext, idOf, tally } from './apply-context.js'
import type { QuizQuestionRow } from './schemas.js'
import type { Located } from './validate-rows.js'

export async function applyQuizQuestions(ctx: ApplyContext, rows: Located<QuizQuestionRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const byCourse = new Map<number, QuizQuestionRow[]>()
  for (const { value } of rows) {
    const courseId = idOf(ids.courses, value.course_code)
    byCourse.set(courseId, [...(byCourse.get(courseId) ?? []), value])
  }
  for (const [courseId, questions] of byCourse) {
    const stored = new Map((await tx.quizQuestion.findMany({ where: { courseId } })).map((q) => [q.position, q]))
    for (const r of questions) {
      const wanted = {
        textZh: r.question_zh,
        textEn: r.question_en,
        options: JSON.stringify(r.options_zh.map((zh, i) => ({ zh, en: r.options_en[i]! }))),
        answer: r.answer,
      }
      const existing = stored.get(r.position)
      stored.delete(r.position)
      if (!existing) {
        await tx.quizQuestion.create({ data: { courseId, position: r.position, ...wanted } })
        tally(ctx, 'quiz_questions', 'created')
      } else if (
        existing.textZh === wanted.textZh &&
        existing.textEn === wanted.textEn &&
        existing.options === wanted.options &&
        existing.answer === wanted.answer
      ) {
        tally(ctx, 'quiz_questions', 'unchanged')
      } else {
        await tx.quizQuestion.update({ where: { id: existing.id }, data: wanted })
        tally(ctx, 'quiz_questions', 'updated')
      }
    }
    // What is left was dropped from the course's quiz.
    if (stored.size > 0) await tx.quizQuestion.deleteMany({ where: { id: { in: [...stored.values()].map((q) => q.id) } } })
  }
}
