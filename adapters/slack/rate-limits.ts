// How fast Ladder may post to Slack, for the delivery worker's pacing.
import { type PlatformRate, smoothRate } from '../../core/kernel/chat-adapter.js'

/**
 * chat.postMessage allows about 1 message per second per channel (short bursts
 * tolerated) on top of a workspace-wide limit Slack does not publish
 * (docs.slack.dev/apis/web-api/rate-limits, "Special" tier); Ladder keeps the
 * app to ~50 per minute by default (Tier 3's documented floor).
 */
export function slackRate(perChannelPerSecond = 1, perMinute = 50): PlatformRate {
  return { perDestination: smoothRate(1000, perChannelPerSecond), overall: [smoothRate(60_000, perMinute)] }
}

/**
 * users.info calls in flight while a broadcast looks up channel members' emails.
 * users.info is Tier 4 (100+ per minute); a 429 pauses the WebClient's queue for
 * its Retry-After, so a few in flight keep a large channel from tripping it.
 */
export const SLACK_USER_LOOKUP_CONCURRENCY = 4
