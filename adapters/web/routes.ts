// The console's fastify plugin (encapsulated: its hooks and error handler touch
// only /console). Page, static files, people and session here; the
// conversation endpoints in conversation-routes.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Locale } from '../../core/kernel/domain/types.js'
import { type MessageKey, t } from '../../core/kernel/i18n/index.js'
import { isLocalRequest, isSameToken, type RequestOrigin } from './console-access.js'
import type { BoundSession, ConsoleContext, ConsoleRoutesOptions } from './console-context.js'
import { conversationRoutes } from './conversation-routes.js'
import { clearedSessionCookie, localeOf, readCookie, SECURITY_HEADERS, SESSION_COOKIE, sessionCookie } from './http-helpers.js'
import { renderConsolePage, renderRefusalPage } from './page.js'
import { listPeople, pickerRole } from './people.js'
import type { ConsoleSession } from './sessions.js'

const ZPick = z.object({ email: z.string().trim().min(3).max(254) })

export async function consoleRoutes(app: FastifyInstance, options: ConsoleRoutesOptions): Promise<void> {
  const { sessions, token, assets, store } = options
  const localeFor = (request: FastifyRequest): Locale => localeOf(request.headers['accept-language'])

  const context: ConsoleContext = {
    ...options,
    sessionOf: (request) => sessions.get(readCookie(request.headers.cookie, SESSION_COOKIE)),
    requirePerson(request, reply) {
      const session = context.sessionOf(request)
      if (session?.email) return session as BoundSession
      context.fail(request, reply, 401, 'no_session', 'web.sessionEnded')
      return null
    },
    fail: (request, reply, status, error, key, params) => reply.code(status).send({ error, message: t(localeFor(request), key, params) }),
  }

  const setSession = (request: FastifyRequest, reply: FastifyReply, session: ConsoleSession) =>
    reply.header('set-cookie', sessionCookie(session.id, options.isSecureCookie || request.protocol === 'https'))

  const refusePage = (request: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderRefusalPage(localeFor(request), t(localeFor(request), key)))

  app.addHook('onRequest', async (request, reply) => {
    reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' })
    // Without a token the console trusts "this machine" only, for every route (page, JSON, streams,
    // actions): decided by the socket and the proxy headers, not by Host (a same-host proxy rewrites it).
    if (token === null && !isLocalRequest(originOf(request))) {
      return request.url.startsWith('/console/static/') ? undefined : refusePage(request, reply, 403, 'web.hostRefused')
    }
    // A cross-site request never carries the SameSite=Strict cookie; refuse one that claims another origin anyway.
    // request.host: X-Forwarded-Host when a trusted proxy sends it, else Host.
    const origin = request.headers.origin
    if (request.method !== 'GET' && origin !== undefined && !isSameOrigin(origin, request.host)) {
      return context.fail(request, reply, 403, 'cross_origin', 'web.badRequest', { reason: 'cross-origin request' })
    }
    return undefined
  })

  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status < 500) return context.fail(request, reply, status, 'bad_request', 'web.badRequest', { reason: (error as Error).message })
    options.log.error({ err: error, url: request.url.split('?')[0] }, 'console request failed')
    return context.fail(request, reply, 500, 'internal', 'web.httpError', { status })
  })

  app.get<{ Params: { file: string } }>('/console/static/:file', async (request, reply) => {
    const asset = assets.files.get(request.params.file)
    if (!asset) return reply.code(404).send({ error: 'not_found' })
    // The page links a versioned URL, so a long cache is safe.
    return reply.header('cache-control', 'public, max-age=86400, immutable').type(asset.type).send(asset.body)
  })

  app.get<{ Querystring: { token?: string } }>('/console', async (request, reply) => {
    let session = context.sessionOf(request)
    if (token !== null) {
      const given = request.query.token
      if (typeof given === 'string') {
        if (!isSameToken(given, token)) return refusePage(request, reply, 401, 'web.tokenInvalid')
        // The token is exchanged for a session, then dropped from the address bar (history, screenshots, referrers).
        if (session) sessions.end(session.id)
        session = sessions.create(null)
        return setSession(request, reply, session).redirect('/console', 303)
      }
      if (!session) return refusePage(request, reply, 401, 'web.tokenRequired')
    } else if (!session) {
      session = sessions.create(null)
      setSession(request, reply, session)
    }
    const employee = session.email ? await store.employees.byEmail(session.email) : null
    const person = employee ? { email: employee.email, name: employee.name, nameEn: employee.nameEn } : null
    return reply.type('text/html; charset=utf-8').send(renderConsolePage(localeFor(request), person, assets.version))
  })

  app.get('/console/people', async (request, reply) => {
    if (!context.sessionOf(request))
      return context.fail(request, reply, 401, 'no_session', token ? 'web.tokenRequired' : 'web.sessionEnded')
    return listPeople(store, options.now())
  })

  // The picker's live unread counts (the people list itself is open to any session).
  app.get('/console/people/events', async (request, reply) => {
    const session = context.sessionOf(request)
    if (!session) return context.fail(request, reply, 401, 'no_session', token ? 'web.tokenRequired' : 'web.sessionEnded')
    reply.hijack()
    options.streams.openPicker(session, reply.raw)
    return reply
  })

  app.post('/console/session', { bodyLimit: 4096 }, async (request, reply) => {
    const current = context.sessionOf(request)
    if (!current && token !== null) return context.fail(request, reply, 401, 'no_session', 'web.tokenRequired')
    const body = ZPick.safeParse(request.body)
    if (!body.success) return context.fail(request, reply, 400, 'bad_request', 'web.badRequest', { reason: 'expected {"email": "…"}' })
    const employee = await store.employees.byEmail(body.data.email)
    if (employee?.status !== 'active') return context.fail(request, reply, 404, 'unknown_person', 'web.unknownPerson')
    // A new id for the new person (no session fixation); the old one ends, and its event streams with it.
    if (current) sessions.end(current.id)
    const session = sessions.create(employee.email)
    setSession(request, reply, session)
    return {
      person: { email: employee.email, name: employee.name, nameEn: employee.nameEn, locale: employee.locale, role: pickerRole(employee) },
    }
  })

  app.delete('/console/session', async (request, reply) => {
    const current = context.sessionOf(request)
    if (current) sessions.end(current.id)
    return reply.header('set-cookie', clearedSessionCookie).code(204).send()
  })

  await app.register(conversationRoutes, context)
}

const originOf = (request: FastifyRequest): RequestOrigin => ({
  socketAddress: request.socket.remoteAddress,
  headers: request.headers,
  host: request.host,
  forwardedChain: request.ips,
})

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host
  } catch {
    // "null" (sandboxed frames, file: pages) and garbage are not this origin.
    return false
  }
}
