// Where a person is reached: their chat account on a platform Ladder runs on,
// else the web console (by email) when that is on.
import type { Employee } from '../../kernel/domain/types.js'
import type { ChatPlatform, Destination } from '../../kernel/messaging.js'
import type { ChatAddress } from '../../kernel/ports.js'

/** The console is one local "tenant": people there are known by email. */
const WEB_TENANT = 'local'

/** The most recently linked account on an enabled chat platform wins (people move from Slack to Feishu, not back). */
export function chooseDestination(
  employee: Employee,
  addresses: readonly ChatAddress[],
  platforms: readonly ChatPlatform[],
): Destination | null {
  const chat = addresses
    .filter((a) => a.platform !== 'web' && platforms.includes(a.platform))
    .sort((a, b) => b.linkedAt.getTime() - a.linkedAt.getTime())[0]
  if (chat) return { platform: chat.platform, tenant: chat.tenant, kind: 'user', id: chat.externalId }
  if (platforms.includes('web')) return { platform: 'web', tenant: WEB_TENANT, kind: 'user', id: employee.email }
  return null
}
