// Carries out the core's answer to a button click where the button was. The
// core has already decided what may go where (a personal card clicked in a
// channel comes back as a follow_up); this only turns each kind into calls.
import type { RespondFn } from '@slack/bolt'
import type { Card } from '../../core/kernel/cards/card.js'
import type { ActionReply, CoreApi, Notice, Surface } from '../../core/kernel/inbound.js'
import { isDirectMessage } from './conversation.js'
import { encodeFormOrigin } from './form-metadata.js'
import { publishHome } from './handle-message.js'
import { renderMessage } from './render-blocks.js'
import { renderModal } from './render-modal.js'
import type { WebClient } from './web-client.js'

/** Where the clicked button was. */
export type ButtonPlace =
  | { kind: 'message'; channelId: string; messageTs: string; isEphemeral: boolean }
  | { kind: 'home' }
  /** A modal or anything else without a message to update: answers go to the user's DM. */
  | { kind: 'other' }

/** The place as the core sees it: a message in a channel (not a DM, not ephemeral) is shared. */
export function surfaceOf(place: ButtonPlace): Surface {
  if (place.kind === 'home') return { kind: 'home' }
  if (place.kind === 'other') return { kind: 'modal' }
  if (place.isEphemeral) return { kind: 'ephemeral' }
  return { kind: isDirectMessage(place.channelId) ? 'direct' : 'group' }
}

export interface ActionContext {
  core: CoreApi
  web: WebClient
  teamId: string
  userId: string
  triggerId: string
  place: ButtonPlace
  respond: RespondFn
}

export async function applyActionReply(ctx: ActionContext, reply: ActionReply): Promise<void> {
  const { web, place } = ctx
  switch (reply.kind) {
    case 'form': {
      // The trigger id expires 3 seconds after the click: open the modal first.
      const origin =
        place.kind === 'message' && !place.isEphemeral
          ? { formKey: reply.form.key, channelId: place.channelId, messageTs: place.messageTs, locale: reply.form.locale }
          : { formKey: reply.form.key, isHome: place.kind === 'home', locale: reply.form.locale }
      await web.views.open({ trigger_id: ctx.triggerId, view: renderModal(reply.form, reply.card.locale, encodeFormOrigin(origin)) })
      return
    }
    case 'replace':
      await replaceCard(ctx, reply.card)
      await refreshHome(ctx)
      // Where the card went to the DM instead (home, a modal), it says it all.
      if (reply.notice && place.kind === 'message') await notify(ctx, reply.notice)
      return
    case 'follow_up':
      await refreshHome(ctx)
      await sendToClicker(ctx, reply.card)
      if (reply.notice && place.kind === 'message') await notify(ctx, reply.notice)
      return
    // Refused submissions come back to the modal (listen-interactions); from a button, the notice says it.
    case 'form_errors':
    case 'notify':
      await refreshHome(ctx)
      await notify(ctx, reply.notice)
      return
    default: {
      const unknown: never = reply
      throw new Error(`unknown action reply ${JSON.stringify(unknown)}`)
    }
  }
}

async function refreshHome(ctx: ActionContext): Promise<void> {
  if (ctx.place.kind === 'home') await publishHome(ctx, ctx.teamId, ctx.userId)
}

/** Ephemeral next to the clicked message; a DM when there is none. */
async function notify(ctx: ActionContext, notice: Notice): Promise<void> {
  const { place, web, userId } = ctx
  if (place.kind === 'message') await web.chat.postEphemeral({ channel: place.channelId, user: userId, text: notice.text })
  else await web.chat.postMessage({ channel: userId, text: notice.text })
}

/** The clicked message, updated; home and modals have none, so the card goes to the DM. */
async function replaceCard(ctx: ActionContext, card: Card): Promise<void> {
  const { place, web } = ctx
  if (place.kind !== 'message') return sendToClicker(ctx, card)
  if (place.isEphemeral) await ctx.respond({ replace_original: true, response_type: 'ephemeral', ...renderMessage(card) })
  else await web.chat.update({ channel: place.channelId, ts: place.messageTs, ...renderMessage(card) })
}

/** A new message only the clicker sees: in their DM, or ephemeral in a shared channel. */
async function sendToClicker(ctx: ActionContext, card: Card): Promise<void> {
  const { place, web, userId } = ctx
  if (place.kind === 'message' && !isDirectMessage(place.channelId)) {
    await web.chat.postEphemeral({ channel: place.channelId, user: userId, ...renderMessage(card) })
    return
  }
  await web.chat.postMessage({ channel: place.kind === 'message' ? place.channelId : userId, ...renderMessage(card) })
}
