import type { Actor, Deps } from '../../kernel/context.js'
import { isHr, isManager } from '../../kernel/context.js'
import { type Candidate, rankCandidates } from '../../kernel/domain/rank-candidates.js'
import type { Employee, Job } from '../../kernel/domain/types.js'
import { EMPTY_PROGRESS, gapFor, jobByCode } from './gap-for.js'

export type WhoIsReadyResult =
  | { kind: 'candidates'; job: Job; scope: 'company' | 'team'; ranked: Candidate<Employee>[]; readyCount: number; considered: number }
  | { kind: 'no_standard'; job: Job }
  | { kind: 'unknown_job'; query: string | null; jobs: Job[] }
  | { kind: 'refused' }

/**
 * Filling a vacancy from the talent pool: who meets a job's standard, best first.
 * HR searches the whole company; a manager only their own reports; others are refused.
 */
export async function whoIsReady(deps: Deps, actor: Actor, options: { jobCode?: string }): Promise<WhoIsReadyResult> {
  const me = actor.employee
  const scope = isHr(me) ? 'company' : isManager(me) ? 'team' : null
  if (!scope) return { kind: 'refused' }
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const job = options.jobCode ? jobByCode(catalog, options.jobCode) : null
  if (!job) return { kind: 'unknown_job', query: options.jobCode ?? null, jobs: catalog.jobs }
  if (!catalog.standards.some((s) => s.jobId === job.id)) return { kind: 'no_standard', job }

  const pool = scope === 'company' ? await deps.store.employees.allActive() : await deps.store.employees.reportsOf(me.id)
  const people = pool.filter((e) => e.jobId !== job.id)
  const progress = await deps.store.progress.forEmployees(people.map((e) => e.id))
  const candidates: Candidate<Employee>[] = []
  for (const employee of people) {
    const report = gapFor(catalog, employee, progress.get(employee.id) ?? EMPTY_PROGRESS, job, now)
    if (report.kind === 'report') candidates.push({ subject: employee, report })
  }
  const ranked = rankCandidates(candidates)
  return {
    kind: 'candidates',
    job,
    scope,
    ranked,
    readyCount: ranked.filter((c) => c.report.isReady).length,
    considered: candidates.length,
  }
}
