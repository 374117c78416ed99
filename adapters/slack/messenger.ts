// The outbound side for the delivery worker: render the neutral card, call the
// Web API, turn failures into DeliveryErrors.
import type { Card } from '../../core/kernel/cards/card.js'
import type { Destination, MessageRef, Messenger } from '../../core/kernel/messaging.js'
import { SLACK_LIMITS } from './limits.js'
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
  }
}
