// card.action.trigger → the core → the callback answer. Feishu waits 3 s for it;
// if the core takes longer the click is answered with a "working on it" toast
// and the result arrives afterwards (the card patched, or a new message).

import { makeCard } from '../../core/kernel/cards/build.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { cardWithSubmitted } from '../../core/kernel/cards/with-submitted.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { ActionReply, CoreApi, InboundAction, Notice, Surface } from '../../core/kernel/inbound.js'
import type { Logger } from '../../core/kernel/ports.js'
import { decodeActionValue } from './action-value.js'
import { bilingualToast, type CallbackResponse, callbackResponse } from './callback-response.js'
import type { ChatKinds } from './chat-kinds.js'
import type { FeishuApi } from './feishu-api.js'
import type { Inflight } from './inflight.js'
import type { FeishuMessenger } from './messenger.js'
import { type ParsedCardAction, parseCardAction } from './parse-event.js'
import { feishuSender } from './sender.js'
import type { RetryPolicy } from './with-retry.js'

/** Feishu allows 3 s for the answer; the rest is the network's. */

export interface CardActionDeps {
  core: CoreApi
  api: FeishuApi
  messenger: FeishuMessenger
  policy: RetryPolicy
  log: Logger
  inflight: Inflight
  ackTimeoutMs: number
  chatKinds: ChatKinds
  /**
   * Token-only HTTP mode, where a click's operator can be forged: a direct chat counts
   * as the clicker's only when a message of theirs was seen in it.
   */
  isOperatorForgeable?: boolean
}

export async function handleCardAction(data: unknown, deps: CardActionDeps): Promise<CallbackResponse> {
  const parsed = parseCardAction(data)
  const ref = parsed ? decodeActionValue(parsed.value) : null
  if (!parsed || !ref) {
    deps.log.warn({ event: 'card.action.trigger' }, 'card callback without a Ladder action value; answered with a notice')
    return bilingualToast('error', 'feishu.unsupportedCard')
  }
  const work = answerFor(parsed, ref, deps)
  const outcome = await withinDeadline(work, deps.ackTimeoutMs)
  if (outcome.isDone) {
    const { reply, surface } = outcome.value
    return reply ? respond(reply, surface, parsed, deps) : {}
  }
  deps.inflight.run('late card action', async () => deliverLate((await work).reply, parsed, deps))
  return bilingualToast('info', 'feishu.working')
}

interface Outcome {
  reply: ActionReply | null
  surface: Surface
}

/**
 * Callbacks name the chat but not its kind: it is looked up (remembered from
 * messages, else asked of Feishu once) so the core can keep a clicker's data
 * out of a group card. No chat named, the click cannot be placed (a forged or
 * unknown context) — or, when operators can be forged, a direct chat not known
 * to be the clicker's: answered as in a group, so nothing about a person is put
 * in the callback's HTTP answer; it goes to the clicker's own chat instead.
 */
async function answerFor(
  parsed: ParsedCardAction,
  ref: NonNullable<ReturnType<typeof decodeActionValue>>,
  deps: CardActionDeps,
): Promise<Outcome> {
  const isP2p = parsed.chatId !== undefined && !(await deps.chatKinds.isGroup(parsed.chatId))
  const isOwn = !deps.isOperatorForgeable || (parsed.chatId !== undefined && deps.chatKinds.directWith(parsed.chatId) === parsed.openId)
  const isDirect = isP2p && isOwn
  const surface: Surface = { kind: isDirect ? 'direct' : 'group' }
  const action: InboundAction = {
    sender: feishuSender(parsed.tenant, parsed.openId, deps),
    ...(parsed.chatId ? { conversation: { id: parsed.chatId } } : {}),
    surface,
    eventId: parsed.eventId,
    actionId: ref.id,
    value: ref.value,
    ...(ref.locale ? { locale: ref.locale } : {}),
    ...(ref.id === 'submit_form' ? { values: parsed.formValue ?? {} } : {}),
  }
  return { reply: await deps.core.handleAction(action), surface }
}

/** Within the 3 s window: the callback answer (toast, replacement card), and any message to the clicker. */
function respond(reply: ActionReply, surface: Surface, parsed: ParsedCardAction, deps: CardActionDeps): CallbackResponse {
  switch (reply.kind) {
    case 'replace':
      return callbackResponse(reply.notice, reply.card)
    // No modals on Feishu: the form card takes the clicked card's place.
    case 'form':
      return callbackResponse(undefined, reply.card)
    case 'form_errors':
      return callbackResponse(reply.notice, cardWithSubmitted(reply.card, reply.values))
    case 'notify':
      return callbackResponse(reply.notice, undefined)
    case 'follow_up':
      sendToClicker(reply.card, parsed, deps)
      // Clicked in a group, the answer lands in another chat: say where.
      return callbackResponse(reply.notice ?? (surface.kind === 'group' ? sentPrivately(reply.card) : undefined), undefined)
    default: {
      const unknown: never = reply
      throw new Error(`unknown action reply ${JSON.stringify(unknown)}`)
    }
  }
}

const sentPrivately = (card: Card): Notice => ({ tone: 'info', text: t(card.locale, 'feishu.sentPrivately') })

async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<{ isDone: true; value: T } | { isDone: false }> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<{ isDone: false }>((resolve) => {
    timer = setTimeout(() => resolve({ isDone: false }), ms)
    timer.unref()
  })
  try {
    return await Promise.race([work.then((value) => ({ isDone: true as const, value })), deadline])
  } finally {
    clearTimeout(timer)
  }
}

function sendToClicker(card: Card, parsed: ParsedCardAction, deps: CardActionDeps): void {
  deps.inflight.run('card follow-up', () =>
    deps.messenger.send({ platform: 'feishu', tenant: parsed.tenant, kind: 'user', id: parsed.openId }, card),
  )
}

/** After the 3 s window: patch the clicked card, and say the rest as messages. */
async function deliverLate(reply: ActionReply | null, parsed: ParsedCardAction, deps: CardActionDeps): Promise<void> {
  if (!reply) return
  const toUser = { platform: 'feishu' as const, tenant: parsed.tenant, kind: 'user' as const, id: parsed.openId }
  const replaceWith = async (card: Card): Promise<void> => {
    if (parsed.messageId) await deps.messenger.update({ channelId: parsed.chatId ?? '', messageId: parsed.messageId }, card)
    else await deps.messenger.send(toUser, card)
  }
  switch (reply.kind) {
    case 'replace':
    case 'form':
      return replaceWith(reply.card)
    case 'form_errors':
      return replaceWith(cardWithSubmitted(reply.card, reply.values))
    case 'notify':
      // Notices carry no locale; the text is already in the clicker's language.
      return void (await deps.messenger.send(toUser, makeCard('zh-CN', undefined, [{ type: 'text', text: reply.notice.text }])))
    case 'follow_up':
      return void (await deps.messenger.send(toUser, reply.card))
    default: {
      const unknown: never = reply
      throw new Error(`unknown action reply ${JSON.stringify(unknown)}`)
    }
  }
}
