// Recurring duties and the tasks they make: a duty of a job description in force
// with a recurrence, its check-ins (one per person per local date it is owed),
// and course materials owed by their provider. Plain values; ports.ts says where
// they are kept.
import type { Bilingual } from '../../kernel/domain/types.js'

/** What a check-in submits besides "done". */
export type DutyEvidence = 'none' | 'note' | 'number' | 'link'

/** A recurring duty of the job description in force of some job. */
export interface RecurringDuty {
  /** The described job. */
  describedJobId: number
  /** The job whose people owe it: the item's ownerJobId, else the described job. */
  ownerJobId: number
  code: string
  text: Bilingual
  /** As stored (parses: import refuses anything else; one that does not is skipped). */
  recurrence: string
  evidence: DutyEvidence
}

export type CheckInStatus = 'open' | 'done' | 'missed'

export interface CheckInRecord {
  id: number
  employeeId: number
  /** The owner job (the job whose people owe the duty). */
  jobId: number
  dutyCode: string
  /** The local date it is owed for, YYYY-MM-DD. */
  occurrence: string
  openedAt: Date
  dueAt: Date
  status: CheckInStatus
  submittedAt: Date | null
  evidence: string | null
  snoozedUntil: Date | null
}

export type NewCheckIn = Pick<CheckInRecord, 'employeeId' | 'jobId' | 'dutyCode' | 'occurrence' | 'openedAt' | 'dueAt'>

/** A check-in with the duty it is for (its text and evidence), for cards and lists. */
export interface CheckInView {
  checkIn: CheckInRecord
  /** The duty's text; the code alone when its description no longer has it. */
  text: Bilingual
  evidence: DutyEvidence
}

export interface MaterialRecord {
  id: number
  courseId: number
  courseCode: string
  courseTitle: Bilingual
  title: Bilingual
  providerDepartmentId: number | null
  providerEmployeeId: number | null
  dueAt: Date | null
  providedAt: Date | null
  url: string | null
  createdAt: Date
  snoozedUntil: Date | null
}
