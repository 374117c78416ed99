// Collecting → closed. Pending requests expire (so reminders stop), answers are
// final and reshuffled, and each subject's result is recorded once as 360
// Assessments (source '360', no assessor): the mean rating of others, which the
// gap engine weighs against the other sources (kernel/domain/attainment.ts). The report goes to each subject's manager; the subject sees it when shared.
import type { Actor } from '../../kernel/context.js'
import { ratingBasis } from '../../kernel/domain/career-paths.js'
import { RATING_MAX, ratingToAttainment } from '../../kernel/domain/rating-scale.js'
import type { Delivery } from '../../kernel/messaging.js'
import type { NewAssessment } from '../../kernel/ports.js'
import { runsCycle } from './access.js'
import { transition } from './cycle-stage.js'
import { deliver } from './deliver.js'
import { loadReport } from './load-report.js'
import type { FeedbackDeps } from './ports.js'
import { feedbackReportCard } from './present-report.js'
import { releaseAnswers } from './release-answers.js'
import type { StageResult } from './start-collecting.js'
import type { FeedbackCycle } from './types.js'

/** Records every subject's results not recorded yet; returns the managers' report cards. */
async function recordResults(deps: FeedbackDeps, cycle: FeedbackCycle): Promise<Delivery[]> {
  const now = deps.clock.now()
  const deliveries: Delivery[] = []
  for (const row of await deps.store.feedback.subjects(cycle.id)) {
    if (row.resultsAt !== null) continue
    const { report, catalog } = await loadReport(deps, cycle, row)
    const subjectRow = await deps.store.employees.byId(row.employeeId)
    const basis = ratingBasis(catalog, subjectRow?.jobId ?? null)
    const assessments: NewAssessment[] = report.ratings.map(({ dimensionId, rating }) => ({
      employeeId: row.employeeId,
      dimensionId,
      rating,
      // Against the standard the subject is rated for; a dimension no standard of theirs has reads linearly.
      attainment: Math.round(
        basis.has(dimensionId) ? ratingToAttainment(rating, basis.get(dimensionId) as number) : (rating * 100) / RATING_MAX,
      ),
      source: '360',
      assessedAt: now,
      assessorId: null,
      note: `360 cycle ${cycle.id}`,
    }))
    if (!(await deps.store.feedback.recordResults({ feedbackSubjectId: row.id, assessments, at: now }))) continue
    const [subject, manager] = await Promise.all([
      deps.store.employees.byId(row.employeeId),
      row.managerId === null ? null : deps.store.employees.byId(row.managerId),
    ])
    if (subject && manager)
      deliveries.push({
        recipientId: manager.id,
        purpose: 'report',
        key: `feedback:report:${cycle.id}:${row.employeeId}:manager`,
        card: feedbackReportCard({ cycle, subject, report }, manager.locale),
      })
  }
  return deliveries
}

/** The close itself, for a person (authorised by the caller) or the scheduler at `closesAt`. */
export async function closeCycleNow(deps: FeedbackDeps, cycle: FeedbackCycle, actorId: number | null): Promise<StageResult> {
  const now = deps.clock.now()
  const move = transition(cycle.stage, 'close')
  // A close that stopped half-way (results not all recorded) is finished by closing again.
  const isRetry = cycle.stage === 'closed' && (await deps.store.feedback.subjects(cycle.id)).some((s) => s.resultsAt === null)
  if (!move.ok && !isRetry) return { kind: 'illegal', transition: move }
  if (move.ok && !(await deps.store.feedback.close({ cycleId: cycle.id, at: now }))) {
    const fresh = await deps.store.feedback.cycle(cycle.id)
    return { kind: 'illegal', transition: { ok: false, from: fresh?.stage ?? cycle.stage, event: 'close', reason: 'already_done' } }
  }
  const closed: FeedbackCycle = { ...cycle, stage: 'closed', stageChangedAt: move.ok ? now : cycle.stageChangedAt }
  // The sealed answers left, in the groups the report shows (release-plan.ts), before any result is read.
  await releaseAnswers(deps, closed)
  const deliveries = await recordResults(deps, closed)
  await deps.store.audit.record({
    actorId,
    actor: actorId === null ? 'scheduler' : `employee:${actorId}`,
    action: 'feedback.close',
    entity: 'FeedbackCycle',
    entityId: cycle.id,
  })
  await deliver(deps, deliveries)
  return { kind: 'moved', cycle: closed, deliveries }
}

export async function closeCycle(deps: FeedbackDeps, actor: Actor, input: { cycleId: number }): Promise<StageResult> {
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  if (!cycle || !runsCycle(actor.employee, cycle)) return { kind: 'refused' }
  return closeCycleNow(deps, cycle, actor.employee.id)
}
