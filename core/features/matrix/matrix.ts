// The training responsibility matrix (职责矩阵): per course, the department that owns
// its content, who provides each material (and whether they have), who schedules and
// tracks (HR unless the matrix says otherwise) and who coaches the practice; and every
// material still missing, by the department that owes it. Visible to everyone.
import type { Actor } from '../../kernel/context.js'
import type { Catalog, Course, Department } from '../../kernel/domain/types.js'
import { matchCourse } from '../../kernel/routing/match-entity.js'
import type { MaterialState, Party } from './diagnose.js'
import type { CourseMatrixRecord, MatrixDeps } from './ports.js'

export interface ResolvedMaterial extends MaterialState {
  position: number
  url: string | null
}

export interface CourseMatrix {
  course: Course
  inMatrix: boolean
  /** The matrix's content department, else the course's owner department. */
  content: Department | null
  /** The matrix's scheduler, else HR's department. */
  scheduler: Department | null
  /** The matrix's coach, else the content department. */
  coach: Party
  materials: ResolvedMaterial[]
}

export interface MissingMaterial {
  course: Course
  material: ResolvedMaterial
}

export type TrainingMatrixResult =
  | { kind: 'course'; matrix: CourseMatrix }
  | { kind: 'missing'; groups: { provider: Party; items: MissingMaterial[] }[] }

/** Which courses' matrices, with every default resolved. */
export async function courseMatrices(deps: MatrixDeps, catalog: Catalog, courses: readonly Course[]): Promise<CourseMatrix[]> {
  const [records, hrId] = await Promise.all([deps.store.matrix.courses(courses.map((c) => c.id)), deps.store.matrix.hrDepartmentId()])
  const byId = new Map(records.map((r) => [r.courseId, r]))
  const department = (id: number | null) => (id === null ? null : (catalog.departments.find((d) => d.id === id) ?? null))
  const people = await peopleOf(
    deps,
    records.flatMap((r) => [r.coachEmployeeId, ...r.materials.map((m) => m.providerEmployeeId)]),
  )
  const person = (id: number | null) => (id === null ? null : (people.get(id) ?? null))
  return courses.map((course) => {
    const r: CourseMatrixRecord = byId.get(course.id) ?? {
      courseId: course.id,
      ownerDepartmentId: null,
      contentDepartmentId: null,
      schedulerDepartmentId: null,
      coachDepartmentId: null,
      coachEmployeeId: null,
      inMatrix: false,
      materials: [],
    }
    const content = department(r.contentDepartmentId ?? r.ownerDepartmentId)
    return {
      course,
      inMatrix: r.inMatrix,
      content,
      scheduler: department(r.schedulerDepartmentId ?? hrId),
      coach: { department: r.coachDepartmentId === null ? content : department(r.coachDepartmentId), person: person(r.coachEmployeeId) },
      materials: r.materials.map((m) => ({
        position: m.position,
        title: m.title,
        provider: {
          department: m.providerDepartmentId === null ? content : department(m.providerDepartmentId),
          person: person(m.providerEmployeeId),
        },
        dueAt: m.dueAt,
        providedAt: m.providedAt,
        url: m.url,
      })),
    }
  })
}

async function peopleOf(deps: MatrixDeps, ids: readonly (number | null)[]): Promise<Map<number, Party['person'] & {}>> {
  const unique = [...new Set(ids.filter((id): id is number => id !== null))]
  const found = await Promise.all(unique.map((id) => deps.store.employees.byId(id)))
  return new Map(found.filter((e) => e !== null).map((e) => [e.id, { id: e.id, name: e.name, nameEn: e.nameEn }]))
}

/** One course's matrix when the question names a course (its missing materials among them), else every missing material. */
export async function trainingMatrix(
  deps: MatrixDeps,
  _actor: Actor,
  options: { courseCode?: string; text?: string } = {},
): Promise<TrainingMatrixResult> {
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const text = options.text ?? ''
  const named =
    catalog.courses.find((c) => c.code === options.courseCode) ?? (text ? matchCourse(text, catalog.courses)?.course : undefined)
  if (named) {
    const [matrix] = await courseMatrices(deps, catalog, [named])
    return { kind: 'course', matrix: matrix! }
  }
  const missing = await deps.store.matrix.missingMaterials()
  const courses = catalog.courses.filter((c) => missing.some((m) => m.courseId === c.id))
  const matrices = await courseMatrices(deps, catalog, courses)
  const groups = new Map<string, { provider: Party; items: MissingMaterial[] }>()
  for (const matrix of matrices) {
    for (const material of matrix.materials) {
      if (material.providedAt !== null) continue
      const key = `${material.provider.department?.code ?? '-'}`
      const group = groups.get(key) ?? { provider: { department: material.provider.department, person: null }, items: [] }
      group.items.push({ course: matrix.course, material })
      groups.set(key, group)
    }
  }
  return { kind: 'missing', groups: [...groups.values()] }
}
