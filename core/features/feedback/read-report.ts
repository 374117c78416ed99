// Reading one subject's aggregated 360 report. The subject's managers and HR
// once the cycle is closed; the subject once it is shared. Raters as such never:
// they see their own form and nothing else.
import type { Actor } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import { managesSubject } from './access.js'
import type { FeedbackReport } from './build-report.js'
import { hasResults } from './cycle-stage.js'
import { loadReport } from './load-report.js'
import type { FeedbackDeps } from './ports.js'
import type { FeedbackCycle, FeedbackStage } from './types.js'

export type FeedbackReportResult =
  | { kind: 'report'; cycle: FeedbackCycle; subject: Employee; report: FeedbackReport }
  | { kind: 'not_ready'; stage: FeedbackStage }
  | { kind: 'refused' }

export async function feedbackReport(
  deps: FeedbackDeps,
  actor: Actor,
  input: { cycleId: number; subjectId: number },
): Promise<FeedbackReportResult> {
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  const row = cycle && (await deps.store.feedback.subject(cycle.id, input.subjectId))
  const subject = row && (await deps.store.employees.byId(row.employeeId))
  if (!cycle || !row || !subject) return { kind: 'refused' }
  const isSubject = actor.employee.id === subject.id
  if (!isSubject && !(await managesSubject(deps.store.employees, actor.employee, subject))) return { kind: 'refused' }
  if (!hasResults(cycle.stage) || (isSubject && cycle.stage !== 'shared')) return { kind: 'not_ready', stage: cycle.stage }
  const { report } = await loadReport(deps, cycle, row)
  return { kind: 'report', cycle, subject, report }
}
