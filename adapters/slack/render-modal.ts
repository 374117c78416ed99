// A neutral Form → a Slack modal of input blocks, and the submitted view state
// back into neutral values by field name. Each field's block_id is its name, so
// `response_action: "errors"` can point at it directly.
import type { types } from '@slack/bolt'
import type { Form, FormField } from '../../core/kernel/cards/card.js'
import type { Locale } from '../../core/kernel/domain/types.js'
import { t } from '../../core/kernel/i18n/index.js'
import { SLACK_LIMITS, truncate } from './limits.js'
import { toPlain } from './mrkdwn.js'

/** callback_id of every Ladder modal; the form key travels in private_metadata. */
export const FORM_CALLBACK_ID = 'ladder_form'
/** action_id of the one element inside each input block. */
export const FIELD_ACTION_ID = 'value'

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(toPlain(text), max),
  emoji: true,
})

export function renderModal(form: Form, locale: Locale, privateMetadata: string): types.ModalView {
  const blocks: types.KnownBlock[] = []
  // Modal titles hold 24 characters: a longer title is repeated in full at the top.
  if (form.title.length > SLACK_LIMITS.viewTitle) blocks.push({ type: 'header', text: plain(form.title, SLACK_LIMITS.headerText) })
  if (form.intro) blocks.push({ type: 'context', elements: [plain(form.intro, SLACK_LIMITS.contextText)] })
  for (const field of form.fields) blocks.push(inputBlock(field))
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, SLACK_LIMITS.viewTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.viewTitle),
    close: plain(t(locale, 'slack.cancel'), SLACK_LIMITS.viewTitle),
    private_metadata: privateMetadata,
    blocks: blocks.slice(0, SLACK_LIMITS.viewBlocks),
  }
}

function inputBlock(field: FormField): types.InputBlock {
  return {
    type: 'input',
    block_id: truncate(field.name, SLACK_LIMITS.blockId),
    label: plain(field.label, SLACK_LIMITS.inputLabel),
    optional: !field.required,
    element: element(field),
  }
}

function option(label: string, value: string): types.PlainTextOption {
  return { text: plain(label, SLACK_LIMITS.optionText), value: truncate(value, SLACK_LIMITS.optionValue) }
}

function element(field: FormField): types.InputBlockElement {
  switch (field.type) {
    case 'rating': {
      const options: types.PlainTextOption[] = []
      for (let n = field.min; n <= field.max; n++) options.push(option(field.anchors?.[n - field.min] ?? String(n), String(n)))
      const initial = options.find((o) => field.initial !== undefined && o.value === String(field.initial))
      return {
        type: 'static_select',
        action_id: FIELD_ACTION_ID,
        options: options.slice(0, SLACK_LIMITS.selectOptions),
        ...(initial ? { initial_option: initial } : {}),
      }
    }
    case 'select': {
      const options = field.options.slice(0, SLACK_LIMITS.selectOptions).map((o) => option(o.label, o.value))
      const initial = options.find((o) => o.value === field.initial)
      // More choices than a static select holds: Slack asks for them as the user types (block_suggestion).
      if (field.searchable)
        return {
          type: 'external_select',
          action_id: FIELD_ACTION_ID,
          min_query_length: SLACK_LIMITS.externalSelectMinQuery,
          ...(initial ? { initial_option: initial } : {}),
        }
      return { type: 'static_select', action_id: FIELD_ACTION_ID, options, ...(initial ? { initial_option: initial } : {}) }
    }
    case 'text':
      return {
        type: 'plain_text_input',
        action_id: FIELD_ACTION_ID,
        multiline: field.multiline,
        max_length: Math.min(field.maxLength, SLACK_LIMITS.plainTextInputMax),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, SLACK_LIMITS.placeholder) } : {}),
        ...(field.initial ? { initial_value: field.initial } : {}),
      }
    case 'date':
      return { type: 'datepicker', action_id: FIELD_ACTION_ID, ...(field.initial ? { initial_date: field.initial } : {}) }
    case 'channel':
      // Slack's own picker: channels only (people and DMs are not channels to announce in).
      return {
        type: 'conversations_select',
        action_id: FIELD_ACTION_ID,
        // No default_to_current_conversation: opened from a DM it would pick the DM.
        ...(field.initial ? { initial_conversation: field.initial } : {}),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      }
  }
}

/** The options an external_select shows for what was typed: at most 100. */
export function renderOptions(options: readonly { label: string; value: string }[]): types.PlainTextOption[] {
  return options.slice(0, SLACK_LIMITS.selectOptions).map((o) => option(o.label, o.value))
}

/** One input element's state as Slack sends it in view.state.values[block_id][action_id]. */
interface ViewStateValue {
  type?: string
  value?: string | null
  selected_option?: { value?: string } | null
  selected_date?: string | null
  selected_conversation?: string | null
}

/** view.state.values → neutral values by field name (block_id). Empty inputs are left out. */
export function readViewValues(state: Record<string, Record<string, ViewStateValue>> | undefined): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [blockId, actions] of Object.entries(state ?? {})) {
    const input = actions[FIELD_ACTION_ID] ?? Object.values(actions)[0]
    const value = input?.value ?? input?.selected_option?.value ?? input?.selected_date ?? input?.selected_conversation
    if (typeof value === 'string' && value !== '') values[blockId] = value
  }
  return values
}
