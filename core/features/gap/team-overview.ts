import type { Actor, Deps } from '../../kernel/context.js'
import { isManager } from '../../kernel/context.js'
import type { GapReport } from '../../kernel/domain/analyze-gap.js'
import type { Assignment, Employee, Job } from '../../kernel/domain/types.js'
import { EMPTY_PROGRESS, jobById, nextStepGaps } from './gap-for.js'

export interface TeamMember {
  employee: Employee
  job: Job | null
  /** The most advanced of the member's next-step reports (ready first, then best match). */
  best: Extract<GapReport, { kind: 'report' }> | null
  overdue: number
  /** A new hire's onboarding courses (assignments with source "onboarding"), while any is open; null otherwise. */
  onboarding: { done: number; total: number; overdue: number } | null
}

export type TeamOverviewResult = { kind: 'team'; members: TeamMember[] } | { kind: 'no_reports' } | { kind: 'refused' }

function bestOf(reports: GapReport[]): TeamMember['best'] {
  let best: TeamMember['best'] = null
  for (const r of reports) {
    if (r.kind !== 'report') continue
    if (!best || Number(r.isReady) - Number(best.isReady) > 0 || (r.isReady === best.isReady && r.overall > best.overall)) best = r
  }
  return best
}

/** A manager's direct and indirect reports: readiness for their next step and overdue items. */
export async function teamOverview(deps: Deps, actor: Actor): Promise<TeamOverviewResult> {
  if (!isManager(actor.employee)) return { kind: 'refused' }
  const reports = await deps.store.employees.reportsOf(actor.employee.id)
  if (reports.length === 0) return { kind: 'no_reports' }
  const now = deps.clock.now()
  const ids = reports.map((e) => e.id)
  const [catalog, progress, overdue] = await Promise.all([
    deps.store.catalog.load(now),
    deps.store.progress.forEmployees(ids),
    deps.store.progress.overdueCounts(ids, now),
  ])
  const members = reports.map((employee) => ({
    employee,
    job: jobById(catalog, employee.jobId),
    best: bestOf(nextStepGaps(catalog, employee, progress.get(employee.id) ?? EMPTY_PROGRESS, now)),
    overdue: overdue.get(employee.id) ?? 0,
    onboarding: onboardingOf(progress.get(employee.id)?.assignments ?? [], now),
  }))
  members.sort(
    (a, b) =>
      Number(b.best?.isReady ?? false) - Number(a.best?.isReady ?? false) ||
      (b.best?.overall ?? -1) - (a.best?.overall ?? -1) ||
      a.employee.id - b.employee.id,
  )
  return { kind: 'team', members }
}

/** Progress on the onboarding plan, shown for as long as some of it is open. */
function onboardingOf(assignments: readonly Assignment[], now: Date): TeamMember['onboarding'] {
  const plan = assignments.filter((a) => a.source === 'onboarding')
  const done = plan.filter((a) => a.status === 'completed' || a.status === 'waived').length
  if (plan.length === 0 || done === plan.length) return null
  const overdue = plan.filter(
    (a) => a.status !== 'completed' && a.status !== 'waived' && a.dueAt !== null && a.dueAt.getTime() < now.getTime(),
  ).length
  return { done, total: plan.length, overdue }
}
