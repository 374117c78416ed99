import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { courseLine, formatDate } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { EnrolResult } from './enrol.js'
import type { MarkDoneResult } from './mark-training-done.js'
import { passMarkOf } from './quiz.js'
import type { RecommendTrainingResult } from './recommend-training.js'

export function recommendationsCard(result: RecommendTrainingResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'no_path') return makeCard(locale, undefined, [{ type: 'text', text: tr('training.noPath') }])
  if (result.kind === 'no_gaps') return makeCard(locale, undefined, [{ type: 'text', text: tr('training.noGaps') }])
  return makeCard(locale, { title: tr('training.recommendTitle'), tone: 'info' }, [
    {
      type: 'text',
      text: result.items
        .map(
          (r) =>
            `- 📘 ${courseLine(r.course, locale, tr)}\n  ${
              r.dimension
                ? tr('training.because', { dimension: pick(r.dimension.name, locale), target: pick(r.target.title, locale) })
                : tr('way.requiredBecause', { target: pick(r.target.title, locale) })
            }${r.isAssigned ? ` — ${tr('gap.alreadyAssigned')}` : ''}`,
        )
        .join('\n'),
    },
    {
      type: 'actions',
      buttons: result.items
        .filter((r) => !r.isAssigned)
        .slice(0, 3)
        .map((r, i) => ({
          label: tr('gap.enrolButton', { course: pick(r.course.title, locale) }),
          action: { id: 'enrol' as const, value: `${r.course.code}@recommend` },
          style: i === 0 ? ('primary' as const) : ('default' as const),
        })),
    },
  ])
}

export function enrolCard(result: EnrolResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'unknown_course') {
    const text = result.query ? tr('training.unknownCourse', { query: result.query }) : tr('training.whichCourse')
    const list = result.suggestions.map((c) => `- ${courseLine(c, locale, tr)}`).join('\n')
    return makeCard(locale, undefined, [{ type: 'text', text: `${text}\n${list}` }])
  }
  const course = courseLine(result.course, locale, tr)
  const key =
    result.kind === 'enrolled'
      ? 'training.enrolled'
      : result.kind === 'already_enrolled'
        ? 'training.alreadyEnrolled'
        : 'training.alreadyCompleted'
  const done = result.kind !== 'already_completed'
  return makeCard(locale, { title: tr(key, { course: pick(result.course.title, locale) }), tone: 'success' }, [
    { type: 'text', text: course + (result.course.url ? `\n${result.course.url}` : '') },
    ...(done
      ? [
          {
            type: 'actions' as const,
            buttons: [{ label: tr('training.markDone'), action: { id: 'training_done' as const, value: String(result.assignment.id) } }],
          },
        ]
      : []),
  ])
}

export function trainingDoneCard(result: MarkDoneResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  switch (result.kind) {
    case 'refused':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
    case 'unknown_course':
      return makeCard(locale, undefined, [
        { type: 'text', text: result.query ? tr('training.unknownCourse', { query: result.query }) : tr('training.whichCourseDone') },
      ])
    case 'below_pass_mark':
      return makeCard(locale, undefined, [
        {
          type: 'text',
          text: `${tr('training.belowPassMark', { course: pick(result.course.title, locale), score: result.score, passMark: result.passMark })}\n${tr(
            'verify.belowPassMark.retake',
            { date: formatDate(result.retakeDueAt, locale, timeZone) },
          )}`,
        },
      ])
    case 'reported':
      return reportedCard(result, locale)
    case 'already_completed':
      return makeCard(locale, undefined, [
        { type: 'text', text: tr('training.alreadyCompleted', { course: pick(result.course.title, locale) }) },
      ])
    case 'completed':
      return makeCard(locale, { title: tr('training.completed', { course: pick(result.course.title, locale) }), tone: 'success' }, [
        { type: 'text', text: tr('training.completedBody') },
        { type: 'actions', buttons: [{ label: tr('training.seeGap'), action: { id: 'ask', value: 'promotion_gap' }, style: 'primary' }] },
      ])
  }
}

/** "Reported, awaiting verification": what happens next, and the quiz button when there is one. */
function reportedCard(result: Extract<MarkDoneResult, { kind: 'reported' }>, locale: Locale): Card {
  const tr = translator(locale)
  const names = result.asked.map((e) => displayName(e, locale)).join(', ')
  const next =
    result.next === 'quiz'
      ? tr('verify.reported.quiz', { passMark: passMarkOf(result.course) })
      : result.next === 'record'
        ? tr('verify.reported.record')
        : result.asked.length === 0
          ? tr('verify.reported.nobody')
          : result.askedRole === 'hr'
            ? tr('verify.reported.confirmationHr', { names })
            : tr('verify.reported.confirmation', { names })
  const blocks: Block[] = [{ type: 'text', text: next }]
  if (result.assignment.score !== null)
    blocks.push({ type: 'context', text: tr('verify.reported.score', { score: result.assignment.score }) })
  if (result.next === 'quiz')
    blocks.push({
      type: 'actions',
      buttons: [{ label: tr('verify.button.quiz'), action: { id: 'quiz', value: String(result.assignment.id) }, style: 'primary' }],
    })
  return makeCard(
    locale,
    { title: tr('verify.reported.title', { course: `${result.course.code} ${pick(result.course.title, locale)}` }), tone: 'info' },
    blocks,
  )
}
