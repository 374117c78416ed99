import { describe, expect, it } from 'vitest'
import { signatureFor, verifySlackSignature } from '../../adapters/slack/verify-request.js'
import vector from '../fixtures/platforms/slack/signing_test_vector.doc.json' with { type: 'json' }

const ts = Number(vector.headers['X-Slack-Request-Timestamp'])
const base = {
  signingSecret: vector.signing_secret,
  timestampHeader: vector.headers['X-Slack-Request-Timestamp'],
  signatureHeader: vector.headers['X-Slack-Signature'],
  rawBody: Buffer.from(vector.body),
  nowMs: ts * 1000,
}

describe('verifySlackSignature', () => {
  it('computes the documented signature', () => {
    expect(signatureFor(vector.signing_secret, base.timestampHeader, vector.body)).toBe(vector.headers['X-Slack-Signature'])
  })

  it.each([
    ['the documented request', {}, { ok: true }],
    ['4m59s later', { nowMs: (ts + 299) * 1000 }, { ok: true }],
    ['5m01s later (stale)', { nowMs: (ts + 301) * 1000 }, { ok: false, reason: 'stale_timestamp' }],
    ['5m01s earlier (from the future)', { nowMs: (ts - 301) * 1000 }, { ok: false, reason: 'stale_timestamp' }],
    [
      'one changed byte in the body',
      { rawBody: Buffer.from(vector.body.replace('T1DC2JH3J', 'T1DC2JH3K')) },
      { ok: false, reason: 'bad_signature' },
    ],
    ['another secret', { signingSecret: 'x' + vector.signing_secret.slice(1) }, { ok: false, reason: 'bad_signature' }],
    [
      'a v1 signature',
      { signatureHeader: vector.headers['X-Slack-Signature'].replace('v0=', 'v1=') },
      { ok: false, reason: 'bad_signature' },
    ],
    [
      'a truncated signature',
      { signatureHeader: vector.headers['X-Slack-Signature'].slice(0, 20) },
      { ok: false, reason: 'bad_signature' },
    ],
    ['no signature', { signatureHeader: undefined }, { ok: false, reason: 'missing_headers' }],
    ['no timestamp', { timestampHeader: undefined }, { ok: false, reason: 'missing_headers' }],
    ['a non-numeric timestamp', { timestampHeader: '15314e6' }, { ok: false, reason: 'bad_timestamp' }],
  ])('%s', (_name, change, expected) => {
    expect(verifySlackSignature({ ...base, ...change })).toEqual(expected)
  })

  it('refuses to run with an empty secret instead of accepting anything', () => {
    expect(() => verifySlackSignature({ ...base, signingSecret: '' })).toThrow(/empty/)
  })
})
