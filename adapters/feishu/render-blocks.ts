// One neutral block → card 2.0 components. Pure; exact shapes are pinned by tests.
import type { Block, Button, ProgressRow } from '../../core/kernel/cards/card.js'
import { encodeActionValue } from './action-value.js'
import { type CardElement, escapeMarkdown, type Json, markdown, plainText } from './card-json.js'
import { renderForm } from './render-form.js'

/** The table component pages its rows; 10 is its largest page. */
const TABLE_PAGE_MAX = 10
const BAR_CELLS = 10

export function renderBlock(block: Block, context: { headerTitle?: string }): CardElement[] {
  switch (block.type) {
    case 'text':
      // Our markup (**bold**, line breaks, "- " bullets) is Feishu markdown already.
      return [markdown(escapeMarkdown(block.text))]
    case 'context':
      return [markdown(escapeMarkdown(block.text), { size: 'notation' })]
    case 'divider':
      return [{ tag: 'hr' }]
    case 'fields':
      if (block.fields.length === 0) return []
      // bisect: two equal columns per row, wrapping — label over value.
      return [
        {
          tag: 'column_set',
          flex_mode: 'bisect',
          horizontal_spacing: '8px',
          columns: block.fields.map((f) => ({
            tag: 'column',
            width: 'weighted',
            weight: 1,
            elements: [markdown(`**${escapeMarkdown(f.label)}**\n${escapeMarkdown(f.value)}`)],
          })),
        },
      ]
    case 'progress':
      return block.rows.length === 0 ? [] : [markdown(block.rows.map(progressLine).join('\n'))]
    case 'table':
      return block.columns.length === 0 ? [] : [table(block.columns, block.rows)]
    case 'actions':
      if (block.buttons.length === 0) return []
      return [
        {
          tag: 'column_set',
          flex_mode: 'flow',
          horizontal_spacing: '8px',
          columns: block.buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [button(b)] })),
        },
      ]
    case 'form':
      return [renderForm(block.form, { showTitle: block.form.title !== context.headerTitle })]
  }
}

/** A chart-free text bar: "**Technical skill** █████████░ 85% / 90%". */
function progressLine(row: ProgressRow): string {
  const value = Math.max(0, Math.min(100, Math.round(row.value)))
  const filled = Math.round(value / (100 / BAR_CELLS))
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_CELLS - filled)
  const target = row.target !== undefined ? ` / ${Math.round(row.target)}%` : ''
  const note = row.note ? ` · ${escapeMarkdown(row.note)}` : ''
  return `**${escapeMarkdown(row.label)}** ${bar} ${value}%${target}${note}`
}

function table(columns: string[], rows: string[][]): CardElement {
  const key = (i: number): string => `c${i}`
  return {
    tag: 'table',
    page_size: Math.max(1, Math.min(TABLE_PAGE_MAX, rows.length)),
    row_height: 'low',
    header_style: { bold: true, background_style: 'grey' },
    columns: columns.map((name, i) => ({ name: key(i), display_name: name, data_type: 'text', width: 'auto' })),
    rows: rows.map((row) => Object.fromEntries(columns.map((_, i) => [key(i), row[i] ?? ''])) as { [key: string]: Json }),
  }
}

/** Only web links open from a card: a javascript:, lark: or other scheme from imported data calls back instead. */
const isWebLink = (url: string | undefined): url is string => url !== undefined && /^https?:\/\/[^\s]+$/i.test(url)

function button(b: Button): CardElement {
  const behaviors = isWebLink(b.url)
    ? [{ type: 'open_url', default_url: b.url }]
    : [{ type: 'callback', value: encodeActionValue(b.action) }]
  return { tag: 'button', text: plainText(b.label), type: b.style ?? 'default', behaviors }
}
