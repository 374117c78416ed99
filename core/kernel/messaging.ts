// How Ladder reaches people: a destination on a chat platform, the messenger
// port each platform adapter implements, and the error a failed send raises.
import type { Card } from './cards/card.js'

/** Where a message goes: a person (direct message) or a channel / group chat. */
export interface Destination {
  platform: 'slack' | 'feishu' | 'web'
  tenant: string
  kind: 'user' | 'channel'
  /** Slack user or channel id, Feishu open_id or chat_id, web console: the employee's email. */
  id: string
  /** Reply in this thread (Slack thread_ts, Feishu root message id). */
  threadId?: string
}

export interface MessageRef {
  channelId: string
  messageId: string
}

/**
 * A failed platform call. `retryAfterMs` is set for rate limits (Slack 429
 * Retry-After, Feishu frequency-limit codes); `isPermanent` for errors a retry
 * cannot fix (channel not found, bot not in chat, invalid card);
 * `isOutcomeUnknown` when the request may have reached the platform and been
 * carried out (no answer before the deadline, a connection reset after the
 * request was written): a re-send must first find out whether it arrived.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; isPermanent?: boolean; isOutcomeUnknown?: boolean; code?: string } = {},
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}

/** Outbound side of a platform adapter. Implementations render the neutral card themselves. */
export interface SendOptions {
  /**
   * The outbox message's key: a platform that can drop repeats (Feishu's uuid,
   * one hour) gets it, so a send retried after a crash is not posted twice.
   */
  idempotencyKey?: string
  /**
   * The caller (the delivery worker) owns retries and pacing: make exactly one
   * HTTP call, no retries of the adapter's or the SDK's own, and throw at once.
   */
  singleAttempt?: boolean
  /**
   * An earlier attempt with this key may have been carried out (its outcome is
   * unknown, or a worker died during it), no earlier than `since`: a platform that
   * can look (Slack: the key in the message's metadata, in the channel's history)
   * checks before posting and answers with the message it finds.
   */
  mayHaveBeenSent?: { since: Date }
  /**
   * The message is the top rung of an overdue escalation (outbox kind `urgent_escalation`): a
   * platform that can (Feishu: 加急, urgent_app) marks it urgent for its recipient once sent.
   * A failed mark is logged and never re-sends the message.
   */
  urgent?: boolean
}

export interface Messenger {
  send(to: Destination, card: Card, options?: SendOptions): Promise<MessageRef>
  update(ref: MessageRef, card: Card, options?: Pick<SendOptions, 'singleAttempt'>): Promise<void>
  /** Members of a channel as platform user ids, all pages. */
  channelMembers?(tenant: string, channelId: string): Promise<string[]>
  /** Group chats Ladder is a member of, for a platform whose forms have no chat picker. */
  channels?(tenant: string): Promise<{ id: string; name: string }[]>
  /**
   * What the platform tells about these users, to link them to employees by email
   * (batched and paced by the adapter). A user whose lookup failed is missing from
   * the map: one failure never fails the others.
   */
  memberProfiles?(tenant: string, userIds: readonly string[]): Promise<Map<string, MemberProfile>>
}

/**
 * A chat user as the platform describes them: a person (their email when the
 * app may see it), or a bot, app or deactivated account, which is never an employee.
 */
export type MemberProfile = { kind: 'person'; email: string | null; name?: string } | { kind: 'bot' }

export type ChatPlatform = Destination['platform']

/** A card for one employee; the delivery side resolves their chat identity. */
export interface Delivery {
  recipientId: number
  card: Card
  /** Idempotency key: the same notice twice is one message (the outbox dedupes on it). */
  key: string
  /** What it is, for logs and the outbox's dedupe key. */
  purpose: string
  /** Not before this instant (the recipient's next working hours); now when absent. */
  availableAt?: Date
}

/** What became of cards for people: who could not be reached at all (no chat account Ladder runs on, console off). */
export interface DeliveryOutcome {
  /** Recipient employee ids, once each. */
  unreachable: number[]
}

/**
 * The chat platforms running now. Platforms register as they start (bot/), so a
 * platform may be missing: a use case that needs one says so to the user.
 */
export interface MessengerRegistry {
  /** The platform's messenger; undefined for one not running (or the CLI, which has none). */
  get(platform: string): Messenger | undefined
  /** The platforms registered, in the order they started. */
  platforms(): ChatPlatform[]
}

/** A registry that platforms register into (the composition root owns it). */
export function createMessengerRegistry(
  initial: Partial<Record<ChatPlatform, Messenger>> = {},
): MessengerRegistry & { register(platform: ChatPlatform, messenger: Messenger): void } {
  const messengers = new Map<ChatPlatform, Messenger>(Object.entries(initial) as [ChatPlatform, Messenger][])
  return {
    get: (platform) => messengers.get(platform as ChatPlatform),
    platforms: () => [...messengers.keys()],
    register(platform, messenger) {
      messengers.set(platform, messenger)
    },
  }
}
