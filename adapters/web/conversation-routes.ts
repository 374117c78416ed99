// The conversation: questions, button clicks and form submissions go to the
// same core entry points as Slack and Feishu; the answers come back as HTML
// rendered on the server. Every request speaks for the session's employee only.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Card } from '../../core/kernel/cards/card.js'
import { ACTION_IDS } from '../../core/kernel/cards/card.js'
import { cardWithSubmitted } from '../../core/kernel/cards/with-submitted.js'
import { LOCALES } from '../../core/kernel/domain/types.js'
import type { ActionReply, Notice, Sender } from '../../core/kernel/inbound.js'
import type { ConsoleContext } from './console-context.js'

const ZMessage = z.object({ text: z.string().trim().min(1).max(500) })
const ZAction = z.object({
  actionId: z.enum(ACTION_IDS),
  value: z.string().max(200),
  locale: z.enum(LOCALES).optional(),
  values: z
    .record(z.string().max(64), z.string().max(5000))
    .refine((v) => Object.keys(v).length <= 100, { message: 'too many form values' })
    .optional(),
})

/** What the page does with an action's answer. */
export interface ActionResponse {
  toast?: Notice
  /** Replaces the card whose button was clicked. */
  replace?: string
  /** New messages at the end of the conversation. */
  append: string[]
  formErrors?: Record<string, string>
}

/** The page's part of an action's answer. */
export function actionResponse(reply: ActionReply, render: (card: Card) => string): ActionResponse {
  switch (reply.kind) {
    case 'replace':
      return { append: [], replace: render(reply.card), ...(reply.notice ? { toast: reply.notice } : {}) }
    // Opening a form keeps the card it was opened from (like a Slack modal over the message).
    case 'form':
      return { append: [render(reply.card)] }
    case 'form_errors':
      return { append: [], replace: render(cardWithSubmitted(reply.card, reply.values)), toast: reply.notice, formErrors: reply.errors }
    case 'notify':
      return { append: [], toast: reply.notice }
    case 'follow_up':
      return { append: [render(reply.card)], ...(reply.notice ? { toast: reply.notice } : {}) }
    default: {
      const unknown: never = reply
      throw new Error(`unknown action reply ${JSON.stringify(unknown)}`)
    }
  }
}

const webSender = (email: string): Sender => ({ platform: 'web', tenant: 'local', userId: email })

export async function conversationRoutes(app: FastifyInstance, context: ConsoleContext): Promise<void> {
  const { core, render, streams } = context

  app.post('/console/message', { bodyLimit: 8192 }, async (request, reply) => {
    const session = context.requirePerson(request, reply)
    if (!session) return reply
    const body = ZMessage.safeParse(request.body)
    if (!body.success)
      return context.fail(request, reply, 400, 'bad_request', 'web.badRequest', { reason: 'expected {"text": "…"} of 1–500 characters' })
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
    const { actionId, value, values, locale } = body.data
    // The console's conversation is the person's own: nothing in it is shared.
    const answer = await core.handleAction({
      sender: webSender(session.email),
      surface: { kind: 'direct' },
      actionId,
      value,
      ...(locale ? { locale } : {}),
      ...(values ? { values } : {}),
    })
    return answer ? actionResponse(answer, render) : { append: [] }
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
    await streams.open(session, reply.raw, lastEventId)
    return reply
  })

  // Opening one's inbox: everything in it is read; the person's tabs and the pickers hear so.
  app.post('/console/inbox/read', async (request, reply) => {
    const session = context.requirePerson(request, reply)
    if (!session) return reply
    await context.store.outbox.markConsoleRead(session.email, context.now())
    streams.announceUnread(session.email, 0)
    return { unread: 0 }
  })

  // Open event streams would keep the server from closing.
  app.addHook('preClose', async () => streams.closeAll())
}
