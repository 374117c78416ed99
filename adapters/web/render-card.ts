// Neutral card → accessible HTML for the web console. A pure function: the same
// card always gives the same string, so tests compare exact HTML. Every text is
// escaped (escape.ts); the only markup is what this file and markup.ts write.
import type { Block, Button, Card, ProgressRow } from '../../core/kernel/cards/card.js'
import type { Locale } from '../../core/kernel/domain/types.js'
import { t } from '../../core/kernel/i18n/index.js'
import { escapeHtml as esc, isSafeLink } from './escape.js'
import { blockHtml, inlineHtml, plainText } from './markup.js'
import { renderFormHtml } from './render-form.js'

export interface RenderOptions {
  /** Prefix of every id in the card, unique on the page (e.g. "r12"). */
  idPrefix: string
}

export function renderCardHtml(card: Card, options: RenderOptions): string {
  const { idPrefix } = options
  const { header } = card
  const titleId = `${idPrefix}-title`
  const classes = header?.tone ? `card tone-${header.tone}` : 'card'
  const labelled = header ? ` aria-labelledby="${titleId}"` : ''
  const headerHtml = header
    ? `<header class="card-header"><h2 id="${titleId}" tabindex="-1">${esc(plainText(header.title))}</h2>` +
      (header.subtitle ? `<p class="card-subtitle">${esc(plainText(header.subtitle))}</p>` : '') +
      `</header>`
    : ''
  // A form titled like its card (an evaluation, a quiz) is labelled by the card's heading, not titled again.
  const body = card.blocks
    .map((block, i) =>
      block.type === 'form' && header && block.form.title === header.title
        ? renderFormHtml(block.form, `${idPrefix}-b${i}`, titleId)
        : renderBlockHtml(block, card.locale, `${idPrefix}-b${i}`),
    )
    .join('')
  return `<article class="${classes}" lang="${esc(card.locale)}"${labelled}>${headerHtml}${body}</article>`
}

export function renderBlockHtml(block: Block, locale: Locale, idPrefix: string): string {
  switch (block.type) {
    case 'text':
      return `<div class="text">${blockHtml(block.text)}</div>`
    case 'context':
      return `<p class="context"><small>${inlineHtml(block.text)}</small></p>`
    case 'divider':
      return '<hr>'
    case 'fields':
      return `<dl class="fields">${block.fields.map((f) => `<div><dt>${inlineHtml(f.label)}</dt><dd>${inlineHtml(f.value)}</dd></div>`).join('')}</dl>`
    case 'progress':
      return `<ul class="progress">${block.rows.map((row, i) => progressRow(row, locale, `${idPrefix}-${i}`)).join('')}</ul>`
    case 'table':
      return table(block.columns, block.rows)
    case 'actions':
      return `<div class="actions">${block.buttons.map(button).join('')}</div>`
    case 'form':
      return renderFormHtml(block.form, idPrefix)
  }
}

const clamp = (n: number): number => Math.max(0, Math.min(100, n))

/**
 * A dimension bar: a native <progress> (read by screen readers as a percentage),
 * described by the value and target in words. The target marker is positioned
 * by console.js from data-target: the console's CSP forbids inline styles.
 */
function progressRow(row: ProgressRow, locale: Locale, id: string): string {
  const value = Math.round(row.value)
  const hasTarget = row.target !== undefined
  const target = hasTarget ? Math.round(row.target as number) : 0
  const spoken = hasTarget ? t(locale, 'web.progressValue', { value, target }) : t(locale, 'web.progressValueOnly', { value })
  const shown = hasTarget ? `${value}% / ${target}%` : `${value}%`
  const state = hasTarget ? (value >= target ? ' is-met' : ' is-short') : ''
  return (
    `<li class="progress-row${state}">` +
    `<span class="progress-label" id="${id}-label">${inlineHtml(row.label)}</span>` +
    `<span class="bar"${hasTarget ? ` data-target="${clamp(target)}"` : ''}>` +
    `<progress max="100" value="${clamp(value)}" aria-labelledby="${id}-label" aria-describedby="${id}-value">${value}%</progress>` +
    (hasTarget ? '<span class="bar-target" aria-hidden="true"></span>' : '') +
    `</span>` +
    `<span class="progress-value" id="${id}-value" aria-label="${esc(spoken)}">${shown}</span>` +
    (row.note ? ` <small class="progress-note">${inlineHtml(row.note)}</small>` : '') +
    `</li>`
  )
}

/** The first column names the row (a person, a dimension), so it is the row header. */
function table(columns: string[], rows: string[][]): string {
  const head = `<thead><tr>${columns.map((c) => `<th scope="col">${inlineHtml(c)}</th>`).join('')}</tr></thead>`
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${inlineHtml(cell)}</th>` : `<td>${inlineHtml(cell)}</td>`)).join('')}</tr>`,
    )
    .join('')
  return `<div class="table-wrap"><table>${head}<tbody>${body}</tbody></table></div>`
}

/** Buttons carry their neutral ActionRef in data attributes; console.js posts it back unchanged. */
function button(b: Button): string {
  const style = `btn btn-${b.style ?? 'default'}`
  const label = esc(plainText(b.label))
  if (b.url && isSafeLink(b.url)) {
    return `<a class="${style}" href="${esc(b.url)}" target="_blank" rel="noopener noreferrer">${label}</a>`
  }
  return `<button type="button" class="${style}" data-action-id="${esc(b.action.id)}" data-action-value="${esc(b.action.value)}"${b.action.locale ? ` data-locale="${esc(b.action.locale)}"` : ''}>${label}</button>`
}
