// From raw HTTP bytes to a trusted, decrypted body — or the status to refuse
// with. In HTTP mode at least one secret is set (bot/config.ts insists):
//  - Encrypt Key: X-Lark-Signature over the raw body, within 5 minutes, then
//    decryption of the `encrypt` field.
//  - Verification Token: the token in the (decrypted) body.
// Both are checked when both are set.
import { DecryptError, decryptPayload } from './decrypt.js'
import { ZUrlVerification } from './parse-event.js'
import { type SignatureHeaders, verifySignature, verifyToken } from './verify-request.js'

export interface FeishuSecrets {
  encryptKey?: string
  verificationToken?: string
}

export type Authenticated = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 401; reason: string }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return isPlainObject(value) ? value : null
  } catch {
    return null
  }
}

export function authenticateRequest(rawBody: string, headers: SignatureHeaders, secrets: FeishuSecrets, nowMs: number): Authenticated {
  const { encryptKey, verificationToken } = secrets
  if (!encryptKey && !verificationToken) return { ok: false, status: 401, reason: 'no Feishu secret configured' }
  let body = parseObject(rawBody)
  if (!body) return { ok: false, status: 400, reason: 'body is not a JSON object' }

  let isSigned = false
  if (encryptKey && (headers.signature || headers.timestamp || headers.nonce)) {
    const signed = verifySignature(headers, rawBody, encryptKey, nowMs)
    if (!signed.ok) return { ok: false, status: 401, reason: signed.reason }
    isSigned = true
  }

  const isEncrypted = 'encrypt' in body
  if (isEncrypted) {
    if (!encryptKey) return { ok: false, status: 400, reason: 'encrypted body but FEISHU_ENCRYPT_KEY is not set' }
    if (typeof body.encrypt !== 'string') return { ok: false, status: 400, reason: 'encrypt is not a string' }
    try {
      body = parseObject(decryptPayload(body.encrypt, encryptKey))
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error
      return { ok: false, status: isSigned ? 400 : 401, reason: error.message }
    }
    if (!body) return { ok: false, status: 400, reason: 'decrypted body is not a JSON object' }
  }

  if (encryptKey && !isSigned) {
    // Unsigned requests are accepted only for the URL challenge, which both official SDKs answer
    // before any signature check: it must decrypt with our key, and answering it reveals nothing.
    const isChallenge = ZUrlVerification.safeParse(body).success
    if (!isChallenge || !isEncrypted) return { ok: false, status: 401, reason: 'missing signature headers' }
  }

  if (verificationToken) {
    const token = verifyToken(body, verificationToken)
    if (!token.ok) return { ok: false, status: 401, reason: token.reason }
  }
  return { ok: true, body }
}
