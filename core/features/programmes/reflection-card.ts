// The reflection form (a Slack modal, a Feishu form card, a console form) and what
// its submission answers.
import { makeCard } from '../../kernel/cards/build.js'
import type { Card, Form } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../../kernel/inbound.js'
import type { ProgrammeDeps } from './ports.js'
import { REFLECTION_MAX, reflectionForm, submitReflection } from './reflection.js'

const KEY = /^reflection:(\d{1,12})$/

const reflectionFormKey = (taskId: number): string => `reflection:${taskId}`

function reflectionFormOf(locale: Locale, taskId: number, errors?: Record<string, string>): Form {
  const tr = translator(locale)
  return {
    key: reflectionFormKey(taskId),
    title: tr('programme.reflection.title'),
    intro: tr('programme.reflection.intro', { max: REFLECTION_MAX }),
    submitLabel: tr('programme.reflection.submit'),
    fields: [
      { type: 'text', name: 'text', label: tr('programme.reflection.field'), multiline: true, maxLength: REFLECTION_MAX, required: true },
    ],
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  }
}

function reflectionFormCard(locale: Locale, taskId: number, errors?: Record<string, string>): Card {
  const form = reflectionFormOf(locale, taskId, errors)
  return makeCard(locale, { title: form.title, tone: 'info' }, [{ type: 'form', form }])
}

/** Opens the form of a reflection task (also for the older "Done" button, which must not skip the text). */
export async function openReflection(deps: ProgrammeDeps, actor: Actor, taskId: number): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const result = await reflectionForm(deps, actor, taskId)
  if (result.kind === 'refused') return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  if (result.kind === 'not_open') return { kind: 'notify', notice: { tone: 'info', text: tr('evaluation.notOpen') } }
  return { kind: 'form', form: reflectionFormOf(actor.locale, taskId), card: reflectionFormCard(actor.locale, taskId) }
}

/** open_form / submit_form with the value "reflection:<task id>"; null for any other action. */
export async function handleReflectionAction(deps: ProgrammeDeps, actor: Actor, action: InboundAction): Promise<ActionReply | null> {
  if (action.actionId !== 'open_form' && action.actionId !== 'submit_form') return null
  const match = KEY.exec(action.value)
  if (!match) return null
  const taskId = Number(match[1])
  if (action.actionId === 'open_form') return openReflection(deps, actor, taskId)
  const tr = translator(actor.locale)
  const values = action.values ?? {}
  const result = await submitReflection(deps, actor, taskId, values)
  switch (result.kind) {
    case 'refused':
      return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
    case 'not_open':
      return { kind: 'notify', notice: { tone: 'error', text: tr('evaluation.notOpen') } }
    case 'invalid': {
      const errors = {
        text:
          result.error === 'required' ? tr('programme.reflection.required') : tr('programme.reflection.tooLong', { max: REFLECTION_MAX }),
      }
      return {
        kind: 'form_errors',
        form: reflectionFormOf(actor.locale, taskId, errors),
        card: reflectionFormCard(actor.locale, taskId, errors),
        errors,
        values,
        notice: { tone: 'error', text: errors.text },
      }
    }
    case 'saved': {
      const text = tr('programme.reflection.saved')
      return {
        kind: 'replace',
        card: makeCard(actor.locale, { title: text, tone: 'success' }, []),
        notice: { tone: 'success', text },
        isPersonal: true,
      }
    }
  }
}
