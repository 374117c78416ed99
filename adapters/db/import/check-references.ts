// References between rows: each must name something in the database or in another
// row of this import. Also the two trees (departments, managers) must not loop.
import type { KnownKeys } from './known-keys.js'
import type { ImportError } from './types.js'
import type { Located, MentionedKeys, RowsByEntity } from './validate-rows.js'

interface Names {
  departments: Set<string>
  dimensions: Set<string>
  jobs: Set<string>
  courses: Set<string>
  certificates: Set<string>
  employees: Set<string>
}

/** What may be referred to: the database, plus every row of the import that names itself. */
function namesIn(known: KnownKeys, mentioned: MentionedKeys): Names {
  const union = (a: Iterable<string>, b: Iterable<string> = []) => new Set([...a, ...b])
  return {
    departments: union(known.departments.keys(), mentioned.departments),
    dimensions: union(known.dimensions, mentioned.dimensions),
    jobs: union(known.jobs, mentioned.jobs),
    courses: union(known.courses, mentioned.courses),
    certificates: union(known.certificates, mentioned.certificates),
    employees: union(known.employees.keys(), mentioned.employees),
  }
}

const NOUN: Record<keyof Names, string> = {
  departments: 'department',
  dimensions: 'dimension',
  jobs: 'job',
  courses: 'course',
  certificates: 'certificate',
  employees: 'employee',
}

