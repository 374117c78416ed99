// An in-test Messenger that records what it was asked to send, can fail on
// script, and can "die" (hang forever) after a number of sends.
import type { Card } from '../../../core/kernel/cards/card.js'
import type { Destination, MessageRef, Messenger } from '../../../core/kernel/messaging.js'

export interface SentRecord {
  to: Destination
  card: Card
  ref: MessageRef
  /** The outbox key the worker passed (Feishu's uuid is derived from it). */
  idempotencyKey?: string
}

export interface RecordingMessenger extends Messenger {
  sent: SentRecord[]
  updates: { ref: MessageRef; card: Card }[]
  /** The next sends throw these, in order. */
  failNext(...errors: Error[]): void
  /** After this many successful sends, every call hangs (the process "died" mid-call). */
  dieAfter(sends: number, onDeath?: () => void): void
  members: Map<string, string[]>
  /** Keys of every send begun, including one that hung. */
  begun: (string | undefined)[]
}

export function recordingMessenger(prefix = 'm'): RecordingMessenger {
  const sent: SentRecord[] = []
  const updates: { ref: MessageRef; card: Card }[] = []
  const failures: Error[] = []
  let deathAt = Infinity
  let onDeath: (() => void) | undefined
  const members = new Map<string, string[]>()
  const hang = () => {
    onDeath?.()
    onDeath = undefined
    return new Promise<never>(() => {})
  }
  const begun: (string | undefined)[] = []
  return {
    sent,
    updates,
    members,
    begun,
    failNext: (...errors) => void failures.push(...errors),
    dieAfter(sends, callback) {
      deathAt = sends
      onDeath = callback
    },
    async send(to, card, options) {
      begun.push(options?.idempotencyKey)
      if (sent.length >= deathAt) return hang()
      const failure = failures.shift()
      if (failure) throw failure
      const ref = { channelId: to.id, messageId: `${prefix}${sent.length + 1}` }
      sent.push({ to, card, ref, ...(options?.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}) })
      return ref
    },
    async update(ref, card) {
      const failure = failures.shift()
      if (failure) throw failure
      updates.push({ ref, card })
    },
    async channelMembers(_tenant, channelId) {
      return members.get(channelId) ?? []
    },
  }
}
