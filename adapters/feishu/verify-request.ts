// Request verification done by Ladder before the SDK sees anything. The SDK
// hashes JSON.stringify of the *parsed* body, has no timestamp window, skips the
// check entirely without an encrypt key and answers a failure with HTTP 200 —
// so we check the raw bytes ourselves and answer 401.
import { createHash, timingSafeEqual } from 'node:crypto'
import { REPLAY_WINDOW_MS, type VerifyResult } from '../../core/kernel/chat-adapter.js'

/** Feishu signs with a unix-seconds timestamp; older or future requests are replays. */
const SIGNATURE_WINDOW_SECONDS = REPLAY_WINDOW_MS / 1000

export interface SignatureHeaders {
  timestamp?: string
  nonce?: string
  signature?: string
}

/** X-Lark-Signature = hex(SHA-256(timestamp + nonce + encryptKey + rawBody)). */
export function verifySignature(headers: SignatureHeaders, rawBody: string, encryptKey: string, nowMs: number): VerifyResult {
  const { timestamp, nonce, signature } = headers
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing signature headers' }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'timestamp outside the 5-minute window' }
  const expected = createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex')
  return safeEqual(signature.toLowerCase(), expected) ? { ok: true } : { ok: false, reason: 'signature mismatch' }
}

/** The verification token a body carries: header.token in schema 2.0, token in v1 and url_verification. */
function bodyToken(body: Record<string, unknown>): string | undefined {
  const header = body.header
  if (body.schema === '2.0' && header !== null && typeof header === 'object' && 'token' in header) {
    const token = (header as { token?: unknown }).token
    return typeof token === 'string' ? token : undefined
  }
  return typeof body.token === 'string' ? body.token : undefined
}

export function verifyToken(body: Record<string, unknown>, verificationToken: string): VerifyResult {
  const token = bodyToken(body)
  if (token === undefined) return { ok: false, reason: 'missing verification token' }
  return safeEqual(token, verificationToken) ? { ok: true } : { ok: false, reason: 'verification token mismatch' }
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
function safeEqual(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(a), digest(b))
}

/**
 * An event's or click's own time, header.create_time: milliseconds in message events,
 * microseconds in the card-callback documentation. Undefined when absent or unreadable.
 */
function createTimeMs(createTime: unknown): number | undefined {
  if (typeof createTime !== 'string' || !/^\d{10,17}$/.test(createTime)) return undefined
  const n = Number(createTime)
  if (n >= 1e14) return Math.floor(n / 1000) // µs
  if (n < 1e11) return n * 1000 // s
  return n
}

/**
 * Whether an event or click is recent: header.create_time within the replay window of
 * our clock, in either direction. The verification token is static, so without this a
 * captured or forged body would be accepted forever; with a signature it also bounds
 * a redelivery's age. An event without a readable time is refused.
 */
export function verifyFreshness(createTime: unknown, nowMs: number): VerifyResult<'missing create_time' | 'stale create_time'> {
  const at = createTimeMs(createTime)
  if (at === undefined) return { ok: false, reason: 'missing create_time' }
  return Math.abs(nowMs - at) > REPLAY_WINDOW_MS ? { ok: false, reason: 'stale create_time' } : { ok: true }
}
