// What a programme keeps: its stages and the tasks each stage generated.
// adapters/db/reminder-store.ts implements it.
import type { Deps } from '../../kernel/context.js'
import type { Bilingual, EvaluationKind, EvaluationTask } from '../../kernel/domain/types.js'
import type { FeedbackStore } from '../feedback/index.js'
import type { ReminderStore, TaskKind } from '../tasks/index.js'

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
  createEvaluationTask(input: {
    kind: EvaluationKind
    assigneeId: number
    subjectId: number | null
    dueAt: Date
    now: Date
  }): Promise<EvaluationTask>
  linkTasks(rows: readonly Omit<StageTaskRow, 'status'>[]): Promise<void>
  stageTasks(stageIds: readonly number[]): Promise<StageTaskRow[]>
  /** The reflection a participant wrote for their task; handing it in again replaces the text. */
  saveReflection(input: ReflectionRecord): Promise<void>
  reflections(taskIds: readonly number[]): Promise<ReflectionRecord[]>
}

export interface ReflectionRecord {
  taskId: number
  employeeId: number
  text: string
  submittedAt: Date
}

/** A programme's 360 stage launches a real cycle inside the same transaction as the stage. */
export interface ProgrammeStore extends ReminderStore, FeedbackStore {
  reminders: ReminderStore['reminders']
  programmes: ProgrammeRepo
}

export type ProgrammeDeps = Deps<ProgrammeStore>
