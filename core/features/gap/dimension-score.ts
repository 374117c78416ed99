// "我的技术能力得分是多少" / "how did my project experience change": one
// dimension's integrated attainment now, what the next step requires, which
// sources made it, and how it moved over time.
import { type AccessBasis, subjectFor } from '../../kernel/access.js'
import type { Actor, Deps } from '../../kernel/context.js'
import { assessmentValue, integrateDimension, type SourceEvidence, weightsFor } from '../../kernel/domain/attainment.js'
import { nextSteps, standardFor } from '../../kernel/domain/career-paths.js'
import type { Assessment, AssessmentSource, Catalog, Dimension, Employee, Job } from '../../kernel/domain/types.js'
import { EMPTY_PROGRESS, gapFor, jobById } from './gap-for.js'

/** One source's results over time, oldest first, each valued against the target's requirement. */
export interface SourceHistory {
  source: AssessmentSource
  steps: { at: Date; value: number; rating: number | null }[]
}

/** The integrated value after each day on which something changed, oldest first (repeats left out). */
export interface TimelinePoint {
  at: Date
  value: number
}

export type DimensionScoreResult =
  | {
      kind: 'score'
      subject: Employee
      basis: AccessBasis
      dimension: Dimension
      target: Job
      weight: number
      required: number
      current: number
      isAssessed: boolean
      selfOnly: number | null
      evidence: SourceEvidence[]
      timeline: TimelinePoint[]
      history: SourceHistory[]
    }
  /** No dimension named: the dimensions of the next step, to pick from. */
  | { kind: 'pick'; subject: Employee; target: Job; rows: { dimension: Dimension; current: number; required: number }[] }
  | { kind: 'not_in_standard'; subject: Employee; dimension: Dimension }
  | { kind: 'unknown_dimension'; query: string }
  | { kind: 'no_job'; subject: Employee }
  | { kind: 'no_standard'; subject: Employee }
  | { kind: 'refused' }

/** The standard a dimension is measured against: the first next step that has it, else the current job. */
function targetFor(catalog: Catalog, jobId: number, dimensionId: number | null): Job | null {
  const candidates = [...nextSteps(catalog, jobId), ...[jobById(catalog, jobId)].filter((j): j is Job => j !== null)]
  for (const job of candidates) {
    const standard = standardFor(catalog, job.id)
    if (!standard) continue
    if (dimensionId === null || standard.dimensions.some((d) => d.dimension.id === dimensionId)) return job
  }
  return null
}

/** The integrated value after each assessment day, with the same weights and requirement. */
function timelineOf(assessments: Assessment[], weights: Record<AssessmentSource, number>, required: number): TimelinePoint[] {
  const sorted = [...assessments].sort((a, b) => a.assessedAt.getTime() - b.assessedAt.getTime())
  const points: TimelinePoint[] = []
  for (let i = 0; i < sorted.length; i++) {
    const at = (sorted[i] as Assessment).assessedAt
    if (i + 1 < sorted.length && (sorted[i + 1] as Assessment).assessedAt.getTime() === at.getTime()) continue
    const { current, isConfirmed } = integrateDimension(sorted.slice(0, i + 1), weights, required)
    if (!isConfirmed) continue
    if (points.length > 0 && Math.round((points.at(-1) as TimelinePoint).value) === Math.round(current)) continue
    points.push({ at, value: current })
  }
  return points
}

function historyOf(assessments: Assessment[], required: number, evidence: SourceEvidence[]): SourceHistory[] {
  const bySource = new Map<AssessmentSource, SourceHistory['steps']>()
  for (const a of [...assessments].sort((x, y) => x.assessedAt.getTime() - y.assessedAt.getTime())) {
    const steps = bySource.get(a.source) ?? []
    steps.push({ at: a.assessedAt, value: assessmentValue(a, required), rating: a.rating ?? null })
    bySource.set(a.source, steps)
  }
  // In the order of the provenance (heaviest first).
  return evidence.map((e) => ({ source: e.source, steps: bySource.get(e.source) ?? [] }))
}

export async function dimensionScore(
  deps: Deps,
  actor: Actor,
  options: { dimensionCode?: string; subjectId?: number } = {},
): Promise<DimensionScoreResult> {
  const seen = await subjectFor(deps.store.employees, actor.employee, options.subjectId)
  if (!seen) return { kind: 'refused' }
  const { subject, basis } = seen

  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  let dimension: Dimension | null = null
  if (options.dimensionCode !== undefined) {
    const code = options.dimensionCode.trim().toLowerCase()
    dimension = catalog.dimensions.find((d) => d.code.toLowerCase() === code) ?? null
    if (!dimension) return { kind: 'unknown_dimension', query: options.dimensionCode.slice(0, 80) }
  }
  if (subject.jobId === null) return { kind: 'no_job', subject }
  const target = targetFor(catalog, subject.jobId, dimension?.id ?? null)
  if (!target) return dimension ? { kind: 'not_in_standard', subject, dimension } : { kind: 'no_standard', subject }
  const progress = (await deps.store.progress.forEmployees([subject.id])).get(subject.id) ?? EMPTY_PROGRESS
  const report = gapFor(catalog, subject, progress, target, now)
  if (report.kind !== 'report') return { kind: 'no_standard', subject }
  if (!dimension) {
    return {
      kind: 'pick',
      subject,
      target,
      rows: report.dimensions.map((d) => ({ dimension: d.dimension, current: d.current, required: d.required })),
    }
  }
  const gap = report.dimensions.find((d) => d.dimension.id === dimension.id)
  if (!gap) return { kind: 'not_in_standard', subject, dimension }
  const mine = progress.assessments.filter((a) => a.dimensionId === dimension.id)
  const weights = weightsFor(catalog.weights, target.id)
  return {
    kind: 'score',
    subject,
    basis,
    dimension,
    target,
    weight: gap.weight,
    required: gap.required,
    current: gap.current,
    isAssessed: gap.isAssessed,
    selfOnly: gap.selfOnly,
    evidence: gap.evidence,
    timeline: timelineOf(mine, weights, gap.required),
    history: historyOf(mine, gap.required, gap.evidence),
  }
}
