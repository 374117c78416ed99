// The gap engine: how far a person is from a target job's qualification
// standard, which gaps matter most, and which training closes them.
import { integrateDimension, type SourceEvidence } from './attainment.js'
import { checkRequirement } from './requirements.js'
import { type CourseSuggestion, suggestCourses } from './suggest-courses.js'
import type {
  Assessment,
  AssessmentSource,
  Certificate,
  Course,
  Dimension,
  HardRequirement,
  Indicator,
  Job,
  Progress,
  Standard,
} from './types.js'
import { type RequirementCourse, type WayForward, wayForward } from './way-forward.js'

export type { CourseSuggestion } from './suggest-courses.js'

export interface GapInput {
  now: Date
  hireDate: Date | null
  target: Job
  /** The career track of the job the person holds, if any: course suggestions fit it or the target's. */
  currentTrack?: string | null
  isOnPath: boolean
  standard: Standard | null
  progress: Progress
  courses: Course[]
  /** The catalogue's certificates, for a certificate requirement's name. */
  certificates?: Certificate[]
  /** How much each source of evidence counts for this standard (attainment.ts weightsFor). */
  weights: Readonly<Record<AssessmentSource, number>>
}

export interface DimensionGap {
  dimension: Dimension
  weight: number
  required: number
  current: number
  /** Some confirmed (non-self) evidence counts: self-evidence alone never does. */
  isAssessed: boolean
  /** Self-assessed only, not yet confirmed: the self value (it does not count); null otherwise. */
  selfOnly: number | null
  /** Which sources made `current`: the latest per source, with its value, weight and date. */
  evidence: SourceEvidence[]
  gap: number
  impact: number
  indicators: Indicator[]
  courses: CourseSuggestion[]
}

export interface RequirementCheck {
  indicatorCode: string
  requirement: HardRequirement
  isMet: boolean
  /** Years for min_years, best score for min_score (null when none); null for certificate/course. */
  actual: number | null
  /** Its name and the courses that satisfy it (a way forward when unmet). */
  way: WayForward
}

export type GapReport =
  | { kind: 'no_standard'; target: Job; isOnPath: boolean }
  | {
      kind: 'report'
      target: Job
      isOnPath: boolean
      standard: { id: number; version: number; threshold: number }
      overall: number
      dimensions: DimensionGap[]
      ranked: DimensionGap[]
      requirements: RequirementCheck[]
      /** Courses that satisfy unmet hard requirements, not yet completed: recommended before any other. */
      requiredCourses: RequirementCourse[]
      isReady: boolean
    }

export function analyzeGap(input: GapInput): GapReport {
  const { standard, target, isOnPath, progress } = input
  if (!standard) return { kind: 'no_standard', target, isOnPath }

  const byDimension = new Map<number, Assessment[]>()
  for (const a of progress.assessments) byDimension.set(a.dimensionId, [...(byDimension.get(a.dimensionId) ?? []), a])
  const dimensions: DimensionGap[] = standard.dimensions.map((sd) => {
    const required = sd.requiredAttainment ?? standard.threshold
    const integrated = integrateDimension(byDimension.get(sd.dimension.id) ?? [], input.weights, required)
    const current = integrated.current
    const gap = Math.max(0, required - current)
    return {
      dimension: sd.dimension,
      weight: sd.weight,
      required,
      current,
      isAssessed: integrated.isConfirmed,
      selfOnly: integrated.selfOnly,
      evidence: integrated.evidence,
      gap,
      impact: (sd.weight * gap) / 100,
      indicators: sd.indicators,
      courses: [],
    }
  })

  // Courses only where there is a gap to close: a met dimension needs no training.
  const gapIds = new Set(dimensions.filter((d) => d.gap > 0).map((d) => d.dimension.id))
  const tracks = new Set([target.track, input.currentTrack ?? target.track].map((t) => t.toLowerCase()))
  const suggestions = suggestCourses(input.courses, progress, gapIds, tracks)
  for (const d of dimensions) d.courses = suggestions.get(d.dimension.id) ?? []

  const overall = weightedAttainment(dimensions)
  // Every dimension at or above its own requirement (a "3 — meets the standard" everywhere).
  const meetsEveryDimension = dimensions.length > 0 && dimensions.every((d) => d.gap === 0)
  const requirements = checkRequirements(standard, input)
  return {
    kind: 'report',
    target,
    isOnPath,
    standard: { id: standard.id, version: standard.version, threshold: standard.threshold },
    overall,
    dimensions,
    ranked: rankGaps(dimensions),
    requirements,
    requiredCourses: requiredCourses(requirements),
    // Ready: every hard requirement is met, and the overall reaches the threshold (strong
    // somewhere may make up for a little short elsewhere) or every dimension meets its own
    // requirement (which matters when a dimension requires less than the threshold).
    // Self-evidence alone counts as 0, so it never makes anyone ready.
    isReady: (overall >= standard.threshold || meetsEveryDimension) && requirements.every((r) => r.isMet),
  }
}

/**
 * Σ weight·current / Σ weight, unrounded. Weights should sum to 100 but imports
 * can be off, so divide by the real sum. (The seed article's 80/75/60/90 at
 * 30/40/20/10 is 75, not the 76 it prints: that is the unweighted mean.)
 */
function weightedAttainment(dimensions: DimensionGap[]): number {
  let weighted = 0
  let weights = 0
  for (const d of dimensions) {
    weighted += d.weight * d.current
    weights += d.weight
  }
  return weights > 0 ? weighted / weights : 0
}

/** Biggest impact first; ties go to the heavier dimension, then standard order. */
function rankGaps(dimensions: DimensionGap[]): DimensionGap[] {
  return dimensions
    .map((d, index) => ({ d, index }))
    .filter(({ d }) => d.gap > 0)
    .sort((a, b) => b.d.impact - a.d.impact || b.d.weight - a.d.weight || a.index - b.index)
    .map(({ d }) => d)
}

function checkRequirements(standard: Standard, input: GapInput): RequirementCheck[] {
  const ctx = { now: input.now, hireDate: input.hireDate, evidence: input.progress.evidence }
  const checks: RequirementCheck[] = []
  for (const sd of standard.dimensions) {
    for (const indicator of sd.indicators) {
      if (!indicator.requirement) continue
      const { isMet, actual } = checkRequirement(indicator.requirement, ctx)
      const way = wayForward(indicator.requirement, { courses: input.courses, certificates: input.certificates ?? [] }, input.progress)
      checks.push({ indicatorCode: indicator.code, requirement: indicator.requirement, isMet, actual, way })
    }
  }
  return checks
}

/** Each course once, in requirement order; a completed course has done what it can (a retake is a quiz's business). */
function requiredCourses(checks: RequirementCheck[]): RequirementCourse[] {
  const seen = new Set<number>()
  const result: RequirementCourse[] = []
  for (const check of checks) {
    if (check.isMet) continue
    for (const c of check.way.courses) {
      if (seen.has(c.course.id) || c.status === 'completed' || c.status === 'waived') continue
      seen.add(c.course.id)
      result.push(c)
    }
  }
  return result
}
