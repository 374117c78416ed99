// "张三转正考核为什么没过": for each dimension whose practical (probation) assessment is
// below what the person's job requires — or the one the question names — the training
// chain behind it (courses, tests, materials, scheduling and tracking, coaching) and
// where it broke (diagnose.ts). The person, their managers and HR may ask; nobody else.
import { type AccessBasis, accessTo } from '../../kernel/access.js'
import type { Actor } from '../../kernel/context.js'
import type { Assessment, Assignment, Catalog, Department, Dimension, Employee } from '../../kernel/domain/types.js'
import { DEFAULT_PASS_MARK, type DimensionDiagnosis, diagnoseDimension } from './diagnose.js'
import { courseMatrices } from './matrix.js'
import type { MatrixDeps } from './ports.js'

/** What a practical assessment must reach when the person's job has no standard for the dimension. */
const DEFAULT_REQUIRED = 80

export type ProbationResult =
  | { kind: 'refused' }
  | { kind: 'unknown_person'; email: string }
  | { kind: 'no_failure'; subject: Employee; basis: AccessBasis; practicals: number }
  | { kind: 'diagnosis'; subject: Employee; basis: AccessBasis; hr: Department | null; dimensions: DimensionDiagnosis[] }

export interface ProbationOptions {
  /** The person asked about (the asker when absent). */
  subjectId?: number
  /** One dimension only, by code. */
  dimensionCode?: string
}

export async function probationDiagnosis(deps: MatrixDeps, actor: Actor, options: ProbationOptions = {}): Promise<ProbationResult> {
  const { employees } = deps.store
  const subject = options.subjectId === undefined ? actor.employee : await employees.byId(options.subjectId)
  const basis = subject ? await accessTo(employees, actor.employee, subject) : null
  // An unknown person is refused alike: a refusal gives no hint of who exists.
  if (!subject || !basis) return { kind: 'refused' }
  return diagnose(deps, subject, basis, options.dimensionCode)
}

/** The same without an actor, by e-mail: for the operator's CLI, who has the database anyway (like `ladder programme status`). */
export async function probationDiagnosisFor(
  deps: MatrixDeps,
  options: { email: string; dimensionCode?: string },
): Promise<ProbationResult> {
  const subject = await deps.store.employees.byEmail(options.email)
  if (!subject) return { kind: 'unknown_person', email: options.email }
  return diagnose(deps, subject, 'hr', options.dimensionCode)
}

async function diagnose(
  deps: MatrixDeps,
  subject: Employee,
  basis: AccessBasis,
  dimensionCode: string | undefined,
): Promise<ProbationResult> {
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const progress = (await deps.store.progress.forEmployees([subject.id])).get(subject.id)
  const practicals = latestPracticals(progress?.assessments ?? [])
  const required = requiredFor(catalog, subject)
  const wanted = chosenDimensions(catalog, practicals, required, dimensionCode)
  if (wanted.length === 0) return { kind: 'no_failure', subject, basis, practicals: practicals.size }

  const hrId = await deps.store.matrix.hrDepartmentId()
  const hr = catalog.departments.find((d) => d.id === hrId) ?? null
  const assignments = progress?.assignments ?? []
  const dimensions: DimensionDiagnosis[] = []
  for (const dimension of wanted)
    dimensions.push(await diagnoseOne(deps, catalog, subject, dimension, assignments, practicals, required, hr, now))
  return { kind: 'diagnosis', subject, basis, hr, dimensions }
}

async function diagnoseOne(
  deps: MatrixDeps,
  catalog: Catalog,
  subject: Employee,
  dimension: Dimension,
  assignments: readonly Assignment[],
  practicals: Map<number, Assessment>,
  required: (dimensionId: number) => number,
  hr: Department | null,
  now: Date,
): Promise<DimensionDiagnosis> {
  const courses = catalog.courses.filter((c) => c.dimensionIds.includes(dimension.id))
  const matrices = await courseMatrices(deps, catalog, courses)
  const assigned = courses.map((c) => assignments.find((a) => a.courseId === c.id) ?? null)
  const reminders = await deps.store.matrix.trainingReminders(assigned.filter((a) => a !== null).map((a) => a.id))
  const chains = await Promise.all(
    matrices.map(async (m, i) => {
      const assignment = assigned[i]!
      const attempts = assignment ? await deps.store.progress.quizAttempts(subject.id, m.course.id) : []
      // Quiz attempts taken in chat; else the score an import recorded on the assignment counts as one.
      const scores =
        attempts.length > 0
          ? [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime()).map((a) => a.score)
          : assignment?.score != null
            ? [assignment.score]
            : []
      return {
        course: m.course,
        inMatrix: m.inMatrix,
        assignment,
        scores,
        passMark: m.course.passMark ?? DEFAULT_PASS_MARK,
        materials: m.materials,
        content: m.content,
        scheduler: m.scheduler,
        coach: m.coach,
        reminders: assignment ? (reminders.get(assignment.id) ?? 0) : 0,
      }
    }),
  )
  const practical = practicals.get(dimension.id) ?? null
  return diagnoseDimension(
    {
      dimension,
      required: required(dimension.id),
      practical: practical ? { attainment: practical.attainment, assessedAt: practical.assessedAt } : null,
      courses: chains,
      hr,
    },
    now,
  )
}

/** The latest practical assessment per dimension. */
function latestPracticals(assessments: readonly Assessment[]): Map<number, Assessment> {
  const latest = new Map<number, Assessment>()
  for (const a of assessments) {
    if (a.source !== 'practical') continue
    const known = latest.get(a.dimensionId)
    if (!known || a.assessedAt.getTime() >= known.assessedAt.getTime()) latest.set(a.dimensionId, a)
  }
  return latest
}

/** The attainment the person's job requires per dimension: its standard's, else the standard's threshold, else 80. */
function requiredFor(catalog: Catalog, subject: Employee): (dimensionId: number) => number {
  const standard = catalog.standards.find((s) => s.jobId === subject.jobId)
  return (dimensionId) =>
    standard?.dimensions.find((d) => d.dimension.id === dimensionId)?.requiredAttainment ?? standard?.threshold ?? DEFAULT_REQUIRED
}

function chosenDimensions(
  catalog: Catalog,
  practicals: Map<number, Assessment>,
  required: (dimensionId: number) => number,
  dimensionCode: string | undefined,
): Dimension[] {
  const named = catalog.dimensions.find((d) => d.code === dimensionCode)
  if (named) return [named]
  return catalog.dimensions.filter((d) => {
    const p = practicals.get(d.id)
    return p !== undefined && p.attainment < required(d.id)
  })
}
