// Shows the core's answer to a button click where the button was. Privacy rule:
// a card computed for the clicker (their gap, their tasks) replaces a message
// only in a DM or an ephemeral message; in a shared channel it goes to the
// clicker alone, since anyone in the channel can click a button there.
import type { RespondFn } from '@slack/bolt'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Locale } from '../../core/kernel/domain/types.js'
import type { ActionReply, CoreApi } from '../../core/kernel/inbound.js'
import { isDirectMessage } from './conversation.js'
import { encodeFormOrigin } from './form-metadata.js'
import { publishHome } from './listen-conversations.js'
import { renderMessage } from './render-blocks.js'
import { renderModal } from './render-modal.js'
import type { WebClient } from './web-client.js'

/** Where the clicked button was. */
export type ButtonPlace =
  | { kind: 'message'; channelId: string; messageTs: string; isEphemeral: boolean }
  | { kind: 'home' }
  /** A modal or anything else without a message to update: answers go to the user's DM. */
  | { kind: 'other' }

export interface ActionContext {
  core: CoreApi
  web: WebClient
  teamId: string
  userId: string
  triggerId: string
  place: ButtonPlace
  respond: RespondFn
}


const CJK = /[\u3400-\u9fff]/
const localeOf = (reply: ActionReply, fallbackText: string): Locale => reply.card?.locale ?? reply.followUp?.locale ?? (CJK.test(fallbackText) ? 'zh-CN' : 'en')

export async function applyActionReply(ctx: ActionContext, reply: ActionReply): Promise<void> {
  const { web, place, userId } = ctx

  if (reply.form) {
    // The trigger id expires 3 seconds after the click: open the modal first.
    const origin =
      place.kind === 'message' && !place.isEphemeral
        ? { formKey: reply.form.key, channelId: place.channelId, messageTs: place.messageTs }
        : { formKey: reply.form.key, isHome: place.kind === 'home' }
    await web.views.open({ trigger_id: ctx.triggerId, view: renderModal(reply.form, localeOf(reply, reply.form.title), encodeFormOrigin(origin)) })
    return
  }

  if (reply.card) await showCard(ctx, reply.card)
  if (place.kind === 'home') await publishHome(ctx, ctx.teamId, userId)
  if (reply.toast) {
    if (place.kind === 'message') await web.chat.postEphemeral({ channel: place.channelId, user: userId, text: reply.toast.text })
    else if (!reply.card) await web.chat.postMessage({ channel: userId, text: reply.toast.text })
  }
  if (reply.followUp) await sendToClicker(ctx, reply.followUp)
}

async function showCard(ctx: ActionContext, card: Card): Promise<void> {
  const { place, web } = ctx
  if (place.kind === 'message' && place.isEphemeral) {
    await ctx.respond({ replace_original: true, response_type: 'ephemeral', ...renderMessage(card) })
  } else if (place.kind === 'message' && isDirectMessage(place.channelId)) {
    await web.chat.update({ channel: place.channelId, ts: place.messageTs, ...renderMessage(card) })
  } else {
    await sendToClicker(ctx, card)
  }
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
