// The scheduler's entry: cycles whose window opened start collecting, cycles
// whose window closed are closed. Idempotent: a second run finds nothing to do.

import { closeCycleNow } from './close-cycle.js'
import type { FeedbackDeps } from './ports.js'
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
  return result
}
