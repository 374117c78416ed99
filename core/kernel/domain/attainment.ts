// A dimension's attainment from several sources of evidence (supervisor, 360,
// peer, tests, imports, the system, self), each weighted by what HR set. Pure.
import { ratingToAttainment } from './rating-scale.js'
import type { Assessment, AssessmentSource, SourceWeights, WeightTable } from './types.js'
import { ASSESSMENT_SOURCES } from './types.js'

/**
 * Built-in weights, used where HR set none. The supervisor's named judgement,
 * an import (HR's own records) and the system's records count most; the 360
 * and peers are many anonymous views of the same person; a test measures
 * knowledge, not practice; self counts least and only ever pulls down.
 */
export const DEFAULT_SOURCE_WEIGHTS: Readonly<Record<AssessmentSource, number>> = {
  supervisor: 40,
  '360': 25,
  peer: 25,
  test: 20,
  import: 40,
  system: 40,
  // Observed practice (a probation review's scenario or hands-on task): as much as the supervisor.
  practical: 40,
  self: 10,
}

/** The weights for a job's standard: the job's override, else the organisation's, else the built-in, per source. */
export function weightsFor(table: WeightTable | undefined, jobId: number | null): Record<AssessmentSource, number> {
  const layers: SourceWeights[] = [table?.default ?? {}, (jobId === null ? undefined : table?.byJob.get(jobId)) ?? {}]
  const weights = { ...DEFAULT_SOURCE_WEIGHTS }
  for (const layer of layers) {
    for (const source of ASSESSMENT_SOURCES) {
      const w = layer[source]
      if (w !== undefined && Number.isFinite(w) && w >= 0) weights[source] = w
    }
  }
  return weights
}

/** One source's part in a dimension's attainment. */
export interface SourceEvidence {
  source: AssessmentSource
  /** Attainment 0–100 against the target standard (a rating is anchored to its required attainment). */
  value: number
  rating: number | null
  assessedAt: Date
  weight: number
  /** Whether it went into the current value (self only when it lowers it; a zero weight never). */
  counted: boolean
}

export interface IntegratedDimension {
  /** 0–100, the weighted mean of the confirmed sources (and self, when lower); 0 with no confirmed evidence. */
  current: number
  /** Some source other than self, with a weight, says something. */
  isConfirmed: boolean
  /** Self-assessed only, not yet confirmed: the self value, which does not count. */
  selfOnly: number | null
  /** The latest assessment per source, heaviest first, then newest. */
  evidence: SourceEvidence[]
}

const round2 = (n: number): number => Math.round(n * 100) / 100

/** The value an assessment stands for against a dimension requiring `required`. */
export const assessmentValue = (a: Pick<Assessment, 'rating' | 'attainment'>, required: number): number =>
  a.rating !== null && a.rating !== undefined ? ratingToAttainment(a.rating, required) : a.attainment

/** The latest assessment per source. On equal timestamps the later entry in the input wins. */
function latestPerSource(assessments: readonly Assessment[]): Map<AssessmentSource, Assessment> {
  const latest = new Map<AssessmentSource, Assessment>()
  for (const a of assessments) {
    const known = latest.get(a.source)
    if (!known || a.assessedAt.getTime() >= known.assessedAt.getTime()) latest.set(a.source, a)
  }
  return latest
}

/**
 * One dimension's attainment from its assessments (all of one dimension, any
 * order): the latest per source, each valued against `required`; current is
 * the weighted mean of the confirmed (non-self) sources. Self is blended in
 * with its weight only when that lowers the value: self can never raise a
 * dimension. With self evidence alone the dimension is "self-assessed, not yet
 * confirmed": current 0, the self value reported in `selfOnly`.
 */
export function integrateDimension(
  assessments: readonly Assessment[],
  weights: Readonly<Record<AssessmentSource, number>>,
  required: number,
): IntegratedDimension {
  const evidence: SourceEvidence[] = [...latestPerSource(assessments).values()].map((a) => ({
    source: a.source,
    value: round2(assessmentValue(a, required)),
    rating: a.rating ?? null,
    assessedAt: a.assessedAt,
    weight: weights[a.source] ?? 0,
    counted: false,
  }))
  evidence.sort((a, b) => b.weight - a.weight || b.assessedAt.getTime() - a.assessedAt.getTime())

  let sum = 0
  let total = 0
  for (const e of evidence) {
    if (e.source === 'self' || e.weight <= 0) continue
    sum += e.weight * e.value
    total += e.weight
    e.counted = true
  }
  const self = evidence.find((e) => e.source === 'self')
  if (total === 0) {
    return { current: 0, isConfirmed: false, selfOnly: self ? self.value : null, evidence }
  }
  let current = sum / total
  if (self && self.weight > 0 && self.value < current) {
    current = (sum + self.weight * self.value) / (total + self.weight)
    self.counted = true
  }
  return { current: round2(current), isConfirmed: true, selfOnly: null, evidence }
}
