// Who may open the console. On a loopback address and without CONSOLE_TOKEN it
// is open to this machine only (the Host header is checked, so a web page using
// DNS rebinding cannot reach it); otherwise a token is required, generated when
// none is configured, and exchanged once for a session cookie.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'

export interface ConsoleAccess {
  /** Null when the console needs no token (loopback only). */
  token: string | null
  /** True when the token was generated here and must be shown to the operator. */
  isGenerated: boolean
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (bare === '::1') return true
  return isIP(bare) === 4 && bare.startsWith('127.')
}

/** The hostname part of a Host header ("127.0.0.1:3000", "[::1]:80", "localhost"). */
export function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return ''
  const bracketed = /^\[([^\]]+)\]/.exec(hostHeader)
  if (bracketed) return bracketed[1] ?? ''
  return hostHeader.split(':')[0] ?? ''
}

export function resolveConsoleAccess(config: { HOST: string; CONSOLE_TOKEN?: string | undefined }): ConsoleAccess {
  if (config.CONSOLE_TOKEN) return { token: config.CONSOLE_TOKEN, isGenerated: false }
  if (isLoopbackHost(config.HOST)) return { token: null, isGenerated: false }
  return { token: randomBytes(24).toString('base64url'), isGenerated: true }
}

/** Constant-time comparison: hashing first makes both sides the same length. */
export function isSameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}
