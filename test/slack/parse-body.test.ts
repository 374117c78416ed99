import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSlackBody } from '../../adapters/slack/parse-body.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/platforms/slack/${name}`, import.meta.url), 'utf8')
const FORM = 'application/x-www-form-urlencoded'

describe('parseSlackBody', () => {
  it('slash command form, with or without a charset suffix', () => {
    for (const type of [FORM, `${FORM}; charset=utf-8`, 'Application/X-WWW-Form-URLEncoded ;charset=UTF-8']) {
      const parsed = parseSlackBody(Buffer.from(fixture('slash_command.txt')), type)
      expect(parsed).toMatchObject({
        kind: 'body',
        body: { command: '/weather', text: '94070', user_id: 'U2147483697', enterprise_name: 'Globular Construct Inc' },
      })
    }
  })

  it('interactivity: the JSON inside the payload field', () => {
    const payload = fixture('block_actions_button.json')
    const parsed = parseSlackBody(Buffer.from(new URLSearchParams({ payload }).toString()), `${FORM}; charset=utf-8`)
    expect(parsed).toEqual({ kind: 'body', body: JSON.parse(payload) })
  })

  it('events: JSON', () => {
    expect(parseSlackBody(Buffer.from(fixture('url_verification.json')), 'application/json; charset=utf-8')).toMatchObject({
      kind: 'body',
      body: { type: 'url_verification' },
    })
  })

  it.each([
    ['truncated JSON', '{"type":"event_callback"', 'application/json', 400],
    ['a JSON array', '[1,2]', 'application/json', 400],
    ['JSON null', 'null', 'application/json', 400],
    ['a payload that is not JSON', 'payload=%7Bnope', FORM, 400],
    ['a form without a command', 'a=1&b=2', FORM, 400],
    ['an empty body', '', FORM, 400],
    ['text/plain', 'hello', 'text/plain', 415],
    ['no content type', '{}', undefined, 415],
  ])('%s → %d', (_name, body, type, status) => {
    expect(parseSlackBody(Buffer.from(body), type)).toMatchObject({ kind: 'invalid', status })
  })

  it('ssl_check', () => {
    expect(parseSlackBody(Buffer.from('ssl_check=1&token=x'), FORM)).toEqual({ kind: 'ssl_check' })
  })
})
