// A rater's form values → answers, or an error per field. The same field names
// and error codes as the supervisor evaluation form (core/usecases/evaluation.ts).
import { dimensionField, type FieldError, RATING_MAX, RATING_MIN } from '../evaluations/index.js'
import type { FeedbackAnswers, QuestionnaireItem } from './types.js'

export const STRENGTHS_FIELD = 'strengths'
export const IMPROVEMENTS_FIELD = 'improvements'
export const TEXT_MAX = 1000

export type ValidatedAnswers = { ok: true; answers: FeedbackAnswers } | { ok: false; errors: Record<string, FieldError> }

export function validateAnswers(items: QuestionnaireItem[], values: Record<string, string>): ValidatedAnswers {
  const errors: Record<string, FieldError> = {}
  const ratings: Record<string, number> = {}
  for (const item of items) {
    const name = dimensionField(item.code)
    const raw = values[name]?.trim() ?? ''
    if (raw === '') errors[name] = 'required'
    // Whole numbers only: "4.5" or "1e0" would be accepted by Number() and change what a mean means.
    else if (!/^\d{1,2}$/.test(raw) || Number(raw) < RATING_MIN || Number(raw) > RATING_MAX) errors[name] = 'out_of_range'
    else ratings[item.code] = Number(raw)
  }
  const strengths = (values[STRENGTHS_FIELD] ?? '').trim()
  const improvements = (values[IMPROVEMENTS_FIELD] ?? '').trim()
  if (strengths.length > TEXT_MAX) errors[STRENGTHS_FIELD] = 'too_long'
  if (improvements.length > TEXT_MAX) errors[IMPROVEMENTS_FIELD] = 'too_long'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, answers: { ratings, strengths, improvements } }
}
