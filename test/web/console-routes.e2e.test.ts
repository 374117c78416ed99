// The console's HTTP surface on a real seeded database: sessions, token,
// scoping of actions and live messages to one person, escaping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../adapters/web/http-helpers.js'
import { webDestination } from '../../bot/platforms/web.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { t } from '../../core/kernel/i18n/index.js'
import { type ConsoleApp, cookieFrom, createConsoleApp, login } from './console-app.js'

const LI = 'li.lei@demo.ladder'
const HAN = 'han.meimei@demo.ladder'

let c: ConsoleApp
beforeAll(async () => {
  c = await createConsoleApp()
})
afterAll(async () => {
  await c?.close()
})

const post = (url: string, cookie: string | undefined, payload: object) =>
  c.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} })

async function hanTaskFor(subjectEmail: string): Promise<number> {
  const task = await c.testDb.db.evaluationTask.findFirstOrThrow({
    where: { kind: 'supervisor_evaluation', status: 'open', assignee: { email: HAN }, subject: { email: subjectEmail } },
  })
  return task.id
}

describe('the page', () => {
  it('is served with a strict CSP, no inline script, and a fresh HttpOnly SameSite=Strict session cookie', async () => {
    const res = await c.app.inject({ method: 'GET', url: '/console', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['set-cookie']).toMatch(/^ladder_console=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Strict$/)
    expect(res.body).toContain('<html lang="zh-CN">')
    expect(res.body).toContain('<script src="/console/static/console.js?v=')
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(res.body).not.toMatch(/\sstyle=|\son\w+=/)
  })

  it('serves its script and stylesheet, and nothing else from the static folder', async () => {
    const js = await c.app.inject({ method: 'GET', url: '/console/static/console.js' })
    expect(js.statusCode).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await c.app.inject({ method: 'GET', url: '/console/static/console.css' })).statusCode).toBe(200)
    expect((await c.app.inject({ method: 'GET', url: '/console/static/..%2Froutes.ts' })).statusCode).toBe(404)
  })

  it('refuses a foreign Host header when no token protects it (DNS rebinding)', async () => {
    const res = await c.app.inject({ method: 'GET', url: '/console', headers: { host: 'evil.example:3000' } })
    expect(res.statusCode).toBe(403)
    expect(res.headers['set-cookie']).toBeUndefined()
    const api = await c.app.inject({ method: 'POST', url: '/console/session', headers: { host: 'evil.example' }, payload: { email: LI } })
    expect(api.statusCode).toBe(403)
  })
})

describe('without a session', () => {
  it.each([
    ['POST', '/console/message', { text: 'hello' }],
    ['POST', '/console/action', { actionId: 'ask', value: 'my_tasks' }],
    ['GET', '/console/home', undefined],
    ['GET', '/console/events', undefined],
    ['GET', '/console/people', undefined],
  ] as const)('%s %s → 401', async (method, url, payload) => {
    const res = await c.app.inject({ method, url, ...(payload ? { payload } : {}) })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ error: 'no_session' })
  })

  it('a made-up cookie is no session', async () => {
    const res = await post('/console/message', 'ladder_console=forged', { text: 'hello' })
    expect(res.statusCode).toBe(401)
  })

  it('a session that has not picked a person cannot talk', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/console' })
    const cookie = cookieFrom(page.headers['set-cookie'])
    expect((await c.app.inject({ method: 'GET', url: '/console/people', headers: { cookie } })).statusCode).toBe(200)
    expect((await post('/console/message', cookie, { text: 'hello' })).statusCode).toBe(401)
  })
})

