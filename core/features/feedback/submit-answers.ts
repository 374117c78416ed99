// A rater submits their answers. Checked, then stored with nothing that leads
// back to them — a peer's or direct report's sealed, released later in a group
// (release-plan.ts); their owe-ledger entry is completed,
// dated to the day only. Deliberately no audit entry: an audit row names the
// actor to the millisecond and would undo the separation (docs/feedback-360.md).
import type { Actor } from '../../kernel/context.js'
import type { FieldError } from '../evaluations/index.js'
import type { FeedbackDeps } from './ports.js'
import { type FeedbackFormResult, loadRaterView, type RaterView, type RequestRef, whyNotOpen } from './rater-form.js'
import { releaseAnswers } from './release-answers.js'
import { isAnonymous } from './types.js'
import { validateAnswers } from './validate-answers.js'

export type SubmitFeedbackResult =
  | { kind: 'saved'; view: RaterView }
  | { kind: 'invalid'; view: RaterView; errors: Record<string, FieldError> }
  | { kind: 'not_open'; view: RaterView; reason: Extract<FeedbackFormResult, { kind: 'not_open' }>['reason'] }
  | { kind: 'refused' }

/** The UTC day of `at`: precise enough for "done on time", too coarse to order answers by. */
const dayOf = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))

export async function submitFeedback(
  deps: FeedbackDeps,
  actor: Actor,
  ref: RequestRef,
  values: Record<string, string>,
): Promise<SubmitFeedbackResult> {
  const view = await loadRaterView(deps, actor, ref)
  if (!view) return { kind: 'refused' }
  const reason = whyNotOpen(view)
  if (reason) return { kind: 'not_open', view, reason }
  const checked = validateAnswers(view.questionnaire, values)
  if (!checked.ok) return { kind: 'invalid', view, errors: checked.errors }
  const outcome = await deps.store.feedback.submit({
    requestId: view.request.id,
    answers: checked.answers,
    completedOn: dayOf(deps.clock.now()),
  })
  // Lost a race (a double click, or the cycle closed meanwhile): nothing was written.
  if (outcome === 'not_open') return { kind: 'not_open', view, reason: 'submitted' }
  if (outcome === 'cycle_not_collecting') return { kind: 'not_open', view, reason: 'closed' }
  // The answer is stored (sealed, if anonymous). Releasing a group is a separate
  // transaction: should it fail or the process die first, the sweep catches up.
  if (isAnonymous(view.request.perspective)) {
    try {
      await releaseAnswers(deps, view.cycle, [view.request.subjectId])
    } catch (error) {
      deps.log.error({ err: error, cycleId: view.cycle.id }, 'releasing sealed 360 answers failed; the sweep will retry')
    }
  }
  return { kind: 'saved', view: { ...view, request: { ...view.request, status: 'submitted' } } }
}
