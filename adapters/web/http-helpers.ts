// Small HTTP pieces of the console: the session cookie, the security headers,
// the reader's language.
import type { Locale } from '../../core/kernel/domain/types.js'

export const SESSION_COOKIE = 'ladder_console'

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/**
 * HttpOnly: page scripts never see the id. SameSite=Strict: another site cannot
 * make the browser send it. Path=/console: the rest of the server never gets it.
 * No Max-Age: it ends with the browser session; the server also expires it.
 */
export function sessionCookie(id: string, isHttps: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/console; HttpOnly; SameSite=Strict${isHttps ? '; Secure' : ''}`
}

export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`

/** No inline script or style anywhere: the page loads one JS and one CSS file from this origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** zh* in Accept-Language → Chinese; anything else → English. Only the console's own texts follow it. */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('zh') ? 'zh-CN' : 'en'
}
