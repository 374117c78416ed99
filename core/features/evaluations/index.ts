// Supervisor and self evaluations answered from a card: a rating per
// dimension on the anchored scale (kernel/domain/rating-scale.ts), stored as assessments.
export {
  dimensionField,
  evaluationForm,
  type FieldError,
  RATING_MAX,
  RATING_MIN,
  submitEvaluation,
} from './evaluation.js'
export { evaluationFormCard, evaluationSavedCard, ratingForm } from './evaluation-card.js'
