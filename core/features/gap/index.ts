// The gap report and the training that closes it: promotion gaps, job
// requirements, recommendations, enrolment, completion, team readiness.
export { enrol, type EnrolResult } from './enrol.js'
export { promotionGapCard } from './gap-card.js'
export { nextStepGaps } from './gap-for.js'
export { jobRequirementsCard } from './job-card.js'
export { jobRequirements, type JobRequirementsResult } from './job-requirements.js'
export { markTrainingDone, type MarkDoneResult } from './mark-training-done.js'
export { promotionGap, type PromotionGapResult } from './promotion-gap.js'
export { recommendTraining, type RecommendTrainingResult } from './recommend-training.js'
export { teamOverviewCard, whoIsReadyCard } from './team-card.js'
export { teamOverview, type TeamOverviewResult } from './team-overview.js'
export { enrolCard, recommendationsCard, trainingDoneCard } from './training-card.js'
export { whoIsReady, type WhoIsReadyResult } from './who-is-ready.js'
