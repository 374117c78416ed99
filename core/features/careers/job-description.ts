// "What is my job about?" / "what does a store manager do": the job's place in
// the ladder and what its qualification standard expects, indicator by indicator.
import type { Actor, Deps } from '../../kernel/context.js'
import { nextSteps, standardFor } from '../../kernel/domain/career-paths.js'
import type { Job, Standard } from '../../kernel/domain/types.js'

export type JobDescriptionResult =
  | { kind: 'job'; job: Job; isOwn: boolean; standard: Standard | null; leadsTo: Job[]; comesFrom: Job[] }
  | { kind: 'unknown_job'; query: string | null; jobs: Job[] }

export async function jobDescription(deps: Deps, actor: Actor, options: { jobCode?: string } = {}): Promise<JobDescriptionResult> {
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const wanted = options.jobCode?.toLowerCase()
  const job = wanted ? catalog.jobs.find((j) => j.code.toLowerCase() === wanted) : catalog.jobs.find((j) => j.id === actor.employee.jobId)
  if (!job) return { kind: 'unknown_job', query: options.jobCode ?? null, jobs: catalog.jobs }
  const fromIds = new Set(catalog.paths.filter((p) => p.toJobId === job.id).map((p) => p.fromJobId))
  return {
    kind: 'job',
    job,
    isOwn: job.id === actor.employee.jobId,
    standard: standardFor(catalog, job.id),
    leadsTo: nextSteps(catalog, job.id),
    comesFrom: catalog.jobs.filter((j) => fromIds.has(j.id)),
  }
}
