// Who may open the console. On a loopback address and without CONSOLE_TOKEN it
// is open to this machine only: to requests that come straight from a loopback
// socket with no proxy headers (a same-host reverse proxy connects from
// loopback too, on behalf of anyone), and whose Host is a loopback name (so a
// web page using DNS rebinding cannot reach it). Otherwise a token is required,
// generated when none is configured, and exchanged once for a session cookie.
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

/** A socket or client address on this machine: 127.0.0.0/8, ::1, or either mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const bare = address.toLowerCase()
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare === '::ffff:7f00:1') return true
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare
  return isIP(v4) === 4 && v4.startsWith('127.')
}

/** Headers a proxy adds: their presence means the socket's peer is not the client. */
export const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via'] as const

/** What the decision below reads from a request (fastify's names). */
export interface RequestOrigin {
  /** The TCP peer (request.socket.remoteAddress), never a header. */
  socketAddress: string | undefined
  headers: Readonly<Record<string, string | string[] | undefined>>
  /** The Host the browser asked for: Host, or X-Forwarded-Host from a trusted proxy (request.host). */
  host: string | undefined
  /**
   * fastify's request.ips, set only with TRUST_PROXY: the socket's address, then
   * the X-Forwarded-For hops the trusted proxies vouch for, nearest first; the
   * last is the client. One entry: the socket is not a trusted proxy.
   */
  forwardedChain: readonly string[] | undefined
}

/**
 * May this request use the console without a token? Only when it came from this
 * machine: straight from a loopback socket without proxy headers, or (with
 * TRUST_PROXY) through a trusted proxy on this machine for a client on this
 * machine, every hop loopback. And only under a loopback Host name (DNS
 * rebinding). The Host header alone never grants anything.
 */
export function isLocalRequest(origin: RequestOrigin): boolean {
  if (!isLoopbackHost(hostnameOf(origin.host))) return false
  if (!isLoopbackAddress(origin.socketAddress)) return false
  if (!PROXY_HEADERS.some((name) => origin.headers[name] !== undefined)) return true
  // Proxied: only a trusted proxy's word counts, and only if every hop it reports is this machine
  // (with TRUST_PROXY=true a client can prepend any X-Forwarded-For; the hops the proxy adds stay).
  const chain = origin.forwardedChain
  return chain !== undefined && chain.length >= 2 && chain.every(isLoopbackAddress)
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
