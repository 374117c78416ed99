// A refused form comes back with what the person typed as initial values, so a
// correction does not mean typing it all again. The platforms without a form
// state of their own (Feishu form cards, the console's server-rendered forms)
// render the form_errors reply through these.
import type { Card, Form, FormField } from './card.js'

/** The form with what was submitted as initial values, so a correction does not mean typing it all again. */
function withSubmitted(form: Form, values: Record<string, string>, errors?: Record<string, string>): Form {
  return {
    ...form,
    fields: form.fields.map((field) => withInitial(field, values[field.name])),
    ...(errors && Object.keys(errors).length ? { errors } : {}),
  }
}

/** Every form block of the card (and of its other-language twin) with the submitted values kept. */
export function cardWithSubmitted(card: Card, values: Record<string, string>): Card {
  return {
    ...card,
    blocks: card.blocks.map((block) =>
      block.type === 'form' ? { ...block, form: withSubmitted(block.form, values, block.form.errors) } : block,
    ),
    ...(card.alternate ? { alternate: cardWithSubmitted(card.alternate, values) } : {}),
  }
}

function withInitial(field: FormField, value: string | undefined): FormField {
  if (value === undefined || value === '') return field
  switch (field.type) {
    case 'rating': {
      const n = Number(value)
      return Number.isInteger(n) && n >= field.min && n <= field.max ? { ...field, initial: n } : field
    }
    case 'select':
      return field.options.some((o) => o.value === value) ? { ...field, initial: value } : field
    case 'text':
      return { ...field, initial: value.slice(0, field.maxLength) }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { ...field, initial: value } : field
    case 'channel':
      // A chosen group stays chosen; a typed id is kept for correcting.
      if (field.options?.length) return field.options.some((o) => o.value === value) ? { ...field, initial: value } : field
      return { ...field, initial: value.slice(0, 200) }
  }
}