describe('picking a person', () => {
  it('lists people grouped by role, with jobs', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/console' })
    const res = await c.app.inject({ method: 'GET', url: '/console/people', headers: { cookie: cookieFrom(page.headers['set-cookie']) } })
    const { people } = res.json() as { people: { email: string; role: string; job: { en: string } | null }[] }
    expect(people.find((p) => p.email === LI)).toMatchObject({ role: 'employee', job: { en: 'Senior R&D Engineer' } })
    expect(people.find((p) => p.email === HAN)).toMatchObject({ role: 'manager' })
    expect(people.find((p) => p.email === 'wang.fang@demo.ladder')).toMatchObject({ role: 'hr' })
    expect(people.some((p) => p.email === 'he.bin@demo.ladder')).toBe(false)
    expect(people.map((p) => p.role)).toEqual(
      [...people.map((p) => p.role)].sort((a, b) => ['employee', 'manager', 'hr'].indexOf(a) - ['employee', 'manager', 'hr'].indexOf(b)),
    )
  })

  it('refuses an unknown or inactive person, and a malformed body', async () => {
    expect((await post('/console/session', undefined, { email: 'nobody@demo.ladder' })).statusCode).toBe(404)
    expect((await post('/console/session', undefined, { email: 'he.bin@demo.ladder' })).statusCode).toBe(404)
    expect((await post('/console/session', undefined, { mail: LI })).statusCode).toBe(400)
  })

  it('li.lei asks in Chinese and gets her own gap card in Chinese; in English, in English', async () => {
    const cookie = await login(c.app, LI)
    const zh = await post('/console/message', cookie, { text: '我晋升还差什么?' })
    expect(zh.statusCode).toBe(200)
    const body = zh.json() as { intent: string; html: string }
    expect(body.intent).toBe('promotion_gap')
    expect(body.html).toContain('lang="zh-CN"')
    expect(body.html).toContain('李雷')
    expect(body.html).toContain('<progress max="100"')
    const en = (await post('/console/message', cookie, { text: 'What do I need for promotion?' })).json() as { html: string }
    expect(en.html).toContain('lang="en"')
    expect(en.html).toContain('Li Lei')
    const home = await c.app.inject({ method: 'GET', url: '/console/home', headers: { cookie } })
    expect(home.json().html).toContain('李雷')
  })

  it('switching person ends the previous session', async () => {
    const first = await login(c.app, LI)
    const switched = await c.app.inject({ method: 'POST', url: '/console/session', payload: { email: HAN }, headers: { cookie: first } })
    const second = cookieFrom(switched.headers['set-cookie'])
    expect(second).not.toBe(first)
    expect((await post('/console/message', first, { text: 'my tasks' })).statusCode).toBe(401)
    expect((await post('/console/message', second, { text: 'my tasks' })).statusCode).toBe(200)
  })

  it('refuses a POST that says it comes from another origin', async () => {
    const cookie = await login(c.app, LI)
    const res = await c.app.inject({
      method: 'POST',
      url: '/console/message',
      payload: { text: 'hi' },
      headers: { cookie, origin: 'https://evil.example' },
    })
    expect(res.statusCode).toBe(403)
  })
})

