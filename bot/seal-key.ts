// The key that seals anonymous 360 answers until they are released in groups
// (adapters/db/seal.ts; docs/feedback-360.md, "Threat model"). FEEDBACK_SEAL_KEY
// when set; otherwise FEEDBACK_SEAL_KEY_FILE, generated once (mode 0600) on the
// first start, so a fresh install needs no configuration. It must not live in the
// data directory: a copy of that directory is exactly what it protects against.
// Losing it loses only the answers still sealed (never more than the raters who
// answered since the last release). Never logged.
import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { isPostgresUrl } from '../adapters/db/migrate.js'
import { SEAL_KEY_BYTES } from '../adapters/db/seal.js'
import type { Logger } from '../core/kernel/ports.js'
import type { Config } from './config.js'

const fromBase64 = (text: string, where: string): Buffer => {
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== SEAL_KEY_BYTES) throw new Error(`${where}: expected a ${SEAL_KEY_BYTES}-byte key in base64`)
  return key
}

/** Creates the key file unless it exists; two processes starting at once end up with the same key. */
function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(draft, `${randomBytes(SEAL_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  try {
    linkSync(draft, path) // fails when another process made it first: theirs is kept
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(draft)
  }
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export function loadSealKey(config: Config, log: Logger): Buffer {
  if (config.FEEDBACK_SEAL_KEY) return fromBase64(config.FEEDBACK_SEAL_KEY, 'FEEDBACK_SEAL_KEY')
  const path = resolve(config.FEEDBACK_SEAL_KEY_FILE)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    createKeyFile(path)
    log.info({ path }, 'generated the key sealing anonymous 360 answers; keep this file out of backups of the data directory')
    text = readFileSync(path, 'utf8')
  }
  // (PostgreSQL keeps no data directory of Ladder's: nothing to warn about.)
  const dataDir = isPostgresUrl(config.DATABASE_URL) ? null : dirname(resolve(config.DATABASE_URL.replace(/^file:/, '')))
  if (dataDir && isInside(path, dataDir))
    log.warn({ path }, 'FEEDBACK_SEAL_KEY_FILE is inside the data directory: a copy of it would carry the key with the sealed answers')
  return fromBase64(text, path)
}
