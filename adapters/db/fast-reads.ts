// The statements every question runs, on their own better-sqlite3 connection
// with prepared statements. Through Prisma each of them — raw SQL included —
// is compiled by its query compiler first, ~0.5–2 ms on this 2-core machine, far
// more than SQLite needs to run it; a question runs six to nine of them. Reads
// only see committed data (WAL), which is what a question outside a transaction
// sees anyway; the one write (the event dedupe) never waits synchronously for a
// lock. Lists of ids travel as one JSON parameter (json_each), so one prepared
// statement serves any number of people; PostgreSQL has `= ANY($1)` for the same.
import type * as P from './generated/client.js'
import { openSideConnection } from './sqlite-driver.js'

/** Text columns Prisma stores DateTime in, per table: turned back into Dates as Prisma would. */
const DATES = {
  Employee: ['hireDate'],
  Assessment: ['assessedAt'],
  Evidence: ['obtainedAt'],
  TrainingAssignment: ['assignedAt', 'dueAt', 'completedAt', 'snoozedUntil', 'reportedAt'],
  EvaluationTask: ['createdAt', 'dueAt', 'completedAt', 'snoozedUntil'],
} as const

type Table = keyof typeof DATES

function withDates<T>(table: Table, rows: unknown[]): T[] {
  for (const row of rows as Record<string, unknown>[])
    for (const column of DATES[table]) {
      const value = row[column]
      if (typeof value === 'string' || typeof value === 'number') row[column] = new Date(value)
    }
  return rows as T[]
}

/** How Prisma writes a DateTime into SQLite text, so comparisons in SQL agree with its own. */
const sqliteDate = (date: Date) => date.toISOString().replace('Z', '+00:00')

export type FastReads = ReturnType<typeof openFastReads>

/** Every table the catalogue is built from, whole, in the order it is shown in. */
export interface CatalogTables {
  jobs: P.Job[]
  paths: P.PromotionPath[]
  /** Newest version first per job. */
  standards: P.QualificationStandard[]
  standardDimensions: P.StandardDimension[]
  indicators: P.Indicator[]
  dimensions: P.Dimension[]
  courses: P.Course[]
  courseDimensions: P.CourseDimension[]
  quizCounts: { courseId: number; count: number }[]
  departments: P.Department[]
  certificates: P.Certificate[]
  weights: P.SourceWeight[]
}

