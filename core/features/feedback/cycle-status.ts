// Where a cycle stands, for HR, its launcher and the subjects' managers. While
// nominating, nominees are listed by name (nominations are not answers); from
// collecting on, only counts per perspective: who answered is the owe-ledger's
// business (reminders), not something to browse.
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import { managesSubject, runsCycle } from './access.js'
import type { Nominee } from './nomination-view.js'
import { peopleById } from './people.js'
import type { FeedbackDeps } from './ports.js'
import type { FeedbackCycle, Perspective, RequestStatus } from './types.js'

export interface PerspectiveCount {
  perspective: Perspective
  asked: number
  answered: number
  declined: number
  /** Proposed by the subject, waiting for approval. */
  proposed: number
}

export interface SubjectStatus {
  subject: Employee
  counts: PerspectiveCount[]
  /** Only while nominating. */
  nominees: Nominee[] | null
}

export type CycleStatusResult =
  | { kind: 'status'; cycle: FeedbackCycle; subjects: SubjectStatus[] }
  | { kind: 'list'; cycles: FeedbackCycle[] }
  | { kind: 'refused' }

const count = (statuses: RequestStatus[], of: RequestStatus[]): number => statuses.filter((s) => of.includes(s)).length

export async function cycleStatus(deps: FeedbackDeps, actor: Actor, input: { cycleId?: number }): Promise<CycleStatusResult> {
  const me = actor.employee
  if (input.cycleId === undefined) {
    const all = await deps.store.feedback.cyclesInStages(['draft', 'nominating', 'collecting', 'closed', 'shared'])
    return { kind: 'list', cycles: isHr(me) ? all : all.filter((c) => c.createdById === me.id) }
  }
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  if (!cycle) return { kind: 'refused' }
  const rows = await deps.store.feedback.subjects(cycle.id)
  const people = await peopleById(
    deps.store.employees,
    rows.map((r) => r.employeeId),
  )
  const isRunner = runsCycle(me, cycle)
  const subjects: SubjectStatus[] = []
  for (const row of rows) {
    const subject = people.get(row.employeeId)
    if (!subject || (!isRunner && !(await managesSubject(deps.store.employees, me, subject)))) continue
    const requests = await deps.store.feedback.requests(cycle.id, subject.id)
    const counts = cycle.perspectives.map((perspective) => {
      const statuses = requests.filter((r) => r.perspective === perspective).map((r) => r.status)
      return {
        perspective,
        asked: count(statuses, ['open', 'submitted', 'declined', 'expired', 'approved']),
        answered: count(statuses, ['submitted']),
        declined: count(statuses, ['declined']),
        proposed: count(statuses, ['proposed']),
      }
    })
    let nominees: Nominee[] | null = null
    if (cycle.stage === 'nominating' || cycle.stage === 'draft') {
      const raters = await peopleById(
        deps.store.employees,
        requests.map((r) => r.raterId),
      )
      nominees = requests.flatMap((request) => {
        const rater = raters.get(request.raterId)
        return rater ? [{ request, rater }] : []
      })
    }
    subjects.push({ subject, counts, nominees })
  }
  if (!isRunner && subjects.length === 0) return { kind: 'refused' }
  return { kind: 'status', cycle, subjects }
}