export function checkReferences(rows: RowsByEntity, known: KnownKeys, mentioned: MentionedKeys): ImportError[] {
  const names = namesIn(known, mentioned)
  const errors: ImportError[] = []
  function ref<T>(list: Located<T>[], column: keyof T & string, kind: keyof Names, value: (v: T) => string | null | string[]) {
    for (const located of list) {
      const raw = value(located.value)
      const wanted = raw === null ? [] : Array.isArray(raw) ? raw : [raw]
      for (const name of wanted) {
        if (names[kind].has(name)) continue
        errors.push({
          file: located.file,
          row: located.row,
          column,
          reason: `unknown ${NOUN[kind]} "${name}" (not in the database nor in this import)`,
        })
      }
    }
  }
  ref(rows.departments, 'parent_code', 'departments', (v) => v.parent_code)
  ref(rows.paths, 'from_job_code', 'jobs', (v) => v.from_job_code)
  ref(rows.paths, 'to_job_code', 'jobs', (v) => v.to_job_code)
  ref(rows.courses, 'owner_department_code', 'departments', (v) => v.owner_department_code)
  ref(rows.courses, 'dimension_codes', 'dimensions', (v) => v.dimension_codes)
  ref(rows.courses, 'certificate_code', 'certificates', (v) => v.certificate_code)
  ref(rows.quiz_questions, 'course_code', 'courses', (v) => v.course_code)
  for (const located of rows.source_weights) {
    const { scope } = located.value
    if (scope === '*' || names.jobs.has(scope)) continue
    errors.push({
      file: located.file,
      row: located.row,
      column: 'scope',
      reason: `"${scope}" is neither "*" (the organisation's default) nor a job in the database or this import`,
    })
  }
  ref(rows.onboarding_plans, 'course_code', 'courses', (v) => v.course_code)
  for (const located of rows.onboarding_plans) {
    const [kind, key] = located.value.scope.split(':') as ['default'] | ['job' | 'department', string]
    if (kind === 'default' || names[kind === 'job' ? 'jobs' : 'departments'].has(key!)) continue
    errors.push({
      file: located.file,
      row: located.row,
      column: 'scope',
      reason: `unknown ${kind} "${key}" in "${located.value.scope}" (not in the database nor in this import)`,
    })
  }
  ref(rows.standards, 'job_code', 'jobs', (v) => v.job_code)
  ref(rows.standards, 'dimension_code', 'dimensions', (v) => v.dimension_code)
  ref(rows.standards, 'requirement_key', 'courses', (v) => (v.requirement_kind === 'course' ? v.requirement_key : null))
  ref(rows.job_descriptions, 'job_code', 'jobs', (v) => v.job_code)
  ref(rows.job_descriptions, 'owner_job_code', 'jobs', (v) => v.owner_job_code)
  ref(rows.job_descriptions, 'dimension_code', 'dimensions', (v) => v.dimension_code)
  ref(rows.employees, 'department_code', 'departments', (v) => v.department_code)
  ref(rows.employees, 'job_code', 'jobs', (v) => v.job_code)
  ref(rows.employees, 'manager_email', 'employees', (v) => v.manager_email)
  ref(rows.identities, 'employee_email', 'employees', (v) => v.employee_email)
  ref(rows.assessments, 'employee_email', 'employees', (v) => v.employee_email)
  ref(rows.assessments, 'dimension_code', 'dimensions', (v) => v.dimension_code)
  ref(rows.assessments, 'assessor_email', 'employees', (v) => v.assessor_email)
  ref(rows.evidence, 'employee_email', 'employees', (v) => v.employee_email)
  ref(rows.assignments, 'employee_email', 'employees', (v) => v.employee_email)
  ref(rows.assignments, 'course_code', 'courses', (v) => v.course_code)
  ref(rows.assignments, 'assigned_by_email', 'employees', (v) => v.assigned_by_email)
  ref(rows.evaluations, 'assignee_email', 'employees', (v) => v.assignee_email)
  ref(rows.evaluations, 'subject_email', 'employees', (v) => v.subject_email)
  ref(rows.evaluations, 'dimension_code', 'dimensions', (v) => v.dimension_code)
  ref(rows.course_responsibilities, 'course_code', 'courses', (v) => v.course_code)
  ref(rows.course_responsibilities, 'content_department_code', 'departments', (v) => v.content_department_code)
  ref(rows.course_responsibilities, 'scheduler_department_code', 'departments', (v) => v.scheduler_department_code)
  ref(rows.course_responsibilities, 'coach_department_code', 'departments', (v) => v.coach_department_code)
  ref(rows.course_responsibilities, 'coach_email', 'employees', (v) => v.coach_email)
  ref(rows.course_materials, 'course_code', 'courses', (v) => v.course_code)
  ref(rows.course_materials, 'provider_department_code', 'departments', (v) => v.provider_department_code)
  ref(rows.course_materials, 'provider_email', 'employees', (v) => v.provider_email)

  errors.push(
    ...findLoops(rows.departments, known.departments, (v) => [v.code, v.parent_code], 'parent_code', 'department tree'),
    ...findLoops(rows.employees, known.employees, (v) => [v.email, v.manager_email], 'manager_email', 'manager chain'),
  )
  return errors
}

/**
 * Rows whose chain of parents comes back to themselves, with the file's rows
 * overriding what the database says (an import may also mend a chain).
 */
function findLoops<T>(
  list: Located<T>[],
  stored: Map<string, string | null>,
  edge: (v: T) => [string, string | null],
  column: string,
  what: string,
): ImportError[] {
  const parent = new Map(stored)
  const fromFile = new Set<string>()
  const defining: Located<T>[] = []
  for (const located of list) {
    const [child, up] = edge(located.value)
    // A duplicate row is reported as such; the first one defines the tree.
    if (fromFile.has(child)) continue
    fromFile.add(child)
    defining.push(located)
    parent.set(child, up)
  }
  const errors: ImportError[] = []
  for (const located of defining) {
    const [start] = edge(located.value)
    const chain = [start]
    let next = parent.get(start) ?? null
    while (next !== null && next !== start && chain.length <= parent.size) {
      chain.push(next)
      next = parent.get(next) ?? null
    }
    if (next !== start) continue
    errors.push({ file: located.file, row: located.row, column, reason: `the ${what} loops: ${[...chain, start].join(' → ')}` })
  }
  return errors
}
