// What to do after a failed delivery attempt. Pure, so the rules are tested
// without a platform: rate limits wait what the platform asked and never use up
// an attempt (the platform said "not now", not "no"), server errors and unknown
// outcomes back off exponentially, permanent errors and exhausted attempts give up.
import { DeliveryError } from './messaging.js'

export interface RetryRules {
  /** Attempts in all, across restarts, before the message is dead. */
  maxAttempts: number
  baseBackoffMs: number
  maxBackoffMs: number
}

export type RetryDecision =
  | { kind: 'retry'; waitMs: number; isRateLimit: boolean; isOutcomeUnknown: boolean; reason: string }
  | { kind: 'dead'; reason: string }

/** `attempts`: the attempts that reached the platform and failed, rate-limited ones not counted. */
export function decideRetry(error: unknown, attempts: number, rules: RetryRules): RetryDecision {
  const reason = describe(error)
  if (error instanceof DeliveryError && error.options.isPermanent) return { kind: 'dead', reason: `permanent: ${reason}` }
  const retryAfter = error instanceof DeliveryError ? error.options.retryAfterMs : undefined
  if (retryAfter !== undefined && retryAfter >= 0)
    return { kind: 'retry', waitMs: retryAfter, isRateLimit: true, isOutcomeUnknown: false, reason }
  if (attempts >= rules.maxAttempts) return { kind: 'dead', reason: `gave up after ${attempts} attempts: ${reason}` }
  const isOutcomeUnknown = error instanceof DeliveryError && error.options.isOutcomeUnknown === true
  const backoff = Math.min(rules.maxBackoffMs, rules.baseBackoffMs * 2 ** Math.max(0, attempts - 1))
  return { kind: 'retry', waitMs: backoff, isRateLimit: false, isOutcomeUnknown, reason }
}

function describe(error: unknown): string {
  if (error instanceof DeliveryError) return error.options.code ? `${error.options.code} ${error.message}` : error.message
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}
