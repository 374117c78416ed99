// Neutral card → terminal text for `ladder ask`. Plain characters only, so it
// reads the same piped into a file.
import type { Block, Card } from '../../core/kernel/cards/card.js'

const BAR = 20

function bar(value: number, target?: number): string {
  const filled = Math.max(0, Math.min(BAR, Math.round((value / 100) * BAR)))
  const cells: string[] = Array.from({ length: BAR }, (_, i) => (i < filled ? '█' : '░'))
  if (target !== undefined) {
    const mark = Math.max(0, Math.min(BAR - 1, Math.round((target / 100) * BAR) - 1))
    if (mark >= filled) cells[mark] = '┆'
  }
  return cells.join('')
}

export function renderText(card: Card): string {
  const out: string[] = []
  if (card.header) {
    out.push(card.header.title)
    if (card.header.subtitle) out.push(card.header.subtitle)
    out.push('─'.repeat(40))
  }
  for (const block of card.blocks) {
    // A form titled like its card is not titled again.
    if (block.type === 'form' && block.form.title === card.header?.title) out.push(...renderBlock(block).slice(1))
    else out.push(...renderBlock(block))
  }
  return out.join('\n').replace(/\*\*(.+?)\*\*/g, '$1')
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'text':
      return [block.text, '']
    case 'context':
      return [`  ${block.text}`, '']
    case 'fields':
      return [...block.fields.map((f) => `${f.label}: ${f.value}`), '']
    case 'progress':
      return [
        ...block.rows.map(
          (r) =>
            `${r.label}\n  ${bar(r.value, r.target)} ${r.value}%${r.target !== undefined ? ` / ${r.target}%` : ''}${r.note ? `  (${r.note})` : ''}`,
        ),
        '',
      ]
    case 'table':
      return [block.columns.join(' | '), ...block.rows.map((row) => row.join(' | ')), '']
    case 'actions':
      return [block.buttons.map((b) => `[${b.label}]`).join(' '), '']
    case 'form':
      return [
        `${block.form.title}:`,
        ...block.form.fields.map((f) => `  - ${f.label}${f.type === 'rating' ? ` (${f.min}–${f.max})` : ''}`),
        '',
      ]
    case 'divider':
      return ['─'.repeat(40)]
  }
}