export function openFastReads(path: string) {
  const db = openSideConnection(path)
  const ids = (list: readonly number[]) => JSON.stringify(list)
  const statements = {
    stamps: db.prepare(`SELECT "name", "version" FROM "CacheStamp"`),
    processed: db.prepare(`INSERT INTO "ProcessedEvent" ("platform", "eventId") VALUES (?, ?) ON CONFLICT DO NOTHING`),
    byEmail: db.prepare(`SELECT * FROM "Employee" WHERE "email" = ?`),
    byId: db.prepare(`SELECT * FROM "Employee" WHERE "id" = ?`),
    byIdentity: db.prepare(`SELECT "e".* FROM "ChatIdentity" "i" JOIN "Employee" "e" ON "e"."id" = "i"."employeeId"
      WHERE "i"."platform" = ? AND "i"."tenant" = ? AND "i"."externalId" = ?`),
    namedIn: db.prepare(`SELECT * FROM "Employee" WHERE "status" = 'active' AND (
        (length("name") >= 2 AND instr(@text, "name") > 0)
        OR (length("nameEn") >= 3 AND instr(lower(@text), lower("nameEn")) > 0)
        OR instr(lower(@text), "email") > 0)
      ORDER BY "id" LIMIT 50`),
    reportsOf: db.prepare(`SELECT * FROM "Employee" WHERE "managerId" IN (SELECT value FROM json_each(?)) ORDER BY "id"`),
    directory: db.prepare(`SELECT "id", "name", "nameEn", "email" FROM "Employee" ORDER BY "id"`),
    assessments: db.prepare(
      `SELECT * FROM "Assessment" WHERE "employeeId" IN (SELECT value FROM json_each(?)) ORDER BY "assessedAt", "id"`,
    ),
    evidence: db.prepare(`SELECT * FROM "Evidence" WHERE "employeeId" IN (SELECT value FROM json_each(?)) ORDER BY "id"`),
    assignments: db.prepare(`SELECT * FROM "TrainingAssignment" WHERE "employeeId" IN (SELECT value FROM json_each(?)) ORDER BY "id"`),
    // Nulls first, as Prisma orders them on SQLite.
    openEvaluations: db.prepare(`SELECT * FROM "EvaluationTask" WHERE "assigneeId" = ? AND "status" IN ('open', 'overdue')
      ORDER BY "dueAt" IS NOT NULL, "dueAt", "id"`),
    overdueTrainings: db.prepare(`SELECT "employeeId" FROM "TrainingAssignment"
      WHERE "employeeId" IN (SELECT value FROM json_each(?)) AND "status" IN (SELECT value FROM json_each(?)) AND "dueAt" < ?`),
    catalog: {
      jobs: db.prepare(`SELECT * FROM "Job" ORDER BY "track", "level", "code"`),
      paths: db.prepare(`SELECT * FROM "PromotionPath" ORDER BY "id"`),
      standards: db.prepare(`SELECT * FROM "QualificationStandard" ORDER BY "jobId", "version" DESC`),
      standardDimensions: db.prepare(`SELECT * FROM "StandardDimension" ORDER BY "id"`),
      indicators: db.prepare(`SELECT * FROM "Indicator" ORDER BY "id"`),
      dimensions: db.prepare(`SELECT * FROM "Dimension" ORDER BY "id"`),
      courses: db.prepare(`SELECT * FROM "Course" ORDER BY "code"`),
      courseDimensions: db.prepare(`SELECT * FROM "CourseDimension"`),
      quizCounts: db.prepare(`SELECT "courseId", count(*) AS "count" FROM "QuizQuestion" GROUP BY "courseId"`),
      departments: db.prepare(`SELECT * FROM "Department" ORDER BY "id"`),
      certificates: db.prepare(`SELECT * FROM "Certificate" ORDER BY "code"`),
      weights: db.prepare(`SELECT * FROM "SourceWeight"`),
    },
    overdueEvaluations: db.prepare(`SELECT "assigneeId" FROM "EvaluationTask"
      WHERE "assigneeId" IN (SELECT value FROM json_each(?)) AND "status" IN ('open', 'overdue') AND "dueAt" < ?`),
  }
  return {
    stamps: () => statements.stamps.all() as { name: string; version: number }[],
    /** False when the event was already there; throws SQLITE_BUSY while another writer holds the lock. */
    markProcessed: (platform: string, eventId: string) => statements.processed.run(platform, eventId).changes === 1,
    byEmail: (email: string) => withDates<P.Employee>('Employee', statements.byEmail.all(email))[0] ?? null,
    byId: (id: number) => withDates<P.Employee>('Employee', statements.byId.all(id))[0] ?? null,
    byIdentity: (platform: string, tenant: string, externalId: string) =>
      withDates<P.Employee>('Employee', statements.byIdentity.all(platform, tenant, externalId))[0] ?? null,
    namedIn: (text: string) => withDates<P.Employee>('Employee', statements.namedIn.all({ text })),
    directory: () => statements.directory.all() as { id: number; name: string; nameEn: string | null; email: string }[],
    reportsOf: (managerIds: readonly number[]) => withDates<P.Employee>('Employee', statements.reportsOf.all(ids(managerIds))),
    assessments: (employeeIds: readonly number[]) => withDates<P.Assessment>('Assessment', statements.assessments.all(ids(employeeIds))),
    evidence: (employeeIds: readonly number[]) => withDates<P.Evidence>('Evidence', statements.evidence.all(ids(employeeIds))),
    assignments: (employeeIds: readonly number[]) =>
      withDates<P.TrainingAssignment>('TrainingAssignment', statements.assignments.all(ids(employeeIds))),
    openEvaluations: (assigneeId: number) => withDates<P.EvaluationTask>('EvaluationTask', statements.openEvaluations.all(assigneeId)),
    overdueTrainings: (employeeIds: readonly number[], statuses: readonly string[], now: Date) =>
      statements.overdueTrainings.all(ids(employeeIds), JSON.stringify(statuses), sqliteDate(now)) as { employeeId: number }[],
    overdueEvaluations: (employeeIds: readonly number[], now: Date) =>
      statements.overdueEvaluations.all(ids(employeeIds), sqliteDate(now)) as { assigneeId: number }[],
    /** One read transaction, so the tables agree with each other. */
    catalogTables: db.transaction((): CatalogTables => {
      const all = <T>(name: keyof typeof statements.catalog) => statements.catalog[name].all() as T[]
      const standards = all<P.QualificationStandard & { effectiveFrom: string | Date }>('standards')
      for (const s of standards) s.effectiveFrom = new Date(s.effectiveFrom)
      return {
        jobs: all('jobs'),
        paths: all('paths'),
        standards,
        standardDimensions: all('standardDimensions'),
        indicators: all('indicators'),
        dimensions: all('dimensions'),
        courses: all('courses'),
        courseDimensions: all('courseDimensions'),
        quizCounts: all('quizCounts'),
        departments: all('departments'),
        certificates: all('certificates'),
        weights: all('weights'),
      }
    }),
    close: () => db.close(),
  }
}
