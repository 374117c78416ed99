// Where a person is reached, the one rule every card for a person follows (the
// reminder sweep, the 360 cards, assignment notices, verification requests,
// programme notices): their chat account on a platform this install runs, else
// the web console (by email) when it is on. The console is a platform too.
import type { Employee } from './domain/types.js'
import type { ChatPlatform, Destination } from './messaging.js'
import type { ChatAddress } from './ports.js'

/** The console is one local "tenant": people there are known by email. */
const WEB_TENANT = 'local'

/** The most recently linked account on an enabled chat platform wins (people move from Slack to Feishu, not back). */
export function chooseDestination(
  employee: Pick<Employee, 'email'>,
  addresses: readonly ChatAddress[],
  platforms: readonly ChatPlatform[],
): Destination | null {
  const chat = addresses
    .filter((a) => a.platform !== 'web' && platforms.includes(a.platform))
    .sort((a, b) => b.linkedAt.getTime() - a.linkedAt.getTime())[0]
  if (chat) return { platform: chat.platform, tenant: chat.tenant, kind: 'user', id: chat.externalId }
  if (platforms.includes('web') && employee.email.trim() !== '')
    return { platform: 'web', tenant: WEB_TENANT, kind: 'user', id: employee.email.trim().toLowerCase() }
  return null
}
