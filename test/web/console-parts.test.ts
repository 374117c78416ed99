// The console's small parts: access rules, sessions, the messenger's mailbox.
import { describe, expect, it } from 'vitest'
import { hostnameOf, isLoopbackHost, isSameToken, resolveConsoleAccess } from '../../adapters/web/console-access.js'
import { localeOf, readCookie, sessionCookie } from '../../adapters/web/http-helpers.js'
import { createWebMessenger, type MailboxEvent, webDestination } from '../../adapters/web/messenger.js'
import { createSessionStore } from '../../adapters/web/sessions.js'
import { consoleUrl } from '../../bot/platforms/web.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { DeliveryError } from '../../core/kernel/messaging.js'

describe('console access', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['app.localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['127.evil.example', false],
    ['localhost.evil.example', false],
    ['', false],
  ])('%s is loopback: %s', (host, expected) => expect(isLoopbackHost(host)).toBe(expected))

  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['[::1]:8080', '::1'],
    ['localhost', 'localhost'],
    [undefined, ''],
  ])('Host %s → %s', (header, expected) => expect(hostnameOf(header)).toBe(expected))

  it('needs no token on loopback, uses CONSOLE_TOKEN when set, generates one on other addresses', () => {
    expect(resolveConsoleAccess({ HOST: '127.0.0.1' })).toEqual({ token: null, isGenerated: false })
    expect(resolveConsoleAccess({ HOST: '127.0.0.1', CONSOLE_TOKEN: 'abc' })).toEqual({ token: 'abc', isGenerated: false })
    const generated = resolveConsoleAccess({ HOST: '0.0.0.0' })
    expect(generated.isGenerated).toBe(true)
    expect(generated.token).toMatch(/^[\w-]{32}$/)
    expect(resolveConsoleAccess({ HOST: '0.0.0.0' }).token).not.toBe(generated.token)
  })

  it('compares tokens of any length', () => {
    expect(isSameToken('secret-token', 'secret-token')).toBe(true)
    expect(isSameToken('secret-tokeN', 'secret-token')).toBe(false)
    expect(isSameToken('s', 'secret-token')).toBe(false)
    expect(isSameToken('', 'secret-token')).toBe(false)
  })

  it('prints the URL to open, with the token when there is one', () => {
    expect(consoleUrl({ HOST: '127.0.0.1', PORT: 3000, PUBLIC_URL: undefined }, null)).toBe('http://127.0.0.1:3000/console')
    expect(consoleUrl({ HOST: '0.0.0.0', PORT: 3000, PUBLIC_URL: undefined }, 'a b')).toBe('http://127.0.0.1:3000/console?token=a%20b')
    expect(consoleUrl({ HOST: '::1', PORT: 80, PUBLIC_URL: undefined }, null)).toBe('http://[::1]:80/console')
    expect(consoleUrl({ HOST: '0.0.0.0', PORT: 3000, PUBLIC_URL: 'https://ladder.example.com/' }, 't')).toBe(
      'https://ladder.example.com/console?token=t',
    )
  })
})

describe('http helpers', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; ladder_console=xyz; b=2', 'ladder_console')).toBe('xyz')
    expect(readCookie('ladder_console_other=1', 'ladder_console')).toBeUndefined()
    expect(readCookie(undefined, 'ladder_console')).toBeUndefined()
  })
  it('session cookie flags', () => {
    expect(sessionCookie('id', false)).toBe('ladder_console=id; Path=/console; HttpOnly; SameSite=Strict')
    expect(sessionCookie('id', true)).toBe('ladder_console=id; Path=/console; HttpOnly; SameSite=Strict; Secure')
  })
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-GB,en;q=0.9', 'en'],
    [undefined, 'en'],
  ])('Accept-Language %s → %s', (header, expected) => expect(localeOf(header)).toBe(expected))
})

