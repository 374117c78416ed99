import type { Locale } from '../domain/types.js'
import type { Block, Card, Tone } from './card.js'

/** Builds a card and derives its plain-text fallback from its blocks. */
export function makeCard(locale: Locale, header: { title: string; subtitle?: string; tone?: Tone } | undefined, blocks: Block[]): Card {
  const lines: string[] = []
  if (header) lines.push(header.subtitle ? `${header.title} — ${header.subtitle}` : header.title)
  for (const block of blocks) lines.push(...fallbackLines(block))
  return { locale, fallback: lines.filter((l) => l !== '').join('\n'), ...(header ? { header } : {}), blocks }
}

function fallbackLines(block: Block): string[] {
  switch (block.type) {
    case 'text':
    case 'context':
      return [block.text.replace(/\*\*/g, '')]
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`)
    case 'progress':
      return block.rows.map(
        (r) => `${r.label}: ${r.value}%` + (r.target !== undefined ? ` / ${r.target}%` : '') + (r.note ? ` (${r.note})` : ''),
      )
    case 'table':
      return [block.columns.join(' | '), ...block.rows.map((row) => row.join(' | '))]
    case 'form':
      return [block.form.title]
    case 'actions':
    case 'divider':
      return []
  }
}
