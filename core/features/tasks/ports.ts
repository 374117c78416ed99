// The ports the reminder engine, broadcasts and programmes need beyond core's
// Store. adapters/db/reminder-store.ts implements them with Prisma; a
// ReminderStore is a Store plus these repositories, sharing one transaction.
import type { AssignmentStatus, Bilingual, Employee, EvaluationKind, EvaluationTask } from '../../kernel/domain/types.js'
import type { FeedbackRepo } from '../feedback/ports.js'
import type { ChatPlatform, OutboxRepo } from '../../kernel/outbox.js'
import type { Clock, Logger, MessageRef, Store } from '../../kernel/ports.js'
import type { Assignment } from '../../kernel/domain/types.js'
import type { HistoryEntry, TaskKind } from './types.js'

/** Everything a sweep reads, in one go. */
export interface SweepSnapshot {
  /** Every employee (inactive ones are still named as subjects). */
  employees: Employee[]
  /** Open training assignments of active employees. */
  trainings: Assignment[]
  /** Open evaluation tasks of active employees. */
  evaluations: EvaluationTask[]
  /** ReminderLog rows of those open tasks. */
  history: HistoryEntry[]
}

export interface ChatAddress {
  platform: ChatPlatform
  tenant: string
  externalId: string
  linkedAt: Date
}

export interface LoggedStep extends HistoryEntry {
  at: Date
  outboxKey: string
}

export interface ReminderRepo {
  snapshot(): Promise<SweepSnapshot>
  /** Linked chat accounts per employee. */
  addresses(employeeIds: readonly number[]): Promise<Map<number, ChatAddress[]>>
  /** Active employees linked to these platform user ids, by user id. */
  linkedEmployees(platform: ChatPlatform, tenant: string, externalIds: readonly string[]): Promise<Map<string, Employee>>
  /** Records steps taken; a step already recorded is left as it was. Returns how many were new. */
  record(steps: readonly LoggedStep[]): Promise<number>
}

export interface LeaseRepo {
  /** Takes or renews the named lease: true when `holder` holds it until `now + ttlMs`. */
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>
  release(name: string, holder: string, now: Date): Promise<void>
}

export interface BroadcastRecord {
  id: number
  platform: ChatPlatform
  tenant: string
  channelId: string
  courseId: number
  dueAt: Date
  createdById: number
  createdAt: Date
  cardKey: string
  memberCount: number
  unlinkedCount: number
  shownDone: number
  counterUpdatedAt: Date | null
}

export interface BroadcastProgressRow {
  employeeId: number
  assignmentId: number
  status: AssignmentStatus
}

export interface BroadcastCounter {
  broadcast: BroadcastRecord
  total: number
  done: number
  /** The channel card's platform reference, once it was sent. */
  ref: MessageRef | null
}

export interface BroadcastRepo {
  byId(id: number): Promise<BroadcastRecord | null>
  byCardKey(cardKey: string): Promise<BroadcastRecord | null>
  /** The latest broadcasts, newest first. */
  recent(limit: number): Promise<BroadcastRecord[]>
  create(input: Omit<BroadcastRecord, 'id' | 'shownDone' | 'counterUpdatedAt'>): Promise<BroadcastRecord>
  /** Adds recipients; one already there is kept. */
  addRecipients(broadcastId: number, rows: readonly { employeeId: number; assignmentId: number }[]): Promise<void>
  progress(broadcastId: number): Promise<BroadcastProgressRow[]>
  /** Completion counts of broadcasts created since `since` (cards older than that cannot be updated anyway). */
  counters(since: Date): Promise<BroadcastCounter[]>
  /** Moves the shown counter from `expected` to `shown`; false when another process did first. */
  markShown(input: { id: number; expected: number; shown: number; at: Date }): Promise<boolean>
}

export const STAGE_KINDS = ['training', 'reflection', 'self_evaluation', 'rating_360', 'supervisor_evaluation', 'result'] as const
export type StageKind = (typeof STAGE_KINDS)[number]
export type StageStatus = 'pending' | 'active' | 'completed'

export interface ProgrammeStageRecord {
  id: number
  programmeId: number
  position: number
  key: string
  kind: StageKind
  status: StageStatus
  plannedStartAt: Date
  durationDays: number
  startedAt: Date | null
  dueAt: Date | null
  completedAt: Date | null
}

export interface ProgrammeRecord {
  id: number
  code: string
  name: Bilingual
  /** The template JSON as started (stages' courses and names live there). */
  template: string
  status: 'active' | 'completed'
  startedAt: Date
  createdById: number
  stages: ProgrammeStageRecord[]
  participantIds: number[]
}

export interface StageTaskRow {
  stageId: number
  participantId: number
  taskKind: TaskKind
  taskId: number
  /** The task's own status: completed, open, … */
  status: string
}

export interface ProgrammeRepo {
  create(input: {
    code: string
    name: Bilingual
    template: string
    startedAt: Date
    createdById: number
    stages: { position: number; key: string; kind: StageKind; plannedStartAt: Date; durationDays: number }[]
    participantIds: number[]
  }): Promise<ProgrammeRecord>
  byId(id: number): Promise<ProgrammeRecord | null>
  list(status?: 'active' | 'completed'): Promise<ProgrammeRecord[]>
  /** pending → active; false when it was not pending (another process activated it). */
  activateStage(input: { stageId: number; startedAt: Date; dueAt: Date }): Promise<boolean>
  /** active → completed; false when it was not active. */
  completeStage(input: { stageId: number; at: Date }): Promise<boolean>
  completeProgramme(id: number): Promise<void>
  createEvaluationTask(input: { kind: EvaluationKind; assigneeId: number; subjectId: number | null; dueAt: Date; now: Date }): Promise<EvaluationTask>
  linkTasks(rows: readonly Omit<StageTaskRow, 'status'>[]): Promise<void>
  stageTasks(stageIds: readonly number[]): Promise<StageTaskRow[]>
}

export interface ReminderRepos {
  outbox: OutboxRepo
  leases: LeaseRepo
  reminders: ReminderRepo
  broadcasts: BroadcastRepo
  programmes: ProgrammeRepo
  /** The 360 repository inside the same transactions: a programme's 360 stage launches its cycle as it begins. */
  feedback: FeedbackRepo
}

/** core's Store plus the reminder repositories, all inside one transaction when asked. */
export interface ReminderStore extends Omit<Store, 'transaction'>, ReminderRepos {
  transaction<T>(fn: (tx: ReminderStore) => Promise<T>): Promise<T>
}

export interface ReminderDeps {
  store: ReminderStore
  clock: Clock
  log: Logger
}
