// How fast Ladder may send to Feishu, for the delivery worker's pacing.
import { type PlatformRate, smoothRate } from '../../core/kernel/chat-adapter.js'

/**
 * im/v1/messages: 5 QPS per user and per group, 50 per second and 1000 per minute per
 * app. The app-wide limits are shared by every process on the database: calls at most
 * `appPerSecond` (FEISHU_MAX_MESSAGES_PER_SECOND, 48: a little under 50 for clock
 * jitter) and at most `appPerMinute` (FEISHU_MAX_MESSAGES_PER_MINUTE, 1000) in any
 * 60 s — so a 1,000-person broadcast goes out in about 21 s, and a longer one then
 * continues at the per-minute pace. A 429 (or code 99991400/230020) pauses the whole
 * app for its reset time.
 */
export function feishuRate(perChatPerSecond = 5, appPerSecond = 48, appPerMinute = 1000): PlatformRate {
  return {
    perDestination: smoothRate(1000, perChatPerSecond),
    overall: [
      { count: appPerSecond, intervalMs: 1000 },
      { count: appPerMinute, intervalMs: 60_000 },
    ],
    pauseScope: 'app',
  }
}

/** Interactive cards sent with update_multi can be patched for 14 days only (then code 230031). */
export const CARD_UPDATE_MAX_AGE_MS = 14 * 86_400_000

/**
 * contact/v3/users/batch takes at most 50 ids per call; a broadcast asks for
 * its channel's unlinked members one batch after another (withRetry waits out
 * a frequency limit).
 */
export const FEISHU_USER_BATCH_SIZE = 50
