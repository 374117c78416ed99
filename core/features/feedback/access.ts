// Who may do what in a 360 cycle, on top of core/access.ts: HR everywhere, a
// manager for the people below them, the launcher for the cycle they launched.
import { accessTo } from '../../kernel/access.js'
import { isHr } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { EmployeeRepo } from '../../kernel/ports.js'
import type { FeedbackCycle } from './types.js'

/** HR, or a manager anywhere above the subject: may launch for, nominate, approve, read results. */
export async function managesSubject(employees: EmployeeRepo, viewer: Employee, subject: Employee): Promise<boolean> {
  const basis = await accessTo(employees, viewer, subject)
  return basis === 'hr' || basis === 'manager'
}

/** HR or whoever launched the cycle moves it through its stages. */
export const runsCycle = (viewer: Employee, cycle: FeedbackCycle): boolean => isHr(viewer) || cycle.createdById === viewer.id
