// The reminder engine's repositories (core/features/*/ports.ts) in Prisma; the
// Prisma store (store.ts) includes them, so they share its transactions.

import type { LadderStore } from '../../core/app/store.js'
import type { BroadcastRecord, BroadcastRepo } from '../../core/features/broadcasts/index.js'
import type { Sealer } from '../../core/features/feedback/index.js'
import type { ProgrammeRecord, ProgrammeRepo, StageKind, StageStatus } from '../../core/features/programmes/index.js'
import type { ReminderRepo, SweepSnapshot, TaskKind } from '../../core/features/tasks/index.js'
import type { AssignmentStatus, Employee } from '../../core/kernel/domain/types.js'
import { OPEN_ASSIGNMENT_STATUSES } from '../../core/kernel/domain/types.js'
import { kept } from '../../core/kernel/kept.js'
import type { ChatPlatform } from '../../core/kernel/messaging.js'
import type { ChatAddress } from '../../core/kernel/ports.js'
import type { Db } from './client.js'
import { createFeedbackStore } from './feedback-store.js'
import type { Broadcast as BroadcastRow } from './generated/client.js'
import { Prisma } from './generated/client.js'
import { toAssignment, toEmployee, toEvaluation } from './map.js'
import { type Alone, aloneFor, createLeaseRepo, createOutboxRepo, forgetSteps } from './outbox-store.js'
import { dateOf, nullIfTaken, rawSql, type SqlValue, sizesOf } from './raw-sql.js'

type Tx = Db | Prisma.TransactionClient

/** SQLite caps bound variables per statement; id lists are chunked. */
const CHUNK = 900

async function inChunks<T, R>(items: readonly T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await load(items.slice(i, i + CHUNK))))
  return out
}

/** The repositories beyond the kernel's: reminders, outbox, leases, broadcasts, programmes, 360 feedback. */
export function reminderRepos(
  db: Tx,
  isRoot: boolean,
  sealer?: Sealer,
): Pick<LadderStore, 'outbox' | 'leases' | 'reminders' | 'broadcasts' | 'programmes' | 'feedback'> {
  const alone = aloneFor(db, isRoot)
  return {
    outbox: createOutboxRepo(db, alone),
    leases: createLeaseRepo(alone),
    reminders: createReminderRepo(db, alone),
    broadcasts: createBroadcastRepo(db),
    programmes: createProgrammeRepo(db),
    feedback: createFeedbackStore(db, isRoot, sealer),
  }
}

const OPEN_TRAINING_LIST = OPEN_ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(', ')

/**
 * One keyset page per part of the sweep's snapshot: the same rows and order as snapshot(), read straight
 * from the driver, as arrays (SCAN_ROW reads them by position: the select lists name their columns). Each
 * page walks the primary key from the cursor. COALESCE(status, '') keeps SQLite off the (status, dueAt)
 * index, which would sort every open task again for each page (1.8 s instead of 0.2 s for 30,000
 * trainings); it is plain SQL on PostgreSQL too.
 */
const columns = (table: string, names: readonly string[]): string => names.map((n) => `${table}."${n}"`).join(', ')
const EMPLOYEE_COLUMNS = 'id email name nameEn locale timeZone departmentId jobId managerId hireDate roles status'.split(' ')
const EMPLOYEE_SQL = `SELECT ${columns('"Employee"', EMPLOYEE_COLUMNS)} FROM "Employee"`
const TRAINING_COLUMNS =
  'id employeeId courseId status source assignedById reportedAt verifiedBy assignedAt dueAt completedAt score snoozedUntil'.split(' ')
