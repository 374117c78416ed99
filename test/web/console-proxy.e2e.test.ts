// The console behind a reverse proxy (issue 17, finding 3): nginx's default
// proxy_pass http://127.0.0.1:3000 connects from loopback and rewrites Host, so
// neither may let a remote visitor in without a token. TRUST_PROXY names the
// proxies whose X-Forwarded-* headers count (client address, HTTPS).
import { readFileSync } from 'node:fs'
import { request } from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { t } from '../../core/kernel/i18n/index.js'
import { type ConsoleApp, cookieFrom, createConsoleApp, login } from './console-app.js'

const LI = 'li.lei@demo.ladder'
/** What nginx sends with `proxy_pass http://127.0.0.1:3000` and the usual X-Forwarded-For line. */
const NGINX = { host: '127.0.0.1:3000', 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7', connection: 'close' }
const LOCAL = { host: '127.0.0.1:3000' }

type Inject = {
  method?: 'GET' | 'POST' | 'DELETE'
  url: string
  headers?: Record<string, string>
  remoteAddress?: string
  payload?: object
}
const send = (app: ConsoleApp, request: Inject) => app.app.inject({ method: 'GET', remoteAddress: '127.0.0.1', ...request })

/** Every console route: page, JSON, event streams, actions, inbox. */
const ROUTES: Inject[] = [
  { url: '/console' },
  { url: '/console/people' },
  { url: '/console/people/events' },
  { method: 'POST', url: '/console/session', payload: { email: LI } },
  { url: '/console/home' },
  { url: '/console/events' },
  { method: 'POST', url: '/console/message', payload: { text: 'my tasks' } },
  { method: 'POST', url: '/console/action', payload: { actionId: 'enrol', value: 'X' } },
  { method: 'POST', url: '/console/inbox/read' },
]

describe('without a token, not trusting any proxy (the default)', () => {
  let c: ConsoleApp
  beforeAll(async () => {
    c = await createConsoleApp()
  })
  afterAll(async () => {
    await c?.close()
  })

  it('works as before for a plain local request', async () => {
    const page = await send(c, { url: '/console', headers: LOCAL })
    expect(page.statusCode).toBe(200)
    expect(page.headers['set-cookie']).toMatch(/; HttpOnly; SameSite=Strict$/)
    const cookie = await login(c.app, LI)
    const asked = await send(c, { method: 'POST', url: '/console/message', headers: { ...LOCAL, cookie }, payload: { text: 'my tasks' } })
    expect(asked.statusCode).toBe(200)
    expect((await send(c, { url: '/console', remoteAddress: '::1', headers: { host: '[::1]:3000' } })).statusCode).toBe(200)
  })

  it('refuses a visitor through a same-host nginx (loopback socket, X-Forwarded-For, Host rewritten) on every route', async () => {
    // A session made on this machine does not help either: the cookie cannot reach past the proxy check.
    const cookie = await login(c.app, LI)
    for (const route of ROUTES) {
      for (const headers of [NGINX, { ...NGINX, cookie }]) {
        const res = await send(c, { ...route, headers })
        expect(res.statusCode, `${route.method ?? 'GET'} ${route.url}`).toBe(403)
        expect(res.headers['set-cookie']).toBeUndefined()
      }
    }
    const page = await send(c, { url: '/console', headers: NGINX })
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain(t('en', 'web.hostRefused').slice(0, 40))
    // Static files are not refused (the refusal page uses the stylesheet): an unknown one is just not found.
    expect((await send(c, { url: '/console/static/none.css', headers: NGINX })).statusCode).toBe(404)
  })

  it.each([
    ['X-Forwarded-For naming this machine', { 'x-forwarded-for': '127.0.0.1' }],
    ['Forwarded', { forwarded: 'for=203.0.113.7' }],
    ['X-Forwarded-Host', { 'x-forwarded-host': 'ladder.example.com' }],
    ['X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }],
    ['X-Real-IP', { 'x-real-ip': '203.0.113.7' }],
    ['Via', { via: '1.1 proxy' }],
  ])('refuses a loopback socket that carries %s', async (_name, headers) => {
    expect((await send(c, { url: '/console', headers: { ...LOCAL, ...headers } })).statusCode).toBe(403)
  })

  it('refuses a remote socket whatever its Host says', async () => {
    expect((await send(c, { url: '/console', remoteAddress: '203.0.113.7', headers: LOCAL })).statusCode).toBe(403)
    expect((await send(c, { url: '/console', remoteAddress: '::ffff:203.0.113.7', headers: { host: 'localhost' } })).statusCode).toBe(403)
  })

  it('does not take X-Forwarded-Proto from an untrusted proxy', async () => {
    const own = await createConsoleApp({ CONSOLE_TOKEN: 'tok' })
    try {
      const res = await send(own, { url: '/console?token=tok', headers: { ...LOCAL, 'x-forwarded-proto': 'https' } })
      expect(res.statusCode).toBe(303)
      expect(res.headers['set-cookie']).not.toMatch(/Secure/)
    } finally {
      await own.close()
    }
  })
})

describe('TRUST_PROXY=loopback (nginx on this machine)', () => {
  let c: ConsoleApp
  beforeAll(async () => {
    c = await createConsoleApp({ TRUST_PROXY: 'loopback' })
  })
  afterAll(async () => {
    await c?.close()
  })

  it('refuses a remote client without a token, on every route', async () => {
    for (const route of ROUTES) expect((await send(c, { ...route, headers: NGINX })).statusCode, route.url).toBe(403)
  })

  it('lets in a client on this machine that comes through the proxy, and plain local requests', async () => {
    const viaProxy = { ...LOCAL, 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' }
    expect((await send(c, { url: '/console', headers: viaProxy })).statusCode).toBe(200)
    expect((await send(c, { url: '/console', headers: LOCAL })).statusCode).toBe(200)
  })

  it('refuses a forged X-Forwarded-For the proxy appended to, and proxy headers from an untrusted peer', async () => {
    const forged = { ...LOCAL, 'x-forwarded-for': '127.0.0.1, 203.0.113.7' }
    expect((await send(c, { url: '/console', headers: forged })).statusCode).toBe(403)
    const untrusted = { ...LOCAL, 'x-forwarded-for': '127.0.0.1' }
    expect((await send(c, { url: '/console', remoteAddress: '203.0.113.9', headers: untrusted })).statusCode).toBe(403)
  })

  it('refuses a DNS-rebinding page the proxy forwards with its own Host', async () => {
    const rebound = { host: 'evil.example', 'x-forwarded-for': '127.0.0.1' }
    expect((await send(c, { url: '/console', headers: rebound })).statusCode).toBe(403)
  })

  it('accepts a POST whose Origin is the proxy’s public name (X-Forwarded-Host)', async () => {
    const cookie = await login(c.app, LI)
    const headers = {
      ...LOCAL,
      cookie,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-host': 'localhost:8443',
      origin: 'https://localhost:8443',
    }
    expect((await send(c, { method: 'POST', url: '/console/inbox/read', headers })).statusCode).toBe(200)
  })
})

describe('TRUST_PROXY=true', () => {
  it('still refuses a client that prepends 127.0.0.1 to X-Forwarded-For', async () => {
    const c = await createConsoleApp({ TRUST_PROXY: 'true' })
    try {
      const forged = { ...LOCAL, 'x-forwarded-for': '127.0.0.1, 203.0.113.7' }
      expect((await send(c, { url: '/console', headers: forged })).statusCode).toBe(403)
    } finally {
      await c.close()
    }
  })
})

describe('with a token behind a trusted proxy', () => {
  let c: ConsoleApp
  beforeAll(async () => {
    c = await createConsoleApp({ CONSOLE_TOKEN: 'correct-horse-battery', TRUST_PROXY: '127.0.0.1' })
  })
  afterAll(async () => {
    await c?.close()
  })

  it('asks the remote visitor for the token', async () => {
    const page = await send(c, { url: '/console', headers: NGINX })
    expect(page.statusCode).toBe(401)
    expect(page.body).toContain(t('en', 'web.tokenRequired').slice(0, 30))
    expect((await send(c, { method: 'POST', url: '/console/session', headers: NGINX, payload: { email: LI } })).statusCode).toBe(401)
  })

  it('marks the session cookie Secure when the proxy says the request was HTTPS, and only then', async () => {
    const https = await send(c, { url: '/console?token=correct-horse-battery', headers: { ...NGINX, 'x-forwarded-proto': 'https' } })
    expect(https.statusCode).toBe(303)
    expect(https.headers['set-cookie']).toMatch(/; HttpOnly; SameSite=Strict; Secure$/)
    const cookie = cookieFrom(https.headers['set-cookie'])
    const picked = await send(c, {
      method: 'POST',
      url: '/console/session',
      headers: { ...NGINX, 'x-forwarded-proto': 'https', cookie },
      payload: { email: LI },
    })
    expect(picked.headers['set-cookie']).toMatch(/; Secure$/)

    const http = await send(c, { url: '/console?token=correct-horse-battery', headers: { ...NGINX, 'x-forwarded-proto': 'http' } })
    expect(http.headers['set-cookie']).toMatch(/; HttpOnly; SameSite=Strict$/)
    // X-Forwarded-Proto from a peer that is not the trusted proxy is ignored.
    const spoofed = await send(c, {
      url: '/console?token=correct-horse-battery',
      remoteAddress: '203.0.113.9',
      headers: { ...LOCAL, 'x-forwarded-proto': 'https' },
    })
    expect(spoofed.headers['set-cookie']).not.toMatch(/Secure/)
  })
})

describe('served over HTTPS directly', () => {
  it('marks the session cookie Secure', async () => {
    // A self-signed certificate for localhost and 127.0.0.1, for this test only.
    const tls = { key: readFileSync('test/fixtures/tls/localhost.key'), cert: readFileSync('test/fixtures/tls/localhost.crt') }
    const c = await createConsoleApp({}, new Date(), tls)
    try {
      const address = await c.app.listen({ port: 0, host: '127.0.0.1' })
      const setCookie = await new Promise<string | undefined>((resolve, reject) => {
        const req = request(`${address}/console`, { ca: tls.cert, servername: 'localhost' }, (res) => {
          res.resume()
          resolve(res.statusCode === 200 ? res.headers['set-cookie']?.[0] : `status ${res.statusCode}`)
        })
        req.on('error', reject)
        req.end()
      })
      expect(address.startsWith('https://')).toBe(true)
      expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/)
    } finally {
      await c.close()
    }
  })
})
