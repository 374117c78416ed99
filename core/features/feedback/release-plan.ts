// When sealed anonymous answers become readable (docs/feedback-360.md, "Threat
// model"). Pure.
//
// A peer's or direct report's answer is stored sealed (encrypted, under a key
// outside the data directory) in the transaction that marks their request
// submitted, so a copy of the files links each sealed row to its rater but not to
// what it says. Answers are opened and written in clear only in groups: every
// clear answer appears in a commit together with at least the threshold of
// others of its group, so the raters whose sealed rows vanished in that commit
// are the narrowest set anyone can link it to.
//
// While collecting, a perspective's answers are released once 2 × threshold are
// waiting, all but `threshold` of them (a random subset, picked by the store): the
// ones held back guarantee that whatever is left at close is again at least the
// threshold. At close the rest is released exactly as the report will show it
// (aggregate.ts's anonymousGroups): a perspective shown alone as itself, hidden
// perspectives shown together as the pool, labelled as the pool so the stored
// rows cannot split it; a group the report does not show is never opened.
import { anonymousGroups } from './aggregate.js'
import { ANONYMOUS_PERSPECTIVES, type AnonymousPerspective, POOLED_GROUP, type Thresholds } from './types.js'

/** What the store knows about one subject's anonymous answers, read inside the releasing transaction. */
export interface ReleaseState {
  /** The cycle is closed (or shared): no answer will come any more. */
  closed: boolean
  thresholds: Thresholds
  /** Clear answers already stored, per label. */
  clear: Record<AnonymousPerspective | 'pooled', number>
  /** Sealed answers waiting, per perspective. */
  pending: Record<AnonymousPerspective, number>
}

/** Open this many sealed answers of each perspective (a random subset) and store them labelled `as`, as one group. */
export interface ReleaseStep {
  take: Record<AnonymousPerspective, number>
  as: AnonymousPerspective | typeof POOLED_GROUP
}

const none = (): Record<AnonymousPerspective, number> => ({ peer: 0, report: 0 })

/** While collecting: how many of `pending` sealed answers of one perspective to release now. */
export function releaseWhileCollecting(pending: number, threshold: number): number {
  return pending >= 2 * threshold ? pending - threshold : 0
}

export function planRelease(state: ReleaseState): ReleaseStep[] {
  const { pending, thresholds } = state
  if (!state.closed) {
    return ANONYMOUS_PERSPECTIVES.flatMap((p) => {
      const n = releaseWhileCollecting(pending[p], thresholds[p])
      return n > 0 ? [{ take: { ...none(), [p]: n }, as: p }] : []
    })
  }
  const totals = { peer: state.clear.peer + pending.peer, report: state.clear.report + pending.report, pooled: state.clear.pooled }
  const { alone, belowThreshold, isPooled } = anonymousGroups(totals, thresholds)
  const steps: ReleaseStep[] = alone.filter((p) => pending[p] > 0).map((p) => ({ take: { ...none(), [p]: pending[p] }, as: p }))
  if (isPooled && belowThreshold.some((p) => pending[p] > 0)) {
    const take = none()
    for (const p of belowThreshold) take[p] = pending[p]
    steps.push({ take, as: POOLED_GROUP })
  }
  return steps
}
