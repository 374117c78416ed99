// What Feishu does to a request when an Encrypt Key is set, for tests: AES-256-CBC
// with key SHA-256(encrypt key) and the IV in front, and X-Lark-Signature.
import { createCipheriv, createHash, randomBytes } from 'node:crypto'

export function encryptPayload(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey).digest()
  const cipher = createCipheriv('aes-256-cbc', key, iv)
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64')
}

export function signatureHeaders(rawBody: string, encryptKey: string, timestampSeconds: number, nonce = 'nonce-1'): Record<string, string> {
  const timestamp = String(timestampSeconds)
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': createHash('sha256')
      .update(timestamp + nonce + encryptKey + rawBody)
      .digest('hex'),
  }
}

/** A request body as Feishu sends it with an Encrypt Key: {"encrypt": …}, signed. */
export function encryptedRequest(
  payload: unknown,
  encryptKey: string,
  timestampSeconds: number,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(payload), encryptKey) })
  return { body, headers: { 'content-type': 'application/json; charset=utf-8', ...signatureHeaders(body, encryptKey, timestampSeconds) } }
}
