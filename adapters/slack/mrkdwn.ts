// Neutral card markup (`**bold**`, line breaks, `- ` bullets) → Slack mrkdwn.

/** Slack reads `<…>` as links/mentions and `&` as an entity: these three must be escaped in every mrkdwn text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const ZERO_WIDTH_SPACE = '\u200B'

/**
 * `**x**` → `*x*`. Slack only starts bold at a word boundary, so "你的*差距*是"
 * stays plain: a zero-width space next to a letter restores the boundary.
 */
function convertBold(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, (_whole, inner: string, offset: number, all: string) => {
    const before = all[offset - 1]
    const after = all[offset + _whole.length]
    const left = before !== undefined && !/\s/.test(before) ? ZERO_WIDTH_SPACE : ''
    const right = after !== undefined && !/\s/.test(after) ? ZERO_WIDTH_SPACE : ''
    return `${left}*${inner}*${right}`
  })
}

/** `- item` at the start of a line → `• item` (Slack has no list syntax in mrkdwn). */
const convertBullets = (text: string): string => text.replace(/^- /gm, '• ')

export function toMrkdwn(text: string): string {
  return convertBullets(convertBold(escapeMrkdwn(text)))
}

/** Markup removed, for plain_text fields (headers, buttons, labels). */
export const toPlain = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1')
