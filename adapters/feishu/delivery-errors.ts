// Feishu failures as DeliveryError. Most API errors are HTTP 200/400 with
// `code != 0`; the gateway throttles with HTTP 429 (older APIs: 400) and code
// 99991400, and says when to come back in `x-ogw-ratelimit-reset` (seconds).
import { DeliveryError } from '../../core/kernel/messaging.js'

/** Frequency limits: gateway (99991400), IM send/update (230020), legacy bot send (11232, 11233). */
const RATE_LIMIT_CODES = new Set([99991400, 230020, 11232, 11233])
/** The tenant access token was refused: fetch a new one and try again. */
export const TOKEN_CODES = new Set([99991661, 99991663, 99991668])
const DEFAULT_RETRY_AFTER_MS = 1000
/** Axios codes of a request that may have reached Feishu. ECONNREFUSED and DNS failures did not. */
const UNKNOWN_OUTCOME_CODES: ReadonlySet<string> = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ERR_CANCELED'])

/** A Feishu answer with `code != 0` and HTTP 2xx (the SDK returns these rather than throwing). */
export class FeishuCodeError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
  ) {
    super(`feishu code ${code}: ${msg}`)
    this.name = 'FeishuCodeError'
  }
}

interface HttpFailure {
  isAxiosError: true
  code?: string
  message: string
  response?: { status: number; headers?: Record<string, unknown>; data?: unknown }
}

const isHttpFailure = (e: unknown): e is HttpFailure =>
  e !== null && typeof e === 'object' && (e as { isAxiosError?: unknown }).isAxiosError === true

export function toDeliveryError(error: unknown, operation: string): DeliveryError {
  if (error instanceof DeliveryError) return error
  if (error instanceof FeishuCodeError) return classify(operation, { code: error.code, msg: error.msg })
  if (isHttpFailure(error)) {
    if (!error.response) {
      const what = `feishu ${operation} failed: ${error.code ?? error.message}`
      // No answer in time, or the connection dropped after the request went out: Feishu may have acted on it.
      if (error.code && UNKNOWN_OUTCOME_CODES.has(error.code))
        return new DeliveryError(what, { isOutcomeUnknown: true, code: error.code === 'ECONNRESET' ? 'connection_lost' : 'timeout' })
      return new DeliveryError(what, { code: 'feishu:network' })
    }
    const data = (error.response.data ?? {}) as { code?: unknown; msg?: unknown }
    return classify(operation, {
      status: error.response.status,
      ...(typeof data.code === 'number' ? { code: data.code } : {}),
      msg: typeof data.msg === 'string' ? data.msg : '',
      reset: error.response.headers?.['x-ogw-ratelimit-reset'],
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new DeliveryError(`feishu ${operation} failed: ${message}`, { code: 'feishu:unknown' })
}

function classify(operation: string, failure: { status?: number; code?: number; msg: string; reset?: unknown }): DeliveryError {
  const { status, code, msg } = failure
  const label = `feishu:${code ?? status}`
  const message = `feishu ${operation} failed: ${code !== undefined ? `code ${code}` : `HTTP ${status}`}${msg ? ` (${msg})` : ''}`
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const seconds = Number(failure.reset)
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS
    return new DeliveryError(message, { retryAfterMs, code: label })
  }
  if ((status !== undefined && status >= 500) || (code !== undefined && TOKEN_CODES.has(code)))
    return new DeliveryError(message, { code: label })
  // Everything else is the request's fault and a retry repeats it: a bot outside the chat, a
  // user outside the app's availability (230013), a card Feishu cannot build (230099), a patch
  // of a message older than 14 days or recalled.
  return new DeliveryError(message, { isPermanent: true, code: label })
}
