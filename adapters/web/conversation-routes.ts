// The conversation: questions, button clicks and form submissions go to the
// same core entry points as Slack and Feishu; the answers come back as HTML
// rendered on the server. Every request speaks for the session's employee only.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ACTION_IDS } from '../../core/kernel/cards/card.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { ActionReply, Sender } from '../../core/kernel/inbound.js'
import { localeOf } from './http-helpers.js'
import type { ConsoleContext } from './routes.js'

const ZMessage = z.object({ text: z.string().trim().min(1).max(500) })
const ZAction = z.object({
  actionId: z.enum(ACTION_IDS),
  value: z.string().max(200),
  values: z
    .record(z.string().max(64), z.string().max(5000))
    .refine((v) => Object.keys(v).length <= 100, { message: 'too many form values' })
    .optional(),
})

/** What the page does with an action's answer. */
export interface ActionResponse {
  toast?: ActionReply['toast']
  /** Replaces the card whose button was clicked. */
  replace?: string
  /** New messages at the end of the conversation. */
  append: string[]
  formErrors?: Record<string, string>
}

const webSender = (email: string): Sender => ({ platform: 'web', tenant: 'local', userId: email })

export async function conversationRoutes(app: FastifyInstance, context: ConsoleContext): Promise<void> {
  const { core, render, streams } = context

  app.post('/console/message', { bodyLimit: 8192 }, async (request, reply) => {
    const session = context.requirePerson(request, reply)
    if (!session) return reply
    const body = ZMessage.safeParse(request.body)
    if (!body.success) return context.fail(request, reply, 400, 'bad_request', 'web.badRequest', { reason: 'expected {"text": "…"} of 1–500 characters' })
    const answer = await core.handleMessage({ sender: webSender(session.email), text: body.data.text })
    // No event id is sent, so the core never reports a duplicate; null is handled all the same.
    if (!answer) return { intent: null, isLinked: true, html: null }
    return { intent: answer.intent, isLinked: answer.isLinked, html: render(answer.card) }
  })

  app.post('/console/action', { bodyLimit: 65_536 }, async (request, reply) => {
    const session = context.requirePerson(request, reply)
    if (!session) return reply
    const body = ZAction.safeParse(request.body)
    if (!body.success) return context.fail(request, reply, 400, 'bad_request', 'web.badRequest', { reason: z.prettifyError(body.error) })
    const { actionId, value, values } = body.data
    const answer = await core.handleAction({ sender: webSender(session.email), actionId, value, ...(values ? { values } : {}) })
    const response: ActionResponse = { append: [] }
    if (!answer) return response
    if (answer.toast) response.toast = answer.toast
    if (answer.formErrors) response.formErrors = answer.formErrors
    if (answer.card) {
      // Opening a form keeps the card it was opened from (like a Slack modal over the message).
      if (actionId === 'open_form') response.append.push(render(answer.card))
      else response.replace = render(answer.card)
    } else if (answer.form) {
      const locale = localeOf(request.headers['accept-language'])
      response.append.push(render(makeCard(locale, undefined, [{ type: 'form', form: answer.form }])))
    }
    if (answer.followUp) response.append.push(render(answer.followUp))
    return response
  })

  app.get('/console/home', async (request, reply) => {
    const session = context.requirePerson(request, reply)
    if (!session) return reply
    return { html: render(await core.home(webSender(session.email))) }
  })

  app.get('/console/events', async (request, reply) => {
    const session = context.requirePerson(request, reply)
    if (!session) return reply
    const header = request.headers['last-event-id']
    const lastEventId = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : 0
    reply.hijack()
    streams.open(session, reply.raw, lastEventId)
    return reply
  })

  // Open event streams would keep the server from closing.
  app.addHook('preClose', async () => streams.closeAll())
}
