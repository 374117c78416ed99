// How fast Ladder may post to Slack, for the delivery worker's pacing.
import { type PlatformRate, smoothRate } from '../../core/kernel/chat-adapter.js'

/**
 * chat.postMessage is in Slack's "Special" tier: about one message per second per
 * channel (short bursts tolerated) — a DM is a channel of its own, so a broadcast to
 * 1,000 people is 1,000 channels — on top of a workspace-wide limit Slack does not
 * publish (docs.slack.dev/apis/web-api/rate-limits). The app-wide ceiling starts at
 * `maxPerSecond` (SLACK_MAX_MESSAGES_PER_SECOND, 10 by default: 1,000 DMs in under two
 * minutes; operators of large Slack broadcasts report ~9/s sustained) and adapts: a 429
 * pauses the method for its Retry-After and halves the pace, which then climbs back slowly.
 */
export function slackRate(perChannelPerSecond = 1, maxPerSecond = 10): PlatformRate {
  return {
    perDestination: smoothRate(1000, perChannelPerSecond),
    overall: [{ count: maxPerSecond, intervalMs: 1000 }],
    pauseScope: 'method',
  }
}

/**
 * users.info calls in flight while a broadcast looks up channel members' emails.
 * users.info is Tier 4 (100+ per minute); a 429 pauses the WebClient's queue for
 * its Retry-After, so a few in flight keep a large channel from tripping it.
 */
export const SLACK_USER_LOOKUP_CONCURRENCY = 4
