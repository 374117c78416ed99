// The group-privacy rule, once for every platform: anyone in a channel or group
// can click a button on a card posted there, and whatever replaces that card is
// seen by all of them. So a card showing the clicker's own data (their gap,
// their tasks, a team's progress) never replaces a shared card: it goes to the
// clicker alone, and the shared card stays as it was.
import type { ActionReply, InboundAction } from '../kernel/inbound.js'

export function placeReply(reply: ActionReply, action: Pick<InboundAction, 'actionId' | 'surface'>): ActionReply {
  if (reply.kind !== 'replace' || !reply.isPersonal || action.surface.kind !== 'group') return reply
  // A form belongs to whoever opened it (only they can submit it): what answers the
  // submission replaces it where it is, so a filled-in form does not invite another try.
  if (action.actionId === 'submit_form') return reply
  return { kind: 'follow_up', card: reply.card, ...(reply.notice ? { notice: reply.notice } : {}) }
}
