// An in-memory implementation of core's Store port (core/kernel/ports.ts, with the
// reminder, outbox, broadcast, programme and 360 repositories of
// core/features/tasks/ports.ts), for core unit tests. It mirrors the Prisma store
// in adapters/db/ (store.ts, reminder-store.ts, outbox-store.ts,
// feedback-store.ts) method by method: same orderings, same compare-and-set
// moves, same idempotent inserts, same anonymity of 360 answers. The same
// scenarios run against real SQLite in the e2e project (see test/store/), so
// this fake and the Prisma store are held to the same assertions.
//
// State is kept as rows shaped like the Prisma models (column names and defaults
// of prisma/schema.prisma), so a test can inspect what was "stored" the way it
// would read a table; see `rows` and `peek` below.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomInt, randomUUID } from 'node:crypto'
import type * as P from '../../adapters/db/generated/client.js'
import {
  toAssessment,
  toAssignment,
  toCourse,
  toEmployee,
  toEvaluation,
  toEvidence,
  toIndicator,
  toJob,
  toQuizAttempt,
  toQuizQuestion,
  toWeightTable,
} from '../../adapters/db/map.js'
import { scrubAuditData } from '../../adapters/db/privacy-store.js'
import { processLocalSealer } from '../../adapters/db/seal.js'
import type { LadderStore as Store } from '../../core/app/store.js'
import type { BroadcastRecord } from '../../core/features/broadcasts/ports.js'
import {
  type FeedbackAnswers,
  type FeedbackCycle,
  type FeedbackRequest,
  type FeedbackStage,
  type FeedbackSubject,
  type Group,
  isAnonymous,
  type NominationMode,
  type Perspective,
  POOLED_GROUP,
  type QuestionnaireItem,
  type RequestStatus,
} from '../../core/features/feedback/types.js'
import type { DutyEvidence, JdSection, JobDescriptionRecord } from '../../core/features/jobs/index.js'
import { type ErasureLine, isTombstone, tombstone } from '../../core/features/privacy/index.js'
import type { ProgrammeRecord, StageKind, StageStatus } from '../../core/features/programmes/ports.js'
import type { TaskKind } from '../../core/features/tasks/types.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Catalog, Progress } from '../../core/kernel/domain/types.js'
import { OPEN_ASSIGNMENT_STATUSES } from '../../core/kernel/domain/types.js'
import type { ChatPlatform } from '../../core/kernel/messaging.js'
import type { NewOutboxMessage, OutboxKind, OutboxMessage, OutboxStatus } from '../../core/kernel/outbox.js'
import { OUTBOX_STATUSES } from '../../core/kernel/outbox.js'
import { memoryDutiesRepo } from './memory-duties.js'

/** One array of rows per Prisma model, in insertion ("rowid") order. */
export interface Tables {
  department: P.Department[]
  employee: P.Employee[]
  chatIdentity: P.ChatIdentity[]
  job: P.Job[]
  promotionPath: P.PromotionPath[]
  dimension: P.Dimension[]
  qualificationStandard: P.QualificationStandard[]
  standardDimension: P.StandardDimension[]
  indicator: P.Indicator[]
  assessment: P.Assessment[]
  evidence: P.Evidence[]
  course: P.Course[]
  courseDimension: P.CourseDimension[]
  trainingAssignment: P.TrainingAssignment[]
  evaluationTask: P.EvaluationTask[]
  processedEvent: P.ProcessedEvent[]
  auditLog: P.AuditLog[]
  feedbackCycle: P.FeedbackCycle[]
  feedbackSubject: P.FeedbackSubject[]
  feedbackRequest: P.FeedbackRequest[]
  feedbackResponse: P.FeedbackResponse[]
  sealedAnswer: P.SealedAnswer[]
  reminderLog: P.ReminderLog[]
  outboxMessage: P.OutboxMessage[]
  lease: P.Lease[]
  broadcast: P.Broadcast[]
  broadcastRecipient: P.BroadcastRecipient[]
  programme: P.Programme[]
  programmeStage: P.ProgrammeStage[]
  programmeParticipant: P.ProgrammeParticipant[]
  programmeTask: P.ProgrammeTask[]
  programmeReflection: P.ProgrammeReflection[]
  certificate: P.Certificate[]
  sourceWeight: P.SourceWeight[]
  quizQuestion: P.QuizQuestion[]
  quizAttempt: P.QuizAttempt[]
  jobDescription: P.JobDescription[]
  jobDescriptionItem: P.JobDescriptionItem[]
  onboardingTemplateItem: P.OnboardingTemplateItem[]
  onboarding: P.Onboarding[]
  // Issue 19: recurring duties and course materials (memory-duties.ts).
  dutyCheckIn: P.DutyCheckIn[]
  courseResponsibility: P.CourseResponsibility[]
  courseMaterial: P.CourseMaterial[]
}
export type Table = keyof Tables
export type Row<K extends Table> = Tables[K][number]
/** A row to insert: what the schema defaults (ids, statuses, nullable columns) may be left out. */
export type NewRow<K extends Table> = Partial<Row<K>>

const TABLES: Table[] = [
  'department',
  'employee',
  'chatIdentity',
  'job',
  'promotionPath',
  'dimension',
  'qualificationStandard',
  'standardDimension',
  'indicator',
  'assessment',
  'evidence',
  'course',
  'courseDimension',
  'trainingAssignment',
  'evaluationTask',
  'processedEvent',
  'auditLog',
  'feedbackCycle',
  'feedbackSubject',
  'feedbackRequest',
  'feedbackResponse',
  'sealedAnswer',
  'reminderLog',
  'outboxMessage',
  'lease',
  'broadcast',
  'broadcastRecipient',
  'programme',
  'programmeStage',
  'programmeParticipant',
  'programmeTask',
  'programmeReflection',
  'certificate',
  'sourceWeight',
  'quizQuestion',
  'quizAttempt',
  'jobDescription',
  'jobDescriptionItem',
  'onboardingTemplateItem',
  'onboarding',
  'dutyCheckIn',
  'courseResponsibility',
  'courseMaterial',
]

/** Tables without an autoincrement id (composite or string keys). */
const NO_AUTO_ID = new Set<Table>([
  'courseDimension',
  'processedEvent',
  'lease',
  'broadcastRecipient',
  'programmeParticipant',
  'programmeReflection',
  'feedbackResponse',
  'sealedAnswer',
  'sourceWeight',
  'onboarding',
  'courseResponsibility',
])

/** The schema's defaults; `now` stands for `@default(now())`. Nullable columns default to null. */
const DEFAULTS: { [K in Table]?: (now: Date) => Partial<Row<K>> } = {
  department: () => ({ parentId: null }),
  employee: () => ({
    nameEn: null,
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    departmentId: null,
    jobId: null,
    managerId: null,
    hireDate: null,
    roles: 'employee',
    status: 'active',
  }),
  chatIdentity: (now) => ({ linkedAt: now }),
  qualificationStandard: () => ({ version: 1, threshold: 80 }),
  standardDimension: () => ({ requiredAttainment: null }),
  indicator: () => ({ requirementKind: null, requirementKey: null, requirementValue: null }),
  assessment: () => ({ assessorId: null, note: null, rating: null }),
  evidence: () => ({ value: null, source: 'import' }),
  course: () => ({ url: null, ownerDepartmentId: null, passMark: null, verification: 'none', certificateCode: null, audienceTracks: '' }),
  trainingAssignment: (now) => ({
    status: 'assigned',
    source: 'self',
    assignedAt: now,
    dueAt: null,
    completedAt: null,
    score: null,
    snoozedUntil: null,
    assignedById: null,
    reportedAt: null,
    verifiedBy: null,
  }),
  evaluationTask: (now) => ({
    subjectId: null,
    dimensionId: null,
    status: 'open',
    createdAt: now,
    dueAt: null,
    completedAt: null,
    snoozedUntil: null,
  }),
  processedEvent: (now) => ({ receivedAt: now }),
  auditLog: (now) => ({ at: now, actorId: null, entityId: null, data: null }),
  feedbackCycle: (now) => ({
    stage: 'draft',
    perspectives: 'self,manager,peer,report',
    nominationBy: 'manager',
    peerCap: 8,
    peerThreshold: 3,
    reportThreshold: 3,
    createdById: null,
    createdAt: now,
    stageChangedAt: now,
  }),
  feedbackSubject: () => ({ managerId: null, resultsAt: null }),
  feedbackRequest: () => ({ status: 'approved', taskId: null, nominatedById: null, declineReason: null }),
  outboxMessage: () => ({
    threadId: null,
    employeeId: null,
    targetChannelId: null,
    targetMessageId: null,
    status: 'pending',
    attempts: 0,
    expiresAt: null,
    leaseHolder: null,
    leaseUntil: null,
    lastError: null,
    sentAt: null,
    refChannelId: null,
    refMessageId: null,
    readAt: null,
    deadAt: null,
  }),
  broadcast: () => ({ shownDone: 0, shownTotal: null, counterUpdatedAt: null }),
  programme: () => ({ status: 'active' }),
  jobDescription: () => ({ announcedAt: null }),
  jobDescriptionItem: () => ({ ownerJobId: null, recurrence: null, evidence: null, dimensionId: null, target: null }),
  onboarding: () => ({ welcomedAt: null, managerToldAt: null, completedAt: null }),
  programmeStage: () => ({ status: 'pending', startedAt: null, dueAt: null, completedAt: null }),
  dutyCheckIn: () => ({ status: 'open', submittedAt: null, evidence: null, snoozedUntil: null }),
  courseResponsibility: () => ({ contentDepartmentId: null, schedulerDepartmentId: null, coachDepartmentId: null, coachEmployeeId: null }),
  courseMaterial: (now) => ({
    providerDepartmentId: null,
    providerEmployeeId: null,
    dueAt: null,
    providedAt: null,
    url: null,
    createdAt: now,
    snoozedUntil: null,
  }),
}

