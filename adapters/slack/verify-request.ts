// Slack request signing, v0: hex(HMAC-SHA256(signing secret, "v0:" + timestamp +
// ":" + raw body)) in X-Slack-Signature. Computed over the exact bytes received:
// re-serialised JSON would differ and let a forger choose what we check.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { REPLAY_WINDOW_MS, type VerifyResult } from '../../core/kernel/chat-adapter.js'

/** Slack's replay window: a timestamp further than 5 minutes from our clock is refused, in either direction. */
const MAX_CLOCK_SKEW_SECONDS = REPLAY_WINDOW_MS / 1000

export type SlackVerifyReason = 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature'

export interface SignedRequest {
  signingSecret: string
  timestampHeader: string | undefined
  signatureHeader: string | undefined
  rawBody: Buffer
  nowMs: number
}

export function signatureFor(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret)
  hmac.update(`v0:${timestamp}:`)
  hmac.update(rawBody)
  return `v0=${hmac.digest('hex')}`
}

export function verifySlackSignature(request: SignedRequest): VerifyResult<SlackVerifyReason> {
  const { timestampHeader, signatureHeader } = request
  // An empty secret would make every HMAC forgeable: refuse rather than "verify".
  if (request.signingSecret === '') throw new Error('Slack signing secret is empty')
  if (!timestampHeader || !signatureHeader) return { ok: false, reason: 'missing_headers' }
  if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'bad_timestamp' }
  if (Math.abs(request.nowMs / 1000 - Number(timestampHeader)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale_timestamp' }

  const expected = Buffer.from(signatureFor(request.signingSecret, timestampHeader, request.rawBody))
  const received = Buffer.from(signatureHeader)
  // timingSafeEqual needs equal lengths; a length mismatch reveals nothing secret.
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return { ok: false, reason: 'bad_signature' }
  return { ok: true }
}
