// Button clicks (block_actions) and modal submissions (view_submission).
// Buttons are acked at once and answered afterwards; a submission must carry its
// answer (close, or errors by block) in the ack itself, within 3 seconds.
import { createHash } from 'node:crypto'
import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt'
import { ACK_DEADLINE_MS } from '../../core/kernel/chat-adapter.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { ActionReply, Notice } from '../../core/kernel/inbound.js'
import { ACTION_PREFIX, decodeActionValue, LINK_ACTION_PREFIX } from './action-value.js'
import { applyActionReply, type ButtonPlace, surfaceOf } from './apply-action-reply.js'
import { isDirectMessage, slackConversation } from './conversation.js'
import { decodeFormOrigin } from './form-metadata.js'
import { type ListenerDeps, publishHome } from './handle-message.js'
import { type BlockActions, ZBlockActions, ZBlockSuggestion, ZViewSubmission } from './parse-event.js'
import { renderMessage } from './render-blocks.js'
import { FIELD_ACTION_ID, FORM_CALLBACK_ID, readViewValues, renderOptions } from './render-modal.js'
import { slackSender } from './sender.js'

const prefixed = (prefix: string): RegExp => new RegExp(`^${prefix.replace(/[-:]/g, '\\$&')}`)

function buttonPlace(body: Pick<BlockActions, 'container' | 'view'>): ButtonPlace {
  const container = body.container
  if (container?.channel_id && container.message_ts && (container.type === 'message' || container.type === 'message_attachment')) {
    return {
      kind: 'message',
      channelId: container.channel_id,
      messageTs: container.message_ts,
      isEphemeral: container.is_ephemeral === true,
    }
  }
  if (body.view?.type === 'home') return { kind: 'home' }
  return { kind: 'other' }
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16)

export function listenInteractions(bolt: App, deps: ListenerDeps): void {
  const { core, web, log } = deps

  // Link buttons open a URL in the browser; Slack still posts the click and wants an ack.
  bolt.action({ type: 'block_actions', action_id: prefixed(LINK_ACTION_PREFIX) }, async ({ ack }) => ack())

  bolt.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: prefixed(ACTION_PREFIX) },
    async ({ ack, body: raw, respond }) => {
      await ack()
      const parsed = ZBlockActions.safeParse(raw)
      if (!parsed.success)
        return log.warn({ reason: parsed.error.issues[0]?.message }, 'slack block_actions does not match the documented shape; ignored')
      const body = parsed.data
      // Bolt calls this listener once per matching action; the payload holds one click.
      const action = body.actions.find((a) => a.action_id.startsWith(ACTION_PREFIX)) ?? body.actions[0]!
      const teamId = body.team?.id ?? body.user.team_id ?? ''
      const place = buttonPlace(body)
      const ref = decodeActionValue(action.value)
      if (!ref) {
        log.warn({ actionId: action.action_id }, 'slack button with an unreadable value')
        // We cannot tell the clicker's language before the core knows them: say it in both.
        const text = `${t('en', 'action.invalid')}\n${t('zh-CN', 'action.invalid')}`
        if (place.kind === 'message') await web.chat.postEphemeral({ channel: place.channelId, user: body.user.id, text })
        return
      }
      const reply = await core.handleAction({
        sender: slackSender(web, teamId, body.user.id),
        // Unique per click; a replayed payload carries the same one.
        eventId: `action:${body.user.id}:${action.action_ts}`,
        actionId: ref.id,
        value: ref.value,
        ...(ref.locale ? { locale: ref.locale } : {}),
        surface: surfaceOf(place),
        ...(place.kind === 'message' ? { conversation: slackConversation(place.channelId) } : {}),
      })
      if (!reply) return log.info({ actionTs: action.action_ts }, 'slack action already handled')
      await applyActionReply({ core, web, teamId, userId: body.user.id, triggerId: body.trigger_id, place, respond }, reply)
    },
  )

  // An external_select in a Ladder modal: the options matching what was typed, in the ack (3 s).
  bolt.options<'block_suggestion'>({ type: 'block_suggestion', action_id: FIELD_ACTION_ID }, async ({ ack, body: raw }) => {
    const parsed = ZBlockSuggestion.safeParse(raw)
    const origin = parsed.success ? decodeFormOrigin(parsed.data.view?.private_metadata) : null
    if (!parsed.success || !origin || !core.suggestOptions) return ack({ options: [] })
    const body = parsed.data
    const options = await core.suggestOptions({
      sender: slackSender(web, body.team?.id ?? body.user.team_id ?? '', body.user.id),
      formKey: origin.formKey,
      field: body.block_id,
      query: body.value,
      ...(origin.locale ? { locale: origin.locale } : {}),
    })
    return ack({ options: renderOptions(options) })
  })

  bolt.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body: raw }) => {
    const parsed = ZViewSubmission.safeParse(raw)
    if (!parsed.success) {
      log.warn({ reason: parsed.error.issues[0]?.message }, 'slack view_submission does not match the documented shape; modal closed')
      return ack()
    }
    const body = parsed.data
    const view = body.view
    const origin = decodeFormOrigin(view.private_metadata)
    if (!origin) {
      log.warn({ viewId: view.id }, 'slack modal without Ladder metadata: closed')
      return ack()
    }
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const userId = body.user.id
    const values = readViewValues(view.state.values)
    const pending = core.handleAction({
      sender: slackSender(web, teamId, userId),
      // Same view, version, press and values: a redelivery. Each press of Submit has its own
      // trigger_id, so pressing again after a refusal ("add Ladder to the channel") is a new attempt.
      eventId: `view:${view.id}:${digest(`${view.hash}\n${body.trigger_id}\n${JSON.stringify(values)}`)}`,
      actionId: 'submit_form',
      value: origin.formKey,
      ...(origin.locale ? { locale: origin.locale } : {}),
      surface: { kind: 'modal' },
      values,
    })
    // Past the ack deadline the modal is closed and the outcome is sent as a message instead.
    const reply = await withDeadline(pending, ACK_DEADLINE_MS)
    if (reply === 'late') {
      await ack()
      log.warn({ viewId: view.id }, 'slack form took longer than the ack deadline: answering by message')
      const late = await pending
      if (late) await sendOutcome(deps, teamId, userId, origin, late)
      return
    }
    if (!reply) return ack()

    // Slack keeps the modal open, with what was typed, when the ack carries errors.
    if (reply.kind === 'form_errors') return ack({ response_action: 'errors', errors: errorsByBlock(view.blocks, reply) })
    await ack()
    await sendOutcome(deps, teamId, userId, origin, reply)
  })
}

