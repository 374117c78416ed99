// card.action.trigger → the core → the callback answer. Feishu waits 3 s for it;
// if the core takes longer the click is answered with a "working on it" toast
// and the result arrives afterwards (the card patched, or a new message).
import type { Card } from '../../core/kernel/cards/card.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { ActionReply, CoreApi, InboundAction } from '../../core/kernel/inbound.js'
import type { Logger } from '../../core/kernel/ports.js'
import { decodeAction } from './action-value.js'
import { bilingualToast, callbackResponse, type CallbackResponse } from './callback-response.js'
import type { ChatKinds } from './chat-kinds.js'
import type { FeishuApi } from './feishu-api.js'
import { cardWithSubmitted, formCard, withSubmitted } from './form-card.js'
import type { Inflight } from './inflight.js'
import type { FeishuMessenger } from './messenger.js'
import { parseCardAction, type ParsedCardAction } from './parse-event.js'
import { feishuSender } from './sender.js'
import type { RetryPolicy } from './with-retry.js'

/** Feishu allows 3 s for the answer; the rest is the network's. */
export const DEFAULT_ACK_TIMEOUT_MS = 2500

export interface CardActionDeps {
  core: CoreApi
  api: FeishuApi
  messenger: FeishuMessenger
  policy: RetryPolicy
  log: Logger
  inflight: Inflight
  ackTimeoutMs: number
  chatKinds: ChatKinds
}

export async function handleCardAction(data: unknown, deps: CardActionDeps): Promise<CallbackResponse> {
  const parsed = parseCardAction(data)
  const ref = parsed ? decodeAction(parsed.value) : null
  if (!parsed || !ref) {
    deps.log.warn({ event: 'card.action.trigger' }, 'card callback without a Ladder action value; answered with a notice')
    return bilingualToast('error', 'feishu.unsupportedCard')
  }
  const action: InboundAction = {
    sender: feishuSender(parsed.tenant, parsed.openId, deps),
    // Callbacks name the chat but not its kind.
    ...(parsed.chatId ? { conversation: { id: parsed.chatId } } : {}),
    eventId: parsed.eventId,
    actionId: ref.id,
    value: ref.value,
    ...(ref.id === 'submit_form' ? { values: parsed.formValue ?? {} } : {}),
  }

  const work = answerFor(action, deps)
  const outcome = await withinDeadline(work, deps.ackTimeoutMs)
  if (outcome.isDone) {
    const { reply, card, privately } = outcome.value
    if (privately) sendFollowUp(privately, parsed, deps)
    if (reply?.followUp) sendFollowUp(reply.followUp, parsed, deps)
    return reply ? callbackResponse(privately ? (reply.toast ?? sentPrivately(privately)) : reply.toast, card) : {}
  }
  deps.inflight.run('late card action', async () => deliverLate(await work, parsed, deps))
  return bilingualToast('info', 'feishu.working')
}

interface Outcome {
  reply: ActionReply | null
  /** Replaces the clicked card. */
  card?: Card
  /** For the clicker alone: the card was clicked in a group, where a replacement is seen by all. */
  privately?: Card
}

const sentPrivately = (card: Card): ActionReply['toast'] => ({ tone: 'info', text: t(card.locale, 'feishu.sentPrivately') })

/**
 * The core's answer, placed: a card computed for the clicker (their gap, their
 * tasks) replaces the clicked card only outside groups. Forms stay in place
 * everywhere: they belong to whoever opened them, and only they can submit.
 */
async function answerFor(action: InboundAction, deps: CardActionDeps): Promise<Outcome> {
  const outcome = await placedAnswer(action, deps)
  const isForm = action.actionId === 'open_form' || action.actionId === 'submit_form'
  const chatId = action.conversation?.id
  if (!outcome.card || isForm || !chatId || !(await deps.chatKinds.isGroup(chatId))) return outcome
  return { reply: outcome.reply, privately: outcome.card }
}

async function placedAnswer(action: InboundAction, deps: CardActionDeps): Promise<Outcome> {
  const reply = await deps.core.handleAction(action)
  if (!reply) return { reply }
  const values = action.values ?? {}
  const locale = reply.card?.locale ?? reply.followUp?.locale ?? 'zh-CN'
  if (reply.card) return { reply, card: reply.formErrors ? cardWithSubmitted(reply.card, values) : reply.card }
  if (reply.form) return { reply, card: formCard(reply.formErrors ? withSubmitted(reply.form, values, reply.formErrors) : reply.form, locale) }
  if (reply.formErrors && action.actionId === 'submit_form') {
    // Errors without the form: open it again (no event id: not a platform event) and show them there.
    const reopened = await deps.core.handleAction({ sender: action.sender, actionId: 'open_form', value: action.value })
    if (reopened?.form) return { reply, card: formCard(withSubmitted(reopened.form, values, reply.formErrors), locale) }
  }
  return { reply }
}

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

function sendFollowUp(card: Card, parsed: ParsedCardAction, deps: CardActionDeps): void {
  deps.inflight.run('card follow-up', () =>
    deps.messenger.send({ platform: 'feishu', tenant: parsed.tenant, kind: 'user', id: parsed.openId }, card),
  )
}

/** After the 3 s window: patch the clicked card, and say the rest as messages. */
async function deliverLate(outcome: Outcome, parsed: ParsedCardAction, deps: CardActionDeps): Promise<void> {
  const { reply, card, privately } = outcome
  if (!reply) return
  const toUser = { platform: 'feishu' as const, tenant: parsed.tenant, kind: 'user' as const, id: parsed.openId }
  if (privately) await deps.messenger.send(toUser, privately)
  else if (card && parsed.messageId) await deps.messenger.update({ channelId: parsed.chatId ?? '', messageId: parsed.messageId }, card)
  else if (card) await deps.messenger.send(toUser, card)
  else if (reply.toast) await deps.messenger.send(toUser, makeCard(reply.followUp?.locale ?? 'zh-CN', undefined, [{ type: 'text', text: reply.toast.text }]))
  if (reply.followUp) await deps.messenger.send(toUser, reply.followUp)
}