describe('actions are the session person’s own', () => {
  it('li.lei enrols from her card; the assignment is hers', async () => {
    const cookie = await login(c.app, LI)
    const course = await c.testDb.db.course.findFirstOrThrow({ where: { assignments: { none: { employee: { email: LI } } } } })
    const res = await post('/console/action', cookie, { actionId: 'enrol', value: course.code })
    expect(res.statusCode).toBe(200)
    const body = res.json() as { toast: { tone: string }; replace: string; append: string[] }
    expect(body.toast.tone).toBe('success')
    expect(body.replace).toContain('<article class="card')
    expect(await c.testDb.db.trainingAssignment.count({ where: { courseId: course.id, employee: { email: LI } } })).toBe(1)
  })

  it('li.lei cannot open or submit han.meimei’s evaluation of her', async () => {
    const cookie = await login(c.app, LI)
    const taskId = await hanTaskFor(LI)
    const refused = t('zh-CN', 'access.refused')
    const open = (await post('/console/action', cookie, { actionId: 'open_form', value: `evaluation:${taskId}` })).json()
    expect(open).toEqual({ append: [], toast: { tone: 'error', text: refused } })
    const before = await c.testDb.db.assessment.count()
    const submit = (
      await post('/console/action', cookie, { actionId: 'submit_form', value: `evaluation:${taskId}`, values: { comment: 'x' } })
    ).json()
    expect(submit).toEqual({ append: [], toast: { tone: 'error', text: refused } })
    expect(await c.testDb.db.assessment.count()).toBe(before)
    expect((await c.testDb.db.evaluationTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('open')
  })

  it('han.meimei opens the same form: it comes as a new message with the form inline', async () => {
    const cookie = await login(c.app, HAN)
    const taskId = await hanTaskFor(LI)
    const body = (await post('/console/action', cookie, { actionId: 'open_form', value: `evaluation:${taskId}` })).json() as {
      append: string[]
      replace?: string
    }
    expect(body.replace).toBeUndefined()
    expect(body.append).toHaveLength(1)
    expect(body.append[0]).toContain(`data-form-key="evaluation:${taskId}"`)
    expect(body.append[0]).toContain('type="radio"')
  })

  it('rejects unknown action ids and oversized values', async () => {
    const cookie = await login(c.app, LI)
    expect((await post('/console/action', cookie, { actionId: 'delete_everything', value: '1' })).statusCode).toBe(400)
    expect((await post('/console/action', cookie, { actionId: 'ask', value: 'x'.repeat(201) })).statusCode).toBe(400)
    expect((await post('/console/message', cookie, { text: '' })).statusCode).toBe(400)
  })
})

describe('escaping', () => {
  it('a hostile name reaches the page and the cards as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>"\'&'
    await c.testDb.db.employee.update({ where: { email: 'alex.chen@demo.ladder' }, data: { name: hostile, nameEn: hostile } })
    const cookie = await login(c.app, 'alex.chen@demo.ladder')
    const page = await c.app.inject({ method: 'GET', url: '/console', headers: { cookie } })
    expect(page.body).not.toContain('<img')
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const card = (await post('/console/message', cookie, { text: 'What do I need for promotion?' })).json() as { html: string }
    expect(card.html).not.toContain('<img')
    expect(card.html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;')
    const question = (await post('/console/message', cookie, { text: 'gap <script>alert(1)</script>' })).json() as { html: string }
    expect(question.html).not.toContain('<script')
  })
})

describe('live messages over Server-Sent Events', () => {
  it('a session hears its own person’s messages, replayed and live, and never another person’s', async () => {
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' })
    const cookie = await login(c.app, LI)
    const reminder = (text: string) => makeCard('zh-CN', { title: '提醒', tone: 'warning' }, [{ type: 'text', text }])
    await c.web.messenger.send(webDestination(LI), reminder('EARLIER-FOR-LI'))

    const controller = new AbortController()
    const res = await fetch(`${address}/console/events`, { headers: { cookie }, signal: controller.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let received = ''
    /** Reads until one of the markers arrives (a leak shows up as the wrong marker, not as a timeout). */
    const readUntil = async (...markers: string[]) => {
      while (!markers.some((m) => received.includes(m))) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before ${markers.join(' or ')}`)
        received += decoder.decode(value, { stream: true })
      }
    }
    await readUntil('EARLIER-FOR-LI')
    await c.web.messenger.send(webDestination(HAN), reminder('SECRET-FOR-HAN'))
    await c.web.messenger.send(webDestination(LI), reminder('LIVE-FOR-LI'))
    await readUntil('LIVE-FOR-LI', 'SECRET-FOR-HAN')
    expect(received).not.toContain('SECRET-FOR-HAN')
    expect(received).toContain('LIVE-FOR-LI')
    expect(received).toMatch(/event: card\ndata: \{"id":"m[0-9a-z]+","html":"<article class=\\"card tone-warning\\" lang=\\"zh-CN\\"/)

    // Switching person ends the session, and its stream with it.
    await c.app.inject({ method: 'POST', url: '/console/session', payload: { email: HAN }, headers: { cookie } })
    let ended = false
    while (!ended) ended = (await reader.read()).done
    expect(ended).toBe(true)
    controller.abort()
  })
})

describe('with a token', () => {
  let guarded: ConsoleApp
  beforeAll(async () => {
    guarded = await createConsoleApp({ CONSOLE_TOKEN: 'correct-horse-battery', PUBLIC_URL: 'https://ladder.example.com/' })
  })
  afterAll(async () => {
    await guarded?.close()
  })

  it('is required, compared exactly, and exchanged for a (Secure) session cookie', async () => {
    const { app } = guarded
    expect(guarded.web.token).toBe('correct-horse-battery')
    expect((await app.inject({ method: 'GET', url: '/console' })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: '/console?token=correct-horse-batterY' })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/console/session', payload: { email: LI } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url: '/console/people' })).statusCode).toBe(401)
    const exchanged = await app.inject({ method: 'GET', url: '/console?token=correct-horse-battery' })
    expect(exchanged.statusCode).toBe(303)
    expect(exchanged.headers.location).toBe('/console')
    // Served over HTTPS (PUBLIC_URL), so the cookie never travels over plain HTTP.
    expect(exchanged.headers['set-cookie']).toMatch(/; HttpOnly; SameSite=Strict; Secure$/)
    const cookie = cookieFrom(exchanged.headers['set-cookie'])
    expect((await app.inject({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(200)
    const picked = await app.inject({ method: 'POST', url: '/console/session', payload: { email: LI }, headers: { cookie } })
    expect(picked.statusCode).toBe(200)
    const bound = cookieFrom(picked.headers['set-cookie'])
    const asked = await app.inject({ method: 'POST', url: '/console/message', payload: { text: 'my tasks' }, headers: { cookie: bound } })
    expect(asked.statusCode).toBe(200)
  })

  it('an open event stream does not keep the server from closing', async () => {
    const own = await createConsoleApp({ CONSOLE_TOKEN: 't0ken' })
    const address = await own.app.listen({ port: 0, host: '127.0.0.1' })
    const exchanged = await own.app.inject({ method: 'GET', url: '/console?token=t0ken' })
    const picked = await own.app.inject({
      method: 'POST',
      url: '/console/session',
      payload: { email: LI },
      headers: { cookie: cookieFrom(exchanged.headers['set-cookie']) },
    })
    const res = await fetch(`${address}/console/events`, { headers: { cookie: cookieFrom(picked.headers['set-cookie']) } })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    await reader.read()
    await own.close()
    let done = false
    while (!done) done = (await reader.read()).done
    expect(done).toBe(true)
  })

  it('then answers on any Host name', async () => {
    const res = await guarded.app.inject({
      method: 'GET',
      url: '/console?token=correct-horse-battery',
      headers: { host: 'ladder.example.com' },
    })
    expect(res.statusCode).toBe(303)
  })
})
