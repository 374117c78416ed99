// A neutral Form → an HTML <form>. The browser enforces `required` and
// `maxlength` before anything is sent; the core validates again and its errors
// come back bound to their fields with aria-describedby.
import type { Form, FormField } from '../../core/kernel/cards/card.js'
import { escapeHtml as esc } from './escape.js'
import { plainText } from './markup.js'

/**
 * `idPrefix` keeps ids unique when several cards (or the same form twice) are on one page.
 * `labelledBy`: the id of a heading that already says the form's title (the card's own,
 * when they are the same): the form is labelled by it instead of printing the title twice.
 */
export function renderFormHtml(form: Form, idPrefix: string, labelledBy?: string): string {
  const errors = form.errors ?? {}
  const known = new Set(form.fields.map((f) => f.name))
  const orphanErrors = Object.entries(errors).filter(([name]) => !known.has(name))
  const legendId = labelledBy ?? `${idPrefix}-legend`
  return (
    `<form class="card-form" data-form-key="${esc(form.key)}"${form.locale ? ` data-locale="${esc(form.locale)}"` : ''} aria-labelledby="${legendId}">` +
    (labelledBy ? '<fieldset>' : `<fieldset><legend id="${legendId}">${esc(plainText(form.title))}</legend>`) +
    (form.intro ? `<p class="form-intro">${esc(plainText(form.intro))}</p>` : '') +
    (orphanErrors.length ? `<ul class="form-errors" role="alert">${orphanErrors.map(([, e]) => `<li>${esc(e)}</li>`).join('')}</ul>` : '') +
    form.fields.map((field, i) => renderField(field, `${idPrefix}-f${i}`, errors[field.name])).join('') +
    `<div class="form-actions"><button type="submit" class="btn btn-primary">${esc(plainText(form.submitLabel))}</button></div>` +
    `</fieldset></form>`
  )
}

function renderField(field: FormField, id: string, error: string | undefined): string {
  const errorId = `${id}-error`
  const invalid = error === undefined ? '' : ` aria-invalid="true" aria-describedby="${errorId}"`
  const errorHtml = error === undefined ? '' : `<p class="field-error" id="${errorId}">${esc(error)}</p>`
  const required = field.required ? ' required' : ''
  const label = `<label for="${id}">${esc(plainText(field.label))}</label>`
  switch (field.type) {
    case 'rating': {
      // A radio group: the group's name is the legend; each point is labelled by its anchor.
      const points = Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i)
      const radios = points
        .map((point, i) => {
          const anchor = field.anchors?.[i]
          const checked = field.initial === point ? ' checked' : ''
          // Anchors often name their point already ("3 — meets the bar"): then the number is not repeated.
          const text =
            anchor === undefined
              ? `<span class="rating-value">${point}</span>`
              : anchor.startsWith(String(point))
                ? `<span class="rating-anchor">${esc(anchor)}</span>`
                : `<span class="rating-value">${point}</span> <span class="rating-anchor">${esc(anchor)}</span>`
          return `<label class="rating-point"><input type="radio" name="${esc(field.name)}" value="${point}"${required}${checked}>${text}</label>`
        })
        .join('')
      return (
        `<fieldset class="field field-rating" id="${id}"${invalid}>` +
        `<legend>${esc(plainText(field.label))}</legend>` +
        `<div class="rating">${radios}</div>${errorHtml}</fieldset>`
      )
    }
    case 'select': {
      const hasInitial = field.initial !== undefined && field.options.some((o) => o.value === field.initial)
      // An empty first option: without it a required select is already "answered".
      const options = [
        ...(hasInitial ? [] : ['<option value="">—</option>']),
        ...field.options.map(
          (o) => `<option value="${esc(o.value)}"${o.value === field.initial ? ' selected' : ''}>${esc(o.label)}</option>`,
        ),
      ].join('')
      return `<div class="field field-select">${label}<select id="${id}" name="${esc(field.name)}"${required}${invalid}>${options}</select>${errorHtml}</div>`
    }
    case 'text': {
      const placeholder = field.placeholder ? ` placeholder="${esc(field.placeholder)}"` : ''
      const attrs = `id="${id}" name="${esc(field.name)}" maxlength="${field.maxLength}"${required}${placeholder}${invalid}`
      const control = field.multiline
        ? `<textarea ${attrs} rows="4">${esc(field.initial ?? '')}</textarea>`
        : `<input type="text" ${attrs}${field.initial !== undefined ? ` value="${esc(field.initial)}"` : ''}>`
      return `<div class="field field-text">${label}${control}${errorHtml}</div>`
    }
    case 'channel': {
      // The console has no channels of its own: the channel is typed, e.g. slack:T0123:C0456.
      const { options: _options, type: _type, ...rest } = field
      return renderField({ ...rest, type: 'text', multiline: false, maxLength: 200 }, id, error)
    }
    case 'date': {
      const value = field.initial !== undefined ? ` value="${esc(field.initial)}"` : ''
      return `<div class="field field-date">${label}<input type="date" id="${id}" name="${esc(field.name)}"${required}${value}${invalid}>${errorHtml}</div>`
    }
  }
}
