// What the 360 use cases need from storage and delivery. The Prisma
// implementation is adapters/db/feedback-store.ts. Every method that changes
// more than one row is atomic in the adapter: the anonymity rules depend on the
// response, the request and the owe-ledger task moving together.
import type { Deps } from '../../kernel/context.js'
import type { NewAssessment, Store } from '../../kernel/ports.js'
import type { ReleaseState, ReleaseStep } from './release-plan.js'
import type {
  FeedbackAnswers,
  FeedbackCycle,
  FeedbackRequest,
  FeedbackResponse,
  FeedbackStage,
  FeedbackSubject,
  Perspective,
  QuestionnaireItem,
  RequestStatus,
} from './types.js'

export interface NewRequest {
  raterId: number
  perspective: Perspective
  status: Extract<RequestStatus, 'proposed' | 'approved'>
  nominatedById: number | null
}

/** A cycle as launched: the stored cycle without what the store sets (id, stage, times), plus its subjects. */
export interface NewCycle extends Omit<FeedbackCycle, 'id' | 'stage' | 'createdAt' | 'stageChangedAt'> {
  now: Date
  subjects: { employeeId: number; managerId: number | null; questionnaire: QuestionnaireItem[]; requests: NewRequest[] }[]
}

/**
 * Seals and opens anonymous answers under a key kept outside the data directory
 * (AES-256-GCM in adapters/db/seal.ts). `open` gives null for anything it did not
 * seal or that was changed: a wrong key, a tampered row.
 */
export interface Sealer {
  seal(plain: string): string
  open(sealed: string): string | null
}

export interface ReleaseOutcome {
  /** Answers opened and stored in clear. */
  released: number
  /** Answers a step wanted that this key cannot open: that step released nothing and they stay sealed. */
  unreadable: number
}

export type SubmitOutcome = 'saved' | 'not_open' | 'cycle_not_collecting'

export interface FeedbackRepo {
  /** The cycle in stage draft, its subjects and their first requests, in one transaction. */
  createCycle(input: NewCycle): Promise<FeedbackCycle>
  cycle(id: number): Promise<FeedbackCycle | null>
  cyclesInStages(stages: FeedbackStage[]): Promise<FeedbackCycle[]>
  /** Compare-and-set: false when the cycle is no longer in `from` (someone else moved it first). */
  moveStage(input: { cycleId: number; from: FeedbackStage; to: FeedbackStage; at: Date }): Promise<boolean>
  subjects(cycleId: number): Promise<FeedbackSubject[]>
  subject(cycleId: number, employeeId: number): Promise<FeedbackSubject | null>
  /** The cycle's requests, or one subject's when `employeeId` is given. */
  requests(cycleId: number, employeeId?: number): Promise<FeedbackRequest[]>
  request(id: number): Promise<FeedbackRequest | null>
  requestByTask(taskId: number): Promise<FeedbackRequest | null>
  /** Adds nominations; a rater already nominated for that subject is skipped. Returns those added. */
  addRequests(feedbackSubjectId: number, rows: NewRequest[]): Promise<FeedbackRequest[]>
  /** Moves the given requests that are in one of `from` to `to`; returns those moved. */
  setStatus(input: { ids: number[]; from: RequestStatus[]; to: RequestStatus }): Promise<FeedbackRequest[]>
  /** Approved → open, each with a new open rating_360 task due at `dueAt`, atomically. Returns those opened. */
  openRequests(input: { ids: number[]; dueAt: Date; now: Date }): Promise<FeedbackRequest[]>
  /** Proposed, approved or open → declined with the reason; the task is cancelled. False when not declinable. */
  decline(input: { requestId: number; reason: string }): Promise<boolean>
  /**
   * Stores the answers without any link to the rater, marks the request submitted
   * and completes its task dated to the day only — atomically, re-checking inside
   * the transaction that the request is open and the cycle collecting. Self and
   * manager answers are stored in clear; a peer's or direct report's is stored
   * sealed, to be released in a group by `release`.
   */
  submit(input: { requestId: number; answers: FeedbackAnswers; completedOn: Date }): Promise<SubmitOutcome>
  /**
   * Collecting → closed, atomically: open and pending requests expire, their
   * tasks are cancelled, and the cycle's responses are rewritten in random order.
   */
  close(input: { cycleId: number; at: Date }): Promise<boolean>
  /**
   * In one transaction: reads the subject's clear and sealed anonymous answer
   * counts and the cycle's stage, asks `plan` what to release, and for each step
   * opens a random subset of the sealed answers, stores them in clear under the
   * step's label (random ids, the subject's answers rewritten in random order)
   * and deletes them sealed. Then truncates the write-ahead log, best effort.
   */
  release(input: { cycleId: number; subjectId: number; plan: (state: ReleaseState) => ReleaseStep[] }): Promise<ReleaseOutcome>
  /** The cycle's subjects (employee ids) with sealed answers waiting. */
  pendingSubjects(cycleId: number): Promise<number[]>
  /** Cycles with sealed answers waiting, for the sweep. */
  cyclesWithPending(): Promise<number[]>
  responses(cycleId: number, employeeId: number): Promise<FeedbackResponse[]>
  /** Writes the subject's 360 assessments once; false when they were already recorded. */
  recordResults(input: { feedbackSubjectId: number; assessments: NewAssessment[]; at: Date }): Promise<boolean>
}

/** The kernel's Store with the 360 repository, inside the same transactions. */
export interface FeedbackStore extends Store {
  feedback: FeedbackRepo
}

export type FeedbackDeps = Deps<FeedbackStore>
