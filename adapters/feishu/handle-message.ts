// im.message.receive_v1 → the core → the answer card. Direct messages are
// answered in the direct chat; in groups Ladder answers only when @mentioned,
// as a reply to the message (inside its thread when it has one).
import { makeCard } from '../../core/kernel/cards/build.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger } from '../../core/kernel/ports.js'
import type { ChatKinds } from './chat-kinds.js'
import type { FeishuApi } from './feishu-api.js'
import type { FeishuMessenger } from './messenger.js'
import { isBotMentioned, parseMessageEvent, stripMentions } from './parse-event.js'
import { feishuSender } from './sender.js'
import type { RetryPolicy } from './with-retry.js'

export interface MessageDeps {
  core: CoreApi
  api: FeishuApi
  messenger: FeishuMessenger
  policy: RetryPolicy
  log: Logger
  /** The bot's own open_id (to recognise its @mention); null when it could not be fetched. */
  botOpenId: () => Promise<string | null>
  chatKinds: ChatKinds
}

export async function handleMessageEvent(data: unknown, deps: MessageDeps): Promise<void> {
  const message = parseMessageEvent(data)
  if (!message) {
    deps.log.warn({ event: 'im.message.receive_v1' }, 'feishu message event does not match the documented shape; ignored')
    return
  }
  deps.chatKinds.remember(message.chatId, message.isGroup, message.openId)
  if (!message.isFromUser || message.text === null) return
  const botOpenId = message.isGroup || message.mentions.length > 0 ? await deps.botOpenId() : null
  if (message.isGroup && !isBotMentioned(message.mentions, botOpenId)) return

  const others = message.mentions.map((m) => m.id.open_id).filter((id): id is string => !!id && id !== botOpenId)
  const reply = await deps.core.handleMessage({
    sender: feishuSender(message.tenant, message.openId, deps),
    conversation: { id: message.chatId, isDirect: !message.isGroup },
    eventId: message.eventId,
    text: stripMentions(message.text, message.mentions, botOpenId),
    ...(message.localeHint ? { localeHint: message.localeHint } : {}),
    ...(others.length > 0 ? { mentions: others } : {}),
  })
  // null: Feishu re-pushed an event the core has already answered.
  if (!reply) return
  deps.log.info(
    { eventId: message.eventId, intent: reply.intent, isLinked: reply.isLinked, isGroup: message.isGroup },
    'feishu message answered',
  )
  const toAsker = { platform: 'feishu' as const, tenant: message.tenant, kind: 'user' as const, id: message.openId }
  const inThread = message.threadId !== undefined
  if (!message.isGroup) {
    await deps.messenger.send(toAsker, reply.card)
  } else if (reply.isPersonal) {
    // Someone's data never goes into a group: the card by direct message, a short note in the group.
    await deps.messenger.send(toAsker, reply.card)
    await deps.messenger.reply(
      message.messageId,
      makeCard(reply.card.locale, undefined, [{ type: 'text', text: t(reply.card.locale, 'feishu.answeredPrivately') }]),
      { inThread },
    )
  } else {
    await deps.messenger.reply(message.messageId, reply.card, { inThread })
  }
}

/** Fetches bot/v3/info once; a failure is logged and tried again on the next message. */
export function memoizeBotOpenId(api: FeishuApi, log: Logger): () => Promise<string | null> {
  let known: string | null = null
  return async () => {
    if (known) return known
    try {
      known = await api.botOpenId()
      return known
    } catch (error) {
      log.error({ err: error }, 'cannot read the bot’s open_id (bot/v3/info): group @mentions go unanswered until it can')
      return null
    }
  }
}
