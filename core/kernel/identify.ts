import type { Deps } from './context.js'
import type { Employee } from './domain/types.js'
import type { Sender } from './inbound.js'

/**
 * Maps a chat user to an employee: a linked ChatIdentity first; on first contact,
 * the platform's email for the user, linked for next time. The CLI and the web
 * console pass the employee's email as the user id: both are local, and the
 * console binds each browser session to one person on the server side.
 * `onLinked` runs once an account was linked here (a new hire's welcome waits for it).
 */
export async function identify(deps: Deps, sender: Sender, onLinked?: (employee: Employee) => Promise<void>): Promise<Employee | null> {
  const { employees } = deps.store
  let employee: Employee | null
  if (sender.platform === 'cli' || sender.platform === 'web') {
    employee = await employees.byEmail(sender.userId)
  } else {
    employee = await employees.byIdentity(sender.platform, sender.tenant, sender.userId)
    if (!employee && sender.lookupEmail) {
      employee = await linkByEmail(deps, sender)
      if (employee && employee.status === 'active' && onLinked) await onLinked(employee)
    }
  }
  return employee && employee.status === 'active' ? employee : null
}

async function linkByEmail(deps: Deps, sender: Sender): Promise<Employee | null> {
  const email = await sender.lookupEmail!()
  if (!email) return null
  const employee = await deps.store.employees.byEmail(email)
  if (!employee) {
    deps.log.info({ platform: sender.platform, userId: sender.userId }, 'chat user has no matching employee')
    return null
  }
  await deps.store.transaction(async (tx) => {
    await tx.employees.linkIdentity(sender.platform, sender.tenant, sender.userId, employee.id)
    await tx.audit.record({
      actorId: employee.id,
      actor: 'system',
      action: 'identity.link',
      entity: 'ChatIdentity',
      entityId: `${sender.platform}:${sender.tenant}:${sender.userId}`,
    })
  })
  return employee
}
