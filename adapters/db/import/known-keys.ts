// The natural keys already in the database, so a file may refer to a department,
// job or manager imported last month without repeating it.
import type { Db } from '../client.js'

export interface KnownKeys {
  /** code → parent code */
  departments: Map<string, string | null>
  dimensions: Set<string>
  jobs: Set<string>
  courses: Set<string>
  certificates: Set<string>
  /** code → how its completion is verified and how many quiz questions it has */
  courseQuizzes: Map<string, { verification: string; questions: number }>
  /** email → manager email */
  employees: Map<string, string | null>
}

export async function loadKnownKeys(db: Db): Promise<KnownKeys> {
  const [departments, dimensions, jobs, courses, certificates, employees] = await Promise.all([
    db.department.findMany({ select: { code: true, parent: { select: { code: true } } } }),
    db.dimension.findMany({ select: { code: true } }),
    db.job.findMany({ select: { code: true } }),
    db.course.findMany({ select: { code: true, verification: true, _count: { select: { questions: true } } } }),
    db.certificate.findMany({ select: { code: true } }),
    db.employee.findMany({ select: { email: true, manager: { select: { email: true } } } }),
  ])
  return {
    departments: new Map(departments.map((d) => [d.code, d.parent?.code ?? null])),
    dimensions: new Set(dimensions.map((d) => d.code)),
    jobs: new Set(jobs.map((j) => j.code)),
    courses: new Set(courses.map((c) => c.code)),
    certificates: new Set(certificates.map((c) => c.code)),
    courseQuizzes: new Map(courses.map((c) => [c.code, { verification: c.verification, questions: c._count.questions }])),
    employees: new Map(employees.map((e) => [e.email, e.manager?.email ?? null])),
  }
}
