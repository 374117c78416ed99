// Schemas for what Feishu sends, and their translation into plain values. The
// SDK's EventDispatcher hands handlers a *flattened* event (header fields and
// event fields at the top level), so the event schemas describe that shape;
// flattenEnvelope does the same for the HTTP pre-check.
import { z } from 'zod'
import type { Locale } from '../../core/kernel/domain/types.js'

export const ZUrlVerification = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1),
  token: z.string().optional(),
})

export const ZEnvelope = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: z.string().min(1),
    event_type: z.string().min(1),
    // Empty over the long connection; the verification token over HTTP.
    token: z.string().optional(),
    tenant_key: z.string().optional(),
    app_id: z.string().optional(),
    create_time: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
})
export type Envelope = z.infer<typeof ZEnvelope>

/** What the SDK passes to a handler: the envelope's header and event merged (RequestHandle.parse). */
export function flattenEnvelope(envelope: Envelope): Record<string, unknown> {
  const { header, event, ...rest } = envelope
  return { ...rest, ...header, ...event }
}

const ZMention = z.object({
  key: z.string().min(1),
  id: z.object({ open_id: z.string().nullish(), user_id: z.string().nullish(), union_id: z.string().nullish() }).partial(),
  name: z.string().optional(),
})
export type Mention = z.infer<typeof ZMention>

const ZMessageEvent = z.object({
  event_id: z.string().min(1),
  tenant_key: z.string().optional(),
  sender: z.object({
    sender_id: z.object({ open_id: z.string().min(1), user_id: z.string().nullish(), union_id: z.string().nullish() }),
    sender_type: z.string(),
    tenant_key: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    thread_id: z.string().optional(),
    chat_id: z.string().min(1),
    chat_type: z.string().min(1),
    message_type: z.string().min(1),
    content: z.string(),
    mentions: z.array(ZMention).optional(),
    user_agent: z.string().optional(),
  }),
})

