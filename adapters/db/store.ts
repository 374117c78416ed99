// The Prisma implementation of core's store ports.

import type { LadderStore } from '../../core/app/store.js'
import type { Sealer } from '../../core/features/feedback/index.js'
import type { Catalog, Employee, Progress } from '../../core/kernel/domain/types.js'
import { OPEN_ASSIGNMENT_STATUSES } from '../../core/kernel/domain/types.js'
import { readStamps, type StampName, stampedMap, stampedValue } from './cache.js'
import { type Db, fastReadsOf } from './client.js'
import { createDutiesRepo } from './duties-store.js'
import type { CatalogTables, FastReads } from './fast-reads.js'
import type { Prisma } from './generated/client.js'
import { createJobDescriptionRepo } from './jobs-store.js'
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
} from './map.js'
import { createMatrixRepo } from './matrix-store.js'
import { createOnboardingRepo } from './onboarding-store.js'
import { createPrivacyRepo } from './privacy-store.js'
import { placeholdersFor, providerOf } from './raw-sql.js'
import { activeEmployeesAfter, reminderRepos } from './reminder-store.js'

type Tx = Db | Prisma.TransactionClient

/** SQLite caps bound variables per statement; large `IN (…)` lists are chunked. */
const CHUNK = 900

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))))
  return out
}

const OPEN = [...OPEN_ASSIGNMENT_STATUSES]

/** A 500-member broadcast or a sweep chunk takes longer than Prisma's 5 s default. */
const TRANSACTION = { timeout: 120_000, maxWait: 30_000 }

/**
 * `sealer`: what seals anonymous 360 answers until they are released (bot/seal-key.ts gives the configured
 * one); without it, a key that lives only as long as this process (adapters/db/seal.ts).
 */
export function createPrismaStore(db: Db, options: { sealer?: Sealer } = {}): LadderStore {
  const fast = fastReadsOf(db)
  const { sealer } = options
  return buildStore(
    db,
    true,
    (fn) => db.$transaction((tx) => fn(transactionStore(tx, sealer)), TRANSACTION),
    storeCaches(db, fast),
    fast,
    sealer,
  )
}

/** Inside a transaction, a nested `transaction` call simply joins it. Reads there bypass the caches. */
function transactionStore(tx: Prisma.TransactionClient, sealer: Sealer | undefined): LadderStore {
  const store: LadderStore = buildStore(tx, false, (fn) => fn(store), undefined, undefined, sealer)
  return store
}

type Caches = ReturnType<typeof storeCaches>

/** Per store (so per process): the catalogue and the people found by identity or email, see cache.ts. */
function storeCaches(db: Db, fast: FastReads | undefined) {
  const stamp = (name: StampName) => async () => (await readStamps(db, fast))[name]
  return {
    catalog: stampedValue(stamp('catalog'), () => loadCatalog(db, fast)),
    person: stampedMap<Employee | null>(stamp('people')),
  }
}

