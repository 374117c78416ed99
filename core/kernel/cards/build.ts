import type { Locale } from '../domain/types.js'
import type { Block, Card, Tone } from './card.js'

/** Builds a card and derives its plain-text fallback from its blocks. */
export function makeCard(locale: Locale, header: { title: string; subtitle?: string; tone?: Tone } | undefined, blocks: Block[]): Card {
  const lines: string[] = []
  if (header) lines.push(header.subtitle ? `${header.title} — ${header.subtitle}` : header.title)
  for (const block of blocks) lines.push(...fallbackLines(block))
  return {
    locale,
    fallback: lines.filter((l) => l !== '').join('\n'),
    ...(header ? { header } : {}),
    blocks,
  }
}

/**
 * The card with every button and form remembering its language, so what they
 * answer is in it too. Only needed when the card is not in the reader's profile
 * language (a click without one is answered in the profile's).
 */
export function withLanguage(card: Card): Card {
  return { ...card, blocks: card.blocks.map((block) => withLocale(block, card.locale)) }
}

function withLocale(block: Block, locale: Locale): Block {
  if (block.type === 'form') return block.form.locale ? block : { ...block, form: { ...block.form, locale } }
  if (block.type !== 'actions') return block
  return { ...block, buttons: block.buttons.map((b) => (b.action.locale ? b : { ...b, action: { ...b.action, locale } })) }
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
