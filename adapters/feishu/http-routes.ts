// POST /feishu/events (event subscription) and POST /feishu/cards (card callback
// subscription) on Ladder's fastify server: one encapsulated plugin with its own
// raw-body parser (signatures are over the exact bytes) and error handler.
import type { CardActionHandler, EventDispatcher } from '@larksuiteoapi/node-sdk'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Logger } from '../../core/kernel/ports.js'
import { isWellFormedText } from '../../core/kernel/well-formed-text.js'
import { authenticateRequest, type FeishuSecrets } from './authenticate-request.js'
import { flattenEnvelope, parseCardAction, parseMessageEvent, ZEnvelope, ZUrlVerification } from './parse-event.js'
import { verifyFreshness } from './verify-request.js'

const EVENTS_PATH = '/feishu/events'
const CARDS_PATH = '/feishu/cards'

export interface FeishuRoutesOptions {
  secrets: FeishuSecrets
  dispatcher: EventDispatcher
  cardHandler: CardActionHandler
  /**
   * A message, already verified and flattened as the SDK would hand it over: the
   * adapter's handler (with an intake, resolved once the event is written down).
   * Called directly, as the dispatcher would, without a second pass through it.
   */
  onMessage: (data: unknown) => undefined | Promise<void>
  /** Milliseconds since the epoch, for the 5-minute window of the signature and of header.create_time. */
  now: () => number
  log: Logger
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function feishuRoutes(options: FeishuRoutesOptions): FastifyPluginAsync {
  const { log } = options
  return async (app) => {
    // Keep the exact bytes: X-Lark-Signature covers the raw body, not a re-serialisation.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))
    app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
      if (status === 500) log.error({ err: error, url: request.url }, 'feishu request failed')
      else log.warn({ status, reason: error.message, url: request.url }, 'feishu request refused')
      // 500 makes Feishu re-push later (15 s, 5 min, 1 h, 6 h); the core dedupes the event id.
      return reply.code(status).send({ error: status === 500 ? 'internal error' : error.message })
    })

    app.post(EVENTS_PATH, (request, reply) => handle(request, reply, 'events'))
    app.post(CARDS_PATH, (request, reply) => handle(request, reply, 'cards'))
  }

  async function handle(request: FastifyRequest, reply: FastifyReply, kind: 'events' | 'cards'): Promise<unknown> {
    const raw = typeof request.body === 'string' ? request.body : ''
    const auth = authenticateRequest(
      raw,
      {
        timestamp: header(request, 'x-lark-request-timestamp'),
        nonce: header(request, 'x-lark-request-nonce'),
        signature: header(request, 'x-lark-signature'),
      },
      options.secrets,
      options.now(),
    )
    if (!auth.ok) return refuse(reply, auth.status, auth.reason, kind)
    const body = auth.body
    if (!isWellFormedText(body)) return refuse(reply, 400, 'the body holds text that is not well-formed (a lone surrogate)', kind)

    // The URL check when the request URL is saved in the console: answer at once (1 s limit).
    const challenge = ZUrlVerification.safeParse(body)
    if (challenge.success) return reply.send({ challenge: challenge.data.challenge })

    const envelope = ZEnvelope.safeParse(body)
    if (!envelope.success) return refuse(reply, 400, 'not a schema 2.0 event (configure event/callback version 2.0)', kind)
    const flat = flattenEnvelope(envelope.data)
    const type = envelope.data.header.event_type
    // The token is static and the body says when it was made: older (or later) than the window, a replay.
    const fresh = verifyFreshness(envelope.data.header.create_time, options.now())
    const stale = () => refuse(reply, 401, `${fresh.ok ? '' : fresh.reason}: outside the 5-minute window (${type})`, kind)

    if (kind === 'cards') {
      if (type !== 'card.action.trigger' || !parseCardAction(flat))
        return refuse(reply, 400, `not a card.action.trigger callback (${type})`, kind)
      if (!fresh.ok) return stale()
      return reply.send((await options.cardHandler.invoke(body)) ?? {})
    }
    if (type === 'im.message.receive_v1') {
      if (!parseMessageEvent(flat)) return refuse(reply, 400, 'malformed im.message.receive_v1', kind)
      if (!fresh.ok) return stale()
      await options.onMessage(flat)
      return reply.send({})
    }
    if (!fresh.ok) return stale()
    // An unregistered type gets the SDK's "no … handle" string: answered with {} like any event.
    const result: unknown = await options.dispatcher.invoke(body, { needCheck: false })
    // A card callback sent to the events URL still gets its answer (toast, card).
    const isCallbackAnswer = type === 'card.action.trigger' && result !== null && typeof result === 'object'
    return reply.send(isCallbackAnswer ? result : {})
  }

  function refuse(reply: FastifyReply, status: 400 | 401, reason: string, kind: string): FastifyReply {
    log.warn({ status, reason, route: kind }, 'feishu request refused')
    return reply.code(status).send({ error: status === 401 ? 'unauthorized' : reason })
  }
}
