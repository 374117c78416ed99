// The small ports core/ needs from the outside world. Their implementations live
// in adapters/ (Prisma repositories in adapters/db/) and are wired in bot/.

import type {
  AssessmentSource,
  Assignment,
  AssignmentSource,
  AssignmentStatus,
  Catalog,
  Employee,
  EvaluationTask,
  EvidenceKind,
  Locale,
  Progress,
  QuizAttempt,
  QuizQuestion,
  Verifier,
} from './domain/types.js'
import type { ChatPlatform } from './messaging.js'
import type { OutboxRepo } from './outbox.js'

export interface Clock {
  now(): Date
}

export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export interface EmployeeRepo {
  byId(id: number): Promise<Employee | null>
  byEmail(email: string): Promise<Employee | null>
  byIdentity(platform: string, tenant: string, externalId: string): Promise<Employee | null>
  linkIdentity(platform: string, tenant: string, externalId: string, employeeId: number): Promise<void>
  /** The language Ladder answers this employee in. */
  setLocale(employeeId: number, locale: Locale): Promise<void>
  /** Direct and indirect reports, any depth, active only. */
  reportsOf(managerId: number): Promise<Employee[]>
  /** Every active employee (HR-wide questions, benchmarks). */
  allActive(): Promise<Employee[]>
  /**
   * allActive a page at a time, for batch jobs that must not hold the event loop
   * for one big read: active employees with id > afterId, by id, at most `limit`.
   */
  activeAfter(afterId: number, limit: number): Promise<Employee[]>
  /**
   * Active employees whose name, English name or email occurs somewhere in the
   * text: a cheap prefilter, the core decides which are real mentions.
   */
  namedIn(text: string): Promise<Employee[]>
  /**
   * Every employee, active or not, by id: names and e-mail only. What the language
   * model's text is checked against (core/app/llm/guard-names.ts); one query.
   */
  directory(): Promise<DirectoryEntry[]>
}

/** Who someone is called, for finding their names in a text. */
export type DirectoryEntry = Pick<Employee, 'id' | 'name' | 'nameEn' | 'email'>

export interface CatalogRepo {
  /** Jobs, paths, standards in force at `at`, dimensions, courses, departments, certificates and source weights. */
  load(at: Date): Promise<Catalog>
  /** A course's quiz, in question order (empty when it has none). */
  quiz(courseId: number): Promise<QuizQuestion[]>
}

export interface NewAssessment {
  employeeId: number
  dimensionId: number
  attainment: number
  source: AssessmentSource
  assessedAt: Date
  assessorId: number | null
  note?: string
  /** The anchored-scale rating (1–5) when the evidence is a rating. */
  rating?: number | null
}

