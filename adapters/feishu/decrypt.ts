// Feishu's event encryption (Encrypt Key set in the developer console):
// key = SHA-256(encrypt key), body = base64(IV[16] ‖ AES-256-CBC(PKCS#7)).
import { createDecipheriv, createHash } from 'node:crypto'

export class DecryptError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DecryptError'
  }
}

export function decryptPayload(encrypted: string, encryptKey: string): string {
  const buffer = Buffer.from(encrypted, 'base64')
  // At least one IV and one cipher block, and whole blocks only.
  if (buffer.length < 32 || buffer.length % 16 !== 0) throw new DecryptError('encrypted payload has an invalid length')
  const key = createHash('sha256').update(encryptKey).digest()
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, buffer.subarray(0, 16))
    return Buffer.concat([decipher.update(buffer.subarray(16)), decipher.final()]).toString('utf8')
  } catch {
    // Node reports a wrong key or a tampered body as a bad padding; the cause says nothing more.
    throw new DecryptError('encrypted payload does not decrypt with FEISHU_ENCRYPT_KEY')
  }
}
