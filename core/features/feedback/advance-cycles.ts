// The scheduler's entry: cycles whose window opened start collecting, cycles
// whose window closed are closed, and sealed 360 answers a crash left waiting
// are released. Idempotent: a second run finds nothing to do.

import { closeCycleNow } from './close-cycle.js'
import type { FeedbackDeps } from './ports.js'
import { releaseAnswers } from './release-answers.js'
import { startCollectingCycle } from './start-collecting.js'

export interface AdvanceResult {
  opened: number[]
  closed: number[]
}

export async function advanceCycles(deps: FeedbackDeps): Promise<AdvanceResult> {
  const now = deps.clock.now().getTime()
  const result: AdvanceResult = { opened: [], closed: [] }
  for (const cycle of await deps.store.feedback.cyclesInStages(['nominating', 'collecting'])) {
    if (cycle.stage === 'nominating' && cycle.opensAt.getTime() <= now) {
      const started = await startCollectingCycle(deps, cycle, null)
      if (started.kind !== 'moved') continue
      result.opened.push(cycle.id)
      // A window that has also already closed closes in the same run.
      if (cycle.closesAt.getTime() <= now && (await closeCycleNow(deps, started.cycle, null)).kind === 'moved') result.closed.push(cycle.id)
    } else if (cycle.stage === 'collecting' && cycle.closesAt.getTime() <= now) {
      if ((await closeCycleNow(deps, cycle, null)).kind === 'moved') result.closed.push(cycle.id)
    }
  }
  await catchUpReleases(deps)
  return result
}

/**
 * Sealed answers a crash left between a submission (or a close) and its release:
 * released as the plan allows; a closed cycle whose results were not all recorded
 * is closed again, which releases and records them.
 */
async function catchUpReleases(deps: FeedbackDeps): Promise<void> {
  for (const cycleId of await deps.store.feedback.cyclesWithPending()) {
    const cycle = await deps.store.feedback.cycle(cycleId)
    if (!cycle) continue
    const unrecorded = cycle.stage === 'closed' && (await deps.store.feedback.subjects(cycleId)).some((s) => s.resultsAt === null)
    if (unrecorded) await closeCycleNow(deps, cycle, null)
    else await releaseAnswers(deps, cycle)
  }
}
