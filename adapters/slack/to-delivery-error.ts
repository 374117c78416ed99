// Web API failures → the core's DeliveryError: a retry hint for rate limits, a
// permanent flag for errors no retry can fix (the worker then stops trying).
import { webApi } from '@slack/bolt'
import { DeliveryError } from '../../core/kernel/messaging.js'

/** Slack error codes (HTTP 200, ok:false) that will fail the same way every time. */
const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'invalid_arguments',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'team_access_not_granted',
  'ekm_access_denied',
])

/** HTTP statuses other than 429 and 5xx: the request itself is wrong. */
const isPermanentStatus = (status: number): boolean => status >= 400 && status < 500 && status !== 408 && status !== 429

export function toDeliveryError(error: unknown, method: string, retryAfterMs?: number): DeliveryError {
  if (error instanceof DeliveryError) return error
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError(`slack ${method}: rate limited`, { retryAfterMs: error.retryAfter * 1000, code: 'ratelimited' })
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error
    if (code === 'ratelimited') return new DeliveryError(`slack ${method}: rate limited`, { retryAfterMs: retryAfterMs ?? 1000, code })
    return new DeliveryError(`slack ${method}: ${code}`, { isPermanent: PERMANENT_SLACK_ERRORS.has(code), code })
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return new DeliveryError(`slack ${method}: HTTP ${error.statusCode}`, {
      isPermanent: isPermanentStatus(error.statusCode),
      code: `http_${error.statusCode}`,
    })
  }
  // Network failures, timeouts, and 429s that outlasted the client's retries
  // (the SDK then throws a request error; the Retry-After it saw is passed in).
  const message = error instanceof Error ? error.message : String(error)
  if (retryAfterMs === undefined && isOutcomeUnknown(error))
    return new DeliveryError(`slack ${method}: ${message}`, {
      isOutcomeUnknown: true,
      code: isTimeout(error) ? 'timeout' : 'connection_lost',
    })
  return new DeliveryError(`slack ${method}: ${message}`, {
    ...(retryAfterMs !== undefined ? { retryAfterMs, code: 'ratelimited' } : { code: 'request_failed' }),
  })
}

/** Axios codes of a request that may have reached Slack: no answer in time, or the connection dropped after it was written. */
const UNKNOWN_OUTCOME_CODES: ReadonlySet<string> = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'ERR_CANCELED',
  'ECANCELED',
])

const originalOf = (error: unknown): { code?: string; message?: string } | undefined =>
  error instanceof webApi.WebAPIRequestError ? (error.original as { code?: string; message?: string }) : undefined

function isTimeout(error: unknown): boolean {
  const original = originalOf(error)
  return original?.code === 'ECONNABORTED' || original?.code === 'ETIMEDOUT' || /timeout/i.test(original?.message ?? '')
}

function isOutcomeUnknown(error: unknown): boolean {
  const original = originalOf(error)
  if (!original) return false
  return UNKNOWN_OUTCOME_CODES.has(original.code ?? '') || /socket hang up|timeout/i.test(original.message ?? '')
}
