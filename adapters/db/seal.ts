// Sealing of anonymous 360 answers (core/features/feedback/ports.ts Sealer):
// AES-256-GCM with a random 96-bit IV per answer. The key lives outside the data
// directory (bot/seal-key.ts), so a copy of the database, its write-ahead log or
// a backup holds only ciphertext for answers not yet released.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Sealer } from '../../core/features/feedback/index.js'

const IV = 12
const TAG = 16
export const SEAL_KEY_BYTES = 32

/** A sealer under `key` (32 bytes). A sealed value is base64 of IV ‖ tag ‖ ciphertext. */
export function createSealer(key: Buffer): Sealer {
  if (key.length !== SEAL_KEY_BYTES) throw new Error(`a seal key has ${SEAL_KEY_BYTES} bytes, not ${key.length}`)
  return {
    seal(plain) {
      const iv = randomBytes(IV)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64')
      if (bytes.length < IV + TAG) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV))
        decipher.setAuthTag(bytes.subarray(IV, IV + TAG))
        return Buffer.concat([decipher.update(bytes.subarray(IV + TAG)), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}

let processSealer: Sealer | undefined

/**
 * A sealer whose key lives only in this process's memory: what a store built
 * without one uses (tests and tools that never keep answers across a restart).
 * The server and the CLI pass the configured key (bot/runtime.ts).
 */
export function processLocalSealer(): Sealer {
  processSealer ??= createSealer(randomBytes(SEAL_KEY_BYTES))
  return processSealer
}
