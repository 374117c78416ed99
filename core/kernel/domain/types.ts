// Plain domain data. Everything here is produced by repositories (core/ports.ts)
// and consumed by pure functions: no Prisma types, no platform types.

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export const ROLES = ['employee', 'manager', 'hr'] as const
export type Role = (typeof ROLES)[number]

/**
 * `practical`: a practical or probation assessment (情景模拟, 实操考核) — the result the
 * probation diagnosis (features/matrix) explains when it is below what the job requires.
 */
export const ASSESSMENT_SOURCES = ['self', 'supervisor', 'peer', '360', 'test', 'system', 'import', 'practical'] as const
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number]

export const EVIDENCE_KINDS = ['certificate', 'experience', 'course', 'score'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const COURSE_FORMATS = ['online', 'workshop', 'mentor'] as const
export type CourseFormat = (typeof COURSE_FORMATS)[number]

/** `reported`: the learner said "done" on a course that needs verification; not complete until verified. */
export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'reported', 'completed', 'overdue', 'waived'] as const
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['assigned', 'in_progress', 'reported', 'overdue']

/**
 * How a course's completion is established. `none`: the learner's own "done";
 * `quiz`: a quiz passed in chat; `confirmation`: a manager or HR confirms;
 * `record`: an imported completion record (an LMS export). A course that needs
 * any verification also accepts a confirmation or an imported record.
 */
export const VERIFICATIONS = ['none', 'quiz', 'confirmation', 'record'] as const
export type Verification = (typeof VERIFICATIONS)[number]

/** Who or what verified a completion. */
export const VERIFIERS = ['self', 'quiz', 'manager', 'hr', 'import'] as const
export type Verifier = (typeof VERIFIERS)[number]

export const ASSIGNMENT_SOURCES = ['self', 'manager', 'hr', 'broadcast', 'programme', 'import', 'onboarding'] as const
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number]

/** `reassessment`: a manager re-rates one dimension after verified training closed its gap. */
export const EVALUATION_KINDS = ['supervisor_evaluation', 'self_evaluation', 'reflection', 'rating_360', 'reassessment'] as const
export type EvaluationKind = (typeof EVALUATION_KINDS)[number]

export const EVALUATION_STATUSES = ['open', 'completed', 'overdue', 'cancelled'] as const
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number]

export const REQUIREMENT_KINDS = ['certificate', 'min_years', 'course', 'min_score'] as const

export interface Bilingual {
  zh: string
  en: string
}

export interface Employee {
  id: number
  email: string
  name: string
  nameEn: string | null
  locale: Locale
  timeZone: string
  departmentId: number | null
  jobId: number | null
  managerId: number | null
  hireDate: Date | null
  roles: Role[]
  status: 'active' | 'inactive'
}

export interface Department {
  id: number
  code: string
  name: Bilingual
  parentId: number | null
}

export interface Job {
  id: number
  code: string
  title: Bilingual
  track: string
  level: number
}

export interface PromotionPath {
  fromJobId: number
  toJobId: number
}

export type HardRequirement =
  | { kind: 'certificate'; key: string }
  | { kind: 'min_years'; years: number }
  | { kind: 'course'; key: string }
  | { kind: 'min_score'; key: string; score: number }

export interface Indicator {
  code: string
  text: Bilingual
  requirement: HardRequirement | null
}

export interface Dimension {
  id: number
  code: string
  name: Bilingual
}

export interface StandardDimension {
  dimension: Dimension
  weight: number
  requiredAttainment: number | null
  indicators: Indicator[]
}

export interface Standard {
  id: number
  jobId: number
  version: number
  effectiveFrom: Date
  threshold: number
  dimensions: StandardDimension[]
}

export interface Assessment {
  dimensionId: number
  attainment: number
  source: AssessmentSource
  assessedAt: Date
  /** The rating on the anchored scale (1–5, 3 = meets the standard) when the evidence was a rating. */
  rating: number | null
}

export interface Evidence {
  kind: EvidenceKind
  key: string
  value: number | null
  obtainedAt: Date
}

export interface Course {
  id: number
  code: string
  title: Bilingual
  format: CourseFormat
  durationMinutes: number
  url: string | null
  passMark: number | null
  verification: Verification
  /** The certificate a verified completion grants. */
  certificateCode: string | null
  /** How many quiz questions the course has (0: no quiz). */
  quizSize: number
  dimensionIds: number[]
  /** The career tracks the course is for (Job.track codes); empty: everyone. */
  audienceTracks: string[]
}

export interface Certificate {
  code: string
  name: Bilingual
}

/** How much each source of evidence counts, per source (a missing source uses the default). */
export type SourceWeights = Partial<Record<AssessmentSource, number>>

/** The organisation's weights ("*") and per-job overrides for that job's standard, by job id. */
export interface WeightTable {
  default: SourceWeights
  byJob: Map<number, SourceWeights>
}

export interface QuizQuestion {
  position: number
  text: Bilingual
  options: Bilingual[]
  /** Index of the correct option, from 0. */
  answer: number
}

export interface QuizAttempt {
  id: number
  assignmentId: number
  employeeId: number
  courseId: number
  score: number
  passed: boolean
  /** Positions of the questions answered wrongly. */
  wrong: number[]
  at: Date
}

export interface Assignment {
  id: number
  employeeId: number
  courseId: number
  status: AssignmentStatus
  source: AssignmentSource
  assignedAt: Date
  dueAt: Date | null
  completedAt: Date | null
  score: number | null
  snoozedUntil: Date | null
  assignedById: number | null
  reportedAt: Date | null
  verifiedBy: Verifier | null
}

export interface EvaluationTask {
  id: number
  kind: EvaluationKind
  assigneeId: number
  subjectId: number | null
  /** A reassessment rates this one dimension. */
  dimensionId: number | null
  status: EvaluationStatus
  createdAt: Date
  dueAt: Date | null
  completedAt: Date | null
  snoozedUntil: Date | null
}

/** What the gap engine needs to know about one person's progress. */
export interface Progress {
  assessments: Assessment[]
  evidence: Evidence[]
  assignments: Assignment[]
}

/** A person with nothing recorded yet. */
export const EMPTY_PROGRESS: Progress = { assessments: [], evidence: [], assignments: [] }

/** The organisation's reference data: small, read often, loaded at once. */
export interface Catalog {
  jobs: Job[]
  paths: PromotionPath[]
  /** The standard in force per job (latest effective version). */
  standards: Standard[]
  dimensions: Dimension[]
  courses: Course[]
  departments: Department[]
  certificates: Certificate[]
  weights: WeightTable
}

export const pick = (text: Bilingual, locale: Locale): string => (locale === 'zh-CN' ? text.zh : text.en)