/** The schema's unique keys (the primary key of id-less tables included): an insert that repeats one throws, as SQLite does. */
const UNIQUE: { [K in Table]?: (keyof Row<K>)[][] } = {
  department: [['code']],
  employee: [['email']],
  chatIdentity: [['platform', 'tenant', 'externalId']],
  job: [['code']],
  promotionPath: [['fromJobId', 'toJobId']],
  dimension: [['code']],
  qualificationStandard: [['jobId', 'version']],
  standardDimension: [['standardId', 'dimensionId']],
  indicator: [['standardDimensionId', 'code']],
  assessment: [['employeeId', 'dimensionId', 'source', 'assessedAt']],
  evidence: [['employeeId', 'kind', 'key']],
  course: [['code']],
  certificate: [['code']],
  sourceWeight: [['scope', 'source']],
  quizQuestion: [['courseId', 'position']],
  courseDimension: [['courseId', 'dimensionId']],
  trainingAssignment: [['employeeId', 'courseId']],
  processedEvent: [['platform', 'eventId']],
  feedbackSubject: [['cycleId', 'employeeId']],
  feedbackRequest: [['feedbackSubjectId', 'raterId'], ['taskId']],
  feedbackResponse: [['id']],
  sealedAnswer: [['id']],
  reminderLog: [['taskKind', 'taskId', 'step', 'recipientId']],
  outboxMessage: [['idempotencyKey']],
  lease: [['name']],
  broadcast: [['cardKey']],
  broadcastRecipient: [['broadcastId', 'employeeId']],
  programmeStage: [['programmeId', 'position']],
  programmeParticipant: [['programmeId', 'employeeId']],
  programmeTask: [['stageId', 'taskKind', 'taskId']],
  programmeReflection: [['taskId']],
  jobDescription: [['jobId', 'version']],
  jobDescriptionItem: [['descriptionId', 'section', 'code']],
  onboardingTemplateItem: [['scope', 'courseId']],
  onboarding: [['employeeId']],
  dutyCheckIn: [['employeeId', 'jobId', 'dutyCode', 'occurrence']],
  courseResponsibility: [['courseId']],
  courseMaterial: [['courseId', 'position']],
}

const keyValue = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v)

class UniqueConstraintError extends Error {
  constructor(table: Table, columns: readonly PropertyKey[]) {
    super(`Unique constraint failed on ${table}(${columns.map(String).join(', ')})`)
    this.name = 'UniqueConstraintError'
  }
}

interface State {
  tables: Tables
  nextId: Record<Table, number>
}

const emptyState = (): State => ({
  tables: Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as Tables,
  nextId: Object.fromEntries(TABLES.map((t) => [t, 1])) as Record<Table, number>,
})

/** The state a test seeds: rows per table, inserted in order (defaults applied, ids given out). */
export type Seed = { [K in Table]?: NewRow<K>[] }

export interface MemoryStore extends Store {
  /** The rows as stored now (live arrays: read them, change them only through `insert`/`update`). */
  readonly tables: Tables
  /** Inserts a row as a seeding script would (`db.<table>.create`): defaults, the next id, unique keys checked. */
  insert<K extends Table>(table: K, data: NewRow<K>): Row<K>
  /** Changes matching rows (`db.<table>.updateMany`); returns how many. */
  update<K extends Table>(table: K, where: (row: Row<K>) => boolean, data: Partial<Row<K>>): number
}

export function createMemoryStore(seed?: Seed): MemoryStore {
  let state = emptyState()

  function insert<K extends Table>(table: K, data: NewRow<K>): Row<K> {
    const defaults = (DEFAULTS[table] as ((now: Date) => Partial<Row<K>>) | undefined)?.(new Date()) ?? {}
    const row = { ...defaults, ...stripUndefined(data) } as Row<K> & { id?: number }
    if (!NO_AUTO_ID.has(table)) {
      if (row.id === undefined) row.id = state.nextId[table]
      state.nextId[table] = Math.max(state.nextId[table], row.id + 1)
    }
    const rows = state.tables[table] as Row<K>[]
    const keys = [...((UNIQUE[table] as (keyof Row<K>)[][] | undefined) ?? []), ...(NO_AUTO_ID.has(table) ? [] : [['id' as keyof Row<K>]])]
    for (const columns of keys) {
      if (columns.some((c) => row[c] === null || row[c] === undefined)) continue
      if (rows.some((r) => columns.every((c) => keyValue(r[c]) === keyValue(row[c])))) throw new UniqueConstraintError(table, columns)
    }
    rows.push(row)
    return row
  }

  function update<K extends Table>(table: K, where: (row: Row<K>) => boolean, data: Partial<Row<K>>): number {
    let n = 0
    for (const row of state.tables[table] as Row<K>[]) {
      if (!where(row)) continue
      Object.assign(row as object, stripUndefined(data))
      n++
    }
    return n
  }

  if (seed) for (const table of TABLES) for (const row of (seed[table] ?? []) as NewRow<Table>[]) insert(table, row)

  // Transactions are serialised, as SQLite serialises writers; one begun inside
  // another (through the root store, as well as through `tx`) joins it. A throw
  // rolls every write of the transaction back.
  const inside = new AsyncLocalStorage<true>()
  let queue: Promise<unknown> = Promise.resolve()
  const atomically = async <T>(fn: () => Promise<T>): Promise<T> => {
    const before = structuredClone(state)
    try {
      return await fn()
    } catch (error) {
      state = before
      throw error
    }
  }
  const root = buildStore(
    () => state,
    insert,
    update,
    atomically,
    <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
      if (inside.getStore()) return fn(txStore)
      const run = queue.then(() => inside.run(true, () => atomically(() => fn(txStore))))
      queue = run.catch(() => undefined)
      return run
    },
  )
  const txStore: Store = buildStore(
    () => state,
    insert,
    update,
    (fn) => fn(),
    (fn) => fn(txStore),
  )
  // A getter of its own: Object.assign would copy the tables of this moment, and a transaction
  // rolled back (a dry run) replaces them.
  Object.defineProperty(root, 'tables', { get: () => state.tables, enumerable: true })
  return Object.assign(root, { insert, update }) as MemoryStore
}

function stripUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as T
}

/** SQLite's lower(): ASCII letters only. */
const sqlLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
/** SQLite's length() of a text: characters, not UTF-16 units. */
const sqlLength = (s: string): number => [...s].length
const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id
const time = (d: Date | null | undefined): number => (d ? d.getTime() : NaN)
const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0)