const EVALUATION_COLUMNS = 'id kind assigneeId subjectId dimensionId status createdAt dueAt completedAt snoozedUntil'.split(' ')
const SCAN_SQL: Record<keyof SweepSnapshot, string> = {
  employees: `${EMPLOYEE_SQL} WHERE "id" > ? ORDER BY "id" LIMIT ?`,
  trainings: `SELECT ${columns('a', TRAINING_COLUMNS)} FROM "TrainingAssignment" a JOIN "Employee" e ON e."id" = a."employeeId"
    WHERE a."id" > ? AND COALESCE(a."status", '') IN (${OPEN_TRAINING_LIST}) AND e."status" = 'active' ORDER BY a."id" LIMIT ?`,
  evaluations: `SELECT ${columns('t', EVALUATION_COLUMNS)} FROM "EvaluationTask" t JOIN "Employee" e ON e."id" = t."assigneeId"
    WHERE t."id" > ? AND COALESCE(t."status", '') IN ('open', 'overdue') AND e."status" = 'active' ORDER BY t."id" LIMIT ?`,
  // Only the history of open tasks (trainings, evaluations, duty check-ins, missing course
  // materials): closed ones are never planned again. ReminderLog is read by its primary key
  // a page at a time, each task through its own; no index by task is kept (schema.prisma).
  history: `SELECT l."id", l."taskKind", l."taskId", l."step", l."recipientId" FROM "ReminderLog" l
    LEFT JOIN "TrainingAssignment" a ON l."taskKind" = 'training' AND a."id" = l."taskId"
    LEFT JOIN "EvaluationTask" t ON l."taskKind" = 'evaluation' AND t."id" = l."taskId"
    LEFT JOIN "DutyCheckIn" c ON l."taskKind" = 'checkin' AND c."id" = l."taskId"
    LEFT JOIN "CourseMaterial" m ON l."taskKind" = 'material' AND m."id" = l."taskId"
    WHERE l."id" > ? AND (a."status" IN (${OPEN_TRAINING_LIST}) OR t."status" IN ('open', 'overdue') OR c."status" = 'open'
      OR (m."id" IS NOT NULL AND m."providedAt" IS NULL))
    ORDER BY l."id" LIMIT ?`,
}

type RawRow = Record<string, unknown>
/** A row as the driver's arrays bring it, its values in the select list's order. */
type ScanRow = readonly unknown[]
const num = (v: unknown): number => Number(v)
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

/**
 * One instance per distinct value read by the scans: a company's rows repeat the same few
 * statuses, kinds, zones and steps, and many share an instant (an import's or a broadcast's
 * assignment time, a common deadline), yet each row from the driver brings its own copies. A
 * sweep keeps an owed task's row until its card is rendered: at the end of a 10,000-person
 * catch-up's planning 118,000 Dates (96 bytes each) and 211,000 strings were live, most of them
 * copies. Ladder never mutates a Date. Up to 4,096 values kept per kind, then started afresh.
 */
const sharedText = kept((text: string) => text)
const sharedInstant = kept((text: string) => new Date(text))
const text = (v: unknown): string => sharedText(String(v))
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : text(v))
// DateTimes as the driver returns them: shared when text (SQLite), as they come when a Date (PostgreSQL).
const instant = (v: unknown): Date => (v instanceof Date ? v : sharedInstant(String(v)))
const instantOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : instant(v))

/** Each part's row, by position in its select list (SCAN_SQL). */
const SCAN_ROW: { [K in keyof SweepSnapshot]: (r: ScanRow) => SweepSnapshot[K][number] } = {
  employees: (r) =>
    toEmployee({
      id: num(r[0]),
      email: String(r[1]),
      name: String(r[2]),
      nameEn: strOrNull(r[3]),
      locale: text(r[4]),
      timeZone: text(r[5]),
      departmentId: numOrNull(r[6]),
      jobId: numOrNull(r[7]),
      managerId: numOrNull(r[8]),
      hireDate: instantOrNull(r[9]),
      roles: text(r[10]),
      status: text(r[11]),
    }),
  trainings: (r) =>
    toAssignment({
      id: num(r[0]),
      employeeId: num(r[1]),
      courseId: num(r[2]),
      status: text(r[3]),
      source: text(r[4]),
      assignedById: numOrNull(r[5]),
      reportedAt: instantOrNull(r[6]),
      verifiedBy: textOrNull(r[7]),
      assignedAt: instant(r[8]),
      dueAt: instantOrNull(r[9]),
      completedAt: instantOrNull(r[10]),
      score: numOrNull(r[11]),
      snoozedUntil: instantOrNull(r[12]),
    }),
  evaluations: (r) =>
    toEvaluation({
      id: num(r[0]),
      kind: text(r[1]),
      assigneeId: num(r[2]),
      subjectId: numOrNull(r[3]),
      dimensionId: numOrNull(r[4]),
      status: text(r[5]),
      createdAt: instant(r[6]),
      dueAt: instantOrNull(r[7]),
      completedAt: instantOrNull(r[8]),
      snoozedUntil: instantOrNull(r[9]),
    }),
  history: (r) => ({ taskKind: text(r[1]) as TaskKind, taskId: num(r[2]), step: text(r[3]), recipientId: num(r[4]) }),
}

/** A page of active employees, straight from the driver (store.ts's employees.activeAfter). */
export async function activeEmployeesAfter(db: Tx, afterId: number, limit: number): Promise<Employee[]> {
  const rows = await rawSql(db).rows(`${EMPLOYEE_SQL} WHERE "id" > ? AND "status" = 'active' ORDER BY "id" LIMIT ?`, [afterId, limit])
  return rows.map(SCAN_ROW.employees)
}

