// Where people talk to Ladder: direct messages, @mentions in channels, the
// /ladder command and the App Home tab. Bolt acks Events API requests before
// these listeners run, so all of this happens after the 3-second ack.
import type { App } from '@slack/bolt'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger } from '../../core/kernel/ports.js'
import { slackConversation } from './conversation.js'
import { encodeFormOrigin } from './form-metadata.js'
import { type MessageEvent, mentionedUsers, slackPlainText, ZAppHomeOpened, ZMessageEvent, ZSlashCommand } from './parse-event.js'
import { renderHome, renderMessage } from './render-blocks.js'
import { renderModal } from './render-modal.js'
import { slackSender } from './sender.js'
import type { WebClient } from './web-client.js'

export interface ListenerDeps {
  core: CoreApi
  web: WebClient
  log: Logger
  /** Our bot's user id (auth.test): its own messages must never be answered. */
  botUserId: string
}

const SLASH_COMMAND = '/ladder'

/** Removes mentions of our bot (`<@U123>` or `<@U123|name>`) and the spaces they leave. */
export function stripMention(text: string, botUserId: string): string {
  return text
    .replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Only plain human messages: a subtype means an edit, a join, a bot message, a
 * deletion…, and answering any of them would echo or loop.
 */
export function isAnswerable(event: Pick<MessageEvent, 'subtype' | 'bot_id' | 'user'>, botUserId: string): boolean {
  return event.subtype === undefined && !event.bot_id && event.user !== undefined && event.user !== botUserId
}

export function listenConversations(bolt: App, deps: ListenerDeps): void {
  const { core, web, log, botUserId } = deps

  bolt.event('message', async ({ event, body }) => {
    const parsed = ZMessageEvent.safeParse(event)
    if (!parsed.success)
      return log.warn(
        { eventId: body.event_id, reason: parsed.error.issues[0]?.message },
        'slack message event does not match the documented shape; ignored',
      )
    const message = parsed.data
    if (message.channel_type !== 'im' || !isAnswerable(message, botUserId) || !message.user) return
    if (stripMention(message.text ?? '', botUserId) === '') return
    const mentions = mentionedUsers(message.text ?? '', botUserId)
    const reply = await core.handleMessage({
      sender: slackSender(web, body.team_id, message.user),
      conversation: slackConversation(message.channel),
      eventId: body.event_id,
      text: slackPlainText(message.text ?? ''),
      ...(mentions.length > 0 ? { mentions } : {}),
    })
    if (!reply) return log.info({ eventId: body.event_id }, 'slack event already handled: retry ignored')
    // A question asked inside a DM thread is answered in that thread.
    await web.chat.postMessage({
      channel: message.channel,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      ...renderMessage(reply.card),
    })
  })

  bolt.event('app_mention', async ({ event, body }) => {
    const parsed = ZMessageEvent.safeParse(event)
    if (!parsed.success)
      return log.warn(
        { eventId: body.event_id, reason: parsed.error.issues[0]?.message },
        'slack app_mention event does not match the documented shape; ignored',
      )
    const mention = parsed.data
    if (mention.bot_id || !mention.user || mention.user === botUserId) return
    // A bare mention is a request for help rather than silence.
    const text = slackPlainText(mention.text ?? '') || 'help'
    const mentions = mentionedUsers(mention.text ?? '', botUserId)
    const reply = await core.handleMessage({
      sender: slackSender(web, body.team_id, mention.user),
      conversation: { id: mention.channel, isDirect: false },
      eventId: body.event_id,
      text,
      ...(mentions.length > 0 ? { mentions } : {}),
    })
    if (!reply) return log.info({ eventId: body.event_id }, 'slack event already handled: retry ignored')
    // Answer in the thread of the mention, so a channel is not flooded with reports; someone's
    // data (a gap, tasks, a team) only for the asker's eyes, there in the thread.
    const thread_ts = mention.thread_ts ?? mention.ts
    if (reply.isPersonal)
      await web.chat.postEphemeral({ channel: mention.channel, user: mention.user, thread_ts, ...renderMessage(reply.card) })
    else await web.chat.postMessage({ channel: mention.channel, thread_ts, ...renderMessage(reply.card) })
  })

  bolt.command(SLASH_COMMAND, async ({ command: raw, ack, respond }) => {
    await ack()
    const parsed = ZSlashCommand.safeParse(raw)
    if (!parsed.success)
      return log.warn({ reason: parsed.error.issues[0]?.message }, 'slack slash command does not match the documented shape; ignored')
    const command = parsed.data
    const text = slackPlainText(command.text) || 'help'
    const reply = await core.handleMessage({
      sender: slackSender(web, command.team_id, command.user_id),
      conversation: slackConversation(command.channel_id),
      // Slash commands have no event id; a trigger id is unique per invocation.
      eventId: `command:${command.trigger_id}`,
      text,
    })
    if (!reply) return
    // "/ladder broadcast", "/ladder 360": the form opens as a modal at once (the trigger id lives 3 s).
    if (reply.form) {
      try {
        await web.views.open({
          trigger_id: command.trigger_id,
          view: renderModal(reply.form, reply.card.locale, encodeFormOrigin({ formKey: reply.form.key, locale: reply.form.locale })),
        })
        return
      } catch (error) {
        log.warn({ err: error }, 'slack modal could not be opened from the command: answering with its card instead')
      }
    }
    // Personal answers (gap reports, tasks) stay visible to the asker only.
    await respond({ response_type: 'ephemeral', ...renderMessage(reply.card) })
  })

  bolt.event('app_home_opened', async ({ event, body }) => {
    const parsed = ZAppHomeOpened.safeParse(event)
    if (!parsed.success)
      return log.warn({ eventId: body.event_id }, 'slack app_home_opened event does not match the documented shape; ignored')
    if (parsed.data.tab !== 'home') return
    await publishHome(deps, body.team_id, parsed.data.user)
  })
}

export async function publishHome(deps: Pick<ListenerDeps, 'core' | 'web'>, teamId: string, userId: string): Promise<void> {
  const card = await deps.core.home(slackSender(deps.web, teamId, userId))
  await deps.web.views.publish({ user_id: userId, view: renderHome(card) })
}
