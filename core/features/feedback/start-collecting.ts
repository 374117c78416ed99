// Nominating → collecting: every approved rater gets an open rating_360 task
// (the owe-ledger the reminder engine reads) and a card asking for feedback.
import type { Actor } from '../../kernel/context.js'
import type { Delivery } from '../../kernel/messaging.js'
import { runsCycle } from './access.js'
import { type Transition, transition } from './cycle-stage.js'
import { deliver } from './deliver.js'
import { raterCard } from './feedback-card.js'
import { peopleById } from './people.js'
import type { FeedbackDeps } from './ports.js'
import type { FeedbackCycle } from './types.js'

export type StageResult =
  | { kind: 'moved'; cycle: FeedbackCycle; deliveries: Delivery[] }
  | { kind: 'illegal'; transition: Extract<Transition, { ok: false }> }
  | { kind: 'refused' }

/** Opens the given approved requests and builds each rater's card. */
export async function askRaters(deps: FeedbackDeps, cycle: FeedbackCycle, requestIds: number[]): Promise<Delivery[]> {
  if (requestIds.length === 0) return []
  const opened = await deps.store.feedback.openRequests({ ids: requestIds, dueAt: cycle.closesAt, now: deps.clock.now() })
  const people = await peopleById(
    deps.store.employees,
    opened.flatMap((r) => [r.raterId, r.subjectId]),
  )
  const deliveries: Delivery[] = []
  for (const request of opened) {
    const rater = people.get(request.raterId)
    const subject = people.get(request.subjectId)
    if (!rater || !subject || rater.status !== 'active') continue
    deliveries.push({
      recipientId: rater.id,
      purpose: 'rate',
      key: `feedback:rate:${request.id}`,
      card: raterCard({ request, cycle, subject }, rater),
    })
  }
  return deliveries
}

/** The move itself, for a person (authorised by the caller) or the scheduler at `opensAt`. */
export async function startCollectingCycle(deps: FeedbackDeps, cycle: FeedbackCycle, actorId: number | null): Promise<StageResult> {
  const move = transition(cycle.stage, 'start_collecting')
  if (!move.ok) return { kind: 'illegal', transition: move }
  const now = deps.clock.now()
  if (!(await deps.store.feedback.moveStage({ cycleId: cycle.id, from: move.from, to: move.to, at: now }))) {
    const fresh = await deps.store.feedback.cycle(cycle.id)
    return {
      kind: 'illegal',
      transition: { ok: false, from: fresh?.stage ?? cycle.stage, event: 'start_collecting', reason: 'already_done' },
    }
  }
  const moved = { ...cycle, stage: move.to, stageChangedAt: now }
  const approved = (await deps.store.feedback.requests(cycle.id)).filter((r) => r.status === 'approved').map((r) => r.id)
  const deliveries = await askRaters(deps, moved, approved)
  await deps.store.audit.record({
    actorId,
    actor: actorId === null ? 'scheduler' : `employee:${actorId}`,
    action: 'feedback.collect',
    entity: 'FeedbackCycle',
    entityId: cycle.id,
    data: { asked: deliveries.length },
  })
  await deliver(deps, deliveries)
  return { kind: 'moved', cycle: moved, deliveries }
}

/** "Open" the cycle: HR or its launcher starts collecting answers. */
export async function startCollecting(deps: FeedbackDeps, actor: Actor, input: { cycleId: number }): Promise<StageResult> {
  const cycle = await deps.store.feedback.cycle(input.cycleId)
  if (!cycle || !runsCycle(actor.employee, cycle)) return { kind: 'refused' }
  return startCollectingCycle(deps, cycle, actor.employee.id)
}
