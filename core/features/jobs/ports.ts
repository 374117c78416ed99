// What the jobs feature keeps: versioned job descriptions (purpose, duties,
// requirements, KPIs) per job. adapters/db/jobs-store.ts implements it (and the
// in-memory store in test/support).
import type { Deps } from '../../kernel/context.js'
import type { Bilingual, Employee } from '../../kernel/domain/types.js'
import type { Store } from '../../kernel/ports.js'

export const JD_SECTIONS = ['duty', 'requirement', 'kpi'] as const
export type JdSection = (typeof JD_SECTIONS)[number]

/** What a check-in of a recurring duty submits besides "done". */
export const DUTY_EVIDENCE = ['none', 'note', 'number', 'link'] as const
export type DutyEvidence = (typeof DUTY_EVIDENCE)[number]

/** One line of a job description, as stored. */
export interface JobDescriptionItemRecord {
  section: JdSection
  /** Stable within a version (and, by convention, across versions: the diff pairs items by it). */
  code: string
  position: number
  text: Bilingual
  /** duty: the job that owns it when it is not the described job itself. */
  ownerJobId: number | null
  /** duty: the canonical recurrence text (core/kernel/domain/recurrence.ts), null when not recurring. */
  recurrence: string | null
  /** duty: what a check-in submits; null when not given. */
  evidence: DutyEvidence | null
  /** requirement: the qualification-standard dimension that assesses it. */
  dimensionId: number | null
  /** kpi: its target, e.g. "≥ 95%". */
  target: string | null
}

/** One version of a job's description, items in position order. */
export interface JobDescriptionRecord {
  id: number
  jobId: number
  version: number
  effectiveFrom: Date
  purpose: Bilingual
  /** When the people in the job were told about this version; null: not yet (version 1 never is). */
  announcedAt: Date | null
  items: JobDescriptionItemRecord[]
}

export interface JobDescriptionRepo {
  /** Every version of the job's description, by version ascending. */
  versionsOf(jobId: number): Promise<JobDescriptionRecord[]>
  /** Per job, the latest version with effectiveFrom ≤ at (the description in force). */
  allInForce(at: Date): Promise<JobDescriptionRecord[]>
  /**
   * Versions above 1 in force at `at` that nobody was told about yet, with every
   * other version of their jobs (the diff needs the earlier ones), by job and version.
   */
  toAnnounce(at: Date): Promise<JobDescriptionRecord[]>
  markAnnounced(ids: readonly number[], at: Date): Promise<void>
  /** Active employees holding one of these jobs, by id. */
  activeIn(jobIds: readonly number[]): Promise<Employee[]>
}

export interface JobsStore extends Store {
  jobDescriptions: JobDescriptionRepo
}

export type JobsDeps = Deps<JobsStore>
