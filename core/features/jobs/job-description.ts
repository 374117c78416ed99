// "我的岗位职责是什么" / "what does a store manager do": the job's description in
// force when one is published; otherwise its place in the ladder and what its
// standard expects (features/careers), which says no description is published.
import type { Actor } from '../../kernel/context.js'
import { type JobDescriptionResult, jobDescription } from '../careers/index.js'
import { describeJob, type JobDescription } from './describe-job.js'
import type { JobsDeps } from './ports.js'

export type JobDescriptionAnswer =
  | { kind: 'published'; description: JobDescription; isOwn: boolean }
  | { kind: 'unpublished'; result: JobDescriptionResult }

/** The named job's (any job: descriptions are not personal data), else the asker's own. */
export async function jobDescriptionFor(deps: JobsDeps, actor: Actor, options: { jobCode?: string } = {}): Promise<JobDescriptionAnswer> {
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const wanted = options.jobCode?.trim().toLowerCase()
  const job =
    wanted === undefined
      ? catalog.jobs.find((j) => j.id === actor.employee.jobId)
      : catalog.jobs.find((j) => j.code.toLowerCase() === wanted)
  const description = job ? await describeJob(deps, job.id) : null
  if (description) return { kind: 'published', description, isOwn: description.job.id === actor.employee.jobId }
  return { kind: 'unpublished', result: await jobDescription(deps, actor, options) }
}
