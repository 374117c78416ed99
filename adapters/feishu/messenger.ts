// Outbound Feishu: the neutral card rendered to card JSON 2.0 and sent, patched
// or posted as a reply, with rate-limit and 5xx retries.
import { createHash, randomUUID } from 'node:crypto'
import type { Card } from '../../core/kernel/cards/card.js'
import {
  DeliveryError,
  type Destination,
  type MemberProfile,
  type MessageRef,
  type Messenger,
  type SendOptions,
} from '../../core/kernel/messaging.js'
import { toDeliveryError } from './delivery-errors.js'
import type { FeishuApi, SentMessage } from './feishu-api.js'
import { FEISHU_USER_BATCH_SIZE } from './rate-limits.js'
import { renderCard } from './render-card.js'
import { type RetryPolicy, withRetry } from './with-retry.js'

export interface FeishuMessenger extends Messenger {
  /** Answers a message in place: a reply to it, inside its thread when `inThread`. */
  reply(messageId: string, card: Card, options: { inThread: boolean }): Promise<MessageRef>
  channelMembers(tenant: string, channelId: string): Promise<string[]>
  channels(tenant: string): Promise<{ id: string; name: string }[]>
  memberProfiles(tenant: string, userIds: readonly string[]): Promise<Map<string, MemberProfile>>
}

/**
 * Feishu's uuid (at most 50 characters) from an outbox key of any length: the same
 * key always gives the same uuid, so a redelivery after a crash is dropped by Feishu.
 */
function uuidFor(idempotencyKey: string): string {
  const hex = createHash('sha256').update(idempotencyKey).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/** More pages than any real group has: a guard against a paging loop that never ends. */
const MAX_MEMBER_PAGES = 500
/** A form's select lists at most this many groups. */
const MAX_CHAT_CHOICES = 100

/** The delivery worker owns retries: one HTTP call, its failure as a DeliveryError. */
async function once<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toDeliveryError(error, operation)
  }
}

/** Where a failed urgent mark is told (the message itself was sent and stays sent). */
export type UrgentFailureLog = (detail: { messageId: string; openId: string; reason: string }) => void

export function createFeishuMessenger(api: FeishuApi, policy: RetryPolicy, onUrgentFailed?: UrgentFailureLog): FeishuMessenger {
  const content = (card: Card): string => JSON.stringify(renderCard(card))
  const attempt = <T>(operation: string, call: () => Promise<T>, singleAttempt?: boolean): Promise<T> =>
    singleAttempt ? once(operation, call) : withRetry(operation, call, policy)

  function toRef(sent: SentMessage, fallbackChannel: string): MessageRef {
    if (!sent.message_id) throw new DeliveryError('feishu answered without a message_id', { code: 'feishu:no_message_id' })
    return { channelId: sent.chat_id ?? fallbackChannel, messageId: sent.message_id }
  }

  async function reply(
    messageId: string,
    card: Card,
    options: { inThread: boolean; idempotencyKey?: string; singleAttempt?: boolean },
  ): Promise<MessageRef> {
    const body = content(card)
    // One uuid for every attempt: Feishu drops a repeat within an hour, so a retry after a
    // timeout that did reach Feishu does not post the card twice.
    const uuid = options.idempotencyKey ? uuidFor(options.idempotencyKey) : randomUUID()
    const sent = await attempt('reply', () => api.replyMessage(messageId, body, options.inThread, uuid), options.singleAttempt)
    return toRef(sent, '')
  }

  return {
    reply,

    async send(to: Destination, card: Card, options: SendOptions = {}): Promise<MessageRef> {
      if (to.platform !== 'feishu')
        throw new DeliveryError(`not a Feishu destination: ${to.platform}`, { isPermanent: true, code: 'feishu:wrong_platform' })
      if (to.threadId) return reply(to.threadId, card, { inThread: true, ...options })
      const body = content(card)
      const uuid = options.idempotencyKey ? uuidFor(options.idempotencyKey) : randomUUID()
      const idType = to.kind === 'user' ? 'open_id' : 'chat_id'
      // Feishu drops a repeated uuid for one hour: a re-send after an unknown outcome within
      // that hour cannot duplicate; after it nothing is checked (docs/reminders.md).
      const sent = await attempt('send', () => api.createMessage(idType, to.id, body, uuid), options.singleAttempt)
      const ref = toRef(sent, to.kind === 'channel' ? to.id : '')
      // 加急 after the send, once: a failure is logged, never a reason to send the message again.
      if (options.urgent && to.kind === 'user') {
        try {
          await api.urgentApp(ref.messageId, [to.id])
        } catch (error) {
          onUrgentFailed?.({ messageId: ref.messageId, openId: to.id, reason: error instanceof Error ? error.message : String(error) })
        }
      }
      return ref
    },

    async update(ref: MessageRef, card: Card, options: Pick<SendOptions, 'singleAttempt'> = {}): Promise<void> {
      const body = content(card)
      await attempt('update', () => api.patchMessage(ref.messageId, body), options.singleAttempt)
    },

    async channelMembers(_tenant: string, channelId: string): Promise<string[]> {
      const members: string[] = []
      let pageToken: string | undefined
      for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
        const token = pageToken
        const result = await withRetry('chat members', () => api.chatMembers(channelId, token), policy)
        members.push(...result.ids)
        if (!result.nextPageToken) return members
        pageToken = result.nextPageToken
      }
      throw new DeliveryError(`chat ${channelId} has more than ${MAX_MEMBER_PAGES} pages of members`, {
        isPermanent: true,
        code: 'feishu:too_many_pages',
      })
    },

    // contact/v3/users/batch, 50 open_ids a call, one call after another. A user the app may not
    // see comes back without an email; a batch that fails after the retries leaves its users out.
    async memberProfiles(_tenant: string, userIds: readonly string[]): Promise<Map<string, MemberProfile>> {
      const profiles = new Map<string, MemberProfile>()
      const ids = [...new Set(userIds)]
      for (let i = 0; i < ids.length; i += FEISHU_USER_BATCH_SIZE) {
        const batch = ids.slice(i, i + FEISHU_USER_BATCH_SIZE)
        let users: Awaited<ReturnType<FeishuApi['usersByOpenId']>>
        try {
          users = await withRetry('users batch', () => api.usersByOpenId(batch), policy)
        } catch {
          continue
        }
        const seen = new Map(users.map((u) => [u.openId, u]))
        for (const openId of batch) {
          const user = seen.get(openId)
          profiles.set(openId, {
            kind: 'person',
            email: user?.email ?? null,
            ...(user?.name ? { name: user.name } : {}),
          })
        }
      }
      return profiles
    },

    async channels(): Promise<{ id: string; name: string }[]> {
      const chats: { id: string; name: string }[] = []
      let pageToken: string | undefined
      do {
        const token = pageToken
        const page = await withRetry('bot chats', () => api.botChats(token), policy)
        chats.push(...page.chats)
        pageToken = page.nextPageToken
      } while (pageToken && chats.length < MAX_CHAT_CHOICES)
      return chats.slice(0, MAX_CHAT_CHOICES)
    },
  }
}