function buildStore(
  db: Tx,
  isRoot: boolean,
  transaction: <T>(fn: (tx: LadderStore) => Promise<T>) => Promise<T>,
  caches?: Caches,
  /** Outside transactions: the per-question statements, prepared once (fast-reads.ts). */
  fast?: FastReads,
  sealer?: Sealer,
): LadderStore {
  const cached = (key: string, load: () => Promise<Employee | null>) => (caches ? caches.person(key, load) : load())
  return {
    transaction,
    ...reminderRepos(db, isRoot, sealer),
    privacy: createPrivacyRepo(db),
    jobDescriptions: createJobDescriptionRepo(db),
    onboarding: createOnboardingRepo(db),
    duties: createDutiesRepo(db),
    matrix: createMatrixRepo(db),

    employees: {
      async byId(id) {
        return cached(`id\n${id}`, async () => {
          const e = fast ? fast.byId(id) : await db.employee.findUnique({ where: { id } })
          return e ? toEmployee(e) : null
        })
      },
      async byEmail(raw) {
        const email = raw.trim().toLowerCase()
        return cached(`email\n${email}`, async () => {
          const e = fast ? fast.byEmail(email) : await db.employee.findUnique({ where: { email } })
          return e ? toEmployee(e) : null
        })
      },
      async byIdentity(platform, tenant, externalId) {
        return cached(`identity\n${platform}\n${tenant}\n${externalId}`, async () => {
          if (fast) {
            const e = fast.byIdentity(platform, tenant, externalId)
            return e ? toEmployee(e) : null
          }
          const identity = await db.chatIdentity.findUnique({
            where: { platform_tenant_externalId: { platform, tenant, externalId } },
            include: { employee: true },
          })
          return identity ? toEmployee(identity.employee) : null
        })
      },
      async linkIdentity(platform, tenant, externalId, employeeId) {
        await db.chatIdentity.upsert({
          where: { platform_tenant_externalId: { platform, tenant, externalId } },
          create: { platform, tenant, externalId, employeeId },
          update: { employeeId },
        })
      },
      async setLocale(employeeId, locale) {
        await db.employee.update({ where: { id: employeeId }, data: { locale } })
      },
      async reportsOf(managerId) {
        // Breadth-first over the manager tree; `seen` guards against a corrupt cycle.
        const result: Employee[] = []
        const seen = new Set([managerId])
        let frontier = [managerId]
        while (frontier.length > 0) {
          const rows = fast
            ? fast.reportsOf(frontier)
            : await inChunks(frontier, (chunk) => db.employee.findMany({ where: { managerId: { in: chunk } }, orderBy: { id: 'asc' } }))
          frontier = []
          for (const row of rows) {
            if (seen.has(row.id)) continue
            seen.add(row.id)
            frontier.push(row.id)
            if (row.status === 'active') result.push(toEmployee(row))
          }
        }
        return result
      },
      async allActive() {
        return (await db.employee.findMany({ where: { status: 'active' }, orderBy: { id: 'asc' } })).map(toEmployee)
      },
      activeAfter: (afterId, limit) => activeEmployeesAfter(db, afterId, limit),
      async directory() {
        if (fast) return fast.directory()
        return db.employee.findMany({ select: { id: true, name: true, nameEn: true, email: true }, orderBy: { id: 'asc' } })
      },
      async namedIn(text) {
        if (fast) return fast.namedIn(text).map(toEmployee)
        // instr() (PostgreSQL: strpos(), same arguments) over the table: no employee list travels to the process for every question.
        const find = providerOf(db) === 'sqlite' ? 'instr' : 'strpos'
        const rows = await db.$queryRawUnsafe<{ id: number }[]>(
          placeholdersFor(
            db,
            `SELECT "id" FROM "Employee" WHERE "status" = 'active' AND (
            (length("name") >= 2 AND ${find}(?, "name") > 0)
            OR (length("nameEn") >= 3 AND ${find}(lower(?), lower("nameEn")) > 0)
            OR ${find}(lower(?), "email") > 0)
          LIMIT 50`,
          ),
          text,
          text,
          text,
        )
        if (rows.length === 0) return []
        return (await db.employee.findMany({ where: { id: { in: rows.map((r) => Number(r.id)) } }, orderBy: { id: 'asc' } })).map(
          toEmployee,
        )
      },
    },

    catalog: {
      async load(at) {
        return catalogAt(await (caches ? caches.catalog() : loadCatalog(db)), at)
      },
      async quiz(courseId) {
        return (await db.quizQuestion.findMany({ where: { courseId }, orderBy: { position: 'asc' } })).map(toQuizQuestion)
      },
    },

    progress: {
      async forEmployees(employeeIds) {
        const result = new Map<number, Progress>(employeeIds.map((id) => [id, { assessments: [], evidence: [], assignments: [] }]))
        // Asked for every question: prepared statements (fast-reads.ts); Prisma inside transactions.
        const [assessments, evidence, assignments] = fast
          ? [fast.assessments(employeeIds), fast.evidence(employeeIds), fast.assignments(employeeIds)]
          : await Promise.all([
              inChunks(employeeIds, (chunk) =>
                db.assessment.findMany({ where: { employeeId: { in: chunk } }, orderBy: [{ assessedAt: 'asc' }, { id: 'asc' }] }),
              ),
              inChunks(employeeIds, (chunk) => db.evidence.findMany({ where: { employeeId: { in: chunk } }, orderBy: { id: 'asc' } })),
              inChunks(employeeIds, (chunk) =>
                db.trainingAssignment.findMany({ where: { employeeId: { in: chunk } }, orderBy: { id: 'asc' } }),
              ),
            ])
        for (const a of assessments) result.get(a.employeeId)?.assessments.push(toAssessment(a))
        for (const e of evidence) result.get(e.employeeId)?.evidence.push(toEvidence(e))
        for (const a of assignments) result.get(a.employeeId)?.assignments.push(toAssignment(a))
        return result
      },
      async openEvaluations(assigneeId) {
        if (fast) return fast.openEvaluations(assigneeId).map(toEvaluation)
        const rows = await db.evaluationTask.findMany({
          where: { assigneeId, status: { in: ['open', 'overdue'] } },
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        })
        return rows.map(toEvaluation)
      },
      async overdueItems(employeeIds, now) {
        const [assignments, evaluations] = await Promise.all([
          inChunks(employeeIds, (chunk) =>
            db.trainingAssignment.findMany({
              where: { employeeId: { in: chunk }, status: { in: OPEN }, dueAt: { lt: now } },
              orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
            }),
          ),
          inChunks(employeeIds, (chunk) =>
            db.evaluationTask.findMany({
              where: { assigneeId: { in: chunk }, status: { in: ['open', 'overdue'] }, dueAt: { lt: now } },
              orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
            }),
          ),
        ])
        return { assignments: assignments.map(toAssignment), evaluations: evaluations.map(toEvaluation) }
      },
      async overdueCounts(employeeIds, now) {
        const counts = new Map<number, number>(employeeIds.map((id) => [id, 0]))
        const bump = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1)
        const [trainings, evaluations] = fast
          ? [fast.overdueTrainings(employeeIds, OPEN, now), fast.overdueEvaluations(employeeIds, now)]
          : await Promise.all([
              inChunks(employeeIds, (chunk) =>
                db.trainingAssignment.findMany({
                  where: { employeeId: { in: chunk }, status: { in: OPEN }, dueAt: { lt: now } },
                  select: { employeeId: true },
                }),
              ),
              inChunks(employeeIds, (chunk) =>
                db.evaluationTask.findMany({
                  where: { assigneeId: { in: chunk }, status: { in: ['open', 'overdue'] }, dueAt: { lt: now } },
                  select: { assigneeId: true },
                }),
              ),
            ])
        for (const t of trainings) bump(t.employeeId)
        for (const e of evaluations) bump(e.assigneeId)
        return counts
      },
      async assignment(id) {
        const a = await db.trainingAssignment.findUnique({ where: { id } })
        return a ? toAssignment(a) : null
      },
      async evaluation(id) {
        const t = await db.evaluationTask.findUnique({ where: { id } })
        return t ? toEvaluation(t) : null
      },
      async enrol({ employeeId, courseId, source, dueAt, now, assignedById = null }) {
        const existing = await db.trainingAssignment.findUnique({ where: { employeeId_courseId: { employeeId, courseId } } })
        if (existing) return { assignment: toAssignment(existing), isNew: false }
        const created = await db.trainingAssignment.create({
          data: { employeeId, courseId, source, dueAt, assignedAt: now, status: 'assigned', assignedById },
        })
        return { assignment: toAssignment(created), isNew: true }
      },
      async completeTraining({ assignmentId, courseCode, score, now, verifiedBy, certificateCode }) {
        const a = await db.trainingAssignment.update({
          where: { id: assignmentId },
          data: { status: 'completed', completedAt: now, score, snoozedUntil: null, verifiedBy },
        })
        const source = verifiedBy === 'self' ? 'training' : verifiedBy
        await db.evidence.upsert({
          where: { employeeId_kind_key: { employeeId: a.employeeId, kind: 'course', key: courseCode } },
          create: { employeeId: a.employeeId, kind: 'course', key: courseCode, value: score, obtainedAt: now, source },
          update: { value: score, obtainedAt: now, source },
        })
        if (certificateCode)
          await db.evidence.upsert({
            where: { employeeId_kind_key: { employeeId: a.employeeId, kind: 'certificate', key: certificateCode } },
            create: { employeeId: a.employeeId, kind: 'certificate', key: certificateCode, value: null, obtainedAt: now, source },
            update: { obtainedAt: now, source },
          })
        return toAssignment(a)
      },
      async reportTraining({ assignmentId, score, now }) {
        return toAssignment(
          await db.trainingAssignment.update({
            where: { id: assignmentId },
            data: { status: 'reported', reportedAt: now, score, snoozedUntil: null },
          }),
        )
      },
      async reschedule({ assignmentId, dueAt }) {
        // A new due date: status back to open, so the reminder policy plans from it again.
        return toAssignment(
          await db.trainingAssignment.update({
            where: { id: assignmentId },
            data: { dueAt, status: 'in_progress', snoozedUntil: null },
          }),
        )
      },
      async assignmentsWithStatus(employeeIds, statuses) {
        const rows = await inChunks(employeeIds, (chunk) =>
          db.trainingAssignment.findMany({
            where: { employeeId: { in: chunk }, status: { in: [...statuses] } },
            orderBy: { id: 'asc' },
          }),
        )
        return rows.map(toAssignment)
      },
      async quizAttempts(employeeId, courseId) {
        return (await db.quizAttempt.findMany({ where: { employeeId, courseId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map(
          toQuizAttempt,
        )
      },
      async addQuizAttempt({ wrong, ...attempt }) {
        return toQuizAttempt(await db.quizAttempt.create({ data: { ...attempt, wrong: JSON.stringify(wrong) } }))
      },
      async openEvaluation({ kind, assigneeId, subjectId, dimensionId, dueAt, now }) {
        const existing = await db.evaluationTask.findFirst({
          where: { kind, assigneeId, subjectId, dimensionId, status: { in: ['open', 'overdue'] } },
        })
        if (existing) return { task: toEvaluation(existing), isNew: false }
        const task = await db.evaluationTask.create({
          data: { kind, assigneeId, subjectId, dimensionId, dueAt, createdAt: now, status: 'open' },
        })
        return { task: toEvaluation(task), isNew: true }
      },
      async completeEvaluation({ taskId, now }) {
        return toEvaluation(
          await db.evaluationTask.update({ where: { id: taskId }, data: { status: 'completed', completedAt: now, snoozedUntil: null } }),
        )
      },
      async snooze({ kind, id, until }) {
        if (kind === 'training') await db.trainingAssignment.update({ where: { id }, data: { snoozedUntil: until } })
        else await db.evaluationTask.update({ where: { id }, data: { snoozedUntil: until } })
      },
      async addAssessments(rows) {
        if (rows.length === 0) return
        await db.assessment.createMany({ data: rows.map((r) => ({ ...r, note: r.note ?? null, rating: r.rating ?? null })) })
      },
      async addEvidence({ employeeId, kind, key, value, obtainedAt, source }) {
        await db.evidence.upsert({
          where: { employeeId_kind_key: { employeeId, kind, key } },
          create: { employeeId, kind, key, value, obtainedAt, source },
          update: { value, obtainedAt, source },
        })
      },
    },

    audit: {
      async record({ actorId, actor, action, entity, entityId, data }) {
        await db.auditLog.create({
          data: {
            actorId,
            actor,
            action,
            entity,
            entityId: entityId === undefined ? null : String(entityId),
            data: data ? JSON.stringify(data) : null,
          },
        })
      },
    },

    events: {
      async markProcessed(platform, eventId) {
        try {
          if (fast) return fast.markProcessed(platform, eventId)
        } catch (error) {
          // Locked by a writer (never waited for synchronously there): Prisma's connection queues behind it.
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
        }
        // ON CONFLICT DO NOTHING is atomic: two deliveries racing in two processes cannot both win.
        const inserted =
          await db.$executeRaw`INSERT INTO "ProcessedEvent" ("platform", "eventId") VALUES (${platform}, ${eventId}) ON CONFLICT DO NOTHING`
        return inserted === 1
      },
    },
  }
}

type CatalogRows = Omit<Catalog, 'standards'> & {
  /** Every version of every standard, newest version first per job. */
  standards: (Catalog['standards'][number] & { effectiveFrom: Date })[]
  /** What catalogAt returned, by the ids of the standards in force: the same object for the same answer. */
  views: Map<string, Catalog>
}

/** The catalogue, every table read whole: by prepared statements when there are some, else through Prisma. */
async function loadCatalog(db: Tx, fast?: FastReads): Promise<CatalogRows> {
  if (fast) return assembleCatalog(fast.catalogTables())
  const [
    jobs,
    paths,
    standards,
    standardDimensions,
    indicators,
    dimensions,
    courses,
    courseDimensions,
    quizCounts,
    departments,
    certificates,
    weights,
  ] = await Promise.all([
    db.job.findMany({ orderBy: [{ track: 'asc' }, { level: 'asc' }, { code: 'asc' }] }),
    db.promotionPath.findMany({ orderBy: { id: 'asc' } }),
    db.qualificationStandard.findMany({ orderBy: [{ jobId: 'asc' }, { version: 'desc' }] }),
    db.standardDimension.findMany({ orderBy: { id: 'asc' } }),
    db.indicator.findMany({ orderBy: { id: 'asc' } }),
    db.dimension.findMany({ orderBy: { id: 'asc' } }),
    db.course.findMany({ orderBy: { code: 'asc' } }),
    db.courseDimension.findMany(),
    db.quizQuestion.groupBy({ by: ['courseId'], _count: { _all: true } }),
    db.department.findMany({ orderBy: { id: 'asc' } }),
    db.certificate.findMany({ orderBy: { code: 'asc' } }),
    db.sourceWeight.findMany(),
  ])
  return assembleCatalog({
    jobs,
    paths,
    standards,
    standardDimensions,
    indicators,
    dimensions,
    courses,
    courseDimensions,
    quizCounts: quizCounts.map((q) => ({ courseId: q.courseId, count: q._count._all })),
    departments,
    certificates,
    weights,
  })
}

function assembleCatalog(t: CatalogTables): CatalogRows {
  const dimensionById = new Map(t.dimensions.map((d) => [d.id, { id: d.id, code: d.code, name: { zh: d.nameZh, en: d.nameEn } }]))
  const indicatorsOf = groupBy(t.indicators, (i) => i.standardDimensionId)
  const dimensionsOf = groupBy(t.standardDimensions, (d) => d.standardId)
  const courseDimensionsOf = groupBy(t.courseDimensions, (d) => d.courseId)
  const quizSize = new Map(t.quizCounts.map((q) => [q.courseId, q.count]))
  return {
    jobs: t.jobs.map(toJob),
    paths: t.paths.map((p) => ({ fromJobId: p.fromJobId, toJobId: p.toJobId })),
    standards: t.standards.map((s) => ({
      id: s.id,
      jobId: s.jobId,
      version: s.version,
      effectiveFrom: s.effectiveFrom,
      threshold: s.threshold,
      dimensions: (dimensionsOf.get(s.id) ?? []).map((d) => ({
        dimension: dimensionById.get(d.dimensionId)!,
        weight: d.weight,
        requiredAttainment: d.requiredAttainment,
        indicators: (indicatorsOf.get(d.id) ?? []).map(toIndicator),
      })),
    })),
    dimensions: [...dimensionById.values()],
    courses: t.courses.map((c) =>
      toCourse({ ...c, dimensions: courseDimensionsOf.get(c.id) ?? [], _count: { questions: quizSize.get(c.id) ?? 0 } }),
    ),
    departments: t.departments.map((d) => ({
      id: d.id,
      code: d.code,
      name: { zh: d.nameZh, en: d.nameEn },
      parentId: d.parentId,
    })),
    certificates: t.certificates.map((c) => ({ code: c.code, name: { zh: c.nameZh, en: c.nameEn } })),
    weights: toWeightTable(t.weights, new Map(t.jobs.map((j) => [j.code, j.id]))),
    views: new Map(),
  }
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const row of rows) {
    const k = key(row)
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
}

/** The catalogue as it stands at `at`: per job, the newest standard version already in force. */
function catalogAt(rows: CatalogRows, at: Date): Catalog {
  const inForce: CatalogRows['standards'] = []
  let lastJob: number | undefined
  for (const s of rows.standards) {
    if (s.jobId === lastJob || s.effectiveFrom > at) continue
    inForce.push(s)
    lastJob = s.jobId
  }
  const key = inForce.map((s) => s.id).join(',')
  let view = rows.views.get(key)
  if (!view) {
    const { views: _views, ...rest } = rows
    view = { ...rest, standards: inForce }
    // Bounded: one view per distinct set of standards in force, a handful over a catalogue's life.
    if (rows.views.size < 64 && Object.isFrozen(rows)) rows.views.set(key, Object.freeze(view))
  }
  return view
}
