// Reads an ActionReply the same way whatever its kind, for tests that look at
// one part of it (the notice's tone, the form's fields) rather than its placement.
import type { Card, Form } from '../../core/kernel/cards/card.js'
import type { ActionReply, Notice } from '../../core/kernel/inbound.js'

export interface ReplyParts {
  kind?: ActionReply['kind']
  notice?: Notice
  /** The replacement, the form as a card, or the follow-up. */
  card?: Card
  form?: Form
  /** form_errors only. */
  errors?: Record<string, string>
}

export function partsOf(reply: ActionReply | null | undefined): ReplyParts {
  if (!reply) return {}
  switch (reply.kind) {
    case 'replace':
      return { kind: reply.kind, card: reply.card, ...(reply.notice ? { notice: reply.notice } : {}) }
    case 'form':
      return { kind: reply.kind, card: reply.card, form: reply.form }
    case 'form_errors':
      return { kind: reply.kind, card: reply.card, form: reply.form, errors: reply.errors, notice: reply.notice }
    case 'notify':
      return { kind: reply.kind, notice: reply.notice }
    case 'follow_up':
      return { kind: reply.kind, card: reply.card, ...(reply.notice ? { notice: reply.notice } : {}) }
  }
}
