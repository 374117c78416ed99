// Malformed-payload fuzzing of Ladder's inbound HTTP endpoints, shared by the test
// (test/slack/malformed-payloads.e2e.test.ts, a few hundred cases) and the
// benchmark-like run (bench/fuzz.ts, 10,000). Each case is a mutation of a real
// payload (the documented fixtures and the fakes' builders): wrong types, nulls,
// missing and extra fields, huge strings, bad JSON, bad URL-encoding, with a
// valid signature, a wrong one or none. A seeded generator: the same seed gives
// the same cases.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import { encryptPayload, signatureHeaders } from '../fakes/feishu-crypto.js'
import { cardActionEvent, messageEvent } from '../fakes/feishu-events.js'
import { ENCRYPT_KEY, NOW as FEISHU_NOW, PEOPLE, VERIFICATION_TOKEN } from '../feishu/support.js'
import { dmEvent, homeOpenedEvent, jsonFixture, mentionEvent, NOW_SECONDS, SIGNING_SECRET, USERS } from '../slack/harness.js'

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rng = () => number
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!

export interface FuzzRequest {
  endpoint: string
  /** What was done to the payload, for the report of a failing case. */
  mutation: string
  url: string
  body: string
  headers: Record<string, string>
}

const WEIRD: readonly ((rng: Rng) => unknown)[] = [
  () => null,
  () => undefined,
  () => 42,
  () => -1.5,
  () => true,
  () => '',
  () => 'x'.repeat(200_000),
  () => '=HYPERLINK("http://x")',
  () => '::garbage::',
  () => [],
  () => [null, 1, 'a'],
  () => ({}),
  () => ({ nested: { deeper: [1, { x: null }] } }),
  (rng) => String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(rng() * 0xd800))),
  () => '\u0000\uFFFF\uD800',
  () => Number.MAX_SAFE_INTEGER,
]

/** Paths to every value inside a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length > 0) out.push(prefix)
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...prefix, i], out)
  } else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out)
  return out
}

function mutateAt(
  value: unknown,
  path: (string | number)[],
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): void {
  let node = value as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  change(node, path.at(-1)!)
}

/** A JSON value changed in one to three places; the mutation described. */
function mutateJson(rng: Rng, base: unknown): { value: unknown; mutation: string } {
  const value = structuredClone(base)
  const steps: string[] = []
  const count = 1 + Math.floor(rng() * 3)
  for (let i = 0; i < count; i++) {
    const all = paths(value)
    if (all.length === 0) break
    const path = pick(rng, all)
    const kind = rng()
    if (kind < 0.45) {
      const weird = pick(rng, WEIRD)(rng)
      mutateAt(value, path, (parent, key) => {
        parent[key] = weird
      })
      steps.push(`${path.join('.')}=${typeof weird === 'string' ? `string(${weird.length})` : JSON.stringify(weird)?.slice(0, 30)}`)
    } else if (kind < 0.75) {
      mutateAt(value, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1)
        else delete parent[key]
      })
      steps.push(`-${path.join('.')}`)
    } else {
      mutateAt(value, path, (parent) => {
        if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) parent.__proto_extra__ = pick(rng, WEIRD)(rng)
      })
      steps.push(`+${path.slice(0, -1).join('.')}.extra`)
    }
  }
  return { value, mutation: steps.join(' ') }
}

/** JSON text that does not parse, or parses to something that is not an object. */
function badJson(rng: Rng, text: string): { body: string; mutation: string } {
  return pick(rng, [
    () => ({ body: text.slice(0, Math.floor(rng() * text.length)), mutation: 'truncated JSON' }),
    () => ({ body: `${text}}`, mutation: 'trailing brace' }),
    () => ({ body: '', mutation: 'empty body' }),
    () => ({ body: 'null', mutation: 'JSON null' }),
    () => ({ body: '[1,2,3]', mutation: 'JSON array' }),
    () => ({ body: '"a string"', mutation: 'JSON string' }),
    () => ({ body: '\uFEFF{"type":', mutation: 'BOM and garbage' }),
    () => ({ body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(rng() * 256))).toString('latin1'), mutation: 'random bytes' }),
  ])()
}

