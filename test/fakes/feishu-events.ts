// Event bodies shaped like the documented examples (fixtures/platforms/feishu/),
// with the values a test needs.
export const TENANT = '2ca1d211f64f6438'
export const BOT_OPEN_ID = 'ou_ladder_bot'

/** When the fake events were made: the tests' clock (support.ts NOW), so they are inside the 5-minute window. */
export const EVENT_TIME_MS = Date.parse('2026-11-23T02:00:00Z')

let counter = 0
const nextEventId = (): string => `ev_${Date.now().toString(36)}_${counter++}`

export interface MessageEventInput {
  openId: string
  text: string
  chatType?: 'p2p' | 'group'
  chatId?: string
  messageId?: string
  eventId?: string
  token?: string
  /** header.create_time in ms; EVENT_TIME_MS by default. */
  createTimeMs?: number
  mentionBot?: boolean
  threadId?: string
}

/** im.message.receive_v1 (schema 2.0). With mentionBot, the text starts with the bot's @_user_1. */
export function messageEvent(input: MessageEventInput): Record<string, unknown> {
  const mentions = input.mentionBot
    ? [
        {
          key: '@_user_1',
          id: { open_id: BOT_OPEN_ID, union_id: 'on_bot', user_id: null },
          mentioned_type: 'bot',
          name: 'Ladder',
          tenant_key: TENANT,
        },
      ]
    : undefined
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId ?? nextEventId(),
      event_type: 'im.message.receive_v1',
      create_time: String(input.createTimeMs ?? EVENT_TIME_MS),
      token: input.token ?? '',
      app_id: 'cli_0123456789abcdef',
      tenant_key: TENANT,
    },
    event: {
      sender: { sender_id: { open_id: input.openId, union_id: `on_${input.openId}` }, sender_type: 'user', tenant_key: TENANT },
      message: {
        message_id: input.messageId ?? `om_in_${counter++}`,
        create_time: '1609073151345',
        update_time: '1609073151345',
        chat_id: input.chatId ?? `oc_p2p_${input.openId}`,
        ...(input.threadId ? { thread_id: input.threadId, root_id: input.messageId } : {}),
        chat_type: input.chatType ?? 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: input.mentionBot ? `@_user_1 ${input.text}` : input.text }),
        ...(mentions ? { mentions } : {}),
      },
    },
  }
}

export interface CardActionInput {
  openId: string
  value: unknown
  formValue?: Record<string, unknown>
  messageId?: string
  chatId?: string
  eventId?: string
  token?: string
  /** header.create_time in ms (sent in µs, as the card-callback documentation shows); EVENT_TIME_MS by default. */
  createTimeMs?: number
  /** Without event.context: a click that names no chat or message (forged, or from outside a chat). */
  noContext?: boolean
}

/** card.action.trigger (schema 2.0): a button click, or a form submit with form_value. */
export function cardActionEvent(input: CardActionInput): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId ?? nextEventId(),
      token: input.token ?? '',
      create_time: String((input.createTimeMs ?? EVENT_TIME_MS) * 1000),
      event_type: 'card.action.trigger',
      tenant_key: TENANT,
      app_id: 'cli_0123456789abcdef',
    },
    event: {
      operator: { tenant_key: TENANT, open_id: input.openId, union_id: `on_${input.openId}` },
      token: 'c-card-update-token',
      action: {
        value: input.value,
        tag: 'button',
        timezone: 'Asia/Shanghai',
        ...(input.formValue ? { form_value: input.formValue, name: 'ladder_submit' } : {}),
      },
      host: 'im_message',
      ...(input.noContext
        ? {}
        : { context: { open_message_id: input.messageId ?? 'om_card', open_chat_id: input.chatId ?? `oc_p2p_${input.openId}` } }),
    },
  }
}
