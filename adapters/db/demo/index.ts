// The bilingual demo organisation. Its static part (departments, dimensions, jobs,
// paths, standards, job descriptions, courses, employees) lives as import files in examples/demo/;
// its moving part (assessment history, trainings, evaluations) is dated relative
// to `now`. Both go through the importer, in one transaction.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectPath } from '../../../core/kernel/project-root.js'
import type { Db } from '../client.js'
import type { ImportFile } from '../import/index.js'
import { buildProgressFiles } from './build-progress.js'

const DEMO_DIR = projectPath('examples', 'demo')

const CATALOGUE_FILES = [
  'departments.csv',
  'dimensions.csv',
  'jobs.csv',
  'paths.csv',
  'standards.csv',
  'job_descriptions.csv',
  'source_weights.csv',
  'certificates.csv',
  'courses.csv',
  'quiz_questions.csv',
  'onboarding_plans.csv',
]
const PEOPLE_FILES = ['employees.csv']

/** The demo's static import files; `catalogue` leaves the people out (for generated organisations). */
export function demoFiles(part: 'catalogue' | 'static' = 'static'): ImportFile[] {
  const names = part === 'catalogue' ? CATALOGUE_FILES : [...CATALOGUE_FILES, ...PEOPLE_FILES]
  // Bytes, decoded by the importer like any file a user imports.
  return names.map((name) => ({ name: `examples/demo/${name}`, content: readFileSync(join(DEMO_DIR, name)) }))
}

/** True when there is no employee yet: the demo may be seeded without overwriting anyone. */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.employee.count()) === 0
}

/**
 * Seeds (or, run again, upserts) the demo organisation. Throws when the demo
 * files do not import: they ship with Ladder, so that is a bug, not bad input.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ employees: number }> {
  // The importer and the CSV parser load here, not with isEmpty: a server starting
  // on an existing database does not need them.
  const [{ decodeImportFile, formatImportError, importFiles }, { parse }] = await Promise.all([
    import('../import/index.js'),
    import('csv-parse/sync'),
  ])
  const files = demoFiles('static')
  const employees = files.find((f) => f.name.endsWith('employees.csv'))!.content
  const decoded = typeof employees === 'string' ? { ok: true as const, text: employees } : decodeImportFile(employees)
  if (!decoded.ok) throw new Error(`The demo employees do not decode: ${decoded.reason}`)
  const managers = managersIn(parse, decoded.text)
  const result = await importFiles(db, [...files, ...buildProgressFiles(now, (email) => managers.get(email) ?? null)], { now })
  if (!result.ok) {
    throw new Error(`The demo organisation does not import:\n${result.errors.map(formatImportError).join('\n')}`)
  }
  return { employees: await db.employee.count() }
}

function managersIn(parse: typeof import('csv-parse/sync').parse, employeesCsv: string): Map<string, string | null> {
  const rows = parse(employeesCsv, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[]
  return new Map(rows.map((r) => [r.email!, r.manager_email || null]))
}