/** A LIMIT that reads a whole part of the snapshot in one page (SQLite and PostgreSQL both take it). */
const ALL_ROWS = 2 ** 31 - 1
/** ReminderLog rows per INSERT: 6 bound values each. */
const LOG_ROWS_PER_STATEMENT = 512
/** Ids per `IN (…)` of addresses. */
const BY_IDS_CHUNK = 512

/**
 * Dead reminders that may be planned again (ReminderRepo.replanDead): a passing cause, the
 * platform delivered something since, and ReminderLog steps to give back.
 */
const RECOVERABLE_DEAD_SQL = `SELECT d."id", d."idempotencyKey", d."employeeId" FROM "OutboxMessage" d
  WHERE d."status" = 'dead' AND COALESCE(d."lastError", '') NOT LIKE 'permanent:%'
    AND EXISTS (SELECT 1 FROM "OutboxMessage" s WHERE s."status" = 'sent' AND s."platform" = d."platform"
                AND s."sentAt" > COALESCE(d."deadAt", d."createdAt"))
    AND EXISTS (SELECT 1 FROM "ReminderLog" l WHERE l."recipientId" = d."employeeId" AND l."outboxKey" = d."idempotencyKey")
  ORDER BY d."id" LIMIT 500`

function createReminderRepo(db: Tx, alone: Alone): ReminderRepo {
  const sql = rawSql(db)
  return {
    async settle() {
      await sql.checkpoint()
    },
    async scan(part, cursor, limit) {
      const rows = await sql.rows(SCAN_SQL[part], [cursor, limit])
      const map = SCAN_ROW[part] as (r: ScanRow) => never
      return {
        rows: rows.map(map) as never,
        // Every part's first column is its id.
        next: rows.length < limit ? null : num(rows[rows.length - 1]![0]),
      }
    },

    async snapshot() {
      const [employees, trainings, evaluations, history] = await Promise.all([
        db.employee.findMany({ orderBy: { id: 'asc' } }),
        db.trainingAssignment.findMany({
          where: { status: { in: [...OPEN_ASSIGNMENT_STATUSES] }, employee: { status: 'active' } },
          orderBy: { id: 'asc' },
        }),
        db.evaluationTask.findMany({
          where: { status: { in: ['open', 'overdue'] }, assignee: { status: 'active' } },
          orderBy: { id: 'asc' },
        }),
        // Only the history of open tasks, as the sweep's pages read it, in one page.
        sql.rows(SCAN_SQL.history, [0, ALL_ROWS]),
      ])
      return {
        employees: employees.map(toEmployee),
        trainings: trainings.map(toAssignment),
        evaluations: evaluations.map(toEvaluation),
        history: history.map(SCAN_ROW.history),
      }
    },

    async addresses(employeeIds) {
      // Straight to the driver, like the sweep's pages: once per batch of digests, and through Prisma each
      // list length would be a query shape of its own for its compiler (a stall on the first of each).
      const ids = [...new Set(employeeIds)]
      const result = new Map<number, ChatAddress[]>()
      let i = 0
      for (const size of sizesOf(ids.length, BY_IDS_CHUNK)) {
        const chunk = ids.slice(i, i + size)
        i += size
        const rows = await sql.query<RawRow>(
          `SELECT "employeeId", "platform", "tenant", "externalId", "linkedAt" FROM "ChatIdentity"
           WHERE "employeeId" IN (${chunk.map(() => '?').join(', ')}) ORDER BY "employeeId", "id"`,
          chunk,
        )
        for (const r of rows) {
          const employeeId = num(r.employeeId)
          const list = result.get(employeeId) ?? []
          list.push({
            platform: r.platform as ChatPlatform,
            tenant: String(r.tenant),
            externalId: String(r.externalId),
            linkedAt: dateOf(r.linkedAt),
          })
          result.set(employeeId, list)
        }
      }
      return result
    },

    async linkedEmployees(platform, tenant, externalIds) {
      const rows = await inChunks([...new Set(externalIds)], (chunk) =>
        db.chatIdentity.findMany({
          where: { platform, tenant, externalId: { in: chunk }, employee: { status: 'active' } },
          include: { employee: true },
        }),
      )
      return new Map(rows.map((r) => [r.externalId, toEmployee(r.employee)]))
    },

    async record(steps) {
      let inserted = 0
      let i = 0
      for (const size of sizesOf(steps.length, LOG_ROWS_PER_STATEMENT)) {
        const chunk = steps.slice(i, i + size)
        i += size
        const args: SqlValue[] = []
        for (const s of chunk) args.push(s.taskKind, s.taskId, s.step, s.recipientId, s.at, s.outboxKey)
        inserted += await sql.execute(
          `INSERT INTO "ReminderLog" ("taskKind", "taskId", "step", "recipientId", "at", "outboxKey") VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          args,
        )
      }
      return inserted
    },

    async replanDead() {
      let total = 0
      for (;;) {
        const given = await alone(async (q) => {
          const tx = rawSql(q)
          const rows = await tx.query<{ id: number | bigint; idempotencyKey: string; employeeId: number | bigint }>(RECOVERABLE_DEAD_SQL)
          for (const r of rows) {
            await forgetSteps(tx, r)
            // Its key is the new digest's (same person, day and steps): this row gives it up.
            await tx.execute(
              `UPDATE "OutboxMessage" SET "status" = 'expired', "idempotencyKey" = ?, "lastError" = 'planned again after: ' || COALESCE("lastError", '')
               WHERE "id" = ? AND "status" = 'dead'`,
              [`${r.idempotencyKey}#dead${Number(r.id)}`, Number(r.id)],
            )
          }
          return rows.length
        })
        total += given
        if (given < 500) return total
      }
    },
  }
}

