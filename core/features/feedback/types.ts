// 360° feedback as plain data. A cycle asks raters, from named (self, manager) and
// anonymous (peer, direct report) perspectives, to rate one subject on the
// dimensions of a questionnaire frozen at launch.
import type { Bilingual } from '../../kernel/domain/types.js'

export const FEEDBACK_STAGES = ['draft', 'nominating', 'collecting', 'closed', 'shared'] as const
export type FeedbackStage = (typeof FEEDBACK_STAGES)[number]

export const PERSPECTIVES = ['self', 'manager', 'peer', 'report'] as const
export type Perspective = (typeof PERSPECTIVES)[number]

/** Perspectives whose raters are never named: shown only as averages over enough answers. */
export const ANONYMOUS_PERSPECTIVES = ['peer', 'report'] as const
export type AnonymousPerspective = (typeof ANONYMOUS_PERSPECTIVES)[number]
export const isAnonymous = (p: Perspective): p is AnonymousPerspective => p === 'peer' || p === 'report'

export const NOMINATION_MODES = ['manager', 'subject'] as const
export type NominationMode = (typeof NOMINATION_MODES)[number]

/**
 * proposed: nominated by the subject, waiting for the manager; approved: will be
 * asked when collecting starts; open: asked, owes an answer (an open rating_360
 * task); submitted, declined (by the rater, with a reason), rejected (by the
 * manager), expired (the cycle closed first).
 */
export const REQUEST_STATUSES = ['proposed', 'approved', 'open', 'submitted', 'declined', 'rejected', 'expired'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]
/** Nominations that still count (towards the peer cap, as "already nominated"). */
export const LIVE_REQUEST_STATUSES: readonly RequestStatus[] = ['proposed', 'approved', 'open', 'submitted']

/** Fewest answers an anonymous perspective needs before anything of it is shown. */
export const MIN_THRESHOLD = 3
export const DEFAULT_THRESHOLDS: Thresholds = { peer: 3, report: 3 }
export const DEFAULT_PEER_CAP = 8

export type Thresholds = Record<AnonymousPerspective, number>

export interface QuestionnaireItem {
  dimensionId: number
  code: string
  name: Bilingual
  /** Behavioural indicators of the standard: what "good" looks like, used as rating anchors. */
  behaviours: Bilingual[]
}

export interface FeedbackCycle {
  id: number
  name: string
  stage: FeedbackStage
  opensAt: Date
  closesAt: Date
  perspectives: Perspective[]
  nominationBy: NominationMode
  peerCap: number
  thresholds: Thresholds
  createdById: number | null
  createdAt: Date
  stageChangedAt: Date
}

export interface FeedbackSubject {
  id: number
  cycleId: number
  employeeId: number
  managerId: number | null
  questionnaire: QuestionnaireItem[]
  resultsAt: Date | null
}

/** One entry of the named ledger: who is asked about whom. Never linked to an answer. */
export interface FeedbackRequest {
  id: number
  feedbackSubjectId: number
  cycleId: number
  /** The employee the feedback is about. */
  subjectId: number
  raterId: number
  perspective: Perspective
  status: RequestStatus
  taskId: number | null
  nominatedById: number | null
  declineReason: string | null
}

export interface FeedbackAnswers {
  /** Dimension code → 1–5. */
  ratings: Record<string, number>
  strengths: string
  improvements: string
}

/** Peers and direct reports shown together, when each alone is below its threshold (aggregate.ts). */
export const POOLED_GROUP = 'peer+report'
/** What a report shows answers under, and what a released answer is labelled with. */
export type Group = Perspective | typeof POOLED_GROUP

/**
 * One stored answer: a group and answers, nothing about who gave it or when.
 * Anonymous answers released at close into the pooled group carry that group,
 * so the stored rows cannot split it into peers and direct reports.
 */
export interface FeedbackResponse {
  perspective: Group
  answers: FeedbackAnswers
}

export const REASON_MAX = 500
