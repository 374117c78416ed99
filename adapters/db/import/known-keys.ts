// The natural keys already in the database, so a file may refer to a department,
// job or manager imported last month without repeating it.
import type { Db } from '../client.js'

export interface KnownKeys {
  /** code → parent code */
  departments: Map<string, string | null>
  dimensions: Set<string>
  jobs: Set<string>
  courses: Set<string>
  /** email → manager email */
  employees: Map<string, string | null>
}

export async function loadKnownKeys(db: Db): Promise<KnownKeys> {
  const [departments, dimensions, jobs, courses, employees] = await Promise.all([
    db.department.findMany({ select: { code: true, parent: { select: { code: true } } } }),
    db.dimension.findMany({ select: { code: true } }),
    db.job.findMany({ select: { code: true } }),
    db.course.findMany({ select: { code: true } }),
    db.employee.findMany({ select: { email: true, manager: { select: { email: true } } } }),
  ])
  return {
    departments: new Map(departments.map((d) => [d.code, d.parent?.code ?? null])),
    dimensions: new Set(dimensions.map((d) => d.code)),
    jobs: new Set(jobs.map((j) => j.code)),
    courses: new Set(courses.map((c) => c.code)),
    employees: new Map(employees.map((e) => [e.email, e.manager?.email ?? null])),
  }
}