const ZCardActionEvent = z.object({
  event_id: z.string().min(1),
  tenant_key: z.string().optional(),
  operator: z.object({ open_id: z.string().min(1), user_id: z.string().nullish(), tenant_key: z.string().optional() }),
  action: z.object({
    value: z.unknown().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).nullish(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
})

export interface ParsedMessage {
  eventId: string
  tenant: string
  openId: string
  chatId: string
  isGroup: boolean
  messageId: string
  threadId?: string
  /** Text with @_user_N placeholders still in; null for message types we do not read. */
  text: string | null
  mentions: Mention[]
  isFromUser: boolean
  localeHint?: Locale
}

export interface ParsedCardAction {
  eventId: string
  tenant: string
  openId: string
  value: unknown
  formValue?: Record<string, string>
  messageId?: string
  chatId?: string
}

export function parseMessageEvent(data: unknown): ParsedMessage | null {
  const parsed = ZMessageEvent.safeParse(data)
  if (!parsed.success) return null
  const { event_id, tenant_key, sender, message } = parsed.data
  const localeHint = localeFromUserAgent(message.user_agent)
  return {
    eventId: event_id,
    tenant: tenant_key ?? sender.tenant_key ?? '',
    openId: sender.sender_id.open_id,
    chatId: message.chat_id,
    isGroup: message.chat_type !== 'p2p',
    messageId: message.message_id,
    ...(message.thread_id ? { threadId: message.thread_id } : {}),
    text: messageText(message.message_type, message.content),
    mentions: message.mentions ?? [],
    // Messages from other bots would make two bots talk forever.
    isFromUser: sender.sender_type === 'user',
    ...(localeHint ? { localeHint } : {}),
  }
}

export function parseCardAction(data: unknown): ParsedCardAction | null {
  const parsed = ZCardActionEvent.safeParse(data)
  if (!parsed.success) return null
  const { event_id, tenant_key, operator, action, context } = parsed.data
  return {
    eventId: event_id,
    tenant: tenant_key ?? operator.tenant_key ?? '',
    openId: operator.open_id,
    value: action.value,
    ...(action.form_value ? { formValue: normaliseFormValue(action.form_value) } : {}),
    ...(context?.open_message_id ? { messageId: context.open_message_id } : {}),
    ...(context?.open_chat_id ? { chatId: context.open_chat_id } : {}),
  }
}

/** `content` is a JSON string: {"text": …} for text, {title, content: [[nodes]]} for rich text (post). */
export function messageText(type: string, content: string): string | null {
  let body: unknown
  try {
    body = JSON.parse(content)
  } catch {
    return null
  }
  if (body === null || typeof body !== 'object') return null
  if (type === 'text') return typeof (body as { text?: unknown }).text === 'string' ? (body as { text: string }).text : null
  if (type === 'post') return postText(body as Record<string, unknown>)
  return null
}

function postText(body: Record<string, unknown>): string | null {
  // Received posts are {title, content}; some clients wrap them in a locale key.
  const post = Array.isArray(body.content)
    ? body
    : Object.values(body).find((v) => v !== null && typeof v === 'object' && Array.isArray((v as { content?: unknown }).content))
  if (!post) return null
  const { title, content } = post as { title?: unknown; content: unknown[] }
  const lines = content.map((paragraph) =>
    (Array.isArray(paragraph) ? paragraph : [])
      .map((node: { tag?: string; text?: string; user_id?: string }) =>
        node.tag === 'text' || node.tag === 'a' ? (node.text ?? '') : node.tag === 'at' ? (node.user_id ?? '') : '',
      )
      .join(''),
  )
  return [typeof title === 'string' ? title : '', ...lines].filter((l) => l.trim() !== '').join('\n')
}

/** Rich-text mentions as some clients write them: <at user_id="ou_x">Tom</at>. */
const AT_TAG = /<at\b[^>]*>[^<]*<\/at>/gi
/** Placeholders without an entry in the mention list (@_user_3), and @_all. */
const LEFTOVER_PLACEHOLDER = /@_(?:user_\d+|all)\b/g

/**
 * Feishu text → the plain text the core reads: the bot's own @mention removed,
 * other people's placeholders turned into their names (the ids travel in
 * InboundMessage.mentions), any other Feishu mention syntax removed.
 */
export function stripMentions(text: string, mentions: Mention[], botOpenId: string | null): string {
  let result = text
  for (const mention of mentions) {
    const isBot = botOpenId !== null && mention.id.open_id === botOpenId
    result = result.split(mention.key).join(isBot || !mention.name ? '' : `@${mention.name}`)
  }
  return result
    .replace(AT_TAG, ' ')
    .replace(LEFTOVER_PLACEHOLDER, '')
    .replace(/[ \t]+/g, ' ')
    .trim()
}

export const isBotMentioned = (mentions: Mention[], botOpenId: string | null): boolean =>
  botOpenId !== null && mentions.some((m) => m.id.open_id === botOpenId)

/** Form values as strings: selects and inputs are strings, a date picker sends "2024-04-01 +0800". */
export function normaliseFormValue(formValue: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(formValue)) {
    if (value === null || value === undefined) out[name] = ''
    else if (Array.isArray(value)) out[name] = value.map(String).join(',')
    else if (typeof value === 'string') out[name] = /^\d{4}-\d{2}-\d{2} [+-]\d{4}$/.test(value) ? value.slice(0, 10) : value
    else out[name] = String(value)
  }
  return out
}

/** The client's language from its user agent ("… Lark/6.7.5 LarkLocale/en_US …"). */
export function localeFromUserAgent(userAgent: string | undefined): Locale | undefined {
  const match = /LarkLocale\/([a-z]{2})[_-]/i.exec(userAgent ?? '')
  if (!match) return undefined
  return match[1]!.toLowerCase() === 'zh' ? 'zh-CN' : 'en'
}
