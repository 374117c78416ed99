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
  /** ReminderLog rows of open tasks: those trainings and evaluations, open duty check-ins, missing course materials. */
  history: HistoryEntry[]
}

export interface LoggedStep extends HistoryEntry {
  at: Date
  outboxKey: string
}

/** A page of one part of the snapshot, and where the next page starts (null: that was the last). */
export interface SweepPage<K extends keyof SweepSnapshot> {
  rows: SweepSnapshot[K]
  next: number | null
}

export interface ReminderRepo extends ChatDirectory {
  snapshot(): Promise<SweepSnapshot>
  /**
   * The same rows as `snapshot()[part]`, at most `limit` at a time: the first page
   * from cursor 0, each next one from the cursor the last returned. Pages are in
   * id order and keyset-paginated, so a sweep never holds more than one page of
   * raw rows and never waits on one big query.
   */
  scan<K extends keyof SweepSnapshot>(part: K, cursor: number, limit: number): Promise<SweepPage<K>>
  /**
   * After a batch of writes has committed: lets the database fold them into its
   * files now, as a short step of its own, instead of inside some later commit
   * (SQLite: a passive WAL checkpoint, which otherwise comes every 4 MB as one long
   * stall). Nothing where nothing is needed.
   */
  settle(): Promise<void>
  /**
   * Records steps taken. Each is written once by its caller: with the message that carries it,
   * in the same transaction, and only when that message is new in the outbox. Returns how many.
   */
  record(steps: readonly LoggedStep[]): Promise<number>
  /**
   * Dead letters that recover: a reminder dead-lettered for a passing cause (attempts used
   * up in a storm; not a permanent refusal) whose platform has delivered something since
   * it died gives its steps back, so this sweep plans them again. Its row is marked
   * expired and its key freed for the new digest. Delivered reminders are never touched.
   * Returns how many dead reminders were given back.
   */
  replanDead(): Promise<number>
}

/** The kernel's Store with the reminder repository, inside one transaction when asked. */
export interface ReminderStore extends Store {
  reminders: ReminderRepo
}

export type ReminderDeps = Deps<ReminderStore>
