// "Which paths are open to me, and what does each need?": every next step from
// the person's job with the gap report's verdict, and where each leads after.
import { type AccessBasis, subjectFor } from '../../kernel/access.js'
import type { Actor, Deps } from '../../kernel/context.js'
import type { GapReport } from '../../kernel/domain/analyze-gap.js'
import { nextSteps } from '../../kernel/domain/career-paths.js'
import { EMPTY_PROGRESS, type Employee, type Job } from '../../kernel/domain/types.js'
import { nextStepGaps } from '../gap/index.js'

export interface PathOption {
  report: GapReport
  /** Where the step leads next. */
  leadsTo: Job[]
}

export type CareerPathsResult =
  | { kind: 'paths'; subject: Employee; basis: AccessBasis; currentJob: Job; options: PathOption[] }
  | { kind: 'no_job'; subject: Employee; basis: AccessBasis }
  | { kind: 'no_path'; subject: Employee; basis: AccessBasis; currentJob: Job }
  | { kind: 'refused' }

export async function careerPaths(deps: Deps, actor: Actor, options: { subjectId?: number } = {}): Promise<CareerPathsResult> {
  const seen = await subjectFor(deps.store.employees, actor.employee, options.subjectId)
  if (!seen) return { kind: 'refused' }
  const { subject, basis } = seen
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const currentJob = subject.jobId === null ? undefined : catalog.jobs.find((j) => j.id === subject.jobId)
  if (!currentJob) return { kind: 'no_job', subject, basis }
  const progress = (await deps.store.progress.forEmployees([subject.id])).get(subject.id) ?? EMPTY_PROGRESS
  const reports = nextStepGaps(catalog, subject, progress, now)
  if (reports.length === 0) return { kind: 'no_path', subject, basis, currentJob }
  return {
    kind: 'paths',
    subject,
    basis,
    currentJob,
    options: reports.map((report) => ({ report, leadsTo: nextSteps(catalog, report.target.id) })),
  }
}
