// "What is my job about?" / "what does a store manager do": the job's place in
// the ladder and what its qualification standard expects, indicator by indicator.
import type { Actor, Deps } from '../../kernel/context.js'
import { type JobRequirementsResult, jobRequirements } from '../gap/index.js'

export type JobDescriptionResult =
  | (Extract<JobRequirementsResult, { kind: 'job' }> & { isOwn: boolean })
  | Extract<JobRequirementsResult, { kind: 'unknown_job' }>

/** The named job's, else the asker's own. */
export async function jobDescription(deps: Deps, actor: Actor, options: { jobCode?: string } = {}): Promise<JobDescriptionResult> {
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const jobCode = options.jobCode ?? catalog.jobs.find((j) => j.id === actor.employee.jobId)?.code
  const result = await jobRequirements(deps, jobCode === undefined ? {} : { jobCode })
  return result.kind === 'job' ? { ...result, isOwn: result.job.id === actor.employee.jobId } : result
}
