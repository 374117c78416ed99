// Chat entry for everything 360: buttons and forms whose value starts with
// "feedback:" (a rater's request) or "cycle:" (running a cycle). The lead's
// core/actions.ts calls this first for open_form / submit_form and falls back
// to its own handling when it returns null.

import { makeCard } from '../../kernel/cards/build.js'
import type { Actor } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../../kernel/inbound.js'
import { declineRequest } from './decline-request.js'
import {
  declinedCard,
  declineForm,
  declineFormCard,
  notOpenText,
  REASON_FIELD,
  raterForm,
  raterFormCard,
  submittedCard,
} from './feedback-card.js'
import { handleCycleAction } from './handle-cycle-action.js'
import type { FeedbackDeps } from './ports.js'
import { answerErrorTexts, problemTexts } from './problems.js'
import { type FeedbackFormResult, feedbackForm, type RaterView, type RequestRef } from './rater-form.js'
import { submitFeedback } from './submit-answers.js'
import { REASON_MAX } from './types.js'

type NotOpenReason = Extract<FeedbackFormResult, { kind: 'not_open' }>['reason']

const REQUEST = /^feedback:(?:(\d{1,12})|task:(\d{1,12}))(:decline)?$/

export async function handleFeedbackAction(deps: FeedbackDeps, actor: Actor, action: InboundAction): Promise<ActionReply | null> {
  if (action.actionId !== 'open_form' && action.actionId !== 'submit_form') return null
  if (action.value.startsWith('cycle:')) return handleCycleAction(deps, actor, action)
  if (!action.value.startsWith('feedback:')) return null
  const tr = translator(actor.locale)
  const match = REQUEST.exec(action.value)
  if (!match) return { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  const ref: RequestRef = match[1] ? { requestId: Number(match[1]) } : { taskId: Number(match[2]) }
  const isSubmit = action.actionId === 'submit_form'
  return match[3] ? decline(deps, actor, ref, isSubmit, action.values ?? {}) : answer(deps, actor, ref, isSubmit, action.values ?? {})
}

async function answer(
  deps: FeedbackDeps,
  actor: Actor,
  ref: RequestRef,
  isSubmit: boolean,
  values: Record<string, string>,
): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const locale = actor.locale
  if (!isSubmit) {
    const result = await feedbackForm(deps, actor, ref)
    if (result.kind === 'refused') return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
    if (result.kind === 'not_open') return notOpen(result.view, result.reason, 'info', locale)
    return { kind: 'form', form: raterForm(result.view, locale), card: raterFormCard(result.view, actor.employee, locale) }
  }
  const result = await submitFeedback(deps, actor, ref, values)
  switch (result.kind) {
    case 'refused':
      return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
    case 'not_open':
      // The form the rater still sees is replaced, so it does not invite another try.
      return notOpen(result.view, result.reason, 'error', locale)
    case 'invalid': {
      const errors = answerErrorTexts(result.errors, locale)
      return {
        kind: 'form_errors',
        form: raterForm(result.view, locale, errors),
        card: raterFormCard(result.view, actor.employee, locale, errors),
        errors,
        values,
        notice: { tone: 'error', text: tr('feedback.formError') },
      }
    }
    case 'saved':
      return {
        kind: 'replace',
        card: submittedCard(result.view, locale),
        notice: { tone: 'success', text: tr('feedback.submitted.title') },
        isPersonal: true,
      }
  }
}

/** A request that cannot be answered (any more): the reason as a notice, and the card saying where it stands. */
function notOpen(view: RaterView, reason: NotOpenReason, tone: 'info' | 'error', locale: Locale): ActionReply {
  const text = notOpenText(reason, locale)
  return {
    kind: 'replace',
    card: reason === 'submitted' ? submittedCard(view, locale) : makeCard(locale, undefined, [{ type: 'text', text }]),
    notice: { tone, text },
    isPersonal: true,
  }
}

async function decline(
  deps: FeedbackDeps,
  actor: Actor,
  ref: RequestRef,
  isSubmit: boolean,
  values: Record<string, string>,
): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const locale = actor.locale
  if (!isSubmit) {
    const result = await feedbackForm(deps, actor, ref)
    if (result.kind === 'refused') return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
    if (result.kind === 'not_open' && result.reason !== 'not_started')
      return { kind: 'notify', notice: { tone: 'info', text: notOpenText(result.reason, locale) } }
    return { kind: 'form', form: declineForm(result.view, locale), card: declineFormCard(result.view, locale) }
  }
  const result = await declineRequest(deps, actor, ref, { reason: values[REASON_FIELD] ?? '' })
  switch (result.kind) {
    case 'refused':
      return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
    case 'not_open':
      return { kind: 'notify', notice: { tone: 'error', text: tr('feedback.decline.notPossible') } }
    case 'invalid': {
      const errors = problemTexts(
        Object.fromEntries(Object.entries(result.errors).map(([field, code]) => [field, { code, detail: String(REASON_MAX) }])),
        locale,
      )
      return {
        kind: 'form_errors',
        form: declineForm(result.view, locale, errors),
        card: declineFormCard(result.view, locale, errors),
        errors,
        values,
        notice: { tone: 'error', text: tr('feedback.formError') },
      }
    }
    case 'declined':
      return {
        kind: 'replace',
        card: declinedCard(result.view, locale),
        notice: { tone: 'success', text: tr('feedback.declined.title') },
        isPersonal: true,
      }
  }
}
