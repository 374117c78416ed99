import type { Deps } from '../../kernel/context.js'
import { nextSteps, standardFor } from '../../kernel/domain/career-paths.js'
import type { Job, Standard } from '../../kernel/domain/types.js'
import { jobByCode } from './gap-for.js'

export type JobRequirementsResult =
  | { kind: 'job'; job: Job; standard: Standard | null; nextSteps: Job[]; previousSteps: Job[] }
  | { kind: 'unknown_job'; query: string | null; jobs: Job[] }

/** Any job's standard: public within the company, no personal data. */
export async function jobRequirements(deps: Deps, options: { jobCode?: string }): Promise<JobRequirementsResult> {
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const job = options.jobCode ? jobByCode(catalog, options.jobCode) : null
  if (!job) return { kind: 'unknown_job', query: options.jobCode ?? null, jobs: catalog.jobs }
  const previousIds = new Set(catalog.paths.filter((p) => p.toJobId === job.id).map((p) => p.fromJobId))
  return {
    kind: 'job',
    job,
    standard: standardFor(catalog, job.id),
    nextSteps: nextSteps(catalog, job.id),
    previousSteps: catalog.jobs.filter((j) => previousIds.has(j.id)),
  }
}
