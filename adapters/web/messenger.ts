// The console's Messenger (core/ports.ts): what the bot sends to a person on its
// own initiative — reminders, escalations, broadcasts — lands in a small
// in-memory mailbox per employee and is pushed to that employee's open event
// streams. A console opened later still sees the recent ones.
import type { Card } from '../../core/kernel/cards/card.js'
import { DeliveryError, type Destination, type MessageRef, type Messenger } from '../../core/kernel/messaging.js'

export interface WebMessage {
  /** Stable id, also the MessageRef's messageId. */
  id: string
  /** Increasing across the process: the SSE event id, so a reconnecting stream skips what it has. */
  seq: number
  html: string
  fallback: string
  sentAt: string
}

export type MailboxEvent = { kind: 'message' | 'update'; message: WebMessage }
export type MailboxListener = (event: MailboxEvent) => void
/** Told of every message delivered to anyone (the unread counts follow). */
export type DeliveryListener = (email: string, event: MailboxEvent) => void

export interface WebMessenger extends Messenger {
  /** Recent messages for an employee, oldest first. */
  recent(email: string): WebMessage[]
  /** Live messages for an employee; returns the unsubscribe function. */
  subscribe(email: string, listener: MailboxListener): () => void
  /** Every delivery and update, whoever it is for; returns the unsubscribe function. */
  subscribeAll(listener: DeliveryListener): () => void
}

export interface WebMessengerOptions {
  render(card: Card, idPrefix: string): string
  /** Messages kept per person. */
  perPerson?: number
  /** Mailboxes kept in all; the least recently written is dropped first. */
  people?: number
  now?: () => Date
  /**
   * Starts every message id (default "m"). The server gives one unique to the process:
   * an inbox read back from the outbox after a restart holds the ids of the previous one.
   */
  idPrefix?: string
}

/** Where the console delivers a message for an employee (for the reminder engine and broadcasts). */
export const webDestination = (email: string): Destination => ({ platform: 'web', tenant: 'local', kind: 'user', id: email })

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()
const normalise = normaliseEmail

export function createWebMessenger(options: WebMessengerOptions): WebMessenger {
  const perPerson = options.perPerson ?? 20
  const people = options.people ?? 5000
  const now = options.now ?? (() => new Date())
  const mailboxes = new Map<string, WebMessage[]>()
  const listeners = new Map<string, Set<MailboxListener>>()
  const everyone = new Set<DeliveryListener>()
  const idPrefix = options.idPrefix ?? 'm'
  let seq = 0

  function publish(email: string, event: MailboxEvent): void {
    for (const listener of listeners.get(email) ?? []) listener(event)
    for (const listener of everyone) listener(email, event)
  }

  function mailbox(email: string): WebMessage[] {
    const box = mailboxes.get(email) ?? []
    // Re-insert so Map order stays "least recently written first".
    mailboxes.delete(email)
    mailboxes.set(email, box)
    while (mailboxes.size > people) {
      const oldest = mailboxes.keys().next().value
      if (oldest === undefined) break
      mailboxes.delete(oldest)
    }
    return box
  }

  return {
    async send(to: Destination, card: Card): Promise<MessageRef> {
      if (to.platform !== 'web')
        throw new DeliveryError(`the web messenger cannot deliver to ${to.platform}`, { isPermanent: true, code: 'wrong_platform' })
      if (to.kind !== 'user') {
        throw new DeliveryError('the web console has no channels: send to each person (kind "user", id = email)', {
          isPermanent: true,
          code: 'no_channels',
        })
      }
      const email = normalise(to.id)
      if (email === '') throw new DeliveryError('empty destination email', { isPermanent: true, code: 'no_destination' })
      seq += 1
      const id = `${idPrefix}${seq}`
      const message: WebMessage = { id, seq, html: options.render(card, id), fallback: card.fallback, sentAt: now().toISOString() }
      const box = mailbox(email)
      box.push(message)
      if (box.length > perPerson) box.splice(0, box.length - perPerson)
      publish(email, { kind: 'message', message })
      return { channelId: email, messageId: id }
    },

    async update(ref: MessageRef, card: Card): Promise<void> {
      const email = normalise(ref.channelId)
      const box = mailboxes.get(email)
      const index = box?.findIndex((m) => m.id === ref.messageId) ?? -1
      const old = box?.[index]
      if (!box || !old)
        throw new DeliveryError('message no longer in the console mailbox', { isPermanent: true, code: 'message_not_found' })
      seq += 1
      // Same id (the page replaces that message in place), new seq (a reconnecting stream gets the new version).
      const message: WebMessage = {
        id: old.id,
        seq,
        html: options.render(card, `${old.id}u${seq}`),
        fallback: card.fallback,
        sentAt: old.sentAt,
      }
      box.splice(index, 1)
      box.push(message)
      publish(email, { kind: 'update', message })
    },

    recent(email) {
      return [...(mailboxes.get(normalise(email)) ?? [])]
    },

    subscribeAll(listener) {
      everyone.add(listener)
      return () => {
        everyone.delete(listener)
      }
    },

    subscribe(email, listener) {
      const key = normalise(email)
      const set = listeners.get(key) ?? new Set<MailboxListener>()
      set.add(listener)
      listeners.set(key, set)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(key)
      }
    },
  }
}
