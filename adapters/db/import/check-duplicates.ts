// A natural key may appear once per import, whichever files the rows are in.
import { ENTITIES, type Entity } from './entities.js'
import type { RowTypes } from './schemas.js'
import type { ImportError, RowLabel } from './types.js'
import type { Located, RowsByEntity } from './validate-rows.js'

/** The natural key of a row, and the column named when it repeats. */
const NATURAL_KEYS: { [E in Entity]: { column: string; key: (row: RowTypes[E]) => string } } = {
  departments: { column: 'code', key: (r) => r.code },
  dimensions: { column: 'code', key: (r) => r.code },
  jobs: { column: 'code', key: (r) => r.code },
  paths: { column: 'to_job_code', key: (r) => `${r.from_job_code} → ${r.to_job_code}` },
  certificates: { column: 'code', key: (r) => r.code },
  courses: { column: 'code', key: (r) => r.code },
  quiz_questions: { column: 'position', key: (r) => `${r.course_code} question ${r.position}` },
  standards: {
    column: 'indicator_code',
    key: (r) => `${r.job_code} v${r.version} ${r.dimension_code} ${r.indicator_code ?? '(no indicator)'}`,
  },
  job_descriptions: { column: 'code', key: (r) => `${r.job_code} v${r.version} item ${r.code}` },
  source_weights: { column: 'source', key: (r) => `${r.scope} ${r.source}` },
  onboarding_plans: { column: 'course_code', key: (r) => `${r.scope} ${r.course_code}` },
  employees: { column: 'email', key: (r) => r.email },
  identities: { column: 'external_id', key: (r) => `${r.platform} ${r.tenant} ${r.external_id}` },
  assessments: {
    column: 'assessed_at',
    key: (r) => `${r.employee_email} ${r.dimension_code} ${r.source} ${r.assessed_at.toISOString()}`,
  },
  evidence: { column: 'key', key: (r) => `${r.employee_email} ${r.kind} ${r.key}` },
  assignments: { column: 'course_code', key: (r) => `${r.employee_email} ${r.course_code}` },
  evaluations: {
    column: 'due_at',
    key: (r) =>
      `${r.kind} ${r.assignee_email} ${r.subject_email ?? '-'}${r.dimension_code ? ` ${r.dimension_code}` : ''} ${r.due_at?.toISOString() ?? '-'}`,
  },
  course_responsibilities: { column: 'course_code', key: (r) => r.course_code },
  // Positions may be blank (file order): check-materials.ts checks them once resolved.
  course_materials: { column: 'title_zh', key: (r) => `${r.course_code} 《${r.title_zh}》` },
}

export function checkDuplicates(rows: RowsByEntity): ImportError[] {
  const errors: ImportError[] = []
  for (const entity of ENTITIES) {
    const { column, key } = NATURAL_KEYS[entity] as { column: string; key: (row: unknown) => string }
    const first = new Map<string, Located<unknown>>()
    for (const located of rows[entity] as Located<unknown>[]) {
      const k = key(located.value)
      const seen = first.get(k)
      if (!seen) {
        first.set(k, located)
        continue
      }
      errors.push({ file: located.file, row: located.row, column, reason: `duplicate of ${where(seen, located.file)} (${k})` })
    }
  }
  return errors
}

/** "row 4" within the same file, "other.csv:4" across files. */
export function where(at: { file: string; row: RowLabel }, fromFile: string): string {
  if (at.file !== fromFile) return `${at.file}:${at.row}`
  return typeof at.row === 'number' ? `row ${at.row}` : at.row
}
