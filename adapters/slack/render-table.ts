// A neutral table → monospace code blocks. Slack's own `table` block is allowed
// once per message only and not in modals or the Home tab; a code block works on
// every surface and keeps the columns aligned.

import { SLACK_LIMITS, truncate } from './limits.js'
import { escapeMrkdwn } from './mrkdwn.js'

/** Wider columns are cut: a table that wraps in the code block is unreadable. */
const MAX_COLUMN_WIDTH = 32
const FENCE = '```'

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u

/** Columns a string takes in a monospace font: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

function fitCell(raw: string): string {
  // Backticks would close the code block; line breaks would break the row.
  const cell = raw.replace(/`/g, "'").replace(/\s*\n\s*/g, ' ')
  if (displayWidth(cell) <= MAX_COLUMN_WIDTH) return cell
  let out = ''
  for (const char of cell) {
    if (displayWidth(out + char) > MAX_COLUMN_WIDTH - 1) break
    out += char
  }
  return out + '…'
}

const pad = (cell: string, width: number): string => cell + ' '.repeat(Math.max(0, width - displayWidth(cell)))

/** One mrkdwn text per chunk, each within a section's 3000 characters, the header row repeated in each. */
export function renderTableTexts(columns: string[], rows: string[][]): { text: string; rows: number }[] {
  const header = columns.map(fitCell)
  const body = rows.map((row) => columns.map((_, i) => fitCell(row[i] ?? '')))
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i]!))))
  const line = (cells: string[]): string =>
    escapeMrkdwn(
      cells
        .map((c, i) => pad(c, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
  const head = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')]

  const chunks: { text: string; rows: number }[] = []
  let lines: string[] = []
  const flush = (): void => {
    chunks.push({ text: [FENCE, ...head, ...lines, FENCE].join('\n'), rows: lines.length })
    lines = []
  }
  const budget = SLACK_LIMITS.sectionText - 2 * (FENCE.length + 1) - head.join('\n').length - 1
  let used = 0
  for (const row of body) {
    const text = truncate(line(row), budget)
    if (lines.length > 0 && used + text.length + 1 > budget) {
      flush()
      used = 0
    }
    lines.push(text)
    used += text.length + 1
  }
  if (lines.length > 0 || chunks.length === 0) flush()
  return chunks
}
