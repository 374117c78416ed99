// Who may nominate raters for a subject, and whether their nominations need approval.
import type { Employee } from '../../kernel/domain/types.js'
import type { EmployeeRepo } from '../../kernel/ports.js'
import { managesSubject, runsCycle } from './access.js'
import type { FeedbackCycle } from './types.js'

export type NominationRight = 'approved' | 'proposed' | null

/**
 * Managers above the subject, HR and the launcher nominate directly; the subject
 * may propose raters when the cycle lets subjects nominate, and their manager
 * approves. Anyone else: null.
 */
export async function nominationRight(
  employees: EmployeeRepo,
  actor: Employee,
  cycle: FeedbackCycle,
  subject: Employee,
): Promise<NominationRight> {
  if (runsCycle(actor, cycle) && actor.id !== subject.id) return 'approved'
  if (actor.id !== subject.id && (await managesSubject(employees, actor, subject))) return 'approved'
  if (actor.id === subject.id && cycle.nominationBy === 'subject') return 'proposed'
  return null
}
