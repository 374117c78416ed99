// The gap report and the training that closes it: promotion gaps, job
// requirements, recommendations, enrolment, completion, team readiness.

export { assignTraining } from './assign-training.js'
export { confirmTraining } from './confirm-training.js'
export { enrol } from './enrol.js'
export { promotionGapCard } from './gap-card.js'
export { gapFor, nextStepGaps } from './gap-for.js'
export { gapIntents } from './intents.js'
export { type JobRequirementsResult, jobRequirements } from './job-requirements.js'
export { markTrainingDone } from './mark-training-done.js'
export { type PromotionGapResult, promotionGap } from './promotion-gap.js'
export { quizForm, submitQuiz } from './quiz.js'
export { confirmResultText, quizFormCard, quizQuestionsForm, quizResultCard, quizUnavailableText } from './quiz-card.js'
export { recommendTraining } from './recommend-training.js'
export { recommendationsCard, trainingDoneCard } from './training-card.js'
export { whoIsReady } from './who-is-ready.js'
