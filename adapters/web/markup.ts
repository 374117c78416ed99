// The neutral card's text markup (`**bold**`, line breaks, `- ` bullets; see
// core/cards/card.ts) → HTML. The text is escaped first, so the only tags in
// the result are the ones made here.
import { escapeHtml } from './escape.js'

const BOLD = /\*\*(.+?)\*\*/g
const BULLET = /^- /

/** One line or short value: escaped, `**x**` → <strong>, line breaks → <br>. */
export function inlineHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeHtml(line).replace(BOLD, '<strong>$1</strong>'))
    .join('<br>')
}

/** Markup removed, for places that take plain text only (titles, labels of controls). */
export const plainText = (text: string): string => text.replace(BOLD, '$1')

/**
 * A text block: runs of `- ` lines become one <ul>, other lines a <p> with
 * <br> between them; a blank line ends a paragraph.
 */
export function blockHtml(text: string): string {
  const out: string[] = []
  let paragraph: string[] = []
  let list: string[] = []
  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${paragraph.join('<br>')}</p>`)
    paragraph = []
  }
  const flushList = () => {
    if (list.length) out.push(`<ul>${list.map((item) => `<li>${item}</li>`).join('')}</ul>`)
    list = []
  }
  for (const line of text.split('\n')) {
    if (BULLET.test(line)) {
      flushParagraph()
      list.push(inlineHtml(line.slice(2)))
    } else if (line.trim() === '') {
      flushParagraph()
      flushList()
    } else {
      flushList()
      paragraph.push(inlineHtml(line))
    }
  }
  flushParagraph()
  flushList()
  return out.join('')
}
