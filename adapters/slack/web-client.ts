// The one Web API client Ladder uses for Slack (listeners' replies and the
// Messenger). Retries and rate limits are the SDK's: with
// rejectRateLimitedCalls=false a 429 pauses the client's whole queue for the
// Retry-After seconds and then retries; a 5xx or a network error is retried with
// exponential backoff. Both within RETRY_POLICY, then the call throws.
import { webApi } from '@slack/bolt'
import type { Logger } from '../../core/kernel/ports.js'
import { boltLogger } from './bolt-logger.js'

export type WebClient = webApi.WebClient
export type WebClientOptions = webApi.WebClientOptions
export type RetryOptions = NonNullable<WebClientOptions['retryConfig']>

/**
 * Few, short retries: ingress replies are seconds-sensitive, and the delivery
 * worker retries DeliveryErrors itself with its own pacing. A Retry-After is
 * always waited in full, whatever the policy.
 */
const RETRY_POLICY: RetryOptions = { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 10_000, randomize: true }
/** A hung connection must not hold a delivery slot forever. */
const REQUEST_TIMEOUT_MS = 10_000

export interface SlackClientSettings {
  /** Base URL of the Web API, e.g. https://slack.com/api/ or a local fake in tests. */
  apiUrl: string
  log: Logger
  retryConfig?: RetryOptions
  /** Deadline of one HTTP call (the SDK aborts it); 10 s by default. */
  timeoutMs?: number
}

/**
 * For the delivery worker, which owns retries and pacing: one attempt is one HTTP
 * call (no SDK retries, which would re-post a chat.postMessage that timed out but
 * went through), a 429 is thrown at once with its Retry-After instead of queued.
 */
const SINGLE_ATTEMPT: Pick<WebClientOptions, 'retryConfig' | 'rejectRateLimitedCalls'> = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
}

/** Options for every WebClient Ladder and Bolt build, so every call (auth.test, apps.connections.open too) goes to apiUrl. */
export function slackClientOptions(settings: SlackClientSettings): WebClientOptions {
  return {
    slackApiUrl: settings.apiUrl,
    logger: boltLogger(settings.log, 'slack-web-api'),
    retryConfig: settings.retryConfig ?? RETRY_POLICY,
    rejectRateLimitedCalls: false,
    timeout: settings.timeoutMs ?? REQUEST_TIMEOUT_MS,
  }
}

/** The delivery worker's client: SINGLE_ATTEMPT, with the delivery call deadline. */
export function createDeliveryWebClient(token: string, settings: SlackClientSettings): WebClient {
  return new webApi.WebClient(token, { ...slackClientOptions(settings), ...SINGLE_ATTEMPT })
}

/** Last Retry-After Slack sent per API method, so an error after the retries are spent can still carry it. */
export interface RateLimitMemory {
  retryAfterMsSince(method: string, since: number): number | undefined
}

export function createWebClient(token: string, settings: SlackClientSettings): { web: WebClient; rateLimits: RateLimitMemory } {
  const web = new webApi.WebClient(token, slackClientOptions(settings))
  const last = new Map<string, { ms: number; at: number }>()
  web.on(webApi.WebClientEvent.RATE_LIMITED, (retrySec: number, request: { url: string }) => {
    const method = request.url.split('/').pop() ?? request.url
    last.set(method, { ms: retrySec * 1000, at: Date.now() })
    settings.log.warn({ method, retryAfterSec: retrySec }, 'slack rate limit: waiting Retry-After')
  })
  return {
    web,
    rateLimits: {
      retryAfterMsSince(method, since) {
        const entry = last.get(method)
        return entry && entry.at >= since ? entry.ms : undefined
      },
    },
  }
}
