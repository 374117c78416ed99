// How fast Ladder may send to Feishu, for the delivery worker's pacing.
import { type PlatformRate, smoothRate } from '../../core/kernel/chat-adapter.js'

/** im/v1/messages: 5 QPS per user and per group, 50 per second and 1000 per minute per app. */
export function feishuRate(perChatPerSecond = 5, appPerSecond = 50, appPerMinute = 1000): PlatformRate {
  return {
    perDestination: smoothRate(1000, perChatPerSecond),
    // 50/s smooth reaches 1000 in 20 s; the per-minute window then holds the rest of that minute.
    overall: [smoothRate(1000, appPerSecond), { count: appPerMinute, intervalMs: 60_000 }],
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
