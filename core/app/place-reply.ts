// The group-privacy rule, once for every platform: anyone in a channel or group
// can click a button on a card posted there, and whatever replaces that card is
// seen by all of them. So a card showing the clicker's own data (their gap,
// their tasks, a team's progress) never replaces a shared card: it goes to the
// clicker alone, and the shared card stays as it was.
import type { ActionReply, InboundAction } from '../kernel/inbound.js'

export function placeReply(reply: ActionReply, action: Pick<InboundAction, 'actionId' | 'surface'>): ActionReply {
  const asked = asForm(reply, action)
  if (asked.kind !== 'replace' || !asked.isPersonal || action.surface.kind !== 'group') return asked
  // A form belongs to whoever opened it (only they can submit it): what answers the
  // submission replaces it where it is, so a filled-in form does not invite another try.
  if (action.actionId === 'submit_form') return asked
  return { kind: 'follow_up', card: asked.card, ...(asked.notice ? { notice: asked.notice } : {}) }
}

/**
 * A button that opens a form is answered with the form, however the handler put
 * it: Slack cannot show a form inside a message, so a card holding one is drawn
 * with an "Open form" button carrying the form's key, the very value just
 * clicked. Answered by "replace", that button came back forever; as a "form",
 * Slack opens it as a modal (and Feishu and the console show the card as before).
 */
function asForm(reply: ActionReply, action: Pick<InboundAction, 'actionId'>): ActionReply {
  if (reply.kind !== 'replace' || action.actionId !== 'open_form') return reply
  const forms = reply.card.blocks.flatMap((block) => (block.type === 'form' ? [block.form] : []))
  return forms.length === 1 ? { kind: 'form', form: forms[0]!, card: reply.card } : reply
}
