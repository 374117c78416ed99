import { makeCard } from '../../kernel/cards/build.js'
import type { Card, Form } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import {
  COMMENT_FIELD,
  COMMENT_MAX,
  dimensionField,
  type EvaluationFormResult,
  type FieldError,
  RATING_MAX,
  RATING_MIN,
} from './evaluation.js'

const evaluationFormKey = (taskId: number): string => `evaluation:${taskId}`

/** The same form definition becomes a Slack modal, a Feishu form card and an HTML form. */
export function ratingForm(
  result: Extract<EvaluationFormResult, { kind: 'form' }>,
  locale: Locale,
  errors: Record<string, FieldError> = {},
): Form {
  const tr = translator(locale)
  const anchors = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) =>
    tr(`evaluation.anchor.${i + RATING_MIN}` as 'evaluation.anchor.1'),
  )
  const subject = displayName(result.subject, locale)
  return {
    key: evaluationFormKey(result.task.id),
    title:
      result.task.kind === 'self_evaluation'
        ? tr('evaluation.selfTitle')
        : result.task.kind === 'reassessment'
          ? tr('evaluation.reassessTitle', { subject })
          : tr('evaluation.title', { subject }),
    intro: tr('evaluation.scale'),
    submitLabel: tr('evaluation.submit'),
    fields: [
      ...result.dimensions.map(({ dimension, indicators }) => ({
        type: 'rating' as const,
        name: dimensionField(dimension.code),
        label:
          pick(dimension.name, locale) +
          (indicators.length
            ? ` — ${indicators
                .slice(0, 2)
                .map((i) => pick(i.text, locale))
                .join('; ')}`
            : ''),
        min: RATING_MIN,
        max: RATING_MAX,
        anchors,
        required: true,
      })),
      {
        type: 'text' as const,
        name: COMMENT_FIELD,
        label: tr('evaluation.comment'),
        multiline: true,
        maxLength: COMMENT_MAX,
        required: false,
        placeholder: tr('evaluation.commentHint'),
      },
    ],
    ...(Object.keys(errors).length
      ? {
          errors: Object.fromEntries(
            Object.entries(errors).map(([k, v]) => [k, tr(`evaluation.error.${v}` as const, { max: COMMENT_MAX })]),
          ),
        }
      : {}),
  }
}

/** A card that carries the form inline (Feishu, console) with the visibility notice. */
export function evaluationFormCard(
  result: Extract<EvaluationFormResult, { kind: 'form' }>,
  locale: Locale,
  errors: Record<string, FieldError> = {},
): Card {
  const tr = translator(locale)
  const form = ratingForm(result, locale, errors)
  return makeCard(locale, { title: form.title, tone: 'info' }, [
    { type: 'context', text: tr('evaluation.visibility', { subject: displayName(result.subject, locale) }) },
    { type: 'form', form },
  ])
}

export function evaluationSavedCard(subjectName: string, count: number, locale: Locale): Card {
  const tr = translator(locale)
  return makeCard(locale, { title: tr('evaluation.saved'), tone: 'success' }, [
    { type: 'text', text: tr('evaluation.savedBody', { subject: subjectName, count }) },
  ])
}