const toBroadcast = (b: BroadcastRow): BroadcastRecord => ({ ...b, platform: b.platform as ChatPlatform })

function createBroadcastRepo(db: Tx): BroadcastRepo {
  return {
    async byId(id) {
      const b = await db.broadcast.findUnique({ where: { id } })
      return b ? toBroadcast(b) : null
    },
    async byCardKey(cardKey) {
      const b = await db.broadcast.findFirst({ where: { cardKey } })
      return b ? toBroadcast(b) : null
    },
    async recent(limit) {
      return (await db.broadcast.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit })).map(toBroadcast)
    },
    async create(input) {
      // cardKey is the only unique column a caller supplies: null when another run created this broadcast meanwhile.
      const made = await nullIfTaken(db, () => db.broadcast.create({ data: input }))
      return made && toBroadcast(made)
    },
    async addRecipients(broadcastId, rows) {
      for (let i = 0; i < rows.length; i += 500) {
        const values = rows.slice(i, i + 500).map((r) => Prisma.sql`(${broadcastId}, ${r.employeeId}, ${r.assignmentId})`)
        await db.$executeRaw`INSERT INTO "BroadcastRecipient" ("broadcastId", "employeeId", "assignmentId") VALUES ${Prisma.join(values)}
          ON CONFLICT ("broadcastId", "employeeId") DO NOTHING`
      }
    },
    async progress(broadcastId) {
      const rows = await db.$queryRaw<{ employeeId: number | bigint; assignmentId: number | bigint; status: string }[]>`
        SELECT r."employeeId", r."assignmentId", a."status" FROM "BroadcastRecipient" r
        JOIN "TrainingAssignment" a ON a."id" = r."assignmentId"
        WHERE r."broadcastId" = ${broadcastId} ORDER BY r."employeeId"`
      return rows.map((r) => ({
        employeeId: Number(r.employeeId),
        assignmentId: Number(r.assignmentId),
        status: r.status as AssignmentStatus,
      }))
    },
    async counters(since) {
      const rows = await db.$queryRaw<
        {
          id: number | bigint
          total: number | bigint
          done: number | bigint | null
          refChannelId: string | null
          refMessageId: string | null
        }[]
      >`
        SELECT b."id", COUNT(r."employeeId") AS "total", SUM(CASE WHEN a."status" = 'completed' THEN 1 ELSE 0 END) AS "done", o."refChannelId", o."refMessageId"
        FROM "Broadcast" b
        LEFT JOIN "BroadcastRecipient" r ON r."broadcastId" = b."id"
        LEFT JOIN "TrainingAssignment" a ON a."id" = r."assignmentId"
        LEFT JOIN "OutboxMessage" o ON o."idempotencyKey" = b."cardKey"
        WHERE b."createdAt" >= ${since}
        GROUP BY b."id", o."refChannelId", o."refMessageId"`
      if (rows.length === 0) return []
      const broadcasts = new Map(
        (await db.broadcast.findMany({ where: { id: { in: rows.map((r) => Number(r.id)) } } })).map((b) => [b.id, toBroadcast(b)]),
      )
      return rows.flatMap((r) => {
        const broadcast = broadcasts.get(Number(r.id))
        if (!broadcast) return []
        const ref = r.refChannelId && r.refMessageId ? { channelId: r.refChannelId, messageId: r.refMessageId } : null
        return [{ broadcast, total: Number(r.total), done: Number(r.done ?? 0), ref }]
      })
    },
    async markShown({ id, expected, shown, at, total }) {
      const changed = await db.broadcast.updateMany({
        where: { id, shownDone: expected, ...(total ? { shownTotal: total.expected } : {}) },
        data: { shownDone: shown, counterUpdatedAt: at, ...(total ? { shownTotal: total.shown } : {}) },
      })
      return changed.count === 1
    },
  }
}

