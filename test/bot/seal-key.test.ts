// The seal key for anonymous 360 answers (bot/seal-key.ts): from FEEDBACK_SEAL_KEY,
// else a key file generated once, outside the data directory, never logged.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../bot/config.js'
import { loadSealKey } from '../../bot/seal-key.js'
import { memoryLogger } from '../support/deps.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ladder-seal-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const config = (env: Record<string, string>) =>
  loadConfig({ DATABASE_URL: `file:${join(dir, 'data', 'ladder.db')}`, ...env } as NodeJS.ProcessEnv)

describe('FEEDBACK_SEAL_KEY', () => {
  it('is used as given: 32 bytes of base64', () => {
    const key = randomBytes(32)
    expect(loadSealKey(config({ FEEDBACK_SEAL_KEY: key.toString('base64') }), memoryLogger()).equals(key)).toBe(true)
  })

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['not base64', 'not a key!'],
  ])('refuses %s, without printing the value', (_name, value) => {
    let error: unknown
    try {
      config({ FEEDBACK_SEAL_KEY: value })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems).toEqual([
      'FEEDBACK_SEAL_KEY (set): expected 32 bytes in base64 (e.g. the output of: openssl rand -base64 32)',
    ])
  })
})

describe('FEEDBACK_SEAL_KEY_FILE', () => {
  it('is generated once (mode 0600) and read back the same on the next start; the key is never logged', () => {
    const path = join(dir, 'keys', 'seal.key')
    const log = memoryLogger()
    const first = loadSealKey(config({ FEEDBACK_SEAL_KEY_FILE: path }), log)
    expect(first).toHaveLength(32)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(loadSealKey(config({ FEEDBACK_SEAL_KEY_FILE: path }), memoryLogger()).equals(first)).toBe(true)
    expect(readFileSync(path, 'utf8').trim()).toBe(first.toString('base64'))
    expect(JSON.stringify(log.lines)).not.toContain(first.toString('base64'))
    expect(log.lines.map((l) => l.level)).toEqual(['info'])
  })

  it('warns when the key file lies inside the data directory, where a copy would carry it', () => {
    const log = memoryLogger()
    loadSealKey(config({ FEEDBACK_SEAL_KEY_FILE: join(dir, 'data', 'seal.key') }), log)
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'FEEDBACK_SEAL_KEY_FILE is inside the data directory: a copy of it would carry the key with the sealed answers',
    ])
  })

  it('refuses a key file that does not hold a 32-byte key', () => {
    const path = join(dir, 'bad.key')
    writeFileSync(path, 'short\n')
    expect(() => loadSealKey(config({ FEEDBACK_SEAL_KEY_FILE: path }), memoryLogger())).toThrow(/32-byte key/)
  })
})
