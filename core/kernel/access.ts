// Authorisation, decided in one place: an employee sees only their own data, a
// manager their direct and indirect reports, HR everyone.

import { isHr, isManager } from './context.js'
import type { Employee } from './domain/types.js'
import type { EmployeeRepo } from './ports.js'

/** Deepest management chain we walk; deeper means corrupt data, and we refuse. */
const MAX_DEPTH = 32

export type AccessBasis = 'self' | 'hr' | 'manager'

/**
 * The person a question is about — the asker when it names nobody — and why the
 * asker may see them; null when they may not or when no such person exists,
 * which callers answer alike so a refusal gives no hint of who exists.
 */
export async function subjectFor(
  employees: EmployeeRepo,
  asker: Employee,
  subjectId: number | undefined,
): Promise<{ subject: Employee; basis: AccessBasis } | null> {
  const subject = subjectId === undefined ? asker : await employees.byId(subjectId)
  const basis = subject ? await accessTo(employees, asker, subject) : null
  return subject && basis ? { subject, basis } : null
}

/** Why `viewer` may see `subject`'s personal data, or null when they may not. */
export async function accessTo(employees: EmployeeRepo, viewer: Employee, subject: Employee): Promise<AccessBasis | null> {
  if (viewer.id === subject.id) return 'self'
  if (isHr(viewer)) return 'hr'
  if (!isManager(viewer)) return null
  let managerId = subject.managerId
  for (let depth = 0; managerId !== null && depth < MAX_DEPTH; depth++) {
    if (managerId === viewer.id) return 'manager'
    const manager = await employees.byId(managerId)
    managerId = manager?.managerId ?? null
  }
  return null
}
