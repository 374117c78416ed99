import { type AccessBasis, subjectFor } from '../../kernel/access.js'
import type { Actor, Deps } from '../../kernel/context.js'
import type { GapReport } from '../../kernel/domain/analyze-gap.js'
import type { Employee, Job } from '../../kernel/domain/types.js'
import { EMPTY_PROGRESS, gapFor, jobByCode, jobById, nextStepGaps } from './gap-for.js'

export type PromotionGapResult =
  /** `basis`: why the asker may see it — only a report on oneself offers Enrol buttons. */
  | { kind: 'reports'; subject: Employee; currentJob: Job | null; reports: GapReport[]; basis: AccessBasis }
  | { kind: 'no_job'; subject: Employee }
  | { kind: 'no_next_step'; subject: Employee; currentJob: Job }
  | { kind: 'unknown_target'; query: string }
  | { kind: 'refused' }

/**
 * "What do I need for promotion?": one report per next step, or for a named job, or
 * (`ofCurrentJob`, "what does my job require?") for the job the subject holds.
 */
export async function promotionGap(
  deps: Deps,
  actor: Actor,
  options: { targetJobCode?: string; subjectId?: number; ofCurrentJob?: boolean } = {},
): Promise<PromotionGapResult> {
  const seen = await subjectFor(deps.store.employees, actor.employee, options.subjectId)
  if (!seen) return { kind: 'refused' }
  const { subject, basis } = seen

  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const currentJob = jobById(catalog, subject.jobId)
  const progress = (await deps.store.progress.forEmployees([subject.id])).get(subject.id) ?? EMPTY_PROGRESS

  if (options.targetJobCode !== undefined) {
    const target = jobByCode(catalog, options.targetJobCode)
    if (!target) return { kind: 'unknown_target', query: options.targetJobCode }
    return { kind: 'reports', subject, currentJob, reports: [gapFor(catalog, subject, progress, target, now)], basis }
  }
  if (!currentJob) return { kind: 'no_job', subject }
  if (options.ofCurrentJob)
    return { kind: 'reports', subject, currentJob, reports: [gapFor(catalog, subject, progress, currentJob, now)], basis }
  const reports = nextStepGaps(catalog, subject, progress, now)
  if (reports.length === 0) return { kind: 'no_next_step', subject, currentJob }
  return { kind: 'reports', subject, currentJob, reports, basis }
}
