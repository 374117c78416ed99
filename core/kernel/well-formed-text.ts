// JSON may carry a lone UTF-16 surrogate ("\ud800"): no platform sends one, the
// Slack Web API client throws on it and SQLite (through Prisma) refuses it. Every
// inbound body is checked once, at the adapter, and refused with a 400.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether every string (and key) inside a parsed JSON value is well-formed UTF-16. */
export function isWellFormedText(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value)
  if (Array.isArray(value)) return value.every(isWellFormedText)
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, v]) => !LONE_SURROGATE.test(key) && isWellFormedText(v))
  }
  return true
}
