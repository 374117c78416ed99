// The outbound side for the delivery worker: render the neutral card, call the
// Web API, turn failures into DeliveryErrors.
import type { Card } from '../../core/kernel/cards/card.js'
import type { Destination, MemberProfile, MessageRef, Messenger } from '../../core/kernel/messaging.js'
import { SLACK_LIMITS } from './limits.js'
import { SLACK_USER_LOOKUP_CONCURRENCY } from './rate-limits.js'
import { renderMessage } from './render-blocks.js'
import { toDeliveryError } from './to-delivery-error.js'
import type { RateLimitMemory, WebClient } from './web-client.js'

export function createSlackMessenger(web: WebClient, rateLimits: RateLimitMemory): Messenger {
  async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    const since = Date.now()
    try {
      return await fn()
    } catch (error) {
      throw toDeliveryError(error, method, rateLimits.retryAfterMsSince(method, since))
    }
  }

  return {
    async send(to: Destination, card: Card): Promise<MessageRef> {
      // A user id as `channel` posts into the app's DM with that user (the Home tab's Messages).
      const result = await call('chat.postMessage', () =>
        web.chat.postMessage({ channel: to.id, ...renderMessage(card), ...(to.threadId ? { thread_ts: to.threadId } : {}) }),
      )
      if (!result.ts) throw toDeliveryError(new Error('chat.postMessage returned no ts'), 'chat.postMessage')
      return { channelId: result.channel ?? to.id, messageId: result.ts }
    },

    async update(ref: MessageRef, card: Card): Promise<void> {
      await call('chat.update', () => web.chat.update({ channel: ref.channelId, ts: ref.messageId, ...renderMessage(card) }))
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
      const queue = [...new Set(userIds)]
      const worker = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const userId = id
          try {
            const { user } = await web.users.info({ user: userId })
            if (!user) continue
            if (user.is_bot || user.deleted || userId === 'USLACKBOT') {
              profiles.set(userId, { kind: 'bot' })
              continue
            }
            const name = user.profile?.real_name?.trim() || user.real_name?.trim() || user.name?.trim()
            profiles.set(userId, { kind: 'person', email: user.profile?.email?.trim() || null, ...(name ? { name } : {}) })
          } catch {
            // user_not_found, missing_scope, a network failure after retries: this member stays unlinked.
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(SLACK_USER_LOOKUP_CONCURRENCY, queue.length) }, worker))
      return profiles
    },
  }
}
