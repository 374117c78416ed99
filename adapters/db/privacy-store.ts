// Personal data's lifecycle in SQL (core/features/privacy/ports.ts): erasing a
// person, the retention batches and reading the audit log. docs/privacy.md says,
// table by table, what erase deletes and what it anonymises, and why.

import type { AuditRecord, ErasureLine, PrivacyRepo, RetentionKind } from '../../core/features/privacy/index.js'
import { tombstone } from '../../core/features/privacy/index.js'
import { OPEN_ASSIGNMENT_STATUSES } from '../../core/kernel/domain/types.js'
import type { Db } from './client.js'
import type { Prisma } from './generated/client.js'
import { toEmployee } from './map.js'
import { forgetSteps } from './outbox-store.js'
import { providerOf, rawSql, type SqlValue } from './raw-sql.js'

type Tx = Db | Prisma.TransactionClient

/** Ids per `IN (…)`. */
const IN_CHUNK = 500
const OPEN_TRAININGS = OPEN_ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(', ')

/** ProcessedEvent.receivedAt is SQLite's CURRENT_TIMESTAMP text ("YYYY-MM-DD HH:MM:SS", UTC). */
const sqliteTimestamp = (d: Date): string => d.toISOString().replace('T', ' ').slice(0, 19)

/** ProcessedEvent has no id column: its rows are addressed by SQLite's rowid, PostgreSQL's ctid. */
const PRUNE_PROCESSED_EVENTS_PG = `DELETE FROM "ProcessedEvent" WHERE ctid IN (SELECT ctid FROM "ProcessedEvent" WHERE "receivedAt" < ? LIMIT ?)`

const PRUNE_SQL: Record<RetentionKind, string> = {
  processed_events: `DELETE FROM "ProcessedEvent" WHERE rowid IN (SELECT rowid FROM "ProcessedEvent" WHERE "receivedAt" < ? LIMIT ?)`,
  // Delivered or given up, never pending or sending; a broadcast's channel card stays (its
  // counter is updated through the platform reference kept there).
  delivered_outbox: `DELETE FROM "OutboxMessage" WHERE "id" IN (
    SELECT o."id" FROM "OutboxMessage" o
    WHERE o."status" IN ('sent', 'dead', 'expired') AND COALESCE(o."sentAt", o."createdAt") < ?
      AND NOT EXISTS (SELECT 1 FROM "Broadcast" b WHERE b."cardKey" = o."idempotencyKey")
    LIMIT ?)`,
  // The history of tasks that are closed or gone: the planner reads only open tasks' history.
  closed_reminder_logs: `DELETE FROM "ReminderLog" WHERE "id" IN (
    SELECT l."id" FROM "ReminderLog" l
    LEFT JOIN "TrainingAssignment" a ON l."taskKind" = 'training' AND a."id" = l."taskId"
    LEFT JOIN "EvaluationTask" t ON l."taskKind" = 'evaluation' AND t."id" = l."taskId"
    LEFT JOIN "DutyCheckIn" c ON l."taskKind" = 'checkin' AND c."id" = l."taskId"
    LEFT JOIN "CourseMaterial" m ON l."taskKind" = 'material' AND m."id" = l."taskId"
    WHERE l."at" < ? AND COALESCE(a."status", '') NOT IN (${OPEN_TRAININGS}) AND COALESCE(t."status", '') NOT IN ('open', 'overdue')
      AND COALESCE(c."status", '') <> 'open' AND NOT (m."id" IS NOT NULL AND m."providedAt" IS NULL)
    LIMIT ?)`,
  // The record of an erasure is kept: it proves the request was carried out, and names nobody.
  audit: `DELETE FROM "AuditLog" WHERE "id" IN (SELECT "id" FROM "AuditLog" WHERE "at" < ? AND "action" <> 'person.erase' LIMIT ?)`,
}

/** Keys in audit data that hold an employee id (or a list of them). */
const PERSON_KEYS = new Set([
  'employeeId',
  'employee',
  'learnerId',
  'subjectId',
  'raters',
  'approved',
  'rejected',
  'subjects',
  'assessorId',
])

/**
 * The audit data without the person: their id under a key that names a person becomes
 * null (or leaves its list), any text holding one of their strings becomes "erased".
 * Null when nothing changed.
 */
export function scrubAuditData(data: string, employeeId: number, strings: readonly string[]): string | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    return strings.some((s) => data.includes(s)) ? null : data
  }
  let changed = false
  const scrub = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'string') {
      if (strings.some((s) => value.includes(s))) {
        changed = true
        return 'erased'
      }
      return value
    }
    if (Array.isArray(value)) {
      if (key !== null && PERSON_KEYS.has(key) && value.includes(employeeId)) {
        changed = true
        return value.filter((v) => v !== employeeId).map((v) => scrub(v, null))
      }
      return value.map((v) => scrub(v, null))
    }
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, k)]))
    if (key !== null && PERSON_KEYS.has(key) && value === employeeId) {
      changed = true
      return null
    }
    return value
  }
  const result = JSON.stringify(scrub(parsed, null))
  return changed ? result : data
}

