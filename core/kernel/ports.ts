// The small ports core/ needs from the outside world. Their implementations live
// in adapters/ (Prisma repositories in adapters/db/) and are wired in bot/.
import type { Card } from './cards/card.js'
import type { ReminderRepos } from '../features/tasks/ports.js'
import type {
  AssessmentSource,
  Assignment,
  AssignmentSource,
  Catalog,
  Employee,
  EvaluationTask,
  EvidenceKind,
  Progress,
} from './domain/types.js'

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
  /** Direct and indirect reports, any depth, active only. */
  reportsOf(managerId: number): Promise<Employee[]>
  /** Every active employee (HR-wide questions, benchmarks). */
  allActive(): Promise<Employee[]>
  /**
   * Active employees whose name, English name or email occurs somewhere in the
   * text: a cheap prefilter, the core decides which are real mentions.
   */
  namedIn(text: string): Promise<Employee[]>
}

export interface CatalogRepo {
  /** Jobs, paths, standards in force at `at`, dimensions, courses and departments. */
  load(at: Date): Promise<Catalog>
}

export interface NewAssessment {
  employeeId: number
  dimensionId: number
  attainment: number
  source: AssessmentSource
  assessedAt: Date
  assessorId: number | null
  note?: string
}

export interface ProgressRepo {
  /** Assessments, evidence and training assignments for each given employee. */
  forEmployees(employeeIds: number[]): Promise<Map<number, Progress>>
  openEvaluations(assigneeId: number): Promise<EvaluationTask[]>
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
  }): Promise<{ assignment: Assignment; isNew: boolean }>
  /** Marks the assignment completed and records the course as evidence, atomically. */
  completeTraining(input: { assignmentId: number; courseCode: string; score: number | null; now: Date }): Promise<Assignment>
  completeEvaluation(input: { taskId: number; now: Date }): Promise<EvaluationTask>
  snooze(input: { kind: 'training' | 'evaluation'; id: number; until: Date }): Promise<void>
  addAssessments(rows: NewAssessment[]): Promise<void>
  addEvidence(input: { employeeId: number; kind: EvidenceKind; key: string; value: number | null; obtainedAt: Date; source: string }): Promise<void>
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

/** Every repository core uses; the reminder, outbox, broadcast and programme ones come from core/reminders/ports.ts. */
export interface Store extends ReminderRepos {
  employees: EmployeeRepo
  catalog: CatalogRepo
  progress: ProgressRepo
  audit: AuditRepo
  events: EventLog
  /** Runs `fn` in one database transaction: every write inside commits or none does. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>
}

/** Where a message goes: a person (direct message) or a channel / group chat. */
export interface Destination {
  platform: 'slack' | 'feishu' | 'web'
  tenant: string
  kind: 'user' | 'channel'
  /** Slack user or channel id, Feishu open_id or chat_id, web console: the employee's email. */
  id: string
  /** Reply in this thread (Slack thread_ts, Feishu root message id). */
  threadId?: string
}

export interface MessageRef {
  channelId: string
  messageId: string
}

/**
 * A failed platform call. `retryAfterMs` is set for rate limits (Slack 429
 * Retry-After, Feishu frequency-limit codes); `isPermanent` for errors a retry
 * cannot fix (channel not found, bot not in chat, invalid card).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; isPermanent?: boolean; code?: string } = {},
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}

/** Outbound side of a platform adapter. Implementations render the neutral card themselves. */
export interface SendOptions {
  /**
   * The outbox message's key: a platform that can drop repeats (Feishu's uuid,
   * one hour) gets it, so a send retried after a crash is not posted twice.
   */
  idempotencyKey?: string
}

export interface Messenger {
  send(to: Destination, card: Card, options?: SendOptions): Promise<MessageRef>
  update(ref: MessageRef, card: Card): Promise<void>
  /** Members of a channel as platform user ids, all pages. */
  channelMembers?(tenant: string, channelId: string): Promise<string[]>
  /** Group chats Ladder is a member of, for a platform whose forms have no chat picker. */
  channels?(tenant: string): Promise<{ id: string; name: string }[]>
}
