import type { Actor, Deps } from '../../kernel/context.js'
import { isHr, isManager } from '../../kernel/context.js'
import { type Candidate, rankCandidates } from '../../kernel/domain/rank-candidates.js'
import type { Employee, Job } from '../../kernel/domain/types.js'
import { pacer, yieldToEventLoop } from '../../kernel/yielding.js'
import { EMPTY_PROGRESS, gapFor, jobByCode } from './gap-for.js'

/**
 * People whose progress is read and scored at a time: over the whole company HR's
 * question is a batch job, so it holds one batch of progress at a time and hands
 * the event loop back between steps instead of blocking acks for seconds.
 */
const BATCH = 50
/** Employees per page of the company-wide pool. */
const PAGE = 500

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

  const candidates: Candidate<Employee>[] = []
  const pace = pacer()
  const score = async (pool: readonly Employee[]) => {
    const people = pool.filter((e) => e.jobId !== job.id)
    for (let i = 0; i < people.length; i += BATCH) {
      const batch = people.slice(i, i + BATCH)
      await yieldToEventLoop()
      const progress = await deps.store.progress.forEmployees(batch.map((e) => e.id))
      for (const employee of batch) {
        const report = gapFor(catalog, employee, progress.get(employee.id) ?? EMPTY_PROGRESS, job, now)
        if (report.kind === 'report') candidates.push({ subject: employee, report })
        await pace()
      }
    }
  }
  if (scope === 'team') await score(await deps.store.employees.reportsOf(me.id))
  else {
    // The whole company a page at a time, in id order as allActive() would give it.
    for (let after = 0; ; ) {
      await yieldToEventLoop()
      const page = await deps.store.employees.activeAfter(after, PAGE)
      await score(page)
      if (page.length < PAGE) break
      after = page[page.length - 1]!.id
    }
  }
  await yieldToEventLoop()
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
