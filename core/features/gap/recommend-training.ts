import type { Actor, Deps } from '../../kernel/context.js'
import type { Course, Dimension, Job } from '../../kernel/domain/types.js'
import { promotionGap } from './promotion-gap.js'

export interface Recommendation {
  course: Course
  /** The dimension it improves most; null for a course recommended because a hard requirement needs it. */
  dimension: Dimension | null
  target: Job
  /** It meets an unmet hard requirement of the target: listed first. */
  isRequired: boolean
  /** weight × gap of the dimension the course improves: what completing it is worth. */
  impact: number
  isAssigned: boolean
}

export type RecommendTrainingResult = { kind: 'recommendations'; items: Recommendation[] } | { kind: 'no_gaps' } | { kind: 'no_path' }

const LIMIT = 6

/**
 * Courses that meet unmet hard requirements first, then courses for my largest
 * gaps across my next steps, each course once, biggest impact first.
 */
export async function recommendTraining(
  deps: Deps,
  actor: Actor,
  options: { targetJobCode?: string } = {},
): Promise<RecommendTrainingResult> {
  const gap = await promotionGap(deps, actor, options)
  if (gap.kind !== 'reports') return { kind: 'no_path' }
  const best = new Map<number, Recommendation>()
  const required = new Map<number, Recommendation>()
  for (const report of gap.reports) {
    if (report.kind !== 'report') continue
    for (const r of report.requiredCourses) {
      if (required.has(r.course.id)) continue
      required.set(r.course.id, {
        course: r.course,
        dimension: null,
        target: report.target,
        impact: 0,
        isAssigned: r.isAssigned,
        isRequired: true,
      })
    }
    for (const dim of report.ranked) {
      for (const suggestion of dim.courses) {
        const seen = best.get(suggestion.course.id)
        if (seen && seen.impact >= dim.impact) continue
        best.set(suggestion.course.id, {
          course: suggestion.course,
          dimension: dim.dimension,
          target: report.target,
          impact: dim.impact,
          isAssigned: suggestion.isAssigned,
          isRequired: false,
        })
      }
    }
  }
  for (const id of required.keys()) best.delete(id)
  const byImpact = [...best.values()].sort((a, b) => Number(a.isAssigned) - Number(b.isAssigned) || b.impact - a.impact)
  const items = [...required.values(), ...byImpact].slice(0, Math.max(LIMIT, required.size))
  return items.length === 0 ? { kind: 'no_gaps' } : { kind: 'recommendations', items }
}
