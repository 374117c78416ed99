// Hard requirements (certificates, years, mandatory courses, minimum scores):
// indicators that are met or not, whatever the weighted attainment says.
import type { Evidence, HardRequirement } from './types.js'

const MS_PER_YEAR = 365.25 * 24 * 60 * 60 * 1000

export interface RequirementContext {
  now: Date
  hireDate: Date | null
  evidence: Evidence[]
}

/** Keys come from HR spreadsheets and chat: compare them trimmed and case-insensitively. */
export const normalizeKey = (key: string): string => key.trim().toLowerCase()

/**
 * Tenure at this company (fractional years since hireDate, never negative)
 * plus prior experience recorded as Evidence of kind experience.
 */
export function yearsOfExperience(now: Date, hireDate: Date | null, evidence: Evidence[]): number {
  const tenure = hireDate ? Math.max(0, (now.getTime() - hireDate.getTime()) / MS_PER_YEAR) : 0
  let prior = 0
  for (const item of evidence) if (item.kind === 'experience') prior += item.value ?? 0
  return tenure + prior
}

/** `actual` is the years for min_years, the best score (or null) for min_score, null otherwise. */
export function checkRequirement(req: HardRequirement, ctx: RequirementContext): { isMet: boolean; actual: number | null } {
  switch (req.kind) {
    case 'certificate':
      return { isMet: hasEvidence(ctx.evidence, 'certificate', req.key), actual: null }
    case 'course':
      return { isMet: hasEvidence(ctx.evidence, 'course', req.key), actual: null }
    case 'min_years': {
      const years = yearsOfExperience(ctx.now, ctx.hireDate, ctx.evidence)
      return { isMet: years >= req.years, actual: years }
    }
    case 'min_score': {
      const best = bestScore(ctx.evidence, req.key)
      return { isMet: best !== null && best >= req.score, actual: best }
    }
  }
}

function hasEvidence(evidence: Evidence[], kind: 'certificate' | 'course', key: string): boolean {
  const wanted = normalizeKey(key)
  return evidence.some((item) => item.kind === kind && normalizeKey(item.key) === wanted)
}

/** A course result counts as a score too: a quiz pass mark is usually checked on the course record. */
function bestScore(evidence: Evidence[], key: string): number | null {
  const wanted = normalizeKey(key)
  let best: number | null = null
  for (const item of evidence) {
    if (item.kind !== 'score' && item.kind !== 'course') continue
    if (item.value === null || normalizeKey(item.key) !== wanted) continue
    if (best === null || item.value > best) best = item.value
  }
  return best
}
