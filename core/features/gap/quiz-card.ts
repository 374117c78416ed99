// The quiz as a form (Slack modal, Feishu form card, console form) and its
// result; the verifier's answer after Confirm / Not yet.
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card, Form } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Course, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ConfirmTrainingResult } from './confirm-training.js'
import { type QuizFormResult, type QuizScores, quizField, quizFormKey, type SubmitQuizResult } from './quiz.js'

type QuizFormView = Extract<QuizFormResult, { kind: 'form' }>
type QuizErrors = Record<string, 'required' | 'out_of_range'>

const courseName = (course: Course, locale: Locale): string => `${course.code} ${pick(course.title, locale)}`

/** One select per question, the options in the reader's language; the value is the option's index. */
export function quizQuestionsForm(view: QuizFormView, locale: Locale, errors: QuizErrors = {}): Form {
  const tr = translator(locale)
  return {
    key: quizFormKey(view.assignment.id),
    title: tr('quiz.title', { course: view.course.code }),
    submitLabel: tr('quiz.submit'),
    fields: view.questions.map((q, i) => ({
      type: 'select' as const,
      name: quizField(q.position),
      label: `${i + 1}. ${pick(q.text, locale)}`,
      options: q.options.map((o, index) => ({ label: pick(o, locale), value: String(index) })),
      required: true,
    })),
    ...(Object.keys(errors).length
      ? { errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, tr(`quiz.error.${v}`)])) }
      : {}),
  }
}

const scoresLine = (scores: QuizScores, locale: Locale): string =>
  translator(locale)('quiz.scores', { best: scores.best, latest: scores.latest, n: scores.attempts })

/** The form inside a card (Feishu, console), with the pass mark and the scores so far. */
export function quizFormCard(view: QuizFormView, locale: Locale, errors: QuizErrors = {}): Card {
  const tr = translator(locale)
  const form = quizQuestionsForm(view, locale, errors)
  return makeCard(locale, { title: tr('quiz.title', { course: courseName(view.course, locale) }), tone: 'info' }, [
    { type: 'context', text: tr('quiz.intro', { n: view.questions.length, passMark: view.passMark }) },
    ...(view.scores ? [{ type: 'context' as const, text: scoresLine(view.scores, locale) }] : []),
    { type: 'form', form },
  ])
}

/** A short answer when there is no quiz to show: completed already, no questions, not theirs. */
export function quizUnavailableText(result: Exclude<QuizFormResult, { kind: 'form' }>, locale: Locale): string {
  const tr = translator(locale)
  if (result.kind === 'refused') return tr('access.refused')
  if (result.kind === 'already_completed') return tr('training.alreadyCompleted', { course: courseName(result.course, locale) })
  return tr('quiz.noQuiz', { course: courseName(result.course, locale) })
}

export function quizResultCard(
  result: Extract<SubmitQuizResult, { kind: 'passed' | 'failed' }>,
  assignmentId: number,
  locale: Locale,
  timeZone: string,
): Card {
  const tr = translator(locale)
  const course = courseName(result.course, locale)
  if (result.kind === 'passed') {
    return makeCard(locale, { title: tr('quiz.passed.title', { course, score: result.score }), tone: 'success' }, [
      { type: 'text', text: tr('quiz.passed.body', { passMark: result.passMark }) },
      { type: 'context', text: scoresLine(result.scores, locale) },
      { type: 'actions', buttons: [{ label: tr('training.seeGap'), action: { id: 'ask', value: 'promotion_gap' }, style: 'primary' }] },
    ])
  }
  const blocks: Block[] = [{ type: 'text', text: tr('quiz.failed.body', { score: result.score, passMark: result.passMark }) }]
  if (result.wrong.length > 0)
    blocks.push({
      type: 'text',
      text: `${tr('quiz.failed.wrong')}\n${result.wrong.map((q) => `- ${pick(q.text, locale)}`).join('\n')}`,
    })
  blocks.push(
    { type: 'context', text: scoresLine(result.scores, locale) },
    { type: 'text', text: tr('quiz.failed.retake', { date: formatDate(result.retakeDueAt, locale, timeZone) }) },
    { type: 'actions', buttons: [{ label: tr('quiz.retake'), action: { id: 'quiz', value: String(assignmentId) }, style: 'primary' }] },
  )
  return makeCard(locale, { title: tr('quiz.failed.title', { course, score: result.score }), tone: 'warning' }, blocks)
}

/** The verifier's answer: what was done, in one sentence. */
export function confirmResultText(result: ConfirmTrainingResult, locale: Locale, timeZone: string): { text: string; ok: boolean } {
  const tr = translator(locale)
  switch (result.kind) {
    case 'refused':
      return { text: tr('access.refused'), ok: false }
    case 'unknown_course':
      return { text: result.query ? tr('verify.unknownCourse', { query: result.query }) : tr('training.whichCourseDone'), ok: false }
    case 'confirmed': {
      const text = tr('verify.confirmed', { name: displayName(result.learner, locale), course: courseName(result.course, locale) })
      return { text: result.reassessments > 0 ? `${text} ${tr('verify.confirmed.reassess', { n: result.reassessments })}` : text, ok: true }
    }
    case 'declined':
      return {
        text: tr('verify.declined', {
          name: displayName(result.learner, locale),
          course: courseName(result.course, locale),
          date: formatDate(result.dueAt, locale, timeZone),
        }),
        ok: true,
      }
    case 'already_completed':
      return {
        text: tr('verify.alreadyCompleted', { name: displayName(result.learner, locale), course: courseName(result.course, locale) }),
        ok: false,
      }
    case 'not_reported':
      return {
        text: tr('verify.notReported', { name: displayName(result.learner, locale), course: courseName(result.course, locale) }),
        ok: false,
      }
  }
}

/** The same as a card: the answer in chat to "李雷学完了 RD-101". */
export function confirmResultCard(result: ConfirmTrainingResult, locale: Locale, timeZone: string): Card {
  const { text } = confirmResultText(result, locale, timeZone)
  return makeCard(locale, undefined, [{ type: 'text', text }])
}
