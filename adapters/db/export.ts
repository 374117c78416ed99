// `ladder export`: every entity in the import formats, sorted by natural key, so
// export → import into an empty database → export gives the same bytes.
import { stringify } from 'csv-stringify/sync'
import { csvCell } from '../../core/kernel/csv-cell.js'
import type { Db } from './client.js'
import { formatIsoDate } from './import/dates.js'
import { COLUMNS, ENTITIES, type Entity, LIST_COLUMNS } from './import/entities.js'
import { answerLetter } from './import/schemas.js'

export type ExportFormat = 'csv' | 'json'
type Cell = string | number | string[] | null
type ExportRow = Record<string, Cell>

const date = (d: Date | null): string | null => (d === null ? null : formatIsoDate(d))

/** Code-unit order: the same on every machine, unlike localeCompare. */
function byKeys<T>(keys: (item: T) => (string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    const ka = keys(a)
    const kb = keys(b)
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < kb[i]!) return -1
      if (ka[i]! > kb[i]!) return 1
    }
    return 0
  }
}

const LOADERS: Record<Entity, (db: Db) => Promise<ExportRow[]>> = {
  async departments(db) {
    const rows = await db.department.findMany({ include: { parent: true }, orderBy: { code: 'asc' } })
    return rows.map((d) => ({ code: d.code, name_zh: d.nameZh, name_en: d.nameEn, parent_code: d.parent?.code ?? null }))
  },
  async dimensions(db) {
    const rows = await db.dimension.findMany({ orderBy: { code: 'asc' } })
    return rows.map((d) => ({ code: d.code, name_zh: d.nameZh, name_en: d.nameEn }))
  },
  async jobs(db) {
    const rows = await db.job.findMany({ orderBy: { code: 'asc' } })
    return rows.map((j) => ({ code: j.code, title_zh: j.titleZh, title_en: j.titleEn, track: j.track, level: j.level }))
  },
  async paths(db) {
    const rows = await db.promotionPath.findMany({ include: { fromJob: true, toJob: true } })
    return rows
      .map((p) => ({ from_job_code: p.fromJob.code, to_job_code: p.toJob.code }))
      .sort(byKeys((p) => [p.from_job_code, p.to_job_code]))
  },
  async certificates(db) {
    const rows = await db.certificate.findMany({ orderBy: { code: 'asc' } })
    return rows.map((c) => ({ code: c.code, name_zh: c.nameZh, name_en: c.nameEn }))
  },
  async courses(db) {
    const rows = await db.course.findMany({
      include: { ownerDepartment: true, dimensions: { include: { dimension: true } } },
      orderBy: { code: 'asc' },
    })
    return rows.map((c) => ({
      code: c.code,
      title_zh: c.titleZh,
      title_en: c.titleEn,
      format: c.format,
      duration_minutes: c.durationMinutes,
      url: c.url,
      owner_department_code: c.ownerDepartment?.code ?? null,
      pass_mark: c.passMark,
      dimension_codes: c.dimensions.map((d) => d.dimension.code).sort(),
      verification: c.verification,
      certificate_code: c.certificateCode,
      audience_tracks: c.audienceTracks.split(';').filter((t) => t !== ''),
    }))
  },
  async quiz_questions(db) {
    const rows = await db.quizQuestion.findMany({ include: { course: { select: { code: true } } } })
    return rows.sort(byKeys((q) => [q.course.code, q.position])).map((q) => {
      const options = JSON.parse(q.options) as { zh: string; en: string }[]
      return {
        course_code: q.course.code,
        position: q.position,
        question_zh: q.textZh,
        question_en: q.textEn,
        options_zh: options.map((o) => o.zh),
        options_en: options.map((o) => o.en),
        answer: answerLetter(q.answer),
      }
    })
  },
  async standards(db) {
    const rows = await db.qualificationStandard.findMany({
      include: {
        job: true,
        dimensions: { orderBy: { id: 'asc' }, include: { dimension: true, indicators: { orderBy: { id: 'asc' } } } },
      },
    })
    rows.sort(byKeys((s) => [s.job.code, s.version]))
    // Within a standard, dimensions and indicators keep the order they were imported
    // in (their ids): it is the order a gap report shows them in.
    return rows.flatMap((s): ExportRow[] =>
      s.dimensions.flatMap((d): ExportRow[] => {
        const base: ExportRow = {
          job_code: s.job.code,
          version: s.version,
          effective_from: date(s.effectiveFrom),
          threshold: s.threshold,
          dimension_code: d.dimension.code,
          weight: d.weight,
          required_attainment: d.requiredAttainment,
        }
        const none: ExportRow = {
          indicator_code: null,
          indicator_zh: null,
          indicator_en: null,
          requirement_kind: null,
          requirement_key: null,
          requirement_value: null,
        }
        if (d.indicators.length === 0) return [{ ...base, ...none }]
        return d.indicators.map((i) => ({
          ...base,
          indicator_code: i.code,
          indicator_zh: i.textZh,
          indicator_en: i.textEn,
          requirement_kind: i.requirementKind,
          requirement_key: i.requirementKey,
          requirement_value: i.requirementValue,
        }))
      }),
    )
  },
  async job_descriptions(db) {
    const rows = await db.jobDescription.findMany({ include: { job: true, items: { orderBy: { position: 'asc' } } } })
    const [jobs, dimensions] = await Promise.all([
      db.job.findMany({ select: { id: true, code: true } }),
      db.dimension.findMany({ select: { id: true, code: true } }),
    ])
    const jobCode = new Map(jobs.map((j) => [j.id, j.code]))
    const dimensionCode = new Map(dimensions.map((d) => [d.id, d.code]))
    rows.sort(byKeys((d) => [d.job.code, d.version]))
    // Items keep their position (the order the card shows them in); the version's
    // purpose and date are written on its first row only.
    return rows.flatMap((d) =>
      d.items.map(
        (i, n): ExportRow => ({
          job_code: d.job.code,
          version: d.version,
          effective_from: n === 0 ? date(d.effectiveFrom) : null,
          purpose_zh: n === 0 ? d.purposeZh : null,
          purpose_en: n === 0 ? d.purposeEn : null,
          section: i.section,
          code: i.code,
          text_zh: i.textZh,
          text_en: i.textEn,
          owner_job_code: i.ownerJobId === null ? null : (jobCode.get(i.ownerJobId) ?? null),
          recurrence: i.recurrence,
          evidence: i.evidence,
          dimension_code: i.dimensionId === null ? null : (dimensionCode.get(i.dimensionId) ?? null),
          target: i.target,
        }),
      ),
    )
  },
  async source_weights(db) {
    const rows = await db.sourceWeight.findMany()
    return rows.sort(byKeys((w) => [w.scope, w.source])).map((w) => ({ scope: w.scope, source: w.source, weight: w.weight }))
  },
  async onboarding_plans(db) {
    const rows = await db.onboardingTemplateItem.findMany({ include: { course: { select: { code: true } } } })
    return rows
      .sort(byKeys((i) => [i.scope, i.position]))
      .map((i) => ({ scope: i.scope, course_code: i.course.code, due_days: i.dueDays, position: i.position }))
  },
  async employees(db) {
    const [rows, names] = await Promise.all([db.employee.findMany({ orderBy: { email: 'asc' } }), loadNames(db)])
    return rows.map((e) => ({
      email: e.email,
      name: e.name,
      name_en: e.nameEn,
      locale: e.locale,
      time_zone: e.timeZone,
      department_code: nameOf(names.departments, e.departmentId),
      job_code: nameOf(names.jobs, e.jobId),
      manager_email: nameOf(names.emails, e.managerId),
      hire_date: date(e.hireDate),
      roles: e.roles.split(',').filter(Boolean),
      status: e.status,
    }))
  },
  async identities(db) {
    const [rows, names] = await Promise.all([db.chatIdentity.findMany(), loadNames(db)])
    return rows
      .map((i) => ({ platform: i.platform, tenant: i.tenant, external_id: i.externalId, employee_email: names.emails.get(i.employeeId)! }))
      .sort(byKeys((i) => [i.platform, i.tenant, i.external_id]))
  },
  async assessments(db) {
    const [rows, names] = await Promise.all([db.assessment.findMany(), loadNames(db)])
    return rows
      .map((a) => ({
        employee_email: names.emails.get(a.employeeId)!,
        dimension_code: names.dimensions.get(a.dimensionId)!,
        attainment: a.attainment,
        rating: a.rating,
        source: a.source,
        assessed_at: a.assessedAt,
        assessor_email: nameOf(names.emails, a.assessorId),
        note: a.note,
      }))
      .sort(byKeys((a) => [a.employee_email, a.dimension_code, a.source, a.assessed_at.getTime()]))
      .map((a) => ({ ...a, assessed_at: date(a.assessed_at) }))
  },
  async evidence(db) {
    const [rows, names] = await Promise.all([db.evidence.findMany(), loadNames(db)])
    return rows
      .map((e) => ({
        employee_email: names.emails.get(e.employeeId)!,
        kind: e.kind,
        key: e.key,
        value: e.value,
        obtained_at: date(e.obtainedAt),
        source: e.source,
      }))
      .sort(byKeys((e) => [e.employee_email, e.kind, e.key]))
  },
  async assignments(db) {
    const [rows, names] = await Promise.all([db.trainingAssignment.findMany(), loadNames(db)])
    return rows
      .map((a) => ({
        employee_email: names.emails.get(a.employeeId)!,
        course_code: names.courses.get(a.courseId)!,
        status: a.status,
        source: a.source,
        assigned_by_email: nameOf(names.emails, a.assignedById),
        assigned_at: date(a.assignedAt),
        due_at: date(a.dueAt),
        reported_at: date(a.reportedAt),
        completed_at: date(a.completedAt),
        score: a.score,
        // Only a completion is verified (the importer refuses verified_by on anything else).
        verified_by: a.status === 'completed' ? a.verifiedBy : null,
      }))
      .sort(byKeys((a) => [a.employee_email, a.course_code]))
  },
  async evaluations(db) {
    const [rows, names] = await Promise.all([db.evaluationTask.findMany(), loadNames(db)])
    return rows
      .map((t) => ({
        t,
        assignee: names.emails.get(t.assigneeId)!,
        subject: nameOf(names.emails, t.subjectId),
        dimension: nameOf(names.dimensions, t.dimensionId),
      }))
      .sort(
        byKeys(({ t, assignee, subject, dimension }) => [
          t.kind,
          assignee,
          subject ?? '',
          dimension ?? '',
          t.dueAt?.getTime() ?? -1,
          t.createdAt.getTime(),
          t.id,
        ]),
      )
      .map(({ t, assignee, subject, dimension }) => ({
        kind: t.kind,
        assignee_email: assignee,
        subject_email: subject,
        dimension_code: dimension,
        status: t.status,
        due_at: date(t.dueAt),
        created_at: date(t.createdAt),
        completed_at: date(t.completedAt),
      }))
  },
  async course_responsibilities(db) {
    const [rows, names] = await Promise.all([db.courseResponsibility.findMany(), loadNames(db)])
    return rows
      .map((r) => ({
        course_code: names.courses.get(r.courseId)!,
        content_department_code: nameOf(names.departments, r.contentDepartmentId),
        scheduler_department_code: nameOf(names.departments, r.schedulerDepartmentId),
        coach_department_code: nameOf(names.departments, r.coachDepartmentId),
        coach_email: nameOf(names.emails, r.coachEmployeeId),
      }))
      .sort(byKeys((r) => [r.course_code]))
  },
  async course_materials(db) {
    const [rows, names] = await Promise.all([db.courseMaterial.findMany(), loadNames(db)])
    return rows
      .map((m) => ({
        course_code: names.courses.get(m.courseId)!,
        position: m.position,
        title_zh: m.titleZh,
        title_en: m.titleEn,
        provider_department_code: nameOf(names.departments, m.providerDepartmentId),
        provider_email: nameOf(names.emails, m.providerEmployeeId),
        due_date: date(m.dueAt),
        provided_at: date(m.providedAt),
        url: m.url,
      }))
      .sort(byKeys((m) => [m.course_code, m.position]))
  },
}

