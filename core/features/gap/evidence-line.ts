// Provenance in one line: which sources made a dimension's number, and when.
// "上级 3/5 (2026-10-12) · 360 3.4/5 · 测验 85 · 自评 5/5 未计入"
import type { SourceEvidence } from '../../kernel/domain/attainment.js'
import { RATING_MAX } from '../../kernel/domain/rating-scale.js'
import type { AssessmentSource } from '../../kernel/domain/types.js'
import { isoDate } from '../../kernel/domain/zoned-time.js'
import type { MessageKey, Translate } from '../../kernel/i18n/index.js'
import { localTime } from '../../kernel/working-time.js'

/**
 * YYYY-MM-DD in the reader's time zone. Through the kernel's zoned clock (one `en-US` formatter per
 * zone, shared with every other local time): a formatter of its own in another locale loaded that
 * locale's ICU data on every CLI question (~35 ms of `ladder ask`).
 */
export const isoDay = (at: Date, timeZone: string): string => isoDate(localTime(at, timeZone))

export const sourceLabel = (source: AssessmentSource, tr: Translate): string => tr(`evidence.source.${source}` as MessageKey)

const ratingText = (rating: number): string => `${Number.isInteger(rating) ? rating : rating.toFixed(1)}/${RATING_MAX}`

/** A source's figure: the rating when it was one, else the attainment. */
export const figure = (e: Pick<SourceEvidence, 'rating' | 'value'>): string =>
  e.rating !== null ? ratingText(e.rating) : String(Math.round(e.value))

/** The sources of one dimension, heaviest first; the date on the first (the weightiest) only, to stay short. */
export function evidenceLine(evidence: SourceEvidence[], tr: Translate, timeZone: string, isSelfOnly: boolean): string {
  return evidence
    .map((e, i) => {
      const date = i === 0 ? ` (${isoDay(e.assessedAt, timeZone)})` : ''
      const mark = e.counted
        ? ''
        : e.source === 'self'
          ? ` ${isSelfOnly ? tr('evidence.unconfirmed') : e.weight > 0 ? tr('evidence.selfNotLower') : tr('evidence.notCounted')}`
          : ` ${tr('evidence.notCounted')}`
      return `${sourceLabel(e.source, tr)} ${figure(e)}${date}${mark}`
    })
    .join(' · ')
}