export function createPrivacyRepo(db: Tx): PrivacyRepo {
  const sql = rawSql(db)
  return {
    async namedIn(text) {
      const rows = await sql.query<{ id: number | bigint }>(
        `SELECT "id" FROM "Employee" WHERE "email" NOT LIKE 'erased-%@erased.invalid' AND (
          (length("name") >= 2 AND instr(?, "name") > 0)
          OR (length("nameEn") >= 3 AND instr(lower(?), lower("nameEn")) > 0)
          OR instr(lower(?), "email") > 0)
        ORDER BY "id" LIMIT 20`,
        [text, text, text],
      )
      if (rows.length === 0) return []
      return (await db.employee.findMany({ where: { id: { in: rows.map((r) => Number(r.id)) } }, orderBy: { id: 'asc' } })).map(toEmployee)
    },

    async erase({ employeeId: id }) {
      const person = await db.employee.findUnique({ where: { id }, include: { identities: true } })
      if (!person) return []
      const lines: ErasureLine[] = []
      const note = (table: string, action: ErasureLine['action'], rows: number) => {
        if (rows > 0) lines.push({ table, action, rows })
      }
      const ids = async (query: string, args: SqlValue[]): Promise<number[]> =>
        (await sql.query<{ id: number | bigint }>(query, args)).map((r) => Number(r.id))
      /** Runs `statement` (with `(?…)` for the ids) over the ids a chunk at a time; rows changed. */
      const eachChunk = async (list: readonly number[], statement: (marks: string) => string, extra: SqlValue[] = []): Promise<number> => {
        let n = 0
        for (let i = 0; i < list.length; i += IN_CHUNK) {
          const chunk = list.slice(i, i + IN_CHUNK)
          n += await sql.execute(statement(chunk.map(() => '?').join(', ')), [...extra, ...chunk])
        }
        return n
      }
      const externalIds = person.identities.map((i) => i.externalId)
      // The strings that identify them in free text: cards, event payloads, audit data.
      const strings = [
        person.email,
        ...(person.name.length >= 2 ? [person.name] : []),
        ...(person.nameEn && person.nameEn.length >= 3 ? [person.nameEn] : []),
        ...externalIds,
      ]

      // Tasks about them, or theirs alone, go; 360 requests they were to answer go with their tasks.
      const deletedTasks = await ids(
        `SELECT "id" FROM "EvaluationTask" WHERE "subjectId" = ? OR ("assigneeId" = ? AND ("subjectId" IS NULL OR "subjectId" = ?))
         UNION SELECT "taskId" AS "id" FROM "FeedbackRequest" WHERE "raterId" = ? AND "taskId" IS NOT NULL`,
        [id, id, id, id],
      )
      const trainings = await ids(`SELECT "id" FROM "TrainingAssignment" WHERE "employeeId" = ?`, [id])

      note('ReminderLog', 'deleted', await sql.execute(`DELETE FROM "ReminderLog" WHERE "recipientId" = ?`, [id]))
      note(
        'ReminderLog',
        'deleted',
        (await eachChunk(deletedTasks, (m) => `DELETE FROM "ReminderLog" WHERE "taskKind" = 'evaluation' AND "taskId" IN (${m})`)) +
          (await eachChunk(trainings, (m) => `DELETE FROM "ReminderLog" WHERE "taskKind" = 'training' AND "taskId" IN (${m})`)),
      )
      note(
        'ProgrammeTask',
        'deleted',
        (await sql.execute(`DELETE FROM "ProgrammeTask" WHERE "participantId" = ?`, [id])) +
          (await eachChunk(deletedTasks, (m) => `DELETE FROM "ProgrammeTask" WHERE "taskKind" = 'evaluation' AND "taskId" IN (${m})`)) +
          (await eachChunk(trainings, (m) => `DELETE FROM "ProgrammeTask" WHERE "taskKind" = 'training' AND "taskId" IN (${m})`)),
      )
      note('ProgrammeReflection', 'deleted', await sql.execute(`DELETE FROM "ProgrammeReflection" WHERE "employeeId" = ?`, [id]))
      note('ProgrammeParticipant', 'deleted', await sql.execute(`DELETE FROM "ProgrammeParticipant" WHERE "employeeId" = ?`, [id]))
      note('BroadcastRecipient', 'deleted', await sql.execute(`DELETE FROM "BroadcastRecipient" WHERE "employeeId" = ?`, [id]))
      note('QuizAttempt', 'deleted', await sql.execute(`DELETE FROM "QuizAttempt" WHERE "employeeId" = ?`, [id]))
      // Their recurring duty check-ins, and the reminders about them.
      note(
        'ReminderLog',
        'deleted',
        await sql.execute(
          `DELETE FROM "ReminderLog" WHERE "taskKind" = 'checkin' AND "taskId" IN (SELECT "id" FROM "DutyCheckIn" WHERE "employeeId" = ?)`,
          [id],
        ),
      )
      note('DutyCheckIn', 'deleted', await sql.execute(`DELETE FROM "DutyCheckIn" WHERE "employeeId" = ?`, [id]))
      // Their onboarding (hire date, welcome and plan progress); the plan's trainings go with the others.
      note('Onboarding', 'deleted', await sql.execute(`DELETE FROM "Onboarding" WHERE "employeeId" = ?`, [id]))
      // A material they were named to provide: the department (else HR) provides it now.
      note(
        'CourseMaterial',
        'anonymised',
        await sql.execute(`UPDATE "CourseMaterial" SET "providerEmployeeId" = NULL WHERE "providerEmployeeId" = ?`, [id]),
      )

      // 360: as a rater, the named requests go (their answers were never linked to them and stay
      // in the aggregates); as a subject, everything about them goes.
      note('FeedbackRequest', 'deleted', await sql.execute(`DELETE FROM "FeedbackRequest" WHERE "raterId" = ?`, [id]))
      note(
        'FeedbackRequest',
        'deleted',
        await sql.execute(
          `DELETE FROM "FeedbackRequest" WHERE "feedbackSubjectId" IN (SELECT "id" FROM "FeedbackSubject" WHERE "employeeId" = ?)`,
          [id],
        ),
      )
      note('FeedbackResponse', 'deleted', await sql.execute(`DELETE FROM "FeedbackResponse" WHERE "subjectId" = ?`, [id]))
      // Answers about them still sealed (not released yet): theirs too.
      note('SealedAnswer', 'deleted', await sql.execute(`DELETE FROM "SealedAnswer" WHERE "subjectId" = ?`, [id]))
      note('FeedbackSubject', 'deleted', await sql.execute(`DELETE FROM "FeedbackSubject" WHERE "employeeId" = ?`, [id]))
      note(
        'FeedbackSubject',
        'anonymised',
        await sql.execute(`UPDATE "FeedbackSubject" SET "managerId" = NULL WHERE "managerId" = ?`, [id]),
      )
      note(
        'FeedbackRequest',
        'anonymised',
        await sql.execute(`UPDATE "FeedbackRequest" SET "nominatedById" = NULL WHERE "nominatedById" = ?`, [id]),
      )
      note(
        'FeedbackCycle',
        'anonymised',
        await sql.execute(`UPDATE "FeedbackCycle" SET "createdById" = NULL WHERE "createdById" = ?`, [id]),
      )

      note('EvaluationTask', 'deleted', await eachChunk(deletedTasks, (m) => `DELETE FROM "EvaluationTask" WHERE "id" IN (${m})`))
      // Their open evaluations of others: nobody will do them now. Done ones stay (the tombstone did them).
      note(
        'EvaluationTask',
        'cancelled',
        await sql.execute(
          `UPDATE "EvaluationTask" SET "status" = 'cancelled', "snoozedUntil" = NULL WHERE "assigneeId" = ? AND "status" IN ('open', 'overdue')`,
          [id],
        ),
      )
      note('TrainingAssignment', 'deleted', await sql.execute(`DELETE FROM "TrainingAssignment" WHERE "employeeId" = ?`, [id]))
      note(
        'TrainingAssignment',
        'anonymised',
        await sql.execute(`UPDATE "TrainingAssignment" SET "assignedById" = NULL WHERE "assignedById" = ?`, [id]),
      )
      note('Assessment', 'deleted', await sql.execute(`DELETE FROM "Assessment" WHERE "employeeId" = ?`, [id]))
      // A manager's evaluations of others stay theirs (the others'), without the evaluator.
      note('Assessment', 'anonymised', await sql.execute(`UPDATE "Assessment" SET "assessorId" = NULL WHERE "assessorId" = ?`, [id]))
      note('Evidence', 'deleted', await sql.execute(`DELETE FROM "Evidence" WHERE "employeeId" = ?`, [id]))

      // Messages: those addressed to them go (undelivered ones are cancelled); those to others that
      // name them go too, an undelivered one with the reminder steps it carried (planned again, without them).
      const destinations = [person.email, ...externalIds]
      const marks = (list: readonly unknown[]) => list.map(() => '?').join(', ')
      const addressed = `"employeeId" = ? OR ("destKind" = 'user' AND "destId" IN (${marks(destinations)}))`
      const naming = [...strings.map(() => `instr("card", ?) > 0`), `instr("card", ?) > 0`].join(' OR ')
      const namingArgs = [...strings, `@${id}"`]
      const pendingNaming = await sql.query<{ idempotencyKey: string; employeeId: number | bigint | null }>(
        `SELECT "idempotencyKey", "employeeId" FROM "OutboxMessage" WHERE "status" IN ('pending', 'sending') AND NOT (${addressed}) AND (${naming})`,
        [id, ...destinations, ...namingArgs],
      )
      for (const m of pendingNaming) await forgetSteps(sql, m)
      note(
        'OutboxMessage',
        'cancelled',
        await sql.execute(`DELETE FROM "OutboxMessage" WHERE "status" IN ('pending', 'sending') AND ((${addressed}) OR (${naming}))`, [
          id,
          ...destinations,
          ...namingArgs,
        ]),
      )
      note(
        'OutboxMessage',
        'deleted',
        await sql.execute(`DELETE FROM "OutboxMessage" WHERE (${addressed}) OR (${naming})`, [id, ...destinations, ...namingArgs]),
      )
      note(
        'InboundEvent',
        'deleted',
        await sql.execute(`DELETE FROM "InboundEvent" WHERE ${strings.map(() => `instr("payload", ?) > 0`).join(' OR ')}`, strings),
      )

      // The audit trail keeps what happened, not who it happened to or who did it.
      const audited = new Set<number>()
      for (const r of await ids(`SELECT "id" FROM "AuditLog" WHERE "actorId" = ?`, [id])) audited.add(r)
      await sql.execute(`UPDATE "AuditLog" SET "actorId" = NULL, "actor" = 'erased' WHERE "actorId" = ?`, [id])
      const aboutThem = await ids(
        `SELECT "id" FROM "AuditLog" WHERE ("entity" = 'Employee' AND "entityId" = ? AND "action" <> 'person.erase')
         OR ("entity" = 'ChatIdentity' AND (${externalIds.length > 0 ? externalIds.map(() => `"entityId" LIKE '%:' || ?`).join(' OR ') : '0'}))`,
        [String(id), ...externalIds],
      )
      await eachChunk(aboutThem, (m) => `UPDATE "AuditLog" SET "entityId" = NULL WHERE "id" IN (${m})`)
      for (const r of aboutThem) audited.add(r)
      const withData = await sql.query<{ id: number | bigint; data: string }>(
        `SELECT "id", "data" FROM "AuditLog" WHERE "data" IS NOT NULL AND (instr("data", ?) > 0 ${strings.map(() => 'OR instr("data", ?) > 0').join(' ')})`,
        [String(id), ...strings],
      )
      for (const r of withData) {
        const scrubbed = scrubAuditData(r.data, id, strings)
        if (scrubbed === r.data) continue
        await sql.execute(`UPDATE "AuditLog" SET "data" = ? WHERE "id" = ?`, [scrubbed, Number(r.id)])
        audited.add(Number(r.id))
      }
      note('AuditLog', 'anonymised', audited.size)

      note('ChatIdentity', 'deleted', await sql.execute(`DELETE FROM "ChatIdentity" WHERE "employeeId" = ?`, [id]))
      const stone = tombstone(id)
      note(
        'Employee',
        'anonymised',
        await sql.execute(
          `UPDATE "Employee" SET "email" = ?, "name" = ?, "nameEn" = ?, "status" = 'inactive', "roles" = 'employee', "locale" = 'zh-CN',
           "timeZone" = 'Asia/Shanghai', "departmentId" = NULL, "jobId" = NULL, "managerId" = NULL, "hireDate" = NULL WHERE "id" = ?`,
          [stone.email, stone.name, stone.nameEn, id],
        ),
      )
      return lines
    },

    async pruneBatch({ kind, before, limit }) {
      if (kind === 'processed_events' && providerOf(db) !== 'sqlite') return sql.execute(PRUNE_PROCESSED_EVENTS_PG, [before, limit])
      return sql.execute(PRUNE_SQL[kind], [kind === 'processed_events' ? sqliteTimestamp(before) : before, limit])
    },

    async auditEntries({ employeeId, since, actionPrefix, limit }) {
      const rows = await db.auditLog.findMany({
        where: {
          ...(employeeId !== undefined ? { OR: [{ actorId: employeeId }, { entity: 'Employee', entityId: String(employeeId) }] } : {}),
          ...(since ? { at: { gte: since } } : {}),
          ...(actionPrefix ? { action: { startsWith: actionPrefix } } : {}),
        },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: limit,
      })
      return rows.map((r): AuditRecord => ({ ...r }))
    },
  }
}
