// Closed → shared: each subject receives their aggregated report.
import type { Actor } from '../../kernel/context.js'
import type { Delivery } from '../../kernel/messaging.js'
import { runsCycle } from './access.js'
import { transition } from './cycle-stage.js'
import { deliver } from './deliver.js'
import { loadReport } from './load-report.js'
import type { FeedbackDeps } from './ports.js'
import { feedbackReportCard } from './present-report.js'
import type { StageResult } from './start-collecting.js'

export async function shareResults(deps: FeedbackDeps, actor: Actor, input: { cycleId: number }): Promise<StageResult> {
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  if (!cycle || !runsCycle(actor.employee, cycle)) return { kind: 'refused' }
  const move = transition(cycle.stage, 'share')
  if (!move.ok) return { kind: 'illegal', transition: move }
  const now = deps.clock.now()
  if (!(await deps.store.feedback.moveStage({ cycleId: cycle.id, from: move.from, to: move.to, at: now }))) {
    return { kind: 'illegal', transition: { ok: false, from: cycle.stage, event: 'share', reason: 'already_done' } }
  }
  const shared = { ...cycle, stage: move.to, stageChangedAt: now }
  const deliveries: Delivery[] = []
  for (const row of await deps.store.feedback.subjects(cycle.id)) {
    const subject = await deps.store.employees.byId(row.employeeId)
    if (subject?.status !== 'active') continue
    const { report } = await loadReport(deps, shared, row)
    deliveries.push({
      recipientId: subject.id,
      purpose: 'report',
      key: `feedback:report:${cycle.id}:${subject.id}:subject`,
      card: feedbackReportCard({ cycle: shared, subject, report }, subject.locale),
    })
  }
  await deps.store.audit.record({
    actorId: actor.employee.id,
    actor: `employee:${actor.employee.id}`,
    action: 'feedback.share',
    entity: 'FeedbackCycle',
    entityId: cycle.id,
  })
  await deliver(deps, deliveries)
  return { kind: 'moved', cycle: shared, deliveries }
}
