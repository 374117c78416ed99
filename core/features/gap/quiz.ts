// The quiz in chat: a course's questions as a form (one choice per question),
// scored in core. A pass verifies the training (completion, certificate, test
// evidence on the dimensions the course improves, the training effect); a fail
// says what was wrong and schedules a retake, so the reminders carry on.
import type { Actor, Deps } from '../../kernel/context.js'
import type { Assignment, Course, QuizAttempt, QuizQuestion } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { gapDimensionIds, hasQuiz, openReassessments, retakeDueAt } from './verification.js'

const DEFAULT_PASS_MARK = 80
export const quizField = (position: number): string => `q${position}`
export const quizFormKey = (assignmentId: number): string => `quiz:${assignmentId}`

export interface QuizScores {
  best: number
  latest: number
  attempts: number
}

export type QuizFormResult =
  | { kind: 'form'; assignment: Assignment; course: Course; questions: QuizQuestion[]; passMark: number; scores: QuizScores | null }
  | { kind: 'already_completed'; course: Course }
  | { kind: 'no_quiz'; course: Course }
  | { kind: 'refused' }

export type SubmitQuizResult =
  | { kind: 'passed'; course: Course; score: number; passMark: number; scores: QuizScores; reassessments: number }
  | {
      kind: 'failed'
      course: Course
      score: number
      passMark: number
      /** The questions answered wrongly (their texts; the right answers are not revealed). */
      wrong: QuizQuestion[]
      scores: QuizScores
      retakeDueAt: Date
    }
  | { kind: 'invalid'; errors: Record<string, 'required' | 'out_of_range'> }
  | { kind: 'already_completed'; course: Course }
  | { kind: 'no_quiz'; course: Course }
  | { kind: 'refused' }

export const passMarkOf = (course: Course): number => course.passMark ?? DEFAULT_PASS_MARK

/** Score: the share of questions answered right, rounded to a whole percent. */
export function scoreQuiz(
  questions: readonly QuizQuestion[],
  answers: ReadonlyMap<number, number>,
): { score: number; wrong: QuizQuestion[] } {
  if (questions.length === 0) return { score: 0, wrong: [] }
  const wrong = questions.filter((q) => answers.get(q.position) !== q.answer)
  return { score: Math.round((100 * (questions.length - wrong.length)) / questions.length), wrong }
}

export function scoresOf(attempts: readonly Pick<QuizAttempt, 'score' | 'at'>[]): QuizScores | null {
  if (attempts.length === 0) return null
  return {
    best: Math.max(...attempts.map((a) => a.score)),
    latest: attempts[attempts.length - 1]!.score,
    attempts: attempts.length,
  }
}

/** Checks every question has one of its options: the answers by position, or the errors by field. */
export function readAnswers(
  questions: readonly QuizQuestion[],
  values: Record<string, string>,
): { answers: Map<number, number> } | { errors: Record<string, 'required' | 'out_of_range'> } {
  const answers = new Map<number, number>()
  const errors: Record<string, 'required' | 'out_of_range'> = {}
  for (const q of questions) {
    const name = quizField(q.position)
    const raw = values[name]?.trim() ?? ''
    if (raw === '') errors[name] = 'required'
    else if (!/^\d{1,3}$/.test(raw) || Number(raw) >= q.options.length) errors[name] = 'out_of_range'
    else answers.set(q.position, Number(raw))
  }
  return Object.keys(errors).length > 0 ? { errors } : { answers }
}

async function load(deps: Deps, actor: Actor, assignmentId: number) {
  const assignment = await deps.store.progress.assignment(assignmentId)
  // Only the learner takes their quiz; anyone else's assignment answers like a missing one.
  if (!assignment || assignment.employeeId !== actor.employee.id) return null
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const course = catalog.courses.find((c) => c.id === assignment.courseId)
  if (!course) return null
  return { assignment, course, catalog }
}