interface Names {
  emails: Map<number, string>
  departments: Map<number, string>
  jobs: Map<number, string>
  dimensions: Map<number, string>
  courses: Map<number, string>
}

/**
 * Natural keys by id. Big tables are read as plain rows and joined here: a Prisma
 * `include` on 60,000 assessments costs seconds more than these five small reads.
 */
async function loadNames(db: Db): Promise<Names> {
  const [employees, departments, jobs, dimensions, courses] = await Promise.all([
    db.employee.findMany({ select: { id: true, email: true } }),
    db.department.findMany({ select: { id: true, code: true } }),
    db.job.findMany({ select: { id: true, code: true } }),
    db.dimension.findMany({ select: { id: true, code: true } }),
    db.course.findMany({ select: { id: true, code: true } }),
  ])
  return {
    emails: new Map(employees.map((e) => [e.id, e.email])),
    departments: new Map(departments.map((d) => [d.id, d.code])),
    jobs: new Map(jobs.map((j) => [j.id, j.code])),
    dimensions: new Map(dimensions.map((d) => [d.id, d.code])),
    courses: new Map(courses.map((c) => [c.id, c.code])),
  }
}

const nameOf = (names: Map<number, string>, id: number | null): string | null => (id === null ? null : (names.get(id) ?? null))