/** URL-encoded form text with broken escapes, duplicated or huge fields. */
function badForm(rng: Rng, fields: Record<string, string>): { body: string; mutation: string } {
  const text = new URLSearchParams(fields).toString()
  return pick(rng, [
    () => ({ body: `${text}&text=%E0%A4%A`, mutation: 'bad percent-encoding' }),
    () => ({ body: text.replace(/%/g, '%%'), mutation: 'doubled percent signs' }),
    () => ({ body: `${text}&command=/other&command=`, mutation: 'duplicated fields' }),
    () => ({ body: `payload=${encodeURIComponent('{"type":"block_actions",')}`, mutation: 'payload not JSON' }),
    () => ({ body: `payload=${encodeURIComponent('null')}`, mutation: 'payload null' }),
    () => ({ body: `${text}&text=${'a'.repeat(300_000)}`, mutation: 'huge text field' }),
    () => ({ body: '&&&==&', mutation: 'empty fields' }),
    () => {
      const copy = { ...fields }
      const key = pick(rng, Object.keys(copy))
      delete copy[key]
      return { body: new URLSearchParams(copy).toString(), mutation: `-${key}` }
    },
    () => {
      const copy = { ...fields }
      const key = pick(rng, Object.keys(copy))
      copy[key] = pick(rng, ['', '::garbage::', 'x'.repeat(100_000), '\u0000'])
      return { body: new URLSearchParams(copy).toString(), mutation: `${key}=weird` }
    },
  ])()
}

// ---- Slack ------------------------------------------------------------------------

/** Where respond() may post: the fake Slack API (never Slack's own hooks: no traffic leaves the machine). */
export interface SlackTarget {
  responseUrlBase: string
}

const SLASH = (target: SlackTarget): Record<string, string> => ({
  token: 'legacy',
  team_id: 'T0FAKE',
  team_domain: 'ladder',
  channel_id: 'D0LILEI',
  channel_name: 'directmessage',
  user_id: USERS.liLei,
  user_name: 'li.lei',
  command: '/ladder',
  text: 'tasks',
  api_app_id: 'A0LADDER',
  response_url: `${target.responseUrlBase}fuzz-cmd`,
  trigger_id: '1.2.abc',
})

function slackBases(target: SlackTarget): { name: string; kind: 'json' | 'interactive'; body: Record<string, unknown> }[] {
  const response_url = `${target.responseUrlBase}fuzz-act`
  const suggestion = {
    type: 'block_suggestion',
    team: { id: 'T0FAKE' },
    user: { id: USERS.liLei, team_id: 'T0FAKE' },
    action_id: 'pick_course',
    block_id: 'course',
    value: 'rd',
    view: { private_metadata: '{}' },
  }
  return [
    { name: 'events:message.im', kind: 'json', body: dmEvent(USERS.liLei, 'tasks') },
    { name: 'events:app_mention', kind: 'json', body: mentionEvent(USERS.liLei, 'my gap') },
    { name: 'events:app_home_opened', kind: 'json', body: homeOpenedEvent(USERS.liLei) },
    { name: 'events:url_verification', kind: 'json', body: jsonFixture('url_verification.json') },
    { name: 'interactivity:block_actions', kind: 'interactive', body: { ...jsonFixture('block_actions_button.json'), response_url } },
    {
      name: 'interactivity:block_actions',
      kind: 'interactive',
      body: { ...jsonFixture('block_actions_button_in_message_with_state.json'), response_url },
    },
    { name: 'interactivity:view_submission', kind: 'interactive', body: jsonFixture('view_submission.json') },
    { name: 'interactivity:block_suggestion', kind: 'interactive', body: suggestion },
  ]
}

function slackSigned(body: string, contentType: string, signing: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType }
  if (signing < 0.8) {
    headers['x-slack-request-timestamp'] = NOW_SECONDS
    headers['x-slack-signature'] = signatureFor(SIGNING_SECRET, NOW_SECONDS, body)
  } else if (signing < 0.9) {
    headers['x-slack-request-timestamp'] = NOW_SECONDS
    headers['x-slack-signature'] = `v0=${'0'.repeat(64)}`
  } else if (signing < 0.95) {
    headers['x-slack-request-timestamp'] = 'not-a-number'
    headers['x-slack-signature'] = 'garbage'
  }
  return headers
}