export async function quizForm(deps: Deps, actor: Actor, assignmentId: number): Promise<QuizFormResult> {
  const loaded = await load(deps, actor, assignmentId)
  if (!loaded) return { kind: 'refused' }
  const { assignment, course } = loaded
  if (assignment.status === 'completed') return { kind: 'already_completed', course }
  const questions = hasQuiz(course) ? await deps.store.catalog.quiz(course.id) : []
  if (questions.length === 0) return { kind: 'no_quiz', course }
  const scores = scoresOf(await deps.store.progress.quizAttempts(actor.employee.id, course.id))
  return { kind: 'form', assignment, course, questions, passMark: passMarkOf(course), scores }
}

export async function submitQuiz(
  deps: Deps,
  actor: Actor,
  assignmentId: number,
  values: Record<string, string>,
): Promise<SubmitQuizResult> {
  const loaded = await load(deps, actor, assignmentId)
  if (!loaded) return { kind: 'refused' }
  const { course, catalog } = loaded
  const me = actor.employee
  if (loaded.assignment.status === 'completed') return { kind: 'already_completed', course }
  const questions = hasQuiz(course) ? await deps.store.catalog.quiz(course.id) : []
  if (questions.length === 0) return { kind: 'no_quiz', course }
  const read = readAnswers(questions, values)
  if ('errors' in read) return { kind: 'invalid', errors: read.errors }

  const now = deps.clock.now()
  const passMark = passMarkOf(course)
  const { score, wrong } = scoreQuiz(questions, read.answers)
  const passed = score >= passMark
  const gapDimensions = passed ? await gapDimensionIds(deps.store, catalog, me, now) : new Set<number>()
  const outcome = await deps.store.transaction(async (tx) => {
    // Re-read inside the transaction: a double submit after a pass must not record twice.
    const fresh = await tx.progress.assignment(assignmentId)
    if (!fresh || fresh.status === 'completed') return null
    await tx.progress.addQuizAttempt({
      assignmentId,
      employeeId: me.id,
      courseId: course.id,
      score,
      passed,
      wrong: wrong.map((q) => q.position),
      at: now,
    })
    const scores = scoresOf(await tx.progress.quizAttempts(me.id, course.id))!
    await tx.audit.record({
      actorId: me.id,
      actor: `employee:${me.id}`,
      action: passed ? 'quiz.pass' : 'quiz.fail',
      entity: 'TrainingAssignment',
      entityId: assignmentId,
      data: { course: course.code, score, passMark },
    })
    if (!passed) {
      const dueAt = retakeDueAt(now, me.timeZone, deps.settings)
      await tx.progress.reschedule({ assignmentId, dueAt, now })
      return { passed: false as const, scores, dueAt }
    }
    await tx.progress.completeTraining({
      assignmentId,
      courseCode: course.code,
      score,
      now,
      verifiedBy: 'quiz',
      certificateCode: course.certificateCode,
    })
    // A passing score is test evidence on each dimension the course improves.
    await tx.progress.addAssessments(
      course.dimensionIds.map((dimensionId) => ({
        employeeId: me.id,
        dimensionId,
        attainment: score,
        source: 'test' as const,
        assessedAt: now,
        assessorId: null,
        note: `quiz ${course.code}`,
      })),
    )
    const effect = await openReassessments(tx, { learner: me, course, gapDimensions, catalog, now })
    return { passed: true as const, scores, deliveries: effect.deliveries, reassessments: effect.tasks.length }
  })
  if (!outcome) return { kind: 'already_completed', course }
  if (!outcome.passed) return { kind: 'failed', course, score, passMark, wrong, scores: outcome.scores, retakeDueAt: outcome.dueAt }
  const deliveries: Delivery[] = outcome.deliveries
  if (deliveries.length > 0) await deps.deliver(deliveries)
  return { kind: 'passed', course, score, passMark, scores: outcome.scores, reassessments: outcome.reassessments }
}
