// The reminder engine's own repository: what a sweep reads and the steps it
// records. The chat directory half of it (addresses, linked employees) is the
// kernel's ChatDirectory; adapters/db/reminder-store.ts implements both.

import type { Deps } from '../../kernel/context.js'
import type { Assignment, Employee, EvaluationTask } from '../../kernel/domain/types.js'
import type { ChatDirectory, Store } from '../../kernel/ports.js'
import type { HistoryEntry } from './types.js'

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

export interface LoggedStep extends HistoryEntry {
  at: Date
  outboxKey: string
}

export interface ReminderRepo extends ChatDirectory {
  snapshot(): Promise<SweepSnapshot>
  /** Records steps taken; a step already recorded is left as it was. Returns how many were new. */
  record(steps: readonly LoggedStep[]): Promise<number>
}

/** The kernel's Store with the reminder repository, inside one transaction when asked. */
export interface ReminderStore extends Store {
  reminders: ReminderRepo
}

export type ReminderDeps = Deps<ReminderStore>