/** One Slack case: 80 % signed correctly, the rest signed wrong or not at all. */
export function slackCase(rng: Rng, target: SlackTarget, url = '/slack/events'): FuzzRequest {
  const signing = rng()
  const sign = (body: string, contentType: string) => slackSigned(body, contentType, signing)
  const signedNote = signing < 0.8 ? 'signed' : signing < 0.95 ? 'bad signature' : 'unsigned'
  if (rng() < 0.2) {
    const { body, mutation } = rng() < 0.5 ? badForm(rng, SLASH(target)) : mutatedForm(rng, target)
    return {
      endpoint: 'slack:slash_command',
      mutation: `${signedNote} ${mutation}`,
      url,
      body,
      headers: sign(body, 'application/x-www-form-urlencoded'),
    }
  }
  const base = pick(rng, slackBases(target))
  const roll = rng()
  let text: string
  let mutation: string
  if (roll < 0.15) ({ body: text, mutation } = badJson(rng, JSON.stringify(base.body)))
  else {
    const mutated = mutateJson(rng, base.body)
    text = JSON.stringify(mutated.value) ?? ''
    mutation = mutated.mutation
  }
  if (base.kind === 'interactive') {
    const body = new URLSearchParams({ payload: text }).toString()
    return {
      endpoint: `slack:${base.name}`,
      mutation: `${signedNote} ${mutation}`,
      url,
      body,
      headers: sign(body, 'application/x-www-form-urlencoded'),
    }
  }
  const contentType =
    rng() < 0.05
      ? pick(rng, ['text/plain', '', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded'])
      : 'application/json'
  return {
    endpoint: `slack:${base.name}`,
    mutation: `${signedNote} ${mutation} (${contentType || 'no type'})`,
    url,
    body: text,
    headers: sign(text, contentType),
  }
}

function mutatedForm(rng: Rng, target: SlackTarget): { body: string; mutation: string } {
  const copy: Record<string, string> = SLASH(target)
  const key = pick(rng, Object.keys(copy))
  const value = pick(rng, WEIRD)(rng)
  copy[key] = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  return { body: new URLSearchParams(copy).toString(), mutation: `${key}=${String(copy[key]).slice(0, 20)}` }
}

// ---- Feishu -------------------------------------------------------------------------

function feishuBases(): { name: string; url: string; body: Record<string, unknown> }[] {
  return [
    {
      name: 'events:im.message.receive_v1',
      url: '/feishu/events',
      body: messageEvent({ openId: PEOPLE.liLei, text: 'tasks', token: VERIFICATION_TOKEN }),
    },
    {
      name: 'events:im.message.receive_v1 group',
      url: '/feishu/events',
      body: messageEvent({ openId: PEOPLE.liLei, text: 'my gap', chatType: 'group', mentionBot: true, token: VERIFICATION_TOKEN }),
    },
    {
      name: 'events:url_verification',
      url: '/feishu/events',
      body: { challenge: 'c-1', token: VERIFICATION_TOKEN, type: 'url_verification' },
    },
    {
      name: 'cards:card.action.trigger',
      url: '/feishu/cards',
      body: cardActionEvent({ openId: PEOPLE.liLei, value: { a: 'tasks', v: '' }, token: VERIFICATION_TOKEN }),
    },
    {
      name: 'cards:form submit',
      url: '/feishu/cards',
      body: cardActionEvent({
        openId: PEOPLE.liLei,
        value: { a: 'feedback_submit', v: '1' },
        formValue: { comment: 'x' },
        token: VERIFICATION_TOKEN,
      }),
    },
  ]
}

/** One Feishu case: encrypted and signed with the Encrypt Key (80 %), or wrongly, or plain. */
export function feishuCase(rng: Rng): FuzzRequest {
  const base = pick(rng, feishuBases())
  const roll = rng()
  let plaintext: string
  let mutation: string
  if (roll < 0.15) ({ body: plaintext, mutation } = badJson(rng, JSON.stringify(base.body)))
  else {
    const mutated = mutateJson(rng, base.body)
    plaintext = JSON.stringify(mutated.value) ?? ''
    mutation = mutated.mutation
  }
  const at = FEISHU_NOW.getTime() / 1000
  const signing = rng()
  const contentType = 'application/json; charset=utf-8'
  if (signing < 0.8) {
    const body = JSON.stringify({ encrypt: encryptPayload(plaintext, ENCRYPT_KEY) })
    return {
      endpoint: `feishu:${base.name}`,
      mutation: `signed ${mutation}`,
      url: base.url,
      body,
      headers: { 'content-type': contentType, ...signatureHeaders(body, ENCRYPT_KEY, at) },
    }
  }
  if (signing < 0.9) {
    const body = pick(rng, [
      JSON.stringify({ encrypt: 'not-base64!!' }),
      JSON.stringify({ encrypt: encryptPayload(plaintext, 'another key') }),
      JSON.stringify({ encrypt: 42 }),
    ])
    return {
      endpoint: `feishu:${base.name}`,
      mutation: `signed, bad ciphertext ${mutation}`,
      url: base.url,
      body,
      headers: { 'content-type': contentType, ...signatureHeaders(body, ENCRYPT_KEY, at) },
    }
  }
  if (signing < 0.95) {
    const body = JSON.stringify({ encrypt: encryptPayload(plaintext, ENCRYPT_KEY) })
    return {
      endpoint: `feishu:${base.name}`,
      mutation: `bad signature ${mutation}`,
      url: base.url,
      body,
      headers: { 'content-type': contentType, ...signatureHeaders(body, 'wrong', at) },
    }
  }
  return {
    endpoint: `feishu:${base.name}`,
    mutation: `plain ${mutation}`,
    url: base.url,
    body: plaintext,
    headers: { 'content-type': contentType },
  }
}

// ---- Console --------------------------------------------------------------------------

function consoleBases(): { name: string; url: string; body: Record<string, unknown> }[] {
  return [
    { name: 'message', url: '/console/message', body: { text: 'tasks' } },
    { name: 'action', url: '/console/action', body: { actionId: 'tasks', value: '', locale: 'en' } },
    {
      name: 'action (form)',
      url: '/console/action',
      body: { actionId: 'feedback_submit', value: '1', values: { comment: 'x', score: '3' } },
    },
    { name: 'session', url: '/console/session', body: { email: 'han.meimei@demo.ladder' } },
    { name: 'inbox/read', url: '/console/inbox/read', body: {} },
  ]
}

/** One console case: with the session cookie (80 %), a forged one or none. */
export function consoleCase(rng: Rng, cookie: string): FuzzRequest {
  const base = pick(rng, consoleBases())
  let body: string
  let mutation: string
  if (rng() < 0.15) ({ body, mutation } = badJson(rng, JSON.stringify(base.body)))
  else {
    const mutated = mutateJson(rng, base.body)
    body = JSON.stringify(mutated.value) ?? ''
    mutation = mutated.mutation
  }
  const signing = rng()
  const headers: Record<string, string> = { 'content-type': rng() < 0.05 ? 'text/plain' : 'application/json' }
  // Picking a person with a session cookie ends that session: the session route goes without.
  if (base.name === 'session') headers.cookie = ''
  else if (signing < 0.8) headers.cookie = cookie
  else if (signing < 0.9) headers.cookie = `${cookie.split('=')[0]}=forged`
  const note = signing < 0.8 ? 'session' : signing < 0.9 ? 'forged session' : 'no session'
  return { endpoint: `console:${base.name}`, mutation: `${note} ${mutation}`, url: base.url, body, headers }
}

// ---- Running ---------------------------------------------------------------------------

export interface FuzzTally {
  /** endpoint → status → count. */
  byEndpoint: Map<string, Map<number, number>>
  /** Cases answered ≥ 500 (or that threw), with what was sent. */
  failures: { request: FuzzRequest; status: number | string }[]
}

export async function runCases(app: FastifyInstance, cases: Iterable<FuzzRequest>, tally: FuzzTally = emptyTally()): Promise<FuzzTally> {
  for (const request of cases) {
    let status: number | string
    try {
      const response: LightMyRequestResponse = await app.inject({
        method: 'POST',
        url: request.url,
        payload: request.body,
        headers: request.headers,
      })
      status = response.statusCode
    } catch (error) {
      status = `threw ${(error as Error).message}`
    }
    const counts = tally.byEndpoint.get(request.endpoint) ?? new Map<number, number>()
    tally.byEndpoint.set(request.endpoint, counts)
    const key = typeof status === 'number' ? status : 0
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (typeof status !== 'number' || status >= 500) tally.failures.push({ request, status })
  }
  return tally
}

export const emptyTally = (): FuzzTally => ({ byEndpoint: new Map(), failures: [] })

export function* generate(rng: Rng, count: number, make: (rng: Rng) => FuzzRequest): Generator<FuzzRequest> {
  for (let i = 0; i < count; i++) yield make(rng)
}

/** The tally as a table: endpoint, then count per status. */
export function formatTally(tally: FuzzTally): string {
  const statuses = [...new Set([...tally.byEndpoint.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b)
  const rows = [...tally.byEndpoint.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  const width = Math.max(8, ...rows.map(([e]) => e.length))
  const lines = [`${'endpoint'.padEnd(width)}  ${statuses.map((s) => String(s || 'threw').padStart(6)).join('')}   total`]
  for (const [endpoint, counts] of rows) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    lines.push(
      `${endpoint.padEnd(width)}  ${statuses.map((s) => String(counts.get(s) ?? 0).padStart(6)).join('')}  ${String(total).padStart(6)}`,
    )
  }
  return lines.join('\n')
}
