// Shared by the data tests: fixture files as ImportFile values, row counts per table.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from '../../adapters/db/client.js'
import type { ImportFile } from '../../adapters/db/import/index.js'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A file under the repository root, named as a user would type it (relative path). */
export function file(relative: string): ImportFile & { content: string } {
  return { name: relative, content: readFileSync(join(ROOT, relative), 'utf8') }
}

export const fixture = (relative: string): ImportFile & { content: string } => file(`test/fixtures/import/${relative}`)

export const NOW = new Date('2026-11-23T11:00:00.000Z')

/** Rows per table: what "nothing changed" and "nothing imported" are checked against. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  return {
    departments: await db.department.count(),
    dimensions: await db.dimension.count(),
    jobs: await db.job.count(),
    paths: await db.promotionPath.count(),
    certificates: await db.certificate.count(),
    courses: await db.course.count(),
    quizQuestions: await db.quizQuestion.count(),
    courseDimensions: await db.courseDimension.count(),
    standards: await db.qualificationStandard.count(),
    standardDimensions: await db.standardDimension.count(),
    indicators: await db.indicator.count(),
    sourceWeights: await db.sourceWeight.count(),
    onboardingPlanLines: await db.onboardingTemplateItem.count(),
    employees: await db.employee.count(),
    identities: await db.chatIdentity.count(),
    assessments: await db.assessment.count(),
    evidence: await db.evidence.count(),
    assignments: await db.trainingAssignment.count(),
    evaluations: await db.evaluationTask.count(),
    courseResponsibilities: await db.courseResponsibility.count(),
    courseMaterials: await db.courseMaterial.count(),
  }
}

export const EXAMPLE_FILES = [
  'departments.csv',
  'dimensions.csv',
  'jobs.csv',
  'paths.csv',
  'courses.csv',
  'standards.csv',
  'employees.csv',
  'identities.json',
  'assessments.csv',
  'evidence.csv',
  'assignments.csv',
  'evaluations.csv',
  'certificates.csv',
  'quiz_questions.csv',
  'source_weights.csv',
  'job_descriptions.csv',
  'onboarding_plans.csv',
  'course_responsibilities.csv',
  'course_materials.csv',
].map((name) => `examples/import/${name}`)
