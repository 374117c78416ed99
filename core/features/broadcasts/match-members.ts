// Channel members nobody has linked yet (a fresh rollout links almost nobody):
// the platform is asked for their emails and each is matched to an active
// employee, so a broadcast reaches people who never wrote to Ladder. Who cannot
// be matched is named, with the reason; bots are left out.
import type { Employee } from '../../kernel/domain/types.js'
import type { ChatPlatform, MemberProfile, Messenger } from '../../kernel/messaging.js'
import type { BroadcastDeps } from './ports.js'
import type { UnmatchedMember } from './types.js'

export interface MemberMatch {
  /** Members matched by email just now, to be linked (ChatIdentity) with the broadcast. */
  toLink: { userId: string; employee: Employee }[]
  unmatched: UnmatchedMember[]
  /** Bots, apps and deactivated accounts among the unlinked members: not people to assign. */
  bots: number
}

/** Matches unlinked members to active employees by the email their platform shows (case-insensitive). */
export async function matchUnlinkedMembers(
  deps: BroadcastDeps,
  messenger: Messenger,
  input: { platform: ChatPlatform; tenant: string },
  userIds: readonly string[],
): Promise<MemberMatch> {
  const result: MemberMatch = { toLink: [], unmatched: [], bots: 0 }
  if (userIds.length === 0) return result
  let profiles = new Map<string, MemberProfile>()
  if (messenger.memberProfiles) {
    try {
      profiles = await messenger.memberProfiles(input.tenant, userIds)
    } catch (error) {
      // Not even a partial answer: everyone stays unlinked, the broadcast goes on.
      deps.log.warn({ err: error, platform: input.platform }, 'broadcast: member emails could not be looked up')
    }
  }
  const failed = messenger.memberProfiles ? userIds.filter((id) => !profiles.has(id)) : []
  if (failed.length > 0)
    deps.log.warn({ platform: input.platform, users: failed.length }, 'broadcast: some member lookups failed; those members stay unlinked')
  for (const userId of userIds) {
    const profile = profiles.get(userId)
    if (!profile) {
      result.unmatched.push({ userId, reason: messenger.memberProfiles ? 'lookup_failed' : 'no_email' })
      continue
    }
    if (profile.kind === 'bot') {
      result.bots++
      continue
    }
    const who = { userId, ...(profile.name ? { name: profile.name } : {}) }
    if (!profile.email) {
      result.unmatched.push({ ...who, reason: 'no_email' })
      continue
    }
    const employee = await deps.store.employees.byEmail(profile.email)
    if (!employee) result.unmatched.push({ ...who, email: profile.email, reason: 'no_employee' })
    else if (employee.status !== 'active') result.unmatched.push({ ...who, email: profile.email, reason: 'inactive' })
    else result.toLink.push({ userId, employee })
  }
  return result
}