/**
 * The core's errors by field name → Slack's by block_id (the same names). Slack
 * refuses errors for blocks the view does not have: those go to the first input.
 */
export function errorsByBlock(
  blocks: { type: string; block_id?: string }[],
  reply: { errors: Record<string, string>; notice: Notice },
): Record<string, string> {
  const blockIds = blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!)
  const errors = Object.entries(reply.errors)
  // Refused without field errors: the reason is in the notice.
  if (errors.length === 0) errors.push([blockIds[0] ?? '', reply.notice.text])
  const byBlock: Record<string, string> = {}
  for (const [field, message] of errors) {
    const target = blockIds.includes(field) ? field : blockIds[0]
    if (target) byBlock[target] = byBlock[target] ? `${byBlock[target]} ${message}` : message
  }
  return byBlock
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(resolve, ms, 'late')
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/** After a submission: update the message the form came from (in a DM), or tell the user directly. */
async function sendOutcome(
  deps: ListenerDeps,
  teamId: string,
  userId: string,
  origin: NonNullable<ReturnType<typeof decodeFormOrigin>>,
  reply: ActionReply,
): Promise<void> {
  const { web } = deps
  switch (reply.kind) {
    // The card the form was opened from, replaced (in a DM: a channel message is shared); else a DM.
    // A late form_errors or a new form: the modal has closed, so the form comes as a card.
    case 'replace':
    case 'form':
    case 'form_errors':
      if (origin.channelId && origin.messageTs && isDirectMessage(origin.channelId)) {
        await web.chat.update({ channel: origin.channelId, ts: origin.messageTs, ...renderMessage(reply.card) })
      } else {
        await web.chat.postMessage({ channel: userId, ...renderMessage(reply.card) })
      }
      break
    case 'follow_up':
      await web.chat.postMessage({ channel: userId, ...renderMessage(reply.card) })
      break
    case 'notify':
      await web.chat.postMessage({ channel: userId, text: reply.notice.text })
      break
    default: {
      const unknown: never = reply
      throw new Error(`unknown action reply ${JSON.stringify(unknown)}`)
    }
  }
  if (origin.isHome) await publishHome(deps, teamId, userId)
}
