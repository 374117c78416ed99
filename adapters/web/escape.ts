// Every text that reaches the console's HTML passes through here: names, course
// titles and the user's own words are data, never markup.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for an HTML element body or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

/**
 * Only http(s) links become anchors: a `javascript:` or `data:` URL in a course
 * record would otherwise run in the console's origin when clicked.
 */
export function isSafeLink(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
  } catch {
    // Not an absolute URL: not a link we can open safely.
    return false
  }
}
