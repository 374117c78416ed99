// "Who is ready for job X": the talent pool ordered for an HR reader.
import type { GapReport } from './analyze-gap.js'

export interface Candidate<T> {
  subject: T
  report: Extract<GapReport, { kind: 'report' }>
}

/**
 * Best first: ready people, then higher overall attainment, then fewer unmet
 * hard requirements (closer to ready). Equal candidates keep their input order.
 * Returns a new array; the input is not reordered.
 */
export function rankCandidates<T>(candidates: Candidate<T>[]): Candidate<T>[] {
  return candidates
    .map((candidate, index) => ({
      candidate,
      index,
      unmet: candidate.report.requirements.reduce((n, r) => (r.isMet ? n : n + 1), 0),
    }))
    .sort(
      (a, b) =>
        Number(b.candidate.report.isReady) - Number(a.candidate.report.isReady) ||
        b.candidate.report.overall - a.candidate.report.overall ||
        a.unmet - b.unmet ||
        a.index - b.index,
    )
    .map(({ candidate }) => candidate)
}
