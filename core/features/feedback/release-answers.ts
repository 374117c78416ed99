// Turns sealed anonymous answers into clear ones in groups (release-plan.ts):
// after each submission (for that subject), at close, and from the sweep, which
// catches up whatever a crash left waiting. Idempotent: a second run finds
// nothing more to release.
import type { FeedbackDeps } from './ports.js'
import { planRelease } from './release-plan.js'
import type { FeedbackCycle } from './types.js'

/** Releases what the plan allows for the given subjects (default: every subject with sealed answers); returns how many. */
export async function releaseAnswers(deps: FeedbackDeps, cycle: FeedbackCycle, subjectIds?: number[]): Promise<number> {
  const subjects = subjectIds ?? (await deps.store.feedback.pendingSubjects(cycle.id))
  let released = 0
  for (const subjectId of subjects) {
    const outcome = await deps.store.feedback.release({ cycleId: cycle.id, subjectId, plan: planRelease })
    released += outcome.released
    if (outcome.unreadable > 0)
      deps.log.warn(
        { cycleId: cycle.id, subjectId, unreadable: outcome.unreadable },
        'sealed 360 answers cannot be opened with this key (FEEDBACK_SEAL_KEY changed or the key file lost?): they stay sealed',
      )
  }
  return released
}
