// A Feishu user as the core's Sender: open_id is per user *per app*, so it is the
// stable key; the email (for linking on first contact) comes from the contact API.
import type { Sender } from '../../core/kernel/inbound.js'
import { DeliveryError } from '../../core/kernel/messaging.js'
import type { Logger } from '../../core/kernel/ports.js'
import type { FeishuApi } from './feishu-api.js'
import { type RetryPolicy, withRetry } from './with-retry.js'

export function feishuSender(tenant: string, openId: string, deps: { api: FeishuApi; policy: RetryPolicy; log: Logger }): Sender {
  return {
    platform: 'feishu',
    tenant,
    userId: openId,
    lookupEmail: () => lookupEmail(openId, deps),
  }
}

/** contact/v3/users/:open_id; null (with a log line saying what to fix) when Feishu will not tell. */
export async function lookupEmail(openId: string, deps: { api: FeishuApi; policy: RetryPolicy; log: Logger }): Promise<string | null> {
  try {
    return await withRetry('user email', () => deps.api.userEmail(openId), deps.policy)
  } catch (error) {
    const code = error instanceof DeliveryError ? error.options.code : undefined
    deps.log.warn(
      { openId, code },
      'cannot read the Feishu user’s email: check the app has contact:user.email:readonly and contact:user.base:readonly and that the user is in its availability range',
    )
    return null
  }
}
