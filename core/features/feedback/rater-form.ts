// The rater's side: their own request, the questionnaire, and whether it is
// still open. Someone else's request answers exactly like a missing one.
import type { Actor } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import { canAnswer } from './cycle-stage.js'
import type { FeedbackDeps } from './ports.js'
import type { FeedbackCycle, FeedbackRequest, QuestionnaireItem } from './types.js'

export interface RaterView {
  request: FeedbackRequest
  cycle: FeedbackCycle
  subject: Employee
  questionnaire: QuestionnaireItem[]
}

/** `requestId`, or `taskId` from a rating_360 task in the to-do list or a reminder. */
export type RequestRef = { requestId: number } | { taskId: number }

export type FeedbackFormResult =
  | { kind: 'form'; view: RaterView }
  | { kind: 'not_open'; view: RaterView; reason: 'submitted' | 'declined' | 'closed' | 'not_started' }
  | { kind: 'refused' }

export async function loadRaterView(deps: FeedbackDeps, actor: Actor, ref: RequestRef): Promise<RaterView | null> {
  const request =
    'requestId' in ref ? await deps.store.feedback.request(ref.requestId) : await deps.store.feedback.requestByTask(ref.taskId)
  if (!request || request.raterId !== actor.employee.id) return null
  const [cycle, row, subject] = await Promise.all([
    deps.store.feedback.cycle(request.cycleId),
    deps.store.feedback.subject(request.cycleId, request.subjectId),
    deps.store.employees.byId(request.subjectId),
  ])
  if (!cycle || !row || !subject) return null
  return { request, cycle, subject, questionnaire: row.questionnaire }
}

export function whyNotOpen(view: RaterView): Extract<FeedbackFormResult, { kind: 'not_open' }>['reason'] | null {
  const { status } = view.request
  if (status === 'submitted') return 'submitted'
  if (status === 'declined' || status === 'rejected') return 'declined'
  if (status === 'expired' || view.cycle.stage === 'closed' || view.cycle.stage === 'shared') return 'closed'
  if (status !== 'open' || !canAnswer(view.cycle.stage)) return 'not_started'
  return null
}

export async function feedbackForm(deps: FeedbackDeps, actor: Actor, ref: RequestRef): Promise<FeedbackFormResult> {
  const view = await loadRaterView(deps, actor, ref)
  if (!view) return { kind: 'refused' }
  const reason = whyNotOpen(view)
  return reason ? { kind: 'not_open', view, reason } : { kind: 'form', view }
}
