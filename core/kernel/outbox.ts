// The outbox: every message Ladder sends is first a row written in the same
// transaction as the change it reports, then delivered by a worker that claims
// rows atomically. These are its plain values and the port its store implements.
import type { Card } from './cards/card.js'
import type { ChatPlatform, Destination, MessageRef } from './messaging.js'

/** `urgent_escalation`: an escalation carrying the top rung (escalate:hr) that Feishu marks urgent (加急) once sent. */
export const OUTBOX_KINDS = ['notice', 'reminder', 'escalation', 'broadcast', 'card_update', 'urgent_escalation'] as const
export type OutboxKind = (typeof OUTBOX_KINDS)[number]

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'expired'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

export interface NewOutboxMessage {
  /** Unique: enqueueing the same key twice is one message. */
  idempotencyKey: string
  kind: OutboxKind
  to: Destination
  card: Card
  /** The recipient, when a person (for HR's dead-letter list). */
  employeeId: number | null
  /** Not delivered before this instant. */
  availableAt: Date
  /**
   * Not delivered after this instant (the end of the recipient's working day): past
   * it the message expires and the steps it carried are planned again.
   */
  expiresAt?: Date
  /** For card_update: the message to update. */
  target?: MessageRef
}

export interface OutboxMessage {
  id: number
  idempotencyKey: string
  kind: OutboxKind
  to: Destination
  card: Card
  employeeId: number | null
  target: MessageRef | null
  status: OutboxStatus
  /** Send attempts so far, the current one included once claimed. */
  attempts: number
  availableAt: Date
  expiresAt: Date | null
  leaseHolder: string | null
  leaseUntil: Date | null
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
  /** When it was dead-lettered (null for older dead letters and every other status). */
  deadAt: Date | null
  ref: MessageRef | null
}

export interface OutboxRepo {
  /** Inserts unless the key exists; `isNew` false for a repeat. */
  enqueue(message: NewOutboxMessage, now: Date): Promise<{ id: number | null; isNew: boolean }>
  /** Many at once (a sweep); returns the keys that were new. */
  enqueueMany(messages: readonly NewOutboxMessage[], now: Date): Promise<Set<string>>
  /**
   * Atomically takes up to `limit` deliverable messages of one platform: pending
   * and available, or sending with an expired lease (a worker died). Each taken
   * row gets the holder, a lease until `now + leaseMs`, and one more attempt.
   */
  claim(input: { platform: ChatPlatform; holder: string; now: Date; leaseMs: number; limit: number }): Promise<OutboxMessage[]>
  /** Records the platform's reference. False when the lease was lost to another worker meanwhile. */
  markSent(input: { id: number; holder: string; ref: MessageRef | null; now: Date }): Promise<boolean>
  /**
   * Another attempt is about to be made by the same holder: count it (unless
   * `countsAsAttempt` is false: a rate-limit wait is not an attempt), keep the lease.
   */
  recordRetry(input: { id: number; holder: string; error: string; leaseUntil: Date; countsAsAttempt?: boolean }): Promise<boolean>
  /**
   * Gives the message back to the queue, not before `availableAt`. `refundAttempt`:
   * the attempt counted by the claim was never made (a rate-limit pause, a shutdown).
   */
  reschedule(input: { id: number; holder: string; error: string; availableAt: Date; refundAttempt?: boolean }): Promise<boolean>
  /**
   * Too late to deliver (after the recipient's working day): marks it expired and
   * forgets the ReminderLog steps it carried, so the next sweep plans them again.
   */
  expire(input: { id: number; holder: string }): Promise<boolean>
  /** Gives up: the message waits in the dead-letter list for HR. */
  markDead(input: { id: number; holder: string; error: string; now: Date }): Promise<boolean>
  listDead(limit: number): Promise<OutboxMessage[]>
  /** A dead message back to pending, attempts reset. False when it is not dead. */
  retryDead(id: number, now: Date): Promise<boolean>
  /** Every dead message back to pending, attempts reset (after an outage). Returns how many. */
  retryAllDead(now: Date): Promise<number>
  byKey(idempotencyKey: string): Promise<OutboxMessage | null>
  countByStatus(): Promise<Record<OutboxStatus, number>>
  /**
   * A person's console inbox (platform "web", by email): the cards delivered to it
   * (sending or sent, card updates left out), newest first, at most `limit`.
   */
  consoleInbox(email: string, limit: number): Promise<OutboxMessage[]>
  /** Cards delivered to console inboxes and not yet read, by email (those with none left out). */
  consoleUnread(emails?: readonly string[]): Promise<Map<string, number>>
  /** The person opened their inbox: everything delivered to it so far is read. */
  markConsoleRead(email: string, now: Date): Promise<void>
}
