// The 360 nominations someone owes: subjects of an open cycle with peers, whom
// they were asked to nominate raters for (the card the launch sent), while no
// peer has been nominated yet. Their to-do list shows them until they do.
import type { Employee } from '../../kernel/domain/types.js'
import { nominationFormKey } from './feedback-card.js'
import type { FeedbackDeps } from './ports.js'
import { LIVE_REQUEST_STATUSES } from './types.js'

export interface OwedNomination {
  cycleId: number
  cycleName: string
  closesAt: Date
  subject: Employee
  /** The form that nominates (open_form value). */
  formKey: string
}

/** The nominator the launch asked (launch-cycle.ts): the subject, else their manager, else the launcher. */
export async function nominationsOwed(deps: FeedbackDeps, employeeId: number): Promise<OwedNomination[]> {
  const cycles = (await deps.store.feedback.cyclesInStages(['nominating', 'collecting'])).filter((c) => c.perspectives.includes('peer'))
  const owed: OwedNomination[] = []
  for (const cycle of cycles) {
    for (const s of await deps.store.feedback.subjects(cycle.id)) {
      const nominator = cycle.nominationBy === 'subject' ? s.employeeId : (s.managerId ?? cycle.createdById)
      if (nominator !== employeeId) continue
      const requests = await deps.store.feedback.requests(cycle.id, s.employeeId)
      if (requests.some((r) => r.perspective === 'peer' && LIVE_REQUEST_STATUSES.includes(r.status))) continue
      const subject = await deps.store.employees.byId(s.employeeId)
      if (subject)
        owed.push({
          cycleId: cycle.id,
          cycleName: cycle.name,
          closesAt: cycle.closesAt,
          subject,
          formKey: nominationFormKey(cycle.id, s.employeeId),
        })
    }
  }
  return owed
}