const OPEN = new Set<string>(OPEN_ASSIGNMENT_STATUSES)
const OPEN_TASK = new Set(['open', 'overdue'])
const MAX_ERROR = 1000
const clip = (error: string): string => (error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR - 1)}…` : error)

/** A card in a console inbox: delivered (or being delivered) to the web platform, not an update of one. */
const isInInbox = (r: P.OutboxMessage): boolean =>
  r.platform === 'web' && (r.status === 'sending' || r.status === 'sent') && r.kind !== 'card_update'

function toOutboxMessage(r: P.OutboxMessage): OutboxMessage {
  return {
    id: r.id,
    idempotencyKey: r.idempotencyKey,
    kind: r.kind as OutboxKind,
    to: {
      platform: r.platform as ChatPlatform,
      tenant: r.tenant,
      kind: r.destKind === 'channel' ? 'channel' : 'user',
      id: r.destId,
      ...(r.threadId ? { threadId: r.threadId } : {}),
    },
    card: JSON.parse(r.card) as Card,
    employeeId: r.employeeId,
    target: r.targetChannelId && r.targetMessageId ? { channelId: r.targetChannelId, messageId: r.targetMessageId } : null,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    availableAt: new Date(r.availableAt),
    expiresAt: r.expiresAt ? new Date(r.expiresAt) : null,
    leaseHolder: r.leaseHolder,
    leaseUntil: r.leaseUntil ? new Date(r.leaseUntil) : null,
    lastError: r.lastError,
    createdAt: new Date(r.createdAt),
    sentAt: r.sentAt ? new Date(r.sentAt) : null,
    deadAt: r.deadAt ? new Date(r.deadAt) : null,
    ref: r.refChannelId && r.refMessageId ? { channelId: r.refChannelId, messageId: r.refMessageId } : null,
  }
}

const outboxRow = (m: NewOutboxMessage, now: Date): NewRow<'outboxMessage'> => ({
  idempotencyKey: m.idempotencyKey,
  kind: m.kind,
  platform: m.to.platform,
  tenant: m.to.tenant,
  destKind: m.to.kind,
  destId: m.to.id,
  threadId: m.to.threadId ?? null,
  employeeId: m.employeeId,
  card: JSON.stringify(m.card),
  targetChannelId: m.target?.channelId ?? null,
  targetMessageId: m.target?.messageId ?? null,
  status: 'pending',
  attempts: 0,
  availableAt: m.availableAt,
  expiresAt: m.expiresAt ?? null,
  createdAt: now,
})

const toCycle = (c: P.FeedbackCycle): FeedbackCycle => ({
  id: c.id,
  name: c.name,
  stage: c.stage as FeedbackStage,
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  perspectives: c.perspectives.split(',').filter(Boolean) as Perspective[],
  nominationBy: c.nominationBy as NominationMode,
  peerCap: c.peerCap,
  thresholds: { peer: c.peerThreshold, report: c.reportThreshold },
  createdById: c.createdById,
  createdAt: c.createdAt,
  stageChangedAt: c.stageChangedAt,
})

const toSubject = (s: P.FeedbackSubject): FeedbackSubject => ({
  id: s.id,
  cycleId: s.cycleId,
  employeeId: s.employeeId,
  managerId: s.managerId,
  questionnaire: JSON.parse(s.questionnaire) as QuestionnaireItem[],
  resultsAt: s.resultsAt,
})

function shuffled<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

const answersOnly = (a: FeedbackAnswers): FeedbackAnswers => ({
  ratings: { ...a.ratings },
  strengths: a.strengths,
  improvements: a.improvements,
})

function buildStore(
  current: () => State,
  insert: <K extends Table>(table: K, data: NewRow<K>) => Row<K>,
  update: <K extends Table>(table: K, where: (row: Row<K>) => boolean, data: Partial<Row<K>>) => number,
  /** Several writes that commit or roll back together (the Prisma repos' own short transactions). */
  atomically: <T>(fn: () => Promise<T>) => Promise<T>,
  transaction: <T>(fn: (tx: Store) => Promise<T>) => Promise<T>,
): Store {
  const t = (): Tables => current().tables
  // As the Prisma store built without a configured key: one key for this process.
  const sealer = processLocalSealer()
  const employee = (id: number) => t().employee.find((e) => e.id === id)
  const mustFind = <T>(row: T | undefined, what: string): T => {
    if (row === undefined) throw new Error(`${what}: record to update not found`)
    return row
  }
  const toRequest = (r: P.FeedbackRequest): FeedbackRequest => {
    const s = mustFind(
      t().feedbackSubject.find((x) => x.id === r.feedbackSubjectId),
      'feedbackSubject',
    )
    return {
      id: r.id,
      feedbackSubjectId: r.feedbackSubjectId,
      cycleId: s.cycleId,
      subjectId: s.employeeId,
      raterId: r.raterId,
      perspective: r.perspective as Perspective,
      status: r.status as RequestStatus,
      taskId: r.taskId,
      nominatedById: r.nominatedById,
      declineReason: r.declineReason,
    }
  }
  const subjectOf = (r: P.FeedbackRequest) =>
    mustFind(
      t().feedbackSubject.find((x) => x.id === r.feedbackSubjectId),
      'feedbackSubject',
    )
  const reshuffle = (where: { cycleId: number; subjectId?: number }) => {
    const hit = (r: P.FeedbackResponse) => r.cycleId === where.cycleId && (where.subjectId === undefined || r.subjectId === where.subjectId)
    const matching = t().feedbackResponse.filter(hit)
    if (matching.length === 0) return
    t().feedbackResponse = t().feedbackResponse.filter((r) => !hit(r))
    for (const r of shuffled(matching)) insert('feedbackResponse', { ...r, id: randomUUID() })
  }
  const toProgramme = (p: P.Programme): ProgrammeRecord => ({
    id: p.id,
    code: p.code,
    name: { zh: p.nameZh, en: p.nameEn },
    template: p.template,
    status: p.status === 'completed' ? 'completed' : 'active',
    startedAt: p.startedAt,
    createdById: p.createdById,
    stages: t()
      .programmeStage.filter((s) => s.programmeId === p.id)
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ ...s, kind: s.kind as StageKind, status: s.status as StageStatus })),
    participantIds: t()
      .programmeParticipant.filter((x) => x.programmeId === p.id)
      .map((x) => x.employeeId)
      .sort((a, b) => a - b),
  })
  const toJobDescription = (d: P.JobDescription): JobDescriptionRecord => ({
    id: d.id,
    jobId: d.jobId,
    version: d.version,
    effectiveFrom: d.effectiveFrom,
    purpose: { zh: d.purposeZh, en: d.purposeEn },
    announcedAt: d.announcedAt,
    items: t()
      .jobDescriptionItem.filter((i) => i.descriptionId === d.id)
      .sort((a, b) => a.position - b.position)
      .map((i) => ({
        section: i.section as JdSection,
        code: i.code,
        position: i.position,
        text: { zh: i.textZh, en: i.textEn },
        ownerJobId: i.ownerJobId,
        recurrence: i.recurrence,
        evidence: i.evidence as DutyEvidence | null,
        dimensionId: i.dimensionId,
        target: i.target,
      })),
  })
  /** The lease repo's take: a new acquisition increments the fencing token, a renewal keeps it. */
  const takeLease = async (name: string, holder: string, now: Date, ttlMs: number): Promise<number | null> => {
    const until = new Date(now.getTime() + ttlMs)
    const lease = t().lease.find((l) => l.name === name)
    if (!lease) {
      insert('lease', { name, holder, expiresAt: until, token: 1 })
      return 1
    }
    if (lease.expiresAt > now && lease.holder !== holder) return null
    const isRenewal = lease.holder === holder && lease.expiresAt > now
    Object.assign(lease, { holder, expiresAt: until, token: isRenewal ? lease.token : lease.token + 1 })
    return lease.token
  }
  const toBroadcast = (b: P.Broadcast): BroadcastRecord => ({ ...b, platform: b.platform as ChatPlatform })
  const outboxUpdate = (id: number, holder: string, data: Partial<P.OutboxMessage>) =>
    update('outboxMessage', (r) => r.id === id && r.leaseHolder === holder && r.status === 'sending', data) === 1

  return {
    transaction,
    duties: memoryDutiesRepo(t, insert, update),

    employees: {
      async byId(id) {
        const e = employee(id)
        return e ? toEmployee(e) : null
      },
      async byEmail(email) {
        const key = email.trim().toLowerCase()
        const e = t().employee.find((x) => x.email === key)
        return e ? toEmployee(e) : null
      },
      async byIdentity(platform, tenant, externalId) {
        const i = t().chatIdentity.find((x) => x.platform === platform && x.tenant === tenant && x.externalId === externalId)
        const e = i && employee(i.employeeId)
        return e ? toEmployee(e) : null
      },
      async linkIdentity(platform, tenant, externalId, employeeId) {
        const changed = update('chatIdentity', (x) => x.platform === platform && x.tenant === tenant && x.externalId === externalId, {
          employeeId,
        })
        if (changed === 0) insert('chatIdentity', { platform, tenant, externalId, employeeId })
      },
      async setLocale(employeeId, locale) {
        mustFind(
          t().employee.find((e) => e.id === employeeId),
          'employee',
        ).locale = locale
      },
      async reportsOf(managerId) {
        const result: P.Employee[] = []
        const seen = new Set([managerId])
        let frontier = [managerId]
        while (frontier.length > 0) {
          const within = new Set(frontier)
          const rows = t()
            .employee.filter((e) => e.managerId !== null && within.has(e.managerId))
            .sort(byId)
          frontier = []
          for (const row of rows) {
            if (seen.has(row.id)) continue
            seen.add(row.id)
            frontier.push(row.id)
            if (row.status === 'active') result.push(row)
          }
        }
        return result.map(toEmployee)
      },
      async allActive() {
        return t()
          .employee.filter((e) => e.status === 'active')
          .sort(byId)
          .map(toEmployee)
      },
      async directory() {
        return t()
          .employee.slice()
          .sort(byId)
          .map(({ id, name, nameEn, email }) => ({ id, name, nameEn, email }))
      },
      async activeAfter(afterId, limit) {
        return t()
          .employee.filter((e) => e.status === 'active' && e.id > afterId)
          .sort(byId)
          .slice(0, limit)
          .map(toEmployee)
      },
      async namedIn(text) {
        const lowered = sqlLower(text)
        const hits = t()
          .employee.filter(
            (e) =>
              e.status === 'active' &&
              ((sqlLength(e.name) >= 2 && text.includes(e.name)) ||
                (e.nameEn !== null && sqlLength(e.nameEn) >= 3 && lowered.includes(sqlLower(e.nameEn))) ||
                lowered.includes(e.email)),
          )
          .slice(0, 50)
        return hits.sort(byId).map(toEmployee)
      },
    },

    catalog: {
      async load(at): Promise<Catalog> {
        const tables = t()
        const jobs = [...tables.job].sort((a, b) => cmp(a.track, b.track) || a.level - b.level || cmp(a.code, b.code))
        const standards = tables.qualificationStandard
          .filter((s) => s.effectiveFrom.getTime() <= at.getTime())
          .sort((a, b) => a.jobId - b.jobId || b.version - a.version)
        const inForce = new Map<number, P.QualificationStandard>()
        for (const s of standards) if (!inForce.has(s.jobId)) inForce.set(s.jobId, s)
        const dimension = (id: number) =>
          mustFind(
            tables.dimension.find((d) => d.id === id),
            'dimension',
          )
        return {
          jobs: jobs.map(toJob),
          paths: [...tables.promotionPath].sort(byId).map((p) => ({ fromJobId: p.fromJobId, toJobId: p.toJobId })),
          standards: [...inForce.values()].map((s) => ({
            id: s.id,
            jobId: s.jobId,
            version: s.version,
            effectiveFrom: s.effectiveFrom,
            threshold: s.threshold,
            dimensions: tables.standardDimension
              .filter((d) => d.standardId === s.id)
              .sort(byId)
              .map((d) => {
                const dim = dimension(d.dimensionId)
                return {
                  dimension: { id: dim.id, code: dim.code, name: { zh: dim.nameZh, en: dim.nameEn } },
                  weight: d.weight,
                  requiredAttainment: d.requiredAttainment,
                  indicators: tables.indicator
                    .filter((i) => i.standardDimensionId === d.id)
                    .sort(byId)
                    .map(toIndicator),
                }
              }),
          })),
          dimensions: [...tables.dimension].sort(byId).map((d) => ({ id: d.id, code: d.code, name: { zh: d.nameZh, en: d.nameEn } })),
          courses: [...tables.course]
            .sort((a, b) => cmp(a.code, b.code))
            .map((c) =>
              toCourse({
                ...c,
                dimensions: tables.courseDimension.filter((d) => d.courseId === c.id),
                _count: { questions: tables.quizQuestion.filter((q) => q.courseId === c.id).length },
              }),
            ),
          departments: [...tables.department]
            .sort(byId)
            .map((d) => ({ id: d.id, code: d.code, name: { zh: d.nameZh, en: d.nameEn }, parentId: d.parentId })),
          certificates: [...tables.certificate]
            .sort((a, b) => cmp(a.code, b.code))
            .map((c) => ({ code: c.code, name: { zh: c.nameZh, en: c.nameEn } })),
          weights: toWeightTable(tables.sourceWeight, new Map(tables.job.map((j) => [j.code, j.id]))),
        }
      },
      async quiz(courseId) {
        return t()
          .quizQuestion.filter((q) => q.courseId === courseId)
          .sort((a, b) => a.position - b.position)
          .map(toQuizQuestion)
      },
    },

    progress: {
      async forEmployees(employeeIds) {
        const result = new Map<number, Progress>(employeeIds.map((id) => [id, { assessments: [], evidence: [], assignments: [] }]))
        const tables = t()
        const assessments = tables.assessment
          .filter((a) => result.has(a.employeeId))
          .sort((a, b) => time(a.assessedAt) - time(b.assessedAt) || a.id - b.id)
        for (const a of assessments) result.get(a.employeeId)?.assessments.push(toAssessment(a))
        for (const e of tables.evidence) result.get(e.employeeId)?.evidence.push(toEvidence(e))
        for (const a of [...tables.trainingAssignment].sort(byId)) result.get(a.employeeId)?.assignments.push(toAssignment(a))
        return result
      },
      async openEvaluations(assigneeId) {
        return (
          t()
            .evaluationTask.filter((x) => x.assigneeId === assigneeId && OPEN_TASK.has(x.status))
            // SQLite sorts NULLs first in ascending order.
            .sort(
              (a, b) =>
                (a.dueAt === null ? (b.dueAt === null ? 0 : -1) : b.dueAt === null ? 1 : time(a.dueAt) - time(b.dueAt)) || a.id - b.id,
            )
            .map(toEvaluation)
        )
      },
      async overdueItems(employeeIds, now) {
        const ids = new Set(employeeIds)
        const byDue = <T extends { dueAt: Date | null; id: number }>(a: T, b: T) => time(a.dueAt!) - time(b.dueAt!) || a.id - b.id
        return {
          assignments: t()
            .trainingAssignment.filter((a) => ids.has(a.employeeId) && OPEN.has(a.status) && a.dueAt !== null && a.dueAt < now)
            .sort(byDue)
            .map(toAssignment),
          evaluations: t()
            .evaluationTask.filter((e) => ids.has(e.assigneeId) && OPEN_TASK.has(e.status) && e.dueAt !== null && e.dueAt < now)
            .sort(byDue)
            .map(toEvaluation),
        }
      },
      async overdueCounts(employeeIds, now) {
        const counts = new Map<number, number>(employeeIds.map((id) => [id, 0]))
        const bump = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1)
        for (const a of t().trainingAssignment)
          if (counts.has(a.employeeId) && OPEN.has(a.status) && a.dueAt && a.dueAt < now) bump(a.employeeId)
        for (const e of t().evaluationTask)
          if (counts.has(e.assigneeId) && OPEN_TASK.has(e.status) && e.dueAt && e.dueAt < now) bump(e.assigneeId)
        return counts
      },
      async assignment(id) {
        const a = t().trainingAssignment.find((x) => x.id === id)
        return a ? toAssignment(a) : null
      },
      async evaluation(id) {
        const x = t().evaluationTask.find((e) => e.id === id)
        return x ? toEvaluation(x) : null
      },
      async enrol({ employeeId, courseId, source, dueAt, now, assignedById = null }) {
        const existing = t().trainingAssignment.find((a) => a.employeeId === employeeId && a.courseId === courseId)
        if (existing) return { assignment: toAssignment(existing), isNew: false }
        const created = insert('trainingAssignment', {
          employeeId,
          courseId,
          source,
          dueAt,
          assignedAt: now,
          status: 'assigned',
          assignedById,
        })
        return { assignment: toAssignment(created), isNew: true }
      },
      async completeTraining({ assignmentId, courseCode, score, now, verifiedBy, certificateCode }) {
        const a = mustFind(
          t().trainingAssignment.find((x) => x.id === assignmentId),
          'trainingAssignment',
        )
        Object.assign(a, { status: 'completed', completedAt: now, score, snoozedUntil: null, verifiedBy })
        const source = verifiedBy === 'self' ? 'training' : verifiedBy
        const upsertEvidence = (kind: string, key: string, value: number | null) => {
          const changed = update('evidence', (e) => e.employeeId === a.employeeId && e.kind === kind && e.key === key, {
            ...(kind === 'course' ? { value } : {}),
            obtainedAt: now,
            source,
          })
          if (changed === 0) insert('evidence', { employeeId: a.employeeId, kind, key, value, obtainedAt: now, source })
        }
        upsertEvidence('course', courseCode, score)
        if (certificateCode) upsertEvidence('certificate', certificateCode, null)
        return toAssignment(a)
      },
      async reportTraining({ assignmentId, score, now }) {
        const a = mustFind(
          t().trainingAssignment.find((x) => x.id === assignmentId),
          'trainingAssignment',
        )
        Object.assign(a, { status: 'reported', reportedAt: now, score, snoozedUntil: null })
        return toAssignment(a)
      },
      async reschedule({ assignmentId, dueAt }) {
        const a = mustFind(
          t().trainingAssignment.find((x) => x.id === assignmentId),
          'trainingAssignment',
        )
        Object.assign(a, { dueAt, status: 'in_progress', snoozedUntil: null })
        return toAssignment(a)
      },
      async assignmentsWithStatus(employeeIds, statuses) {
        const ids = new Set(employeeIds)
        return t()
          .trainingAssignment.filter((a) => ids.has(a.employeeId) && statuses.includes(a.status as never))
          .sort(byId)
          .map(toAssignment)
      },
      async quizAttempts(employeeId, courseId) {
        return t()
          .quizAttempt.filter((a) => a.employeeId === employeeId && a.courseId === courseId)
          .sort((a, b) => time(a.at) - time(b.at) || a.id - b.id)
          .map(toQuizAttempt)
      },
      async addQuizAttempt({ wrong, ...attempt }) {
        return toQuizAttempt(insert('quizAttempt', { ...attempt, wrong: JSON.stringify(wrong) }))
      },
      async openEvaluation({ kind, assigneeId, subjectId, dimensionId, dueAt, now }) {
        const existing = t().evaluationTask.find(
          (x) =>
            x.kind === kind &&
            x.assigneeId === assigneeId &&
            x.subjectId === subjectId &&
            x.dimensionId === dimensionId &&
            OPEN_TASK.has(x.status),
        )
        if (existing) return { task: toEvaluation(existing), isNew: false }
        const task = insert('evaluationTask', { kind, assigneeId, subjectId, dimensionId, dueAt, createdAt: now, status: 'open' })
        return { task: toEvaluation(task), isNew: true }
      },
      async completeEvaluation({ taskId, now }) {
        const x = mustFind(
          t().evaluationTask.find((e) => e.id === taskId),
          'evaluationTask',
        )
        Object.assign(x, { status: 'completed', completedAt: now, snoozedUntil: null })
        return toEvaluation(x)
      },
      async snooze({ kind, id, until }) {
        const row = kind === 'training' ? t().trainingAssignment.find((x) => x.id === id) : t().evaluationTask.find((x) => x.id === id)
        mustFind(row, kind).snoozedUntil = until
      },
      async addAssessments(rows) {
        for (const r of rows) insert('assessment', { ...r, note: r.note ?? null, rating: r.rating ?? null })
      },
      async addEvidence({ employeeId, kind, key, value, obtainedAt, source }) {
        const changed = update('evidence', (e) => e.employeeId === employeeId && e.kind === kind && e.key === key, {
          value,
          obtainedAt,
          source,
        })
        if (changed === 0) insert('evidence', { employeeId, kind, key, value, obtainedAt, source })
      },
    },

    audit: {
      async record({ actorId, actor, action, entity, entityId, data }) {
        insert('auditLog', {
          actorId,
          actor,
          action,
          entity,
          entityId: entityId === undefined ? null : String(entityId),
          data: data ? JSON.stringify(data) : null,
        })
      },
    },

    events: {
      async markProcessed(platform, eventId) {
        if (t().processedEvent.some((e) => e.platform === platform && e.eventId === eventId)) return false
        insert('processedEvent', { platform, eventId })
        return true
      },
    },

    reminders: {
      async snapshot() {
        const tables = t()
        const active = (id: number) => employee(id)?.status === 'active'
        const openTraining = new Set(tables.trainingAssignment.filter((a) => OPEN.has(a.status)).map((a) => a.id))
        const openEvaluation = new Set(tables.evaluationTask.filter((x) => OPEN_TASK.has(x.status)).map((x) => x.id))
        const openCheckIn = new Set(tables.dutyCheckIn.filter((c) => c.status === 'open').map((c) => c.id))
        const missingMaterial = new Set(tables.courseMaterial.filter((m) => m.providedAt === null).map((m) => m.id))
        const open: Record<string, Set<number>> = {
          training: openTraining,
          evaluation: openEvaluation,
          checkin: openCheckIn,
          material: missingMaterial,
        }
        const logs = [...tables.reminderLog].sort(byId)
        return {
          employees: [...tables.employee].sort(byId).map(toEmployee),
          trainings: tables.trainingAssignment
            .filter((a) => OPEN.has(a.status) && active(a.employeeId))
            .sort(byId)
            .map(toAssignment),
          evaluations: tables.evaluationTask
            .filter((x) => OPEN_TASK.has(x.status) && active(x.assigneeId))
            .sort(byId)
            .map(toEvaluation),
          history: logs
            .filter((l) => open[l.taskKind]?.has(l.taskId))
            .map((l) => ({ taskKind: l.taskKind as TaskKind, taskId: l.taskId, step: l.step, recipientId: l.recipientId })),
        }
      },
      async settle() {},
      async scan(part, cursor, limit) {
        // Cursors here are offsets into the snapshot's lists.
        const all = (await this.snapshot())[part] as unknown[]
        const rows = all.slice(cursor, cursor + limit)
        return { rows, next: cursor + limit < all.length ? cursor + limit : null } as never
      },
      async addresses(employeeIds) {
        const wanted = new Set(employeeIds)
        const result = new Map<number, { platform: ChatPlatform; tenant: string; externalId: string; linkedAt: Date }[]>()
        for (const r of [...t().chatIdentity].sort(byId)) {
          if (!wanted.has(r.employeeId)) continue
          const list = result.get(r.employeeId) ?? []
          list.push({ platform: r.platform as ChatPlatform, tenant: r.tenant, externalId: r.externalId, linkedAt: r.linkedAt })
          result.set(r.employeeId, list)
        }
        return result
      },
      async linkedEmployees(platform, tenant, externalIds) {
        const wanted = new Set(externalIds)
        const result = new Map<string, ReturnType<typeof toEmployee>>()
        for (const r of t().chatIdentity) {
          if (r.platform !== platform || r.tenant !== tenant || !wanted.has(r.externalId)) continue
          const e = employee(r.employeeId)
          if (e?.status === 'active') result.set(r.externalId, toEmployee(e))
        }
        return result
      },
      async record(steps) {
        for (const { taskKind, taskId, step, recipientId, at, outboxKey } of steps)
          insert('reminderLog', { taskKind, taskId, step, recipientId, at, outboxKey })
        return steps.length
      },
      async replanDead() {
        const rows = t().outboxMessage
        const recoverable = rows.filter(
          (d) =>
            d.status === 'dead' &&
            !(d.lastError ?? '').startsWith('permanent:') &&
            rows.some(
              (s) => s.status === 'sent' && s.platform === d.platform && s.sentAt !== null && s.sentAt > (d.deadAt ?? d.createdAt),
            ) &&
            t().reminderLog.some((l) => l.outboxKey === d.idempotencyKey),
        )
        for (const d of recoverable) {
          t().reminderLog = t().reminderLog.filter((l) => l.outboxKey !== d.idempotencyKey)
          Object.assign(d, {
            status: 'expired',
            idempotencyKey: `${d.idempotencyKey}#dead${d.id}`,
            lastError: `planned again after: ${d.lastError ?? ''}`,
          })
        }
        return recoverable.length
      },
    },

    outbox: {
      async enqueue(message, now) {
        if (t().outboxMessage.some((r) => r.idempotencyKey === message.idempotencyKey)) return { id: null, isNew: false }
        return { id: insert('outboxMessage', outboxRow(message, now)).id, isNew: true }
      },
      async enqueueMany(messages, now) {
        const fresh = new Set<string>()
        for (const m of messages) {
          if (t().outboxMessage.some((r) => r.idempotencyKey === m.idempotencyKey)) continue
          insert('outboxMessage', outboxRow(m, now))
          fresh.add(m.idempotencyKey)
        }
        return fresh
      },
      async claim({ platform, holder, now, leaseMs, limit }) {
        const until = new Date(now.getTime() + leaseMs)
        const due = (r: P.OutboxMessage) =>
          r.platform === platform &&
          ((r.status === 'pending' && r.availableAt <= now) || (r.status === 'sending' && r.leaseUntil !== null && r.leaseUntil <= now))
        const taken = t()
          .outboxMessage.filter(due)
          .sort((a, b) => time(a.availableAt) - time(b.availableAt) || a.id - b.id)
          .slice(0, Math.max(0, limit))
        for (const r of taken) Object.assign(r, { status: 'sending', leaseHolder: holder, leaseUntil: until, attempts: r.attempts + 1 })
        return taken.map(toOutboxMessage)
      },
      async markSent({ id, holder, ref, now }) {
        return outboxUpdate(id, holder, {
          status: 'sent',
          sentAt: now,
          refChannelId: ref?.channelId ?? null,
          refMessageId: ref?.messageId ?? null,
          leaseUntil: null,
          lastError: null,
        })
      },
      async recordRetry({ id, holder, error, leaseUntil, countsAsAttempt = true }) {
        const row = t().outboxMessage.find((r) => r.id === id && r.leaseHolder === holder && r.status === 'sending')
        if (!row) return false
        Object.assign(row, { attempts: row.attempts + (countsAsAttempt ? 1 : 0), lastError: clip(error), leaseUntil })
        return true
      },
      async reschedule({ id, holder, error, availableAt, refundAttempt = false }) {
        const row = t().outboxMessage.find((r) => r.id === id && r.leaseHolder === holder && r.status === 'sending')
        const attempts = Math.max(0, (row?.attempts ?? 0) - (refundAttempt ? 1 : 0))
        return outboxUpdate(id, holder, {
          status: 'pending',
          availableAt,
          lastError: clip(error),
          leaseHolder: null,
          leaseUntil: null,
          attempts,
        })
      },
      async expire({ id, holder }) {
        const row = t().outboxMessage.find((r) => r.id === id && r.leaseHolder === holder && r.status === 'sending')
        if (!row) return false
        Object.assign(row, { status: 'expired', leaseUntil: null })
        t().reminderLog = t().reminderLog.filter((l) => l.outboxKey !== row.idempotencyKey)
        return true
      },
      async markDead({ id, holder, error, now }) {
        return outboxUpdate(id, holder, { status: 'dead', lastError: clip(error), leaseUntil: null, deadAt: now })
      },
      async listDead(limit) {
        return t()
          .outboxMessage.filter((r) => r.status === 'dead')
          .sort((a, b) => b.id - a.id)
          .slice(0, limit)
          .map(toOutboxMessage)
      },
      async retryAllDead(now) {
        return update('outboxMessage', (r) => r.status === 'dead', {
          status: 'pending',
          attempts: 0,
          availableAt: now,
          leaseHolder: null,
          leaseUntil: null,
        })
      },
      async retryDead(id, now) {
        return (
          update('outboxMessage', (r) => r.id === id && r.status === 'dead', {
            status: 'pending',
            attempts: 0,
            availableAt: now,
            leaseHolder: null,
            leaseUntil: null,
          }) === 1
        )
      },
      async byKey(idempotencyKey) {
        const r = t().outboxMessage.find((x) => x.idempotencyKey === idempotencyKey)
        return r ? toOutboxMessage(r) : null
      },
      async consoleInbox(email, limit) {
        return t()
          .outboxMessage.filter((r) => isInInbox(r) && r.destId === email)
          .sort((a, b) => b.id - a.id)
          .slice(0, limit)
          .map(toOutboxMessage)
      },
      async consoleUnread(emails) {
        const counts = new Map<string, number>()
        for (const r of t().outboxMessage)
          if (isInInbox(r) && r.readAt === null && (!emails || emails.includes(r.destId)))
            counts.set(r.destId, (counts.get(r.destId) ?? 0) + 1)
        return counts
      },
      async markConsoleRead(email, now) {
        update('outboxMessage', (r) => isInInbox(r) && r.destId === email && r.readAt === null, { readAt: now })
      },
      async countByStatus() {
        const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>
        for (const r of t().outboxMessage) if ((OUTBOX_STATUSES as readonly string[]).includes(r.status)) counts[r.status as OutboxStatus]++
        return counts
      },
    },

    leases: {
      async acquire(name, holder, now, ttlMs) {
        return (await takeLease(name, holder, now, ttlMs)) !== null
      },
      take: (name, holder, now, ttlMs) => takeLease(name, holder, now, ttlMs),
      async renewFenced(name, holder, token, now, ttlMs) {
        const lease = t().lease.find((l) => l.name === name && l.holder === holder && l.token === token)
        if (!lease) return false
        lease.expiresAt = new Date(now.getTime() + ttlMs)
        return true
      },
      async release(name, holder, now) {
        update('lease', (l) => l.name === name && l.holder === holder, { expiresAt: now })
      },
    },

    broadcasts: {
      async byId(id) {
        const b = t().broadcast.find((x) => x.id === id)
        return b ? toBroadcast(b) : null
      },
      async byCardKey(cardKey) {
        const b = t().broadcast.find((x) => x.cardKey === cardKey)
        return b ? toBroadcast(b) : null
      },
      async recent(limit) {
        return [...t().broadcast]
          .sort((a, b) => time(b.createdAt) - time(a.createdAt) || b.id - a.id)
          .slice(0, limit)
          .map(toBroadcast)
      },
      async create(input) {
        if (t().broadcast.some((b) => b.cardKey === input.cardKey)) return null
        return toBroadcast(insert('broadcast', { ...input }))
      },
      async addRecipients(broadcastId, rows) {
        for (const r of rows) {
          if (t().broadcastRecipient.some((x) => x.broadcastId === broadcastId && x.employeeId === r.employeeId)) continue
          insert('broadcastRecipient', { broadcastId, employeeId: r.employeeId, assignmentId: r.assignmentId })
        }
      },
      async progress(broadcastId) {
        return t()
          .broadcastRecipient.filter((r) => r.broadcastId === broadcastId)
          .flatMap((r) => {
            const a = t().trainingAssignment.find((x) => x.id === r.assignmentId)
            return a
              ? [{ employeeId: r.employeeId, assignmentId: r.assignmentId, status: a.status as P.TrainingAssignment['status'] as never }]
              : []
          })
          .sort((a, b) => a.employeeId - b.employeeId)
      },
      async counters(since) {
        return t()
          .broadcast.filter((b) => b.createdAt >= since)
          .sort(byId)
          .map((b) => {
            const recipients = t().broadcastRecipient.filter((r) => r.broadcastId === b.id)
            const done = recipients.filter(
              (r) => t().trainingAssignment.find((a) => a.id === r.assignmentId)?.status === 'completed',
            ).length
            const card = t().outboxMessage.find((o) => o.idempotencyKey === b.cardKey)
            const ref = card?.refChannelId && card.refMessageId ? { channelId: card.refChannelId, messageId: card.refMessageId } : null
            return { broadcast: toBroadcast(b), total: recipients.length, done, ref }
          })
      },
      async markShown({ id, expected, shown, at, total }) {
        return (
          update('broadcast', (b) => b.id === id && b.shownDone === expected && (!total || b.shownTotal === total.expected), {
            shownDone: shown,
            counterUpdatedAt: at,
            ...(total ? { shownTotal: total.shown } : {}),
          }) === 1
        )
      },
    },

    programmes: {
      async create(input) {
        const p = insert('programme', {
          code: input.code,
          nameZh: input.name.zh,
          nameEn: input.name.en,
          template: input.template,
          startedAt: input.startedAt,
          createdById: input.createdById,
        })
        for (const s of input.stages) insert('programmeStage', { ...s, programmeId: p.id })
        for (const employeeId of input.participantIds) insert('programmeParticipant', { programmeId: p.id, employeeId })
        return toProgramme(p)
      },
      async byId(id) {
        const p = t().programme.find((x) => x.id === id)
        return p ? toProgramme(p) : null
      },
      async list(status) {
        return t()
          .programme.filter((p) => !status || p.status === status)
          .sort(byId)
          .map(toProgramme)
      },
      async activateStage({ stageId, startedAt, dueAt }) {
        return update('programmeStage', (s) => s.id === stageId && s.status === 'pending', { status: 'active', startedAt, dueAt }) === 1
      },
      async completeStage({ stageId, at }) {
        return update('programmeStage', (s) => s.id === stageId && s.status === 'active', { status: 'completed', completedAt: at }) === 1
      },
      async completeProgramme(id) {
        update('programme', (p) => p.id === id && p.status === 'active', { status: 'completed' })
      },
      async createEvaluationTask({ kind, assigneeId, subjectId, dueAt, now }) {
        return toEvaluation(insert('evaluationTask', { kind, assigneeId, subjectId, dueAt, createdAt: now, status: 'open' }))
      },
      async linkTasks(rows) {
        for (const r of rows) insert('programmeTask', { ...r })
      },
      async stageTasks(stageIds) {
        const wanted = new Set(stageIds)
        return t()
          .programmeTask.filter((p) => wanted.has(p.stageId))
          .sort(byId)
          .map((p) => {
            const status =
              p.taskKind === 'training'
                ? t().trainingAssignment.find((a) => a.id === p.taskId)?.status
                : p.taskKind === 'evaluation'
                  ? t().evaluationTask.find((x) => x.id === p.taskId)?.status
                  : undefined
            return {
              stageId: p.stageId,
              participantId: p.participantId,
              taskKind: p.taskKind as TaskKind,
              taskId: p.taskId,
              status: status ?? 'cancelled',
            }
          })
      },
      async saveReflection(input) {
        if (update('programmeReflection', (r) => r.taskId === input.taskId, { text: input.text, submittedAt: input.submittedAt }) === 0)
          insert('programmeReflection', { ...input })
      },
      async reflections(taskIds) {
        const wanted = new Set(taskIds)
        return t()
          .programmeReflection.filter((r) => wanted.has(r.taskId))
          .sort((a, b) => a.taskId - b.taskId)
          .map((r) => ({ ...r }))
      },
    },

    feedback: {
      async createCycle(input) {
        return atomically(async () => {
          const cycle = insert('feedbackCycle', {
            name: input.name,
            stage: 'draft',
            opensAt: input.opensAt,
            closesAt: input.closesAt,
            perspectives: input.perspectives.join(','),
            nominationBy: input.nominationBy,
            peerCap: input.peerCap,
            peerThreshold: input.thresholds.peer,
            reportThreshold: input.thresholds.report,
            createdById: input.createdById,
            createdAt: input.now,
            stageChangedAt: input.now,
          })
          for (const s of input.subjects) {
            const subject = insert('feedbackSubject', {
              cycleId: cycle.id,
              employeeId: s.employeeId,
              managerId: s.managerId,
              questionnaire: JSON.stringify(s.questionnaire),
            })
            for (const r of s.requests) insert('feedbackRequest', { feedbackSubjectId: subject.id, ...r })
          }
          return toCycle(cycle)
        })
      },
      async cycle(id) {
        const c = t().feedbackCycle.find((x) => x.id === id)
        return c ? toCycle(c) : null
      },
      async cyclesInStages(stages) {
        return t()
          .feedbackCycle.filter((c) => (stages as string[]).includes(c.stage))
          .sort(byId)
          .map(toCycle)
      },
      async moveStage({ cycleId, from, to, at }) {
        return update('feedbackCycle', (c) => c.id === cycleId && c.stage === from, { stage: to, stageChangedAt: at }) === 1
      },
      async subjects(cycleId) {
        return t()
          .feedbackSubject.filter((s) => s.cycleId === cycleId)
          .sort(byId)
          .map(toSubject)
      },
      async subject(cycleId, employeeId) {
        const s = t().feedbackSubject.find((x) => x.cycleId === cycleId && x.employeeId === employeeId)
        return s ? toSubject(s) : null
      },
      async requests(cycleId, employeeId) {
        return t()
          .feedbackRequest.filter((r) => {
            const s = subjectOf(r)
            return s.cycleId === cycleId && (employeeId === undefined || s.employeeId === employeeId)
          })
          .sort(byId)
          .map(toRequest)
      },
      async request(id) {
        const r = t().feedbackRequest.find((x) => x.id === id)
        return r ? toRequest(r) : null
      },
      async requestByTask(taskId) {
        const r = t().feedbackRequest.find((x) => x.taskId === taskId)
        return r ? toRequest(r) : null
      },
      async addRequests(feedbackSubjectId, rows) {
        return atomically(async () => {
          const added: FeedbackRequest[] = []
          for (const row of rows) {
            if (t().feedbackRequest.some((r) => r.feedbackSubjectId === feedbackSubjectId && r.raterId === row.raterId)) continue
            added.push(toRequest(insert('feedbackRequest', { feedbackSubjectId, ...row })))
          }
          return added
        })
      },
      async setStatus({ ids, from, to }) {
        const wanted = new Set(ids)
        const rows = t()
          .feedbackRequest.filter((r) => wanted.has(r.id) && (from as string[]).includes(r.status))
          .sort(byId)
        for (const r of rows) r.status = to
        return rows.map(toRequest)
      },
      async openRequests({ ids, dueAt, now }) {
        return atomically(async () => {
          const wanted = new Set(ids)
          const rows = t()
            .feedbackRequest.filter((r) => wanted.has(r.id) && r.status === 'approved')
            .sort(byId)
          const opened: FeedbackRequest[] = []
          for (const r of rows) {
            const task = insert('evaluationTask', {
              kind: 'rating_360',
              assigneeId: r.raterId,
              subjectId: subjectOf(r).employeeId,
              status: 'open',
              createdAt: now,
              dueAt,
            })
            Object.assign(r, { status: 'open', taskId: task.id })
            opened.push(toRequest(r))
          }
          return opened
        })
      },
      async decline({ requestId, reason }) {
        const r = t().feedbackRequest.find((x) => x.id === requestId && ['proposed', 'approved', 'open'].includes(x.status))
        if (!r) return false
        Object.assign(r, { status: 'declined', declineReason: reason })
        const taskId = r.taskId
        if (taskId !== null)
          update('evaluationTask', (x) => x.id === taskId && OPEN_TASK.has(x.status), { status: 'cancelled', snoozedUntil: null })
        return true
      },
      async submit({ requestId, answers, completedOn }) {
        return atomically(async () => {
          const r = t().feedbackRequest.find((x) => x.id === requestId)
          if (r?.status !== 'open') return 'not_open' as const
          const subject = subjectOf(r)
          const cycle = mustFind(
            t().feedbackCycle.find((c) => c.id === subject.cycleId),
            'feedbackCycle',
          )
          if (cycle.stage !== 'collecting') return 'cycle_not_collecting' as const
          // Only these values: nothing about the rater, nothing about the time.
          const row = { id: randomUUID(), cycleId: subject.cycleId, subjectId: subject.employeeId, perspective: r.perspective }
          const text = JSON.stringify(answersOnly(answers))
          if (isAnonymous(r.perspective as Perspective)) {
            insert('sealedAnswer', { ...row, sealed: sealer.seal(text) })
          } else {
            insert('feedbackResponse', { ...row, answers: text })
            reshuffle({ cycleId: subject.cycleId, subjectId: subject.employeeId })
          }
          r.status = 'submitted'
          const taskId = r.taskId
          if (taskId !== null) {
            const task = mustFind(
              t().evaluationTask.find((x) => x.id === taskId),
              'evaluationTask',
            )
            Object.assign(task, { status: 'completed', completedAt: completedOn, snoozedUntil: null })
          }
          return 'saved' as const
        })
      },
      async close({ cycleId, at }) {
        return atomically(async () => {
          if (update('feedbackCycle', (c) => c.id === cycleId && c.stage === 'collecting', { stage: 'closed', stageChangedAt: at }) === 0)
            return false
          const pending = t().feedbackRequest.filter(
            (r) => subjectOf(r).cycleId === cycleId && ['proposed', 'approved', 'open'].includes(r.status),
          )
          const taskIds = new Set(pending.flatMap((p) => (p.taskId === null ? [] : [p.taskId])))
          for (const r of pending) r.status = 'expired'
          update('evaluationTask', (x) => taskIds.has(x.id) && OPEN_TASK.has(x.status), { status: 'cancelled', snoozedUntil: null })
          reshuffle({ cycleId })
          return true
        })
      },
      async release({ cycleId, subjectId, plan }) {
        return atomically(async () => {
          const cycle = t().feedbackCycle.find((c) => c.id === cycleId)
          const sealed = t().sealedAnswer.filter((x) => x.cycleId === cycleId && x.subjectId === subjectId)
          if (!cycle || sealed.length === 0) return { released: 0, unreadable: 0 }
          const clearOf = (label: string) =>
            t().feedbackResponse.filter((x) => x.cycleId === cycleId && x.subjectId === subjectId && x.perspective === label).length
          const waiting = (p: string) => sealed.filter((x) => x.perspective === p)
          const steps = plan({
            closed: cycle.stage === 'closed' || cycle.stage === 'shared',
            thresholds: { peer: cycle.peerThreshold, report: cycle.reportThreshold },
            clear: { peer: clearOf('peer'), report: clearOf('report'), pooled: clearOf(POOLED_GROUP) },
            pending: { peer: waiting('peer').length, report: waiting('report').length },
          })
          let released = 0
          let unreadable = 0
          for (const step of steps) {
            const chosen = (['peer', 'report'] as const).flatMap((p) => shuffled(waiting(p)).slice(0, step.take[p]))
            const opened = chosen.map((x) => sealer.open(x.sealed))
            if (opened.some((text) => text === null)) {
              unreadable += opened.filter((text) => text === null).length
              continue
            }
            for (const answers of shuffled(opened as string[]))
              insert('feedbackResponse', { id: randomUUID(), cycleId, subjectId, perspective: step.as, answers })
            const gone = new Set(chosen.map((x) => x.id))
            t().sealedAnswer = t().sealedAnswer.filter((x) => !gone.has(x.id))
            released += chosen.length
          }
          if (released > 0) reshuffle({ cycleId, subjectId })
          return { released, unreadable }
        })
      },
      async pendingSubjects(cycleId) {
        return [
          ...new Set(
            t()
              .sealedAnswer.filter((x) => x.cycleId === cycleId)
              .map((x) => x.subjectId),
          ),
        ].sort((a, b) => a - b)
      },
      async cyclesWithPending() {
        return [...new Set(t().sealedAnswer.map((x) => x.cycleId))].sort((a, b) => a - b)
      },
      async responses(cycleId, employeeId) {
        return t()
          .feedbackResponse.filter((r) => r.cycleId === cycleId && r.subjectId === employeeId)
          .sort((a, b) => cmp(a.id, b.id))
          .map((r) => ({ perspective: r.perspective as Group, answers: JSON.parse(r.answers) as FeedbackAnswers }))
      },
      async recordResults({ feedbackSubjectId, assessments, at }) {
        return atomically(async () => {
          if (update('feedbackSubject', (s) => s.id === feedbackSubjectId && s.resultsAt === null, { resultsAt: at }) === 0) return false
          for (const a of assessments) insert('assessment', { ...a, note: a.note ?? null })
          return true
        })
      },
    },

    jobDescriptions: {
      async versionsOf(jobId) {
        return t()
          .jobDescription.filter((d) => d.jobId === jobId)
          .sort((a, b) => a.version - b.version)
          .map(toJobDescription)
      },
      async allInForce(at) {
        const latest = new Map<number, P.JobDescription>()
        for (const d of t().jobDescription) {
          if (d.effectiveFrom.getTime() > at.getTime()) continue
          const seen = latest.get(d.jobId)
          if (!seen || d.version > seen.version) latest.set(d.jobId, d)
        }
        return [...latest.values()].sort((a, b) => a.jobId - b.jobId).map(toJobDescription)
      },
      async toAnnounce(at) {
        const jobs = new Set(
          t()
            .jobDescription.filter((d) => d.announcedAt === null && d.version > 1 && d.effectiveFrom.getTime() <= at.getTime())
            .map((d) => d.jobId),
        )
        return t()
          .jobDescription.filter((d) => jobs.has(d.jobId))
          .sort((a, b) => a.jobId - b.jobId || a.version - b.version)
          .map(toJobDescription)
      },
      async markAnnounced(ids, at) {
        update('jobDescription', (d) => ids.includes(d.id) && d.announcedAt === null, { announcedAt: at })
      },
      async activeIn(jobIds) {
        return t()
          .employee.filter((e) => e.status === 'active' && e.jobId !== null && jobIds.includes(e.jobId))
          .sort(byId)
          .map(toEmployee)
      },
    },

    onboarding: {
      async planLines() {
        return [...t().onboardingTemplateItem]
          .sort((a, b) => cmp(a.scope, b.scope) || a.position - b.position)
          .map((r) => ({ scope: r.scope, courseId: r.courseId, dueDays: r.dueDays, position: r.position }))
      },
      async hiredBetween(from, to) {
        const onboarded = new Set(t().onboarding.map((o) => o.employeeId))
        return t()
          .employee.filter(
            (e) =>
              e.status === 'active' &&
              e.hireDate !== null &&
              e.hireDate.getTime() >= from.getTime() &&
              e.hireDate.getTime() <= to.getTime() &&
              !onboarded.has(e.id),
          )
          .sort(byId)
          .map(toEmployee)
      },
      async create({ employeeId, hireDate, scope, now }) {
        if (t().onboarding.some((o) => o.employeeId === employeeId)) return false
        insert('onboarding', { employeeId, hireDate, scope, createdAt: now })
        return true
      },
      async byEmployee(employeeId) {
        const row = t().onboarding.find((o) => o.employeeId === employeeId)
        return row ? { ...row } : null
      },
      async byEmployees(employeeIds) {
        const wanted = new Set(employeeIds)
        return t()
          .onboarding.filter((o) => wanted.has(o.employeeId))
          .sort((a, b) => a.employeeId - b.employeeId)
          .map((o) => ({ ...o }))
      },
      async open() {
        return t()
          .onboarding.filter((o) => o.completedAt === null)
          .sort((a, b) => a.employeeId - b.employeeId)
          .map((o) => ({ ...o }))
      },
      async mark(employeeId, what, at) {
        update('onboarding', (o) => o.employeeId === employeeId && o[what] === null, { [what]: at })
      },
    },

    matrix: {
      async courses(courseIds) {
        const material = (m: P.CourseMaterial) => ({
          id: m.id,
          courseId: m.courseId,
          position: m.position,
          title: { zh: m.titleZh, en: m.titleEn },
          providerDepartmentId: m.providerDepartmentId,
          providerEmployeeId: m.providerEmployeeId,
          dueAt: m.dueAt,
          providedAt: m.providedAt,
          url: m.url,
        })
        return courseIds.flatMap((courseId) => {
          const course = t().course.find((c) => c.id === courseId)
          if (!course) return []
          const r = t().courseResponsibility.find((x) => x.courseId === courseId)
          const materials = t()
            .courseMaterial.filter((m) => m.courseId === courseId)
            .sort((a, b) => a.position - b.position)
            .map(material)
          return [
            {
              courseId,
              ownerDepartmentId: course.ownerDepartmentId,
              contentDepartmentId: r?.contentDepartmentId ?? null,
              schedulerDepartmentId: r?.schedulerDepartmentId ?? null,
              coachDepartmentId: r?.coachDepartmentId ?? null,
              coachEmployeeId: r?.coachEmployeeId ?? null,
              inMatrix: r !== undefined || materials.length > 0,
              materials,
            },
          ]
        })
      },
      async missingMaterials() {
        return t()
          .courseMaterial.filter((m) => m.providedAt === null)
          .sort((a, b) => a.courseId - b.courseId || a.position - b.position)
          .map((m) => ({
            id: m.id,
            courseId: m.courseId,
            position: m.position,
            title: { zh: m.titleZh, en: m.titleEn },
            providerDepartmentId: m.providerDepartmentId,
            providerEmployeeId: m.providerEmployeeId,
            dueAt: m.dueAt,
            providedAt: m.providedAt,
            url: m.url,
          }))
      },
      async hrDepartmentId() {
        const counts = new Map<number, number>()
        for (const e of t().employee) {
          if (e.status !== 'active' || e.departmentId === null || !e.roles.split(',').includes('hr')) continue
          counts.set(e.departmentId, (counts.get(e.departmentId) ?? 0) + 1)
        }
        const [best] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])
        return best?.[0] ?? null
      },
      async trainingReminders(assignmentIds) {
        const wanted = new Set(assignmentIds)
        const counts = new Map<number, number>()
        for (const l of t().reminderLog) {
          if (l.taskKind === 'training' && wanted.has(l.taskId)) counts.set(l.taskId, (counts.get(l.taskId) ?? 0) + 1)
        }
        return counts
      },
    },

    privacy: {
      async namedIn(text) {
        const lowered = sqlLower(text)
        return t()
          .employee.filter(
            (e) =>
              !isTombstone(e) &&
              ((sqlLength(e.name) >= 2 && text.includes(e.name)) ||
                (e.nameEn !== null && sqlLength(e.nameEn) >= 3 && lowered.includes(sqlLower(e.nameEn))) ||
                lowered.includes(e.email)),
          )
          .sort(byId)
          .slice(0, 20)
          .map(toEmployee)
      },

      async erase({ employeeId: id }) {
        const person = employee(id)
        if (!person) return []
        const lines: ErasureLine[] = []
        const note = (table: string, action: ErasureLine['action'], rows: number) => {
          if (rows > 0) lines.push({ table, action, rows })
        }
        /** Deletes the rows `where` matches (`db.<table>.deleteMany`); returns how many. */
        const remove = <K extends Table>(table: K, where: (row: Row<K>) => boolean): number => {
          const rows = t()[table] as Row<K>[]
          const kept = rows.filter((r) => !where(r))
          ;(t()[table] as Row<K>[]) = kept
          return rows.length - kept.length
        }
        const externalIds = t()
          .chatIdentity.filter((i) => i.employeeId === id)
          .map((i) => i.externalId)
        const strings = [
          person.email,
          ...(sqlLength(person.name) >= 2 ? [person.name] : []),
          ...(person.nameEn && sqlLength(person.nameEn) >= 3 ? [person.nameEn] : []),
          ...externalIds,
        ]
        const deletedTasks = new Set([
          ...t()
            .evaluationTask.filter((x) => x.subjectId === id || (x.assigneeId === id && (x.subjectId === null || x.subjectId === id)))
            .map((x) => x.id),
          ...t().feedbackRequest.flatMap((r) => (r.raterId === id && r.taskId !== null ? [r.taskId] : [])),
        ])
        const trainings = new Set(
          t()
            .trainingAssignment.filter((a) => a.employeeId === id)
            .map((a) => a.id),
        )
        const checkIns = new Set(
          t()
            .dutyCheckIn.filter((c) => c.employeeId === id)
            .map((c) => c.id),
        )
        const isTheirTask = (kind: string, taskId: number) =>
          (kind === 'evaluation' ? deletedTasks : kind === 'training' ? trainings : kind === 'checkin' ? checkIns : new Set<number>()).has(
            taskId,
          )

        note(
          'ReminderLog',
          'deleted',
          remove('reminderLog', (l) => l.recipientId === id || isTheirTask(l.taskKind, l.taskId)),
        )
        note(
          'DutyCheckIn',
          'deleted',
          remove('dutyCheckIn', (c) => c.employeeId === id),
        )
        note(
          'Onboarding',
          'deleted',
          remove('onboarding', (o) => o.employeeId === id),
        )
        note(
          'CourseMaterial',
          'anonymised',
          update('courseMaterial', (m) => m.providerEmployeeId === id, { providerEmployeeId: null }),
        )
        note(
          'ProgrammeTask',
          'deleted',
          remove('programmeTask', (p) => p.participantId === id || isTheirTask(p.taskKind, p.taskId)),
        )
        note(
          'ProgrammeReflection',
          'deleted',
          remove('programmeReflection', (r) => r.employeeId === id),
        )
        note(
          'ProgrammeParticipant',
          'deleted',
          remove('programmeParticipant', (p) => p.employeeId === id),
        )
        note(
          'BroadcastRecipient',
          'deleted',
          remove('broadcastRecipient', (r) => r.employeeId === id),
        )
        note(
          'QuizAttempt',
          'deleted',
          remove('quizAttempt', (q) => q.employeeId === id),
        )
        const theirSubjects = new Set(
          t()
            .feedbackSubject.filter((s) => s.employeeId === id)
            .map((s) => s.id),
        )
        note(
          'FeedbackRequest',
          'deleted',
          remove('feedbackRequest', (r) => r.raterId === id || theirSubjects.has(r.feedbackSubjectId)),
        )
        note(
          'FeedbackResponse',
          'deleted',
          remove('feedbackResponse', (r) => r.subjectId === id),
        )
        note(
          'SealedAnswer',
          'deleted',
          remove('sealedAnswer', (r) => r.subjectId === id),
        )
        note(
          'FeedbackSubject',
          'deleted',
          remove('feedbackSubject', (s) => s.employeeId === id),
        )
        note(
          'FeedbackSubject',
          'anonymised',
          update('feedbackSubject', (s) => s.managerId === id, { managerId: null }),
        )
        note(
          'FeedbackRequest',
          'anonymised',
          update('feedbackRequest', (r) => r.nominatedById === id, { nominatedById: null }),
        )
        note(
          'FeedbackCycle',
          'anonymised',
          update('feedbackCycle', (c) => c.createdById === id, { createdById: null }),
        )
        note(
          'EvaluationTask',
          'deleted',
          remove('evaluationTask', (x) => deletedTasks.has(x.id)),
        )
        note(
          'EvaluationTask',
          'cancelled',
          update('evaluationTask', (x) => x.assigneeId === id && OPEN_TASK.has(x.status), { status: 'cancelled', snoozedUntil: null }),
        )
        note(
          'TrainingAssignment',
          'deleted',
          remove('trainingAssignment', (a) => a.employeeId === id),
        )
        note(
          'TrainingAssignment',
          'anonymised',
          update('trainingAssignment', (a) => a.assignedById === id, { assignedById: null }),
        )
        note(
          'Assessment',
          'deleted',
          remove('assessment', (a) => a.employeeId === id),
        )
        note(
          'Assessment',
          'anonymised',
          update('assessment', (a) => a.assessorId === id, { assessorId: null }),
        )
        note(
          'Evidence',
          'deleted',
          remove('evidence', (e) => e.employeeId === id),
        )

        const destinations = new Set([person.email, ...externalIds])
        const addressed = (m: P.OutboxMessage) => m.employeeId === id || (m.destKind === 'user' && destinations.has(m.destId))
        const naming = (m: P.OutboxMessage) => [...strings, `@${id}"`].some((x) => m.card.includes(x))
        const pending = (m: P.OutboxMessage) => m.status === 'pending' || m.status === 'sending'
        const replanned = new Set(
          t()
            .outboxMessage.filter((m) => pending(m) && !addressed(m) && naming(m))
            .map((m) => m.idempotencyKey),
        )
        remove('reminderLog', (l) => replanned.has(l.outboxKey))
        note(
          'OutboxMessage',
          'cancelled',
          remove('outboxMessage', (m) => pending(m) && (addressed(m) || naming(m))),
        )
        note(
          'OutboxMessage',
          'deleted',
          remove('outboxMessage', (m) => addressed(m) || naming(m)),
        )

        const audited = new Set<number>()
        for (const a of t().auditLog) {
          if (a.actorId === id) {
            Object.assign(a, { actorId: null, actor: 'erased' })
            audited.add(a.id)
          }
          const aboutThem =
            (a.entity === 'Employee' && a.entityId === String(id) && a.action !== 'person.erase') ||
            (a.entity === 'ChatIdentity' && externalIds.some((x) => a.entityId?.endsWith(`:${x}`)))
          if (aboutThem) {
            a.entityId = null
            audited.add(a.id)
          }
          if (a.data !== null) {
            const scrubbed = scrubAuditData(a.data, id, strings)
            if (scrubbed !== a.data) {
              a.data = scrubbed
              audited.add(a.id)
            }
          }
        }
        note('AuditLog', 'anonymised', audited.size)
        note(
          'ChatIdentity',
          'deleted',
          remove('chatIdentity', (i) => i.employeeId === id),
        )
        note(
          'Employee',
          'anonymised',
          update('employee', (e) => e.id === id, {
            ...tombstone(id),
            status: 'inactive',
            roles: 'employee',
            locale: 'zh-CN',
            timeZone: 'Asia/Shanghai',
            departmentId: null,
            jobId: null,
            managerId: null,
            hireDate: null,
          }),
        )
        return lines
      },

      async pruneBatch({ kind, before, limit }) {
        const old = (d: Date | null | undefined) => d !== null && d !== undefined && d.getTime() < before.getTime()
        const prune = <K extends Table>(table: K, where: (row: Row<K>) => boolean): number => {
          const rows = t()[table] as Row<K>[]
          const doomed = new Set(rows.filter(where).slice(0, limit))
          ;(t()[table] as Row<K>[]) = rows.filter((r) => !doomed.has(r))
          return doomed.size
        }
        switch (kind) {
          case 'processed_events':
            return prune('processedEvent', (e) => old(e.receivedAt))
          case 'delivered_outbox': {
            const cards = new Set(t().broadcast.map((b) => b.cardKey))
            return prune(
              'outboxMessage',
              (m) => ['sent', 'dead', 'expired'].includes(m.status) && old(m.sentAt ?? m.createdAt) && !cards.has(m.idempotencyKey),
            )
          }
          case 'closed_reminder_logs':
            return prune('reminderLog', (l) => {
              if (!old(l.at)) return false
              const status =
                l.taskKind === 'training'
                  ? t().trainingAssignment.find((a) => a.id === l.taskId)?.status
                  : t().evaluationTask.find((x) => x.id === l.taskId)?.status
              return status === undefined || !(l.taskKind === 'training' ? OPEN : OPEN_TASK).has(status)
            })
          case 'audit':
            return prune('auditLog', (a) => old(a.at) && a.action !== 'person.erase')
        }
      },

      async auditEntries({ employeeId, since, actionPrefix, limit }) {
        return t()
          .auditLog.filter(
            (a) =>
              (employeeId === undefined || a.actorId === employeeId || (a.entity === 'Employee' && a.entityId === String(employeeId))) &&
              (since === undefined || a.at.getTime() >= since.getTime()) &&
              (actionPrefix === undefined || a.action.startsWith(actionPrefix)),
          )
          .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
          .slice(0, limit)
          .map((a) => ({ ...a }))
      },
    },
  }
}
