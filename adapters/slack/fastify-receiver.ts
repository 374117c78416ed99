// Bolt has no fastify receiver (bolt-js issue #1338): this one implements Bolt's
// three-method Receiver seam on a route of Ladder's own server. Per request:
// verify the signature over the raw bytes → parse → answer url_verification →
// hand Bolt a ReceiverEvent whose ack() sends the HTTP response. Listeners keep
// running after the ack; Slack only waits 3 seconds for it.
import type { AckFn, App, Receiver, ReceiverEvent } from '@slack/bolt'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Intake } from '../../core/kernel/intake.js'
import type { Clock, Logger } from '../../core/kernel/ports.js'
import { mediaType, parseSlackBody } from './parse-body.js'
import { checkSlackBody } from './parse-event.js'
import { verifySlackSignature } from './verify-request.js'

export const SLACK_EVENTS_PATH = '/slack/events'

export interface FastifyReceiverOptions {
  signingSecret: string
  clock: Clock
  log: Logger
  path?: string
  /**
   * How long a request may wait for a listener's ack. Slack gives up after 3 s;
   * Bolt's own receivers answer 404 after 3001 ms so Slack shows an error rather
   * than a silent success.
   */
  unhandledTimeoutMs?: number
  /**
   * When given, an Events API request (event_callback) is acked once the intake has
   * it written down — a redelivery is recognised there — and answered later from
   * its queue; Bolt runs then. Interactions still go through Bolt before the ack:
   * their ack can carry an answer (a modal's errors).
   */
  intake?: Intake
}

type AckBody = string | Record<string, unknown> | Error | undefined
type Answer = { status: number; body?: AckBody }

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export class FastifyReceiver implements Receiver {
  private bolt: App | undefined
  private readonly path: string
  private readonly unhandledTimeoutMs: number

  constructor(private readonly options: FastifyReceiverOptions) {
    if (!options.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack HTTP mode')
    this.path = options.path ?? SLACK_EVENTS_PATH
    this.unhandledTimeoutMs = options.unhandledTimeoutMs ?? 3001
  }

  init(app: App): void {
    this.bolt = app
  }

  /** The fastify server is started by the composition root, not by Bolt. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /**
   * Registers the route in its own encapsulated context: the raw-body parser and
   * the error handler apply to Slack's URL only.
   */
  async register(server: FastifyInstance): Promise<void> {
    await server.register(async (scope) => {
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
      scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
        this.options.log[status >= 500 ? 'error' : 'warn']({ err: error, code: error.code, url: request.url }, 'slack request failed')
        return reply.code(status).send({ error: error.code ?? 'internal_error' })
      })
      scope.post(this.path, (request, reply) => this.handle(request, reply))
    })
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { log, clock, signingSecret } = this.options
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const contentType = header(request, 'content-type')

    // Slack's SSL check is unsigned (Bolt skips verification for it too); it
    // gets an empty 200 and nothing in it is ever processed.
    if (
      mediaType(contentType) === 'application/x-www-form-urlencoded' &&
      new URLSearchParams(rawBody.toString('utf8')).get('ssl_check') === '1'
    ) {
      return reply.code(200).send()
    }

    const verdict = verifySlackSignature({
      signingSecret,
      timestampHeader: header(request, 'x-slack-request-timestamp'),
      signatureHeader: header(request, 'x-slack-signature'),
      rawBody,
      nowMs: clock.now().getTime(),
    })
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason, ip: request.ip }, 'slack request refused: signature check failed')
      return reply.code(401).send({ error: 'invalid_signature' })
    }

    const parsed = parseSlackBody(rawBody, contentType)
    if (parsed.kind === 'ssl_check') return reply.code(200).send()
    if (parsed.kind === 'invalid') {
      log.warn({ reason: parsed.reason }, 'slack request refused: unreadable body')
      return reply.code(parsed.status).send({ error: 'invalid_body' })
    }
    const { body } = parsed
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      return reply.code(200).send({ challenge: body.challenge })
    }
    // Signed but malformed: refused here, before Bolt reads fields that are not there.
    const shape = checkSlackBody(body)
    if (!shape.ok) {
      log.warn({ reason: shape.reason }, 'slack request refused: payload does not match the documented shape')
      return reply.code(400).send({ error: 'invalid_payload' })
    }

    if (this.options.intake && body.type === 'event_callback' && typeof body.event_id === 'string') {
      const admitted = await this.options.intake.admit('slack', body.event_id, rawBody.toString('utf8'))
      if (admitted === 'duplicate')
        log.info({ eventId: body.event_id }, 'slack event already received: redelivery acknowledged, not answered again')
      return reply.code(200).send()
    }

    const retryNum = Number(header(request, 'x-slack-retry-num'))
    const retryReason = header(request, 'x-slack-retry-reason')
    const answer = await this.dispatch({
      body,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    })
    // Answered within the request (an interaction, a command); refusals are counted from their status (bot/metrics.ts).
    if (answer.status === 200) this.options.intake?.record?.('slack', 'answered')
    return send(reply, answer)
  }

  /** Resolves with the first ack; else 404 when Bolt is done or the timeout passes, 500 when it failed. */
  private dispatch(event: Omit<ReceiverEvent, 'ack'>): Promise<Answer> {
    const bolt = this.bolt
    if (!bolt) throw new Error('FastifyReceiver used before Bolt called init()')
    const { log } = this.options
    return new Promise<Answer>((resolve) => {
      let isAnswered = false
      const answer = (result: Answer): boolean => {
        if (isAnswered) return false
        isAnswered = true
        clearTimeout(timer)
        resolve(result)
        return true
      }
      const timer = setTimeout(() => {
        if (answer({ status: 404 })) log.warn({ type: event.body.type }, 'slack request not acknowledged in time: answered 404')
      }, this.unhandledTimeoutMs)
      const ack: AckFn<AckBody> = async (response) => {
        if (!answer(response instanceof Error ? { status: 500 } : { status: 200, body: response })) {
          log.warn({ type: event.body.type }, 'slack ack() after the request was already answered (twice, or too late)')
        }
      }
      bolt.processEvent({ ...event, ack }).then(
        () => {
          // Bolt awaits its listeners: once it is done, an ack that has not come never will.
          if (answer({ status: 404 })) log.warn({ type: event.body.type }, 'slack request not acknowledged by any listener: answered 404')
        },
        (error: unknown) => {
          const code = (error as { code?: string }).code
          log.error({ err: error, code, type: event.body.type }, 'slack event processing failed')
          // Bolt's authorization failure means the event is not for this app/token.
          answer({ status: code === 'slack_bolt_authorization_error' ? 401 : 500 })
        },
      )
    })
  }
}

function send(reply: FastifyReply, answer: Answer): FastifyReply {
  const { status, body } = answer
  if (body === undefined || body === '' || body instanceof Error) return reply.code(status).send()
  if (typeof body === 'string') return reply.code(status).type('text/plain; charset=utf-8').send(body)
  return reply.code(status).type('application/json').send(JSON.stringify(body))
}
