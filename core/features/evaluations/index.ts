// Supervisor and self evaluations answered from a card: a rating per
// dimension on the scale below, stored as assessments.
export { dimensionField, evaluationForm, RATING_MAX, RATING_MIN, ratingToAttainment, submitEvaluation, type FieldError } from './evaluation.js'
export { ratingForm, evaluationFormCard, evaluationSavedCard } from './evaluation-card.js'