type ProgrammeRow = Prisma.ProgrammeGetPayload<{ include: { stages: true; participants: true } }>

const toProgramme = (p: ProgrammeRow): ProgrammeRecord => ({
  id: p.id,
  code: p.code,
  name: { zh: p.nameZh, en: p.nameEn },
  template: p.template,
  status: p.status === 'completed' ? 'completed' : 'active',
  startedAt: p.startedAt,
  createdById: p.createdById,
  stages: [...p.stages]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ ...s, kind: s.kind as StageKind, status: s.status as StageStatus })),
  participantIds: p.participants.map((x) => x.employeeId).sort((a, b) => a - b),
})

const WITH_STAGES = { stages: true, participants: true } as const

function createProgrammeRepo(db: Tx): ProgrammeRepo {
  return {
    async create(input) {
      const created = await db.programme.create({
        data: {
          code: input.code,
          nameZh: input.name.zh,
          nameEn: input.name.en,
          template: input.template,
          startedAt: input.startedAt,
          createdById: input.createdById,
          stages: { create: input.stages.map((s) => ({ ...s })) },
          participants: { create: input.participantIds.map((employeeId) => ({ employeeId })) },
        },
        include: WITH_STAGES,
      })
      return toProgramme(created)
    },
    async byId(id) {
      const p = await db.programme.findUnique({ where: { id }, include: WITH_STAGES })
      return p ? toProgramme(p) : null
    },
    async list(status) {
      return (await db.programme.findMany({ where: status ? { status } : {}, include: WITH_STAGES, orderBy: { id: 'asc' } })).map(
        toProgramme,
      )
    },
    async activateStage({ stageId, startedAt, dueAt }) {
      return (
        (await db.programmeStage.updateMany({ where: { id: stageId, status: 'pending' }, data: { status: 'active', startedAt, dueAt } }))
          .count === 1
      )
    },
    async completeStage({ stageId, at }) {
      return (
        (await db.programmeStage.updateMany({ where: { id: stageId, status: 'active' }, data: { status: 'completed', completedAt: at } }))
          .count === 1
      )
    },
    async completeProgramme(id) {
      await db.programme.updateMany({ where: { id, status: 'active' }, data: { status: 'completed' } })
    },
    async createEvaluationTask({ kind, assigneeId, subjectId, dueAt, now }) {
      return toEvaluation(await db.evaluationTask.create({ data: { kind, assigneeId, subjectId, dueAt, createdAt: now, status: 'open' } }))
    },
    async linkTasks(rows) {
      if (rows.length === 0) return
      await db.programmeTask.createMany({ data: rows.map((r) => ({ ...r })) })
    },
    async stageTasks(stageIds) {
      if (stageIds.length === 0) return []
      const ids = Prisma.join([...stageIds])
      const rows = await db.$queryRaw<
        { stageId: number | bigint; participantId: number | bigint; taskKind: string; taskId: number | bigint; status: string | null }[]
      >`
        SELECT p."stageId", p."participantId", p."taskKind", p."taskId", COALESCE(a."status", t."status") AS "status"
        FROM "ProgrammeTask" p
        LEFT JOIN "TrainingAssignment" a ON p."taskKind" = 'training' AND a."id" = p."taskId"
        LEFT JOIN "EvaluationTask" t ON p."taskKind" = 'evaluation' AND t."id" = p."taskId"
        WHERE p."stageId" IN (${ids}) ORDER BY p."id"`
      // A task deleted since (its person left) no longer holds its stage up.
      return rows.map((r) => ({
        stageId: Number(r.stageId),
        participantId: Number(r.participantId),
        taskKind: r.taskKind as TaskKind,
        taskId: Number(r.taskId),
        status: r.status ?? 'cancelled',
      }))
    },
    async saveReflection({ taskId, employeeId, text, submittedAt }) {
      await db.programmeReflection.upsert({
        where: { taskId },
        create: { taskId, employeeId, text, submittedAt },
        update: { text, submittedAt },
      })
    },
    async reflections(taskIds) {
      if (taskIds.length === 0) return []
      return db.programmeReflection.findMany({ where: { taskId: { in: [...taskIds] } }, orderBy: { taskId: 'asc' } })
    },
  }
}
