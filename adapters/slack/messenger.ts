// The outbound side for the delivery worker: render the neutral card, call the
// Web API, turn failures into DeliveryErrors. Every message the worker posts
// carries its outbox key in Slack message metadata; a re-send after an unknown
// outcome first looks for that key in the channel's recent history.
import { createHash } from 'node:crypto'
import PQueue from 'p-queue'
import type { Card } from '../../core/kernel/cards/card.js'
import {
  DeliveryError,
  type Destination,
  type MemberProfile,
  type MessageRef,
  type Messenger,
  type SendOptions,
} from '../../core/kernel/messaging.js'
import type { Logger } from '../../core/kernel/ports.js'
import { SLACK_LIMITS } from './limits.js'
import { SLACK_USER_LOOKUP_CONCURRENCY } from './rate-limits.js'
import { renderMessage } from './render-blocks.js'
import { toDeliveryError } from './to-delivery-error.js'
import type { RateLimitMemory, WebClient } from './web-client.js'

/** The metadata event type that carries a message's outbox key. */
const OUTBOX_EVENT_TYPE = 'ladder_outbox'
/**
 * What the metadata carries: a digest of the outbox key, not the key (metadata is
 * readable by anyone in the channel and by other apps; keys name records).
 */
const outboxTag = (idempotencyKey: string): string => createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)

/** Slack's and our clocks may differ: the history is read from this long before the first attempt. */
const HISTORY_MARGIN_MS = 60_000
/** Messages read back when looking for a key: a DM or channel rarely gets more between two attempts. */
const HISTORY_LIMIT = 50

/**
 * `web`: the listeners' client (SDK retries). `delivery`: the worker's (one HTTP call
 * per attempt, 429s thrown at once); used when the worker asks for a single attempt.
 */
export function createSlackMessenger(web: WebClient, rateLimits: RateLimitMemory, delivery: WebClient = web, log?: Logger): Messenger {
  async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    const since = Date.now()
    try {
      return await fn()
    } catch (error) {
      throw toDeliveryError(error, method, rateLimits.retryAfterMsSince(method, since))
    }
  }

  /**
   * The message already posted under this key, if Slack shows it: DMs are read through
   * their IM channel (conversations.open, scope im:write; history needs im:history),
   * thread replies through conversations.replies. A look that could not be made (a
   * timeout, a 429, a 5xx) fails the attempt: the worker tries again later, looking
   * again. A look Slack refuses for good (missing_scope without im:history, a channel
   * Ladder may not read) is logged and the message posted: a possible duplicate
   * rather than a lost message.
   */
  async function findPosted(client: WebClient, to: Destination, key: string, since: Date): Promise<MessageRef | null> {
    const oldest = String(Math.max(0, since.getTime() - HISTORY_MARGIN_MS) / 1000)
    try {
      let channel = to.id
      if (to.kind === 'user' && !/^[CDG]/.test(to.id)) {
        const opened = await call('conversations.open', () => client.conversations.open({ users: to.id, return_im: false }))
        channel = opened.channel?.id ?? to.id
      }
      const page = to.threadId
        ? await call('conversations.replies', () =>
            client.conversations.replies({ channel, ts: to.threadId!, oldest, limit: HISTORY_LIMIT, include_all_metadata: true }),
          )
        : await call('conversations.history', () =>
            client.conversations.history({ channel, oldest, limit: HISTORY_LIMIT, include_all_metadata: true }),
          )
      const found = (page.messages ?? []).find((m) => {
        const metadata = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata
        return metadata?.event_type === OUTBOX_EVENT_TYPE && metadata.event_payload?.key === outboxTag(key)
      })
      return found?.ts ? { channelId: channel, messageId: found.ts } : null
    } catch (error) {
      if (!(error instanceof DeliveryError) || !error.options.isPermanent) throw error
      log?.warn(
        { err: error, channel: to.id, key },
        'slack: could not look for an earlier attempt in the channel history (scope im:history / channels:history?); posting, which may duplicate',
      )
      return null
    }
  }

  return {
    async send(to: Destination, card: Card, options: SendOptions = {}): Promise<MessageRef> {
      const client = options.singleAttempt ? delivery : web
      const key = options.idempotencyKey
      if (key && options.mayHaveBeenSent) {
        const posted = await findPosted(client, to, key, options.mayHaveBeenSent.since)
        if (posted) {
          log?.info(
            { channel: posted.channelId, ts: posted.messageId, key },
            'slack: the earlier attempt had gone through; not posting again',
          )
          return posted
        }
      }
      // A user id as `channel` posts into the app's DM with that user (the Home tab's Messages).
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel: to.id,
          ...renderMessage(card),
          ...(to.threadId ? { thread_ts: to.threadId } : {}),
          ...(key ? { metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: outboxTag(key) } } } : {}),
        }),
      )
      if (!result.ts) throw toDeliveryError(new Error('chat.postMessage returned no ts'), 'chat.postMessage')
      return { channelId: result.channel ?? to.id, messageId: result.ts }
    },

    async update(ref: MessageRef, card: Card, options: Pick<SendOptions, 'singleAttempt'> = {}): Promise<void> {
      const client = options.singleAttempt ? delivery : web
      await call('chat.update', () => client.chat.update({ channel: ref.channelId, ts: ref.messageId, ...renderMessage(card) }))
    },

    async channelMembers(_tenant: string, channelId: string): Promise<string[]> {
      const members: string[] = []
      let cursor: string | undefined
      do {
        const page = await call('conversations.members', () =>
          web.conversations.members({ channel: channelId, limit: SLACK_LIMITS.membersPageSize, ...(cursor ? { cursor } : {}) }),
        )
        members.push(...(page.members ?? []))
        // Slack ends the list with an empty next_cursor.
        cursor = page.response_metadata?.next_cursor || undefined
      } while (cursor)
      return members
    },

    // users.info per member (scope users:read.email for profile.email), a few in flight.
    // A member whose lookup fails after the WebClient's retries is left out of the map.
    async memberProfiles(_tenant: string, userIds: readonly string[]): Promise<Map<string, MemberProfile>> {
      const profiles = new Map<string, MemberProfile>()
      const lookup = async (userId: string): Promise<void> => {
        try {
          const { user } = await web.users.info({ user: userId })
          if (!user) return
          if (user.is_bot || user.deleted || userId === 'USLACKBOT') {
            profiles.set(userId, { kind: 'bot' })
            return
          }
          const name = user.profile?.real_name?.trim() || user.real_name?.trim() || user.name?.trim()
          profiles.set(userId, { kind: 'person', email: user.profile?.email?.trim() || null, ...(name ? { name } : {}) })
        } catch {
          // user_not_found, missing_scope, a network failure after retries: this member stays unlinked.
        }
      }
      const queue = new PQueue({ concurrency: SLACK_USER_LOOKUP_CONCURRENCY })
      await queue.addAll([...new Set(userIds)].map((userId) => () => lookup(userId)))
      return profiles
    },
  }
}
