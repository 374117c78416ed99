// Use-case problems → the texts shown beside form fields.
import type { Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { FieldError } from '../evaluations/index.js'
import { TEXT_MAX } from './validate-answers.js'

export type ProblemCode =
  | 'required'
  | 'too_long'
  | 'unknown_person'
  | 'not_your_report'
  | 'no_questionnaire'
  | 'closes_before_opens'
  | 'closes_in_past'
  | 'out_of_range'
  | 'unknown_dimension'
  | 'too_many'
  | 'needs_others'
  | 'is_subject'
  | 'is_manager'
  | 'not_a_report'
  | 'is_a_report'
  | 'over_cap'
  | 'bad_date'
  | 'bad_choice'

export function problemTexts(errors: Record<string, { code: ProblemCode; detail?: string }>, locale: Locale): Record<string, string> {
  const tr = translator(locale)
  return Object.fromEntries(Object.entries(errors).map(([field, p]) => [field, tr(`feedback.error.${p.code}`, { detail: p.detail ?? '' })]))
}

/** The rater's field errors, in the supervisor evaluation's words. */
export function answerErrorTexts(errors: Record<string, FieldError>, locale: Locale, max = TEXT_MAX): Record<string, string> {
  const tr = translator(locale)
  return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, tr(`evaluation.error.${code}`, { max })]))
}
