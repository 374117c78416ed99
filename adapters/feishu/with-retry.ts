// Retries a Feishu call: rate limits after the time Feishu asks for, 5xx and
// network failures with exponential backoff. A wait longer than `maxWaitMs`
// is not slept through here: the DeliveryError carries retryAfterMs for the
// caller (the delivery worker reschedules).
import pRetry from 'p-retry'
import { DeliveryError } from '../../core/kernel/messaging.js'
import { TOKEN_CODES, toDeliveryError } from './delivery-errors.js'

export interface RetryPolicy {
  retries: number
  baseDelayMs: number
  maxWaitMs: number
  sleep: (ms: number) => Promise<void>
  /** Called before retrying after Feishu refused the tenant access token. */
  onTokenRefused?: () => void | Promise<void>
}

export const defaultRetryPolicy = (): RetryPolicy => ({
  retries: 4,
  baseDelayMs: 300,
  maxWaitMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
})

const isTokenError = (e: DeliveryError): boolean => TOKEN_CODES.has(Number(e.options.code?.replace('feishu:', '')))

export function withRetry<T>(operation: string, call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const isRetryable = (error: DeliveryError): boolean => !error.options.isPermanent && (error.options.retryAfterMs ?? 0) <= policy.maxWaitMs

  return pRetry(
    async () => {
      try {
        return await call()
      } catch (error) {
        throw toDeliveryError(error, operation)
      }
    },
    {
      retries: policy.retries,
      // p-retry's own timer stays at zero: the wait depends on the error, so onFailedAttempt sleeps.
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      shouldRetry: (error) => error instanceof DeliveryError && isRetryable(error),
      onFailedAttempt: async (error) => {
        // p-retry calls this even when shouldRetry said no: sleep only before a real retry.
        if (!(error instanceof DeliveryError) || !isRetryable(error) || error.retriesLeft <= 0) return
        if (isTokenError(error)) await policy.onTokenRefused?.()
        const backoff = policy.baseDelayMs * 2 ** (error.attemptNumber - 1)
        await policy.sleep(error.options.retryAfterMs ?? backoff)
      },
    },
  )
}
