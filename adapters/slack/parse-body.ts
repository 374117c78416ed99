// One URL receives three body shapes: Events API (JSON), slash commands (form
// fields) and interactivity (a form field `payload` holding JSON). Bolt's own
// parser only recognises the form type when Content-Type is exactly
// `application/x-www-form-urlencoded`; proxies add `; charset=utf-8`, so we
// compare the media type alone.

import { isWellFormedText } from '../../core/kernel/well-formed-text.js'

export type ParsedBody =
  | { kind: 'body'; body: Record<string, unknown> }
  /** Slack's SSL check for slash commands: answered 200, nothing else done. */
  | { kind: 'ssl_check' }
  | { kind: 'invalid'; status: 400 | 415; reason: string }

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

function parseObject(text: string): Record<string, unknown> | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && isWellFormedText(parsed)
    ? (parsed as Record<string, unknown>)
    : null
}

export function parseSlackBody(rawBody: Buffer, contentType: string | undefined): ParsedBody {
  const text = rawBody.toString('utf8')
  switch (mediaType(contentType)) {
    case 'application/json': {
      const body = parseObject(text)
      return body ? { kind: 'body', body } : { kind: 'invalid', status: 400, reason: 'body is not a JSON object of well-formed text' }
    }
    case 'application/x-www-form-urlencoded': {
      const params = new URLSearchParams(text)
      if (params.get('ssl_check') === '1') return { kind: 'ssl_check' }
      const payload = params.get('payload')
      if (payload !== null) {
        const body = parseObject(payload)
        return body
          ? { kind: 'body', body }
          : { kind: 'invalid', status: 400, reason: 'payload field is not a JSON object of well-formed text' }
      }
      // A slash command: flat fields. Without a command or type there is nothing to route.
      const body = Object.fromEntries(params)
      return body.command || body.type ? { kind: 'body', body } : { kind: 'invalid', status: 400, reason: 'form body has no command' }
    }
    default:
      return { kind: 'invalid', status: 415, reason: `unsupported content type ${mediaType(contentType) || '(none)'}` }
  }
}
