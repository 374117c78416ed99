// The anchored rating scale. A rating is a judgement against the standard, not
// a percentage: "3 — meets the standard" is the dimension's required
// attainment, so "meets on every dimension" is exactly "ready" (see
// analyze-gap.ts). Pure.

export const RATING_MIN = 1
export const RATING_MAX = 5
/** The anchor that means "meets the standard": the dimension's required attainment. */
export const RATING_MEETS = 3

/**
 * The attainment a rating stands for against a dimension whose required
 * attainment is `required` (0–100): piecewise linear through
 * (1, R/3), (2, 2R/3), (3, R), (4, R + (100 − R)/2), (5, 100).
 * Fractional ratings (a 360 mean) interpolate; ratings outside 1–5 are clamped.
 * With R = 80: 1 → 26.7, 2 → 53.3, 3 → 80, 4 → 90, 5 → 100.
 */
export function ratingToAttainment(rating: number, required: number): number {
  const r = Math.min(100, Math.max(0, required))
  const anchors = [r / 3, (2 * r) / 3, r, r + (100 - r) / 2, 100]
  const x = Number.isFinite(rating) ? Math.min(RATING_MAX, Math.max(RATING_MIN, rating)) : RATING_MIN
  const low = Math.min(RATING_MAX - 1, Math.floor(x))
  const from = anchors[low - RATING_MIN] as number
  const to = anchors[low + 1 - RATING_MIN] as number
  return from + (to - from) * (x - low)
}
