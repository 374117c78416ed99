// Slack conversation ids say what they are: D… is a direct message with the app.
import type { Conversation } from '../../core/kernel/inbound.js'

/** Slack IM channel ids start with D. */
export const isDirectMessage = (channelId: string): boolean => channelId.startsWith('D')

export const slackConversation = (channelId: string): Conversation => ({ id: channelId, isDirect: isDirectMessage(channelId) })
