// What the nomination and approval forms show: the subject, who is already
// nominated (named: nominations are not answers), and teammates to suggest.
import type { Actor } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import { canNominate } from './cycle-stage.js'
import { type NominationRight, nominationRight } from './nomination-rights.js'
import { peopleById } from './people.js'
import type { FeedbackDeps } from './ports.js'
import type { FeedbackCycle, FeedbackRequest, FeedbackStage } from './types.js'

export interface Nominee {
  request: FeedbackRequest
  rater: Employee
}

export interface NominationView {
  cycle: FeedbackCycle
  subject: Employee
  right: Exclude<NominationRight, null>
  nominees: Nominee[]
  /** Colleagues with the same manager, not yet nominated: the likely peers. */
  suggestedPeers: Employee[]
  /** Direct reports not yet nominated. */
  suggestedReports: Employee[]
}

export type NominationViewResult =
  | { kind: 'view'; view: NominationView }
  | { kind: 'wrong_stage'; stage: FeedbackStage }
  | { kind: 'refused' }

export async function nominationView(
  deps: FeedbackDeps,
  actor: Actor,
  input: { cycleId: number; subjectId: number },
): Promise<NominationViewResult> {
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  const row = cycle && (await deps.store.feedback.subject(cycle.id, input.subjectId))
  const subject = row && (await deps.store.employees.byId(row.employeeId))
  if (!cycle || !row || !subject) return { kind: 'refused' }
  const right = await nominationRight(deps.store.employees, actor.employee, cycle, subject)
  if (!right) return { kind: 'refused' }
  if (!canNominate(cycle.stage)) return { kind: 'wrong_stage', stage: cycle.stage }
  const requests = await deps.store.feedback.requests(cycle.id, subject.id)
  const people = await peopleById(
    deps.store.employees,
    requests.map((r) => r.raterId),
  )
  const nominees = requests.flatMap((request) => {
    const rater = people.get(request.raterId)
    return rater ? [{ request, rater }] : []
  })
  const taken = new Set([subject.id, ...requests.map((r) => r.raterId), ...(row.managerId === null ? [] : [row.managerId])])
  const teammates = row.managerId === null ? [] : await deps.store.employees.reportsOf(row.managerId)
  const reports = await deps.store.employees.reportsOf(subject.id)
  return {
    kind: 'view',
    view: {
      cycle,
      subject,
      right,
      nominees,
      suggestedPeers: teammates.filter((e) => e.managerId === row.managerId && !taken.has(e.id)).slice(0, cycle.peerCap),
      suggestedReports: reports.filter((e) => e.managerId === subject.id && !taken.has(e.id)),
    },
  }
}
