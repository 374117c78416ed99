import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { authenticateRequest } from '../../adapters/feishu/authenticate-request.js'
import { DecryptError, decryptPayload } from '../../adapters/feishu/decrypt.js'
import { verifySignature } from '../../adapters/feishu/verify-request.js'
import { encryptPayload, signatureHeaders } from '../fakes/feishu-crypto.js'

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/platforms/feishu/${name}`, import.meta.url), 'utf8')) as T

const vector = fixture<{ encrypt_key: string; encrypt: string; plaintext: string }>('encrypt_test_vector.doc.json')
const challenge = fixture<{ encrypt_key: string; plaintext: string; body: string; headers: Record<string, string> }>(
  'url_verification.encrypted.GENERATED.json',
)
const envelope = fixture<{ header: { token: string } }>('im_message_receive_v1.group_mention.doc.json')

const KEY = 'test key'
const CHALLENGE_AT = 1_700_000_000_000
const challengeHeaders = {
  timestamp: challenge.headers['X-Lark-Request-Timestamp'],
  nonce: challenge.headers['X-Lark-Request-Nonce'],
  signature: challenge.headers['X-Lark-Signature'],
}

const headersOf = (h: Record<string, string>) => ({
  timestamp: h['x-lark-request-timestamp'],
  nonce: h['x-lark-request-nonce'],
  signature: h['x-lark-signature'],
})

describe('decryptPayload', () => {
  it('decrypts the official test vector', () => {
    expect(decryptPayload(vector.encrypt, vector.encrypt_key)).toBe(vector.plaintext)
  })

  it.each([
    ['a wrong key', vector.encrypt, 'other key'],
    ['a truncated body', vector.encrypt.slice(0, 20), KEY],
    ['not base64 at all', '%%%', KEY],
  ])('refuses %s with a DecryptError', (_, encrypted, key) => {
    expect(() => decryptPayload(encrypted, key)).toThrow(DecryptError)
  })
})

describe('verifySignature', () => {
  it('accepts the generated challenge signature at its own time', () => {
    expect(verifySignature(challengeHeaders, challenge.body, KEY, CHALLENGE_AT)).toEqual({ ok: true })
  })

  it.each([
    ['5 minutes later', CHALLENGE_AT + 300_000, { ok: true }],
    ['5 minutes and 1 s later', CHALLENGE_AT + 301_000, { ok: false, reason: 'timestamp outside the 5-minute window' }],
    ['5 minutes and 1 s earlier', CHALLENGE_AT - 301_000, { ok: false, reason: 'timestamp outside the 5-minute window' }],
  ])('%s → %j', (_, now, expected) => {
    expect(verifySignature(challengeHeaders, challenge.body, KEY, now)).toEqual(expected)
  })

  it('refuses a body changed by one character, a wrong key and missing headers', () => {
    expect(verifySignature(challengeHeaders, challenge.body.replace('A', 'B'), KEY, CHALLENGE_AT)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    })
    expect(verifySignature(challengeHeaders, challenge.body, 'other', CHALLENGE_AT)).toEqual({ ok: false, reason: 'signature mismatch' })
    expect(verifySignature({ ...challengeHeaders, signature: undefined }, challenge.body, KEY, CHALLENGE_AT)).toEqual({
      ok: false,
      reason: 'missing signature headers',
    })
    expect(verifySignature({ ...challengeHeaders, timestamp: 'Monday' }, challenge.body, KEY, CHALLENGE_AT)).toEqual({
      ok: false,
      reason: 'malformed timestamp',
    })
  })
})

describe('authenticateRequest', () => {
  const NOW = 1_800_000_000_000
  const event = { schema: '2.0', header: { event_id: 'e1', event_type: 'im.message.receive_v1', token: 'verify-me' }, event: {} }
  const signedEncrypted = (payload: unknown, at = NOW / 1000) => {
    const body = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(payload), KEY) })
    return { body, headers: headersOf(signatureHeaders(body, KEY, at)) }
  }

  it('decrypts the signed encrypted challenge from the fixtures', () => {
    expect(authenticateRequest(challenge.body, challengeHeaders, { encryptKey: KEY }, CHALLENGE_AT)).toEqual({
      ok: true,
      body: JSON.parse(challenge.plaintext),
    })
  })

  it('answers an unsigned encrypted challenge (both SDKs answer it before verifying), but no unsigned event', () => {
    const challengeBody = JSON.stringify({ encrypt: encryptPayload(challenge.plaintext, KEY) })
    expect(authenticateRequest(challengeBody, {}, { encryptKey: KEY }, NOW)).toEqual({ ok: true, body: JSON.parse(challenge.plaintext) })
    const eventBody = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(event), KEY) })
    expect(authenticateRequest(eventBody, {}, { encryptKey: KEY }, NOW)).toEqual({
      ok: false,
      status: 401,
      reason: 'missing signature headers',
    })
    expect(authenticateRequest(JSON.stringify(JSON.parse(challenge.plaintext)), {}, { encryptKey: KEY }, NOW)).toEqual({
      ok: false,
      status: 401,
      reason: 'missing signature headers',
    })
  })

  it('accepts a signed encrypted event and checks the token inside it when both secrets are set', () => {
    const { body, headers } = signedEncrypted(event)
    expect(authenticateRequest(body, headers, { encryptKey: KEY, verificationToken: 'verify-me' }, NOW)).toEqual({ ok: true, body: event })
    expect(authenticateRequest(body, headers, { encryptKey: KEY, verificationToken: 'other' }, NOW)).toEqual({
      ok: false,
      status: 401,
      reason: 'verification token mismatch',
    })
  })

  it('refuses stale and badly signed requests with 401, and a signed body that does not decrypt with 400', () => {
    const stale = signedEncrypted(event, NOW / 1000 - 600)
    expect(authenticateRequest(stale.body, stale.headers, { encryptKey: KEY }, NOW)).toMatchObject({ ok: false, status: 401 })
    const { body, headers } = signedEncrypted(event)
    expect(authenticateRequest(body, { ...headers, signature: 'a'.repeat(64) }, { encryptKey: KEY }, NOW)).toMatchObject({
      ok: false,
      status: 401,
    })
    const garbage = JSON.stringify({ encrypt: Buffer.alloc(48, 7).toString('base64') })
    expect(authenticateRequest(garbage, headersOf(signatureHeaders(garbage, KEY, NOW / 1000)), { encryptKey: KEY }, NOW)).toMatchObject({
      ok: false,
      status: 400,
    })
  })

  it('with only a verification token, checks header.token (2.0) and token (challenge)', () => {
    const secrets = { verificationToken: envelope.header.token }
    const body = JSON.stringify(envelope)
    expect(authenticateRequest(body, {}, secrets, NOW)).toEqual({ ok: true, body: envelope })
    expect(authenticateRequest(body.replace(envelope.header.token, 'forged-token-of-the-same-len'), {}, secrets, NOW)).toMatchObject({
      ok: false,
      status: 401,
    })
    expect(authenticateRequest(JSON.stringify({ ...envelope, header: { event_id: 'x', event_type: 'y' } }), {}, secrets, NOW)).toEqual({
      ok: false,
      status: 401,
      reason: 'missing verification token',
    })
    const plainChallenge = JSON.stringify({ challenge: 'c1', token: envelope.header.token, type: 'url_verification' })
    expect(authenticateRequest(plainChallenge, {}, secrets, NOW)).toMatchObject({ ok: true })
    expect(authenticateRequest(plainChallenge.replace(envelope.header.token, 'x'), {}, secrets, NOW)).toMatchObject({
      ok: false,
      status: 401,
    })
  })

  it.each([
    ['not JSON', '{"schema":', 400],
    ['a JSON array', '[1,2]', 400],
    ['an empty body', '', 400],
    ['an encrypted body without an encrypt key configured', '{"encrypt":"abc"}', 400],
  ])('refuses %s', (_, raw, status) => {
    expect(authenticateRequest(raw, {}, { verificationToken: 't' }, NOW)).toMatchObject({ ok: false, status })
  })

  it('refuses everything when no secret is configured (the SDK would let it all through)', () => {
    expect(authenticateRequest(JSON.stringify(event), {}, {}, NOW)).toMatchObject({ ok: false, status: 401 })
  })
})