describe('sessions', () => {
  it('expire when idle, are evicted oldest first, and report every end', () => {
    let now = 0
    const ended: string[] = []
    const sessions = createSessionStore({ idleMs: 100, max: 2, now: () => now })
    sessions.onEnd((s) => ended.push(s.email ?? 'anonymous'))
    const a = sessions.create('a@x')
    const b = sessions.create('b@x')
    expect(a.id).not.toBe(b.id)
    expect(sessions.get(a.id)?.email).toBe('a@x')
    sessions.create('c@x')
    expect(sessions.get(a.id)).toBeNull()
    expect(ended).toEqual(['a@x'])
    now = 90
    expect(sessions.get(b.id)?.email).toBe('b@x')
    now = 180
    expect(sessions.get(b.id)?.email).toBe('b@x')
    now = 281
    expect(sessions.get(b.id)).toBeNull()
    expect(ended).toEqual(['a@x', 'b@x'])
    expect(sessions.get(undefined)).toBeNull()
    expect(sessions.get('made-up')).toBeNull()
  })
})

describe('web messenger', () => {
  const card = (text: string) => makeCard('en', undefined, [{ type: 'text', text }])
  const messenger = () =>
    createWebMessenger({ render: (c, id) => `<${id}>${c.fallback}`, perPerson: 2, people: 2, now: () => new Date('2026-11-23T00:00:00Z') })

  it('keeps a bounded mailbox per person and pushes to that person only', async () => {
    const m = messenger()
    const seen: MailboxEvent[] = []
    m.subscribe('li@x', (e) => seen.push(e))
    const ref = await m.send(webDestination('LI@x '), card('one'))
    await m.send(webDestination('han@x'), card('not yours'))
    await m.send(webDestination('li@x'), card('two'))
    await m.send(webDestination('li@x'), card('three'))
    expect(ref).toEqual({ channelId: 'li@x', messageId: 'm1' })
    expect(m.recent('li@x').map((x) => x.html)).toEqual(['<m3>two', '<m4>three'])
    expect(seen.map((e) => `${e.kind}:${e.message.fallback}`)).toEqual(['message:one', 'message:two', 'message:three'])
  })

  it('updates a message in place (same id, new seq) and refuses one it no longer has', async () => {
    const m = messenger()
    const seen: MailboxEvent[] = []
    const ref = await m.send(webDestination('li@x'), card('before'))
    m.subscribe('li@x', (e) => seen.push(e))
    await m.update(ref, card('after'))
    expect(seen).toEqual([
      { kind: 'update', message: { id: 'm1', seq: 2, html: '<m1u2>after', fallback: 'after', sentAt: '2026-11-23T00:00:00.000Z' } },
    ])
    await expect(m.update({ channelId: 'li@x', messageId: 'm99' }, card('x'))).rejects.toBeInstanceOf(DeliveryError)
  })

  it('drops the least recently written mailbox beyond the limit', async () => {
    const m = messenger()
    await m.send(webDestination('a@x'), card('a'))
    await m.send(webDestination('b@x'), card('b'))
    await m.send(webDestination('a@x'), card('a2'))
    await m.send(webDestination('c@x'), card('c'))
    expect(m.recent('b@x')).toEqual([])
    expect(m.recent('a@x')).toHaveLength(2)
  })

  it('refuses other platforms and channels permanently', async () => {
    const m = messenger()
    await expect(m.send({ platform: 'slack', tenant: 'T', kind: 'user', id: 'U1' }, card('x'))).rejects.toMatchObject({
      options: { isPermanent: true, code: 'wrong_platform' },
    })
    await expect(m.send({ platform: 'web', tenant: 'local', kind: 'channel', id: 'all' }, card('x'))).rejects.toMatchObject({
      options: { isPermanent: true, code: 'no_channels' },
    })
  })

  it('an unsubscribed listener hears nothing more', async () => {
    const m = messenger()
    const seen: string[] = []
    const stop = m.subscribe('li@x', (e) => seen.push(e.message.fallback))
    await m.send(webDestination('li@x'), card('1'))
    stop()
    await m.send(webDestination('li@x'), card('2'))
    expect(seen).toEqual(['1'])
  })
})
