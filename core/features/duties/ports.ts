// Where duties, their check-ins and course materials are kept.
// adapters/db/duties-store.ts implements it; test/support/memory-store.ts too.
import type { Deps } from '../../kernel/context.js'
import type { Store } from '../../kernel/ports.js'
import type { CheckInView, MaterialRecord, NewCheckIn, RecurringDuty } from './types.js'

export interface DutiesRepo {
  /** Duties with a recurrence in the job description in force at `now` (latest version with effectiveFrom ≤ now) of every job. */
  recurringDuties(now: Date): Promise<RecurringDuty[]>
  /** Inserts the check-ins not there yet (unique per person, job, duty and occurrence); returns how many were new. */
  openCheckIns(rows: readonly NewCheckIn[]): Promise<number>
  /** Open → missed (they stop being reminded); returns how many changed. */
  markMissed(ids: readonly number[]): Promise<number>
  checkIn(id: number): Promise<CheckInView | null>
  /** Open check-ins of active people (of one person when given), with their duty, by id. */
  openCheckInViews(employeeId?: number): Promise<CheckInView[]>
  /** Open → done with the evidence; false when it was no longer open. */
  submitCheckIn(input: { id: number; at: Date; evidence: string | null }): Promise<boolean>
  /** Check-ins of these people whose occurrence is in [from, to] (ISO dates), any status. */
  checkInsOf(employeeIds: readonly number[], from: string, to: string): Promise<CheckInView[]>
  /** Materials not provided yet. */
  missingMaterials(): Promise<MaterialRecord[]>
  material(id: number): Promise<MaterialRecord | null>
  /** Sets providedAt (and url); false when it was already provided. */
  markProvided(input: { id: number; at: Date; url: string | null }): Promise<boolean>
}

export interface DutiesStore extends Store {
  duties: DutiesRepo
}

export type DutiesDeps = Deps<DutiesStore>
