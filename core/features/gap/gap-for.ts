// Shared by every use case that needs a gap report: one place that wires the
// catalogue and a person's progress into the pure gap engine.
import { analyzeGap, type GapReport } from '../../kernel/domain/analyze-gap.js'
import { weightsFor } from '../../kernel/domain/attainment.js'
import { isOnPath, nextSteps, standardFor } from '../../kernel/domain/career-paths.js'
import { type Catalog, EMPTY_PROGRESS, type Employee, type Job, type Progress } from '../../kernel/domain/types.js'

export { EMPTY_PROGRESS }

export function gapFor(catalog: Catalog, employee: Employee, progress: Progress, target: Job, now: Date): GapReport {
  return analyzeGap({
    now,
    hireDate: employee.hireDate,
    target,
    currentTrack: jobById(catalog, employee.jobId)?.track ?? null,
    isOnPath: isOnPath(catalog, employee.jobId, target.id),
    standard: standardFor(catalog, target.id),
    progress,
    courses: catalog.courses,
    certificates: catalog.certificates,
    weights: weightsFor(catalog.weights, target.id),
  })
}

/** The employee's next steps, one report per track. */
export function nextStepGaps(catalog: Catalog, employee: Employee, progress: Progress, now: Date): GapReport[] {
  if (employee.jobId === null) return []
  return nextSteps(catalog, employee.jobId).map((job) => gapFor(catalog, employee, progress, job, now))
}

export const jobById = (catalog: Catalog, id: number | null): Job | null =>
  id === null ? null : (catalog.jobs.find((j) => j.id === id) ?? null)

export const jobByCode = (catalog: Catalog, code: string): Job | null =>
  catalog.jobs.find((j) => j.code.toLowerCase() === code.toLowerCase()) ?? null
