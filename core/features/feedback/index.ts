// 360° feedback: cycles with nomination and approval, an anonymous ledger of
// answers, aggregated reports. What the rest of Ladder may use.
export { type AdvanceResult as AdvanceCyclesResult, advanceCycles } from './advance-cycles.js'
export { approveNominations } from './approve-nominations.js'
export { closeCycle, closeCycleNow } from './close-cycle.js'
export { cycleStatus } from './cycle-status.js'
export { handleFeedbackAction } from './handle-action.js'
export { feedbackIntents } from './intents.js'
export { launchCycle, leaveDraft, NAME_MAX } from './launch-cycle.js'
export { nominateRaters } from './nominate-raters.js'
export { nominationView } from './nomination-view.js'
export { nominationsOwed, type OwedNomination } from './nominations-owed.js'
export { parseEmails } from './people.js'
export type { FeedbackDeps, FeedbackRepo, FeedbackStore, NewCycle, Sealer } from './ports.js'
export { approvalFormCard, decidedCard, illegalStageText, launchedCard, nominatedCard, stageCard } from './present-cycle.js'
export { feedbackReportCard } from './present-report.js'
export { cycleStatusCard } from './present-status.js'
export { problemTexts } from './problems.js'
export { defaultQuestionnaire } from './questionnaire.js'
export { feedbackReport } from './read-report.js'
export { shareResults } from './share-results.js'
export { type StageResult, startCollecting, startCollectingCycle } from './start-collecting.js'
export {
  DEFAULT_PEER_CAP,
  DEFAULT_THRESHOLDS,
  type FeedbackAnswers,
  type FeedbackCycle,
  type FeedbackRequest,
  type FeedbackStage,
  type FeedbackSubject,
  type Group,
  isAnonymous,
  type NominationMode,
  PERSPECTIVES,
  type Perspective,
  POOLED_GROUP,
  type QuestionnaireItem,
  type RequestStatus,
} from './types.js'
