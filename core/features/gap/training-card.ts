import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { courseLine } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { EnrolResult } from './enrol.js'
import type { MarkDoneResult } from './mark-training-done.js'
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

export function trainingDoneCard(result: MarkDoneResult, locale: Locale): Card {
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
          text: tr('training.belowPassMark', { course: pick(result.course.title, locale), score: result.score, passMark: result.passMark }),
        },
      ])
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
