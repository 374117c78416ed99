// Whether a chat is a group. A card in a group is shared (update_multi): what a
// click puts in it, everyone in the group sees. Card callbacks name the chat but
// not its kind, so the kinds seen on incoming messages are remembered and the
// rest asked of Feishu once (im/v1/chats/:chat_id). Unknown counts as a group:
// the safe side is to answer privately.
import type { Logger } from '../../core/kernel/ports.js'
import type { FeishuApi } from './feishu-api.js'

export interface ChatKinds {
  /** With `openId` for a direct chat: whose chat with Ladder it is (the sender of a message in it). */
  remember(chatId: string, isGroup: boolean, openId?: string): void
  isGroup(chatId: string): Promise<boolean>
  /** The person a direct chat is with, when a message of theirs was seen in it. */
  directWith(chatId: string): string | undefined
}

export function createChatKinds(api: Pick<FeishuApi, 'chatMode'>, log: Logger, capacity = 10_000): ChatKinds {
  const known = new Map<string, { isGroup: boolean; openId?: string }>()
  function remember(chatId: string, isGroup: boolean, openId?: string): void {
    const owner = isGroup ? undefined : (openId ?? known.get(chatId)?.openId)
    known.delete(chatId)
    known.set(chatId, { isGroup, ...(owner ? { openId: owner } : {}) })
    // Oldest first in a Map: drop it when full.
    if (known.size > capacity) known.delete(known.keys().next().value!)
  }
  return {
    remember,
    directWith: (chatId) => known.get(chatId)?.openId,
    async isGroup(chatId) {
      const seen = known.get(chatId)
      if (seen !== undefined) return seen.isGroup
      try {
        const isGroup = (await api.chatMode(chatId)) !== 'p2p'
        remember(chatId, isGroup)
        return isGroup
      } catch (error) {
        log.warn({ err: error, chatId }, 'feishu chat kind unknown (im/v1/chats): answering privately')
        return true
      }
    },
  }
}