export interface ProgressRepo {
  /** Assessments, evidence and training assignments for each given employee. */
  forEmployees(employeeIds: number[]): Promise<Map<number, Progress>>
  openEvaluations(assigneeId: number): Promise<EvaluationTask[]>
  /** Open trainings assigned to, and open evaluations owed by, these employees whose due date has passed. */
  overdueItems(employeeIds: number[], now: Date): Promise<{ assignments: Assignment[]; evaluations: EvaluationTask[] }>
  /** Overdue trainings and evaluations per employee, for team overviews. */
  overdueCounts(employeeIds: number[], now: Date): Promise<Map<number, number>>
  assignment(id: number): Promise<Assignment | null>
  evaluation(id: number): Promise<EvaluationTask | null>
  /** Returns the existing assignment when there is one (enrolment is idempotent). */
  enrol(input: {
    employeeId: number
    courseId: number
    source: AssignmentSource
    dueAt: Date | null
    now: Date
    /** The manager or HR person who assigned it. */
    assignedById?: number | null
  }): Promise<{ assignment: Assignment; isNew: boolean }>
  /**
   * Marks the assignment completed and records the course as evidence (and the
   * certificate it grants, when given), atomically.
   */
  completeTraining(input: {
    assignmentId: number
    courseCode: string
    score: number | null
    now: Date
    verifiedBy: Verifier
    certificateCode?: string | null
  }): Promise<Assignment>
  /** The learner's "done" on a course that needs verification: status reported, not complete. */
  reportTraining(input: { assignmentId: number; score: number | null; now: Date }): Promise<Assignment>
  /** A new due date (a quiz retake), reminders start over from it. */
  reschedule(input: { assignmentId: number; dueAt: Date; now: Date }): Promise<Assignment>
  /** Assignments with these statuses for these employees (e.g. reported ones awaiting a manager). */
  assignmentsWithStatus(employeeIds: number[], statuses: readonly AssignmentStatus[]): Promise<Assignment[]>
  quizAttempts(employeeId: number, courseId: number): Promise<QuizAttempt[]>
  addQuizAttempt(input: Omit<QuizAttempt, 'id'>): Promise<QuizAttempt>
  /** An open evaluation task (a reassessment after training); returns the open one when it exists already. */
  openEvaluation(input: {
    kind: EvaluationTask['kind']
    assigneeId: number
    subjectId: number | null
    dimensionId: number | null
    dueAt: Date | null
    now: Date
  }): Promise<{ task: EvaluationTask; isNew: boolean }>
  completeEvaluation(input: { taskId: number; now: Date }): Promise<EvaluationTask>
  snooze(input: { kind: 'training' | 'evaluation'; id: number; until: Date }): Promise<void>
  addAssessments(rows: NewAssessment[]): Promise<void>
  addEvidence(input: {
    employeeId: number
    kind: EvidenceKind
    key: string
    value: number | null
    obtainedAt: Date
    source: string
  }): Promise<void>
}

export interface AuditEntry {
  actorId: number | null
  actor: string
  action: string
  entity: string
  entityId?: string | number
  data?: Record<string, unknown>
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<void>
}

export interface EventLog {
  /** True the first time an event id is seen for a platform; false for a redelivery. */
  markProcessed(platform: string, eventId: string): Promise<boolean>
}

/** Who is who on the chat platforms: the accounts linked to each employee, and back. */
export interface ChatDirectory {
  /** Linked chat accounts per employee. */
  addresses(employeeIds: readonly number[]): Promise<Map<number, ChatAddress[]>>
  /** Active employees linked to these platform user ids, by user id. */
  linkedEmployees(platform: ChatPlatform, tenant: string, externalIds: readonly string[]): Promise<Map<string, Employee>>
}

/**
 * The repositories every feature may use. A feature that keeps data of its own
 * declares its store as this plus its repository (FeedbackStore, ReminderStore,
 * …); the app's LadderStore is all of them, and the adapters implement that.
 */
export interface Store {
  employees: EmployeeRepo
  catalog: CatalogRepo
  progress: ProgressRepo
  audit: AuditRepo
  events: EventLog
  outbox: OutboxRepo
  leases: LeaseRepo
  /** The chat directory; the same repository plans reminders (features/tasks: ReminderRepo). */
  reminders: ChatDirectory
  /** Runs `fn` in one database transaction, on a store of the same kind: every write inside commits or none does. */
  transaction<T>(fn: (tx: this) => Promise<T>): Promise<T>
}

export interface ChatAddress {
  platform: ChatPlatform
  tenant: string
  externalId: string
  linkedAt: Date
}

export interface LeaseRepo {
  /** Takes or renews the named lease: true when `holder` holds it until `now + ttlMs`. */
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>
  /**
   * As acquire, but gives the lease's fencing token when held (null when another holds it).
   * The token is incremented on each new acquisition (free, expired, or another's) and kept
   * on a renewal of an unexpired lease by its holder.
   */
  take(name: string, holder: string, now: Date, ttlMs: number): Promise<number | null>
  /**
   * Renews the lease only while `holder` still holds it under `token` (even past its expiry,
   * when nobody took it meanwhile): false means another acquired it since. Called inside a
   * store transaction, it is that transaction's fence: its writes commit only if it returned true.
   */
  renewFenced(name: string, holder: string, token: number, now: Date, ttlMs: number): Promise<boolean>
  release(name: string, holder: string, now: Date): Promise<void>
}
