// One subject's 360 result: the anonymity-safe aggregate, strengths and
// development areas by what others see, courses for the development areas, and
// the mean rating by others the result records as an Assessment. Pure.
import { suggestCourses } from '../../kernel/domain/suggest-courses.js'
import type { Course, Progress } from '../../kernel/domain/types.js'
import { aggregateFeedback, type FeedbackAggregate } from './aggregate.js'
import type { FeedbackResponse, Perspective, QuestionnaireItem, Thresholds } from './types.js'

export interface FeedbackReport {
  questionnaire: QuestionnaireItem[]
  aggregate: FeedbackAggregate
  /** Highest-rated by others, best first. */
  strengths: QuestionnaireItem[]
  /** Lowest-rated by others, weakest first. */
  developmentAreas: QuestionnaireItem[]
  /** Courses that improve each development area, not yet completed. */
  courses: { dimensionId: number; courses: Course[] }[]
  /** The mean rating (1–5) per dimension from the shown non-self groups; the gap engine weighs it as the 360 source. */
  ratings: { dimensionId: number; rating: number }[]
}

export interface ReportInput {
  questionnaire: QuestionnaireItem[]
  responses: FeedbackResponse[]
  thresholds: Thresholds
  asked: Perspective[]
  courses: Course[]
  progress: Progress
}

/** At most this many strengths and development areas, and never more than half the dimensions each. */
const HIGHLIGHTS = 2

export function buildReport(input: ReportInput): FeedbackReport {
  const { questionnaire } = input
  const aggregate = aggregateFeedback({
    codes: questionnaire.map((q) => q.code),
    responses: input.responses,
    thresholds: input.thresholds,
    asked: input.asked,
  })
  const others = aggregate.others
  const ranked = others
    ? [...questionnaire].sort((a, b) => (others.means[b.code] as number) - (others.means[a.code] as number) || (a.code < b.code ? -1 : 1))
    : []
  const k = Math.min(HIGHLIGHTS, Math.floor(ranked.length / 2))
  const strengths = ranked.slice(0, k)
  const developmentAreas = k === 0 ? [] : ranked.slice(-k).reverse()
  const wanted = new Set(developmentAreas.map((d) => d.dimensionId))
  const suggestions = suggestCourses(input.courses, input.progress, wanted)
  return {
    questionnaire,
    aggregate,
    strengths,
    developmentAreas,
    courses: developmentAreas.map((d) => ({
      dimensionId: d.dimensionId,
      courses: (suggestions.get(d.dimensionId) ?? []).map((s) => s.course),
    })),
    ratings: others ? questionnaire.map((q) => ({ dimensionId: q.dimensionId, rating: others.means[q.code] as number })) : [],
  }
}
