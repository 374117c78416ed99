// A large, deterministic organisation for benchmarks: the demo catalogue (through
// the importer) plus N generated people in a manager tree, with assessment history
// and open trainings/evaluations due around `now`. Rows go in as multi-row INSERTs
// with literal values inside batched transactions: per-row Prisma calls would take
// minutes for 10,000 people, this takes seconds.
import type { Db } from '../../adapters/db/client.js'
import { demoFiles } from '../../adapters/db/demo/index.js'
import { sqlDateTime } from '../../adapters/db/import/bulk-write.js'
import { formatImportError, importFiles } from '../../adapters/db/import/index.js'

export interface GenerateOrgOptions {
  employees: number
  /** Open trainings plus open evaluation tasks per employee (trainings first, at most one per course). */
  openItemsPerEmployee: number
  now: Date
  seed?: number
}

const REPORTS_PER_MANAGER = 8
const ROWS_PER_STATEMENT = 400
const DAY = 86_400_000

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Sql = string | number | null
const sql = (v: Sql | Date): string =>
  v === null ? 'NULL' : v instanceof Date ? `'${sqlDateTime(v)}'` : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`

async function insertRows(db: Db, table: string, columns: string[], rows: (Sql | Date)[][]): Promise<void> {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => `(${r.map(sql).join(', ')})`)
        await tx.$executeRawUnsafe(head + values.join(', '))
      }
    },
    { timeout: 120_000 },
  )
}

/** Individual contributors' jobs, with the department they sit in. */
const IC_JOBS: [job: string, department: string, weight: number][] = [
  ['RD1', 'RND', 24],
  ['RD2', 'RND', 16],
  ['RD3', 'RND', 5],
  ['RT1', 'RETAIL', 22],
  ['RT2', 'RETAIL', 10],
  ['RT3', 'RETAIL', 5],
  ['HR1', 'HR', 4],
  ['HR2', 'HR', 2],
]

export async function generateOrg(db: Db, opts: GenerateOrgOptions): Promise<void> {
  const { now } = opts
  const random = prng(opts.seed ?? 1)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))

  const imported = await importFiles(db, demoFiles('catalogue'), { now })
  if (!imported.ok) throw new Error(`demo catalogue does not import:\n${imported.errors.map(formatImportError).join('\n')}`)

  const departments = new Map((await db.department.findMany()).map((d) => [d.code, d.id]))
  const jobs = new Map((await db.job.findMany()).map((j) => [j.code, j.id]))
  const courseIds = (await db.course.findMany({ orderBy: { code: 'asc' } })).map((c) => c.id)
  const dimensionsByJob = await targetDimensions(db)
  const allDimensions = (await db.dimension.findMany()).map((d) => d.id)

  // Employees: index i reports to index ⌊(i−1)/8⌋, so the tree is ~8 wide and log8(N) deep.
  const firstId = ((await db.employee.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1
  const n = opts.employees
  const managerIndex = (i: number) => (i === 0 ? null : Math.floor((i - 1) / REPORTS_PER_MANAGER))
  const isManager = (i: number) => i * REPORTS_PER_MANAGER + 1 < n
  const depthOf = (i: number) => {
    let depth = 0
    for (let m = managerIndex(i); m !== null; m = managerIndex(m)) depth++
    return depth
  }
  const icWeights = IC_JOBS.reduce((sum, [, , w]) => sum + w, 0)
  const people: { id: number; jobId: number; managerId: number | null }[] = []
  const employeeRows: (Sql | Date)[][] = []
  for (let i = 0; i < n; i++) {
    let job: string
    let department: string
    let roles = 'employee'
    if (isManager(i)) {
      job = depthOf(i) <= 1 ? 'MG3' : depthOf(i) === 2 ? 'MG2' : 'MG1'
      department = pick(['RND', 'RETAIL', 'PROD', 'MKT'])
      roles = 'employee,manager'
    } else {
      let ticket = random() * icWeights
      const found =
        IC_JOBS.find(([, , w]) => {
          ticket -= w
          return ticket < 0
        }) ?? IC_JOBS[0]!
      ;[job, department] = found
      if (department === 'HR') roles = 'employee,hr'
    }
    const zone = random()
    const isEnglish = random() < 0.1
    const id = firstId + i
    const manager = managerIndex(i)
    const managerId = manager === null ? null : firstId + manager
    people.push({ id, jobId: jobs.get(job)!, managerId })
    employeeRows.push([
      id,
      `emp${String(i + 1).padStart(6, '0')}@bench.ladder`,
      isEnglish ? `Employee ${i + 1}` : `员工${i + 1}`,
      `Employee ${i + 1}`,
      isEnglish ? 'en' : 'zh-CN',
      zone < 0.85 ? 'Asia/Shanghai' : zone < 0.95 ? 'Europe/London' : 'America/New_York',
      departments.get(department)!,
      jobs.get(job)!,
      managerId,
      new Date(now.getTime() - between(30, 15 * 365) * DAY),
      roles,
      random() < 0.02 ? 'inactive' : 'active',
    ])
  }
  await insertRows(
    db,
    'Employee',
    ['id', 'email', 'name', 'nameEn', 'locale', 'timeZone', 'departmentId', 'jobId', 'managerId', 'hireDate', 'roles', 'status'],
    employeeRows,
  )

  // 4–8 assessments each, spread over two years; one per 90-day slot keeps natural keys unique.
  const sources = ['self', 'supervisor', 'peer', 'import'] as const
  const assessmentRows: (Sql | Date)[][] = []
  for (const p of people) {
    const dimensions = dimensionsByJob.get(p.jobId) ?? allDimensions
    const count = between(4, 8)
    for (let k = 0; k < count; k++) {
      const source = pick(sources)
      const assessedAt = new Date(now.getTime() - (k * 90 + between(1, 80)) * DAY - between(0, 86_399) * 1000)
      const assessor = source === 'supervisor' ? p.managerId : source === 'self' ? p.id : null
      assessmentRows.push([p.id, pick(dimensions), between(40, 100), source, assessedAt, assessor])
    }
  }
  await insertRows(db, 'Assessment', ['employeeId', 'dimensionId', 'attainment', 'source', 'assessedAt', 'assessorId'], assessmentRows)

  // Open items: trainings (distinct courses), then evaluation tasks; due from two weeks ago to a month ahead.
  const trainingRows: (Sql | Date)[][] = []
  const evaluationRows: (Sql | Date)[][] = []
  const trainings = Math.min(Math.ceil(opts.openItemsPerEmployee / 2), courseIds.length)
  const evaluations = opts.openItemsPerEmployee - trainings
  const due = () => new Date(now.getTime() + between(-14 * 24, 30 * 24) * 3_600_000)
  // (kind, assignee, subject, due) is an evaluation task's natural key in import files:
  // keep it unique so a generated organisation exports and re-imports like a real one.
  const taskKeys = new Set<string>()
  for (const p of people) {
    const offset = between(0, courseIds.length - 1)
    for (let k = 0; k < trainings; k++) {
      const dueAt = due()
      const status = dueAt < now ? pick(['assigned', 'in_progress', 'overdue']) : pick(['assigned', 'in_progress'])
      const source = pick(['manager', 'hr', 'broadcast', 'self'])
      trainingRows.push([p.id, courseIds[(offset + k) % courseIds.length]!, status, source, new Date(dueAt.getTime() - 30 * DAY), dueAt])
    }
    for (let k = 0; k < evaluations; k++) {
      let dueAt = due()
      const kind = p.managerId === null ? 'self_evaluation' : pick(['self_evaluation', 'reflection', 'rating_360', 'supervisor_evaluation'])
      // A supervisor evaluation is the manager's task about this person; the others are this person's own.
      const [assignee, subject] =
        kind === 'supervisor_evaluation'
          ? [p.managerId!, p.id]
          : kind === 'rating_360'
            ? [p.id, p.managerId]
            : [p.id, kind === 'reflection' ? null : p.id]
      while (taskKeys.has(`${kind} ${assignee} ${subject} ${dueAt.getTime()}`)) dueAt = new Date(dueAt.getTime() + 60_000)
      taskKeys.add(`${kind} ${assignee} ${subject} ${dueAt.getTime()}`)
      evaluationRows.push([
        kind,
        assignee,
        subject,
        dueAt < now && random() < 0.5 ? 'overdue' : 'open',
        new Date(dueAt.getTime() - 14 * DAY),
        dueAt,
      ])
    }
  }
  await insertRows(db, 'TrainingAssignment', ['employeeId', 'courseId', 'status', 'source', 'assignedAt', 'dueAt'], trainingRows)
  await insertRows(db, 'EvaluationTask', ['kind', 'assigneeId', 'subjectId', 'status', 'createdAt', 'dueAt'], evaluationRows)
}

/** Per job id: the dimensions of the standard one step up (or of its own), so assessments are relevant. */
async function targetDimensions(db: Db): Promise<Map<number, number[]>> {
  const standards = await db.qualificationStandard.findMany({ include: { dimensions: true } })
  const byJob = new Map(standards.map((s) => [s.jobId, s.dimensions.map((d) => d.dimensionId)]))
  const paths = await db.promotionPath.findMany({ orderBy: { id: 'asc' } })
  const result = new Map<number, number[]>()
  for (const job of await db.job.findMany()) {
    const next = paths.find((p) => p.fromJobId === job.id)
    const dims = [...new Set([...(next ? (byJob.get(next.toJobId) ?? []) : []), ...(byJob.get(job.id) ?? [])])]
    if (dims.length > 0) result.set(job.id, dims)
  }
  return result
}
