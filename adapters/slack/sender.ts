// Who wrote, as the core sees them. The email is fetched from Slack (users.info,
// scope users:read.email) only the first time an unknown user writes; the core
// links the account afterwards.
import { webApi } from '@slack/bolt'
import type { Sender } from '../../core/kernel/inbound.js'
import type { WebClient } from './web-client.js'

export function slackSender(web: WebClient, teamId: string, userId: string): Sender {
  return { platform: 'slack', tenant: teamId, userId, lookupEmail: () => lookupEmail(web, userId) }
}

async function lookupEmail(web: WebClient, userId: string): Promise<string | null> {
  try {
    const { user } = await web.users.info({ user: userId })
    // Bots and apps have no employee record behind them.
    if (!user || user.is_bot || user.deleted) return null
    return user.profile?.email?.trim() || null
  } catch (error) {
    if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'user_not_found') return null
    throw error
  }
}
