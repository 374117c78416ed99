// A neutral Form as a card 2.0 form container. Feishu has no modals: evaluation
// forms live inside the card, and submitting sends every field's value in
// action.form_value keyed by the field's `name` (every interactive component in a
// form needs a card-unique name, else the client refuses with 200530).
import type { Form, FormField } from '../../core/kernel/cards/card.js'
import { encodeActionValue } from './action-value.js'
import { type CardElement, escapeMarkdown, markdown, plainText } from './card-json.js'

const FORM_NAME = 'ladder_form'
const SUBMIT_NAME = 'ladder_submit'
const CHANNEL_ID_MAX = 200

/** `showTitle` is false when the card's header already says it. */
export function renderForm(form: Form, options: { showTitle: boolean }): CardElement {
  const elements: CardElement[] = []
  if (options.showTitle) elements.push(markdown(`**${escapeMarkdown(form.title)}**`))
  if (form.intro) elements.push(markdown(escapeMarkdown(form.intro), { size: 'notation' }))
  for (const field of form.fields) {
    elements.push(markdown(`**${escapeMarkdown(field.label)}**` + (field.required ? " <font color='red'>*</font>" : '')))
    elements.push(renderField(field))
    const error = form.errors?.[field.name]
    if (error) elements.push(markdown(`<font color='red'>${escapeMarkdown(error)}</font>`, { size: 'notation' }))
  }
  elements.push({
    tag: 'button',
    name: SUBMIT_NAME,
    text: plainText(form.submitLabel),
    type: 'primary',
    form_action_type: 'submit',
    behaviors: [
      {
        type: 'callback',
        value: encodeActionValue({ id: 'submit_form', value: form.key, ...(form.locale ? { locale: form.locale } : {}) }),
      },
    ],
  })
  return { tag: 'form', name: FORM_NAME, elements }
}

function renderField(field: FormField): CardElement {
  const common = { name: field.name, required: field.required, width: 'fill' }
  switch (field.type) {
    case 'rating': {
      // Feishu has no rating component: a static select whose options carry the anchors.
      const options = []
      for (let point = field.min; point <= field.max; point++) {
        const anchor = field.anchors?.[point - field.min]
        options.push({ text: plainText(anchor ? `${point} · ${anchor}` : String(point)), value: String(point) })
      }
      return { tag: 'select_static', ...common, options, ...(field.initial !== undefined ? { initial_option: String(field.initial) } : {}) }
    }
    case 'select':
      return {
        tag: 'select_static',
        ...common,
        options: field.options.map((o) => ({ text: plainText(o.label), value: o.value })),
        // An initial value that is no longer an option (a retired course) is left unselected.
        ...(field.initial !== undefined && field.options.some((o) => o.value === field.initial) ? { initial_option: field.initial } : {}),
      }
    case 'text':
      return {
        tag: 'input',
        ...common,
        max_length: field.maxLength,
        ...(field.multiline ? { input_type: 'multiline_text', rows: 4 } : {}),
        ...(field.placeholder ? { placeholder: plainText(field.placeholder) } : {}),
        ...(field.initial !== undefined ? { default_value: field.initial } : {}),
      }
    case 'date':
      return { tag: 'date_picker', ...common, ...(field.initial !== undefined ? { initial_date: field.initial } : {}) }
    case 'channel':
      // Cards have no chat picker: the groups offered by the core, else the chat id is typed.
      if (field.options?.length) {
        const hasInitial = field.initial !== undefined && field.options.some((o) => o.value === field.initial)
        return {
          tag: 'select_static',
          ...common,
          options: field.options.map((o) => ({ text: plainText(o.label), value: o.value })),
          ...(hasInitial ? { initial_option: field.initial } : {}),
        }
      }
      return {
        tag: 'input',
        ...common,
        max_length: CHANNEL_ID_MAX,
        ...(field.placeholder ? { placeholder: plainText(field.placeholder) } : {}),
        ...(field.initial !== undefined ? { default_value: field.initial } : {}),
      }
  }
}
