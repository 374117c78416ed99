// The platform seam, defined by the core: what the composition root needs from
// each chat platform (Slack, Feishu, the web console). Adapters implement it;
// the core imports nothing from them. What a platform can or cannot do is said
// here as a capability instead of being inferred from its name.
import type { ChatPlatform, Messenger } from './messaging.js'

/**
 * Slack and Feishu both expect the HTTP answer to an event, a click or a form
 * submission within 3 s (else Slack shows an error and retries; Feishu re-pushes).
 * 2.5 s leaves the last half second for the network: past it, the adapter
 * acknowledges and delivers the outcome as a message instead.
 */
export const ACK_DEADLINE_MS = 2500

/**
 * The replay window on every platform: a request, event or click timestamped further
 * than this from our clock, in either direction, is refused (Slack's own rule).
 */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000

/** The outcome of checking a request's signature or token, on every platform. */
export type VerifyResult<Reason extends string = string> = { ok: true } | { ok: false; reason: Reason }

/** At most `count` messages per `intervalMs`. */
export interface RateLimit {
  count: number
  intervalMs: number
}

/** How fast the delivery worker may send to one platform. */
export interface PlatformRate {
  /** One channel, DM or chat (in-process: a claim takes rows of many destinations). */
  perDestination: RateLimit
  /**
   * The app as a whole, shared by every process on the database; the strictest
   * applies, as one evenly spaced ceiling (calls per second), halved on a 429 and
   * regained slowly. Empty: no ceiling.
   */
  overall: RateLimit[]
  /** What a 429 pauses: one API method (Slack's limits are per method) or the whole app (Feishu). */
  pauseScope?: 'method' | 'app'
}

/**
 * Headroom for timer jitter: limits are kept smooth (one message per 1/rate, not
 * bursts per fixed window, which allow twice the rate across a window edge) and
 * 5 % slower, so a platform counting over any sliding interval never sees more.
 */
const HEADROOM = 1.05

/** `count` messages per `perIntervalMs`, sent one at a time, evenly spaced. */
export const smoothRate = (perIntervalMs: number, count: number): RateLimit => ({
  count: 1,
  intervalMs: Math.ceil((perIntervalMs / count) * HEADROOM),
})

export interface ChatCapabilities {
  /** The bot can list the group chats it is in (a form without a native chat picker offers them). */
  channelListing: boolean
  /** The members of a channel can be read (broadcasts to a channel). */
  channelMembers: boolean
  /** How long after sending a card can still be updated; Infinity when the platform sets no limit. */
  cardUpdateMaxAgeMs: number
  /** Forms open as modal dialogs (Slack) rather than inside the card (Feishu, the console). */
  modalForms: boolean
  /** A reply in a shared channel can be shown to one person only (Slack ephemeral messages). */
  ephemeralReplies: boolean
}

export interface ChatAdapter {
  readonly platform: ChatPlatform
  /** Outbound: what the delivery worker and the core send through. */
  readonly messenger: Messenger
  /** The platform's sending limits, for the delivery worker's pacing. */
  readonly rateLimits: PlatformRate
  readonly capabilities: ChatCapabilities
  /** Connects (Socket Mode, Feishu's long connection) or readies the HTTP side; routes are registered before. */
  start(): Promise<void>
  /** Stops taking events and waits for the answers still being worked on. */
  stop(): Promise<void>
}

/** The shortest card-update window among the adapters; `fallbackMs` when none sets a limit. */
export function cardUpdateWindowMs(adapters: readonly Pick<ChatAdapter, 'capabilities'>[], fallbackMs: number): number {
  const finite = adapters.map((a) => a.capabilities.cardUpdateMaxAgeMs).filter((ms) => Number.isFinite(ms))
  return finite.length > 0 ? Math.min(...finite) : fallbackMs
}