/** Every entity as one file (`departments.csv` …), in dependency order. */
export async function exportAll(db: Db, format: ExportFormat): Promise<{ name: string; content: string }[]> {
  const files: { name: string; content: string }[] = []
  for (const entity of ENTITIES) files.push({ name: `${entity}.${format}`, content: await exportEntity(db, entity, format) })
  return files
}

/** One entity's file content, as `ladder export` writes it. */
export async function exportEntity(db: Db, entity: Entity, format: ExportFormat): Promise<string> {
  const records = await LOADERS[entity](db)
  return format === 'csv' ? toCsv(entity, records) : toJson(records)
}

function toCsv(entity: Entity, records: ExportRow[]): string {
  const columns = [...COLUMNS[entity]]
  const rows = records.map((r) => columns.map((c) => cellText(r[c] ?? null)))
  // The BOM lets Excel open Chinese text as UTF-8; the importer accepts it.
  return stringify(rows, { header: true, columns, bom: true })
}

/** Text cells (lists too, as one cell) are neutralised against formula injection; numbers stay numbers. */
function cellText(value: Cell): string {
  if (value === null) return ''
  if (Array.isArray(value)) return csvCell(value.join(';'))
  return csvCell(value)
}

function toJson(records: ExportRow[]): string {
  const clean = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, LIST_COLUMNS.has(k) && v === null ? [] : v])))
  return `${JSON.stringify(clean, null, 2)}\n`
}
