// Anonymity-preserving aggregation of one subject's 360 answers. Pure.
//
// The rules, and why:
// - Self and manager are named perspectives: always shown (the raters were told).
// - An anonymous perspective (peers, direct reports) is shown — scores, comments
//   and its count — only with at least its threshold of answers. Below it,
//   nothing of it appears, not even how many answered.
// - Nothing hidden may be recoverable by subtraction. So the "others" figure is
//   built only from groups that are themselves shown: anyone could recompute it,
//   so it adds no information. Hidden perspectives may be pooled into one
//   "peers and direct reports" group, but only when every anonymous perspective
//   with answers is hidden (none is shown alone, so none can be subtracted out)
//   and the pool reaches the larger of their thresholds.
// - Comments are sorted, so their order says nothing about who answered first.
// - An answer missing a rating is ignored entirely (validation makes that
//   impossible; this keeps every mean over exactly the count shown beside it).
import { RATING_MAX, RATING_MIN } from '../evaluations/index.js'
import {
  ANONYMOUS_PERSPECTIVES,
  type AnonymousPerspective,
  type FeedbackResponse,
  type Group,
  type Perspective,
  POOLED_GROUP,
  type Thresholds,
} from './types.js'

export interface AggregateInput {
  /** The questionnaire's dimension codes, in display order. */
  codes: string[]
  responses: FeedbackResponse[]
  thresholds: Thresholds
  /** Perspectives raters were asked from: a hidden anonymous one is then named as hidden even with no answers. */
  asked: Perspective[]
}

export interface GroupResult {
  group: Group
  count: number
  /** Mean rating per dimension code, 1–5, two decimals. */
  means: Record<string, number>
  /** Mean of the dimension means. */
  overall: number
  strengths: string[]
  improvements: string[]
}

export interface OthersResult {
  /** The shown groups it is made of: everyone but self. */
  groups: Group[]
  count: number
  means: Record<string, number>
  overall: number
}

export interface DimensionComparison {
  code: string
  self: number | null
  others: number | null
  /** self − others: positive when the subject rates themself higher than others do. */
  gap: number | null
}

export interface FeedbackAggregate {
  /** Shown groups only, in the order self, manager, peer, report, peer+report. */
  groups: GroupResult[]
  /** Anonymous perspectives that were asked or answered but are shown neither alone nor pooled. */
  hidden: AnonymousPerspective[]
  others: OthersResult | null
  dimensions: DimensionComparison[]
}

const round2 = (n: number): number => Math.round(n * 100) / 100

function isComplete(response: FeedbackResponse, codes: string[]): boolean {
  return codes.every((code) => {
    const rating = response.answers.ratings[code]
    return Number.isInteger(rating) && (rating as number) >= RATING_MIN && (rating as number) <= RATING_MAX
  })
}

function meansOf(responses: FeedbackResponse[], codes: string[]): Record<string, number> {
  const means: Record<string, number> = {}
  for (const code of codes) {
    const sum = responses.reduce((s, r) => s + (r.answers.ratings[code] as number), 0)
    means[code] = round2(sum / responses.length)
  }
  return means
}

function overallOf(responses: FeedbackResponse[], codes: string[]): number {
  if (codes.length === 0) return 0
  let total = 0
  for (const code of codes) total += responses.reduce((s, r) => s + (r.answers.ratings[code] as number), 0) / responses.length
  return round2(total / codes.length)
}

const texts = (responses: FeedbackResponse[], pick: (r: FeedbackResponse) => string): string[] =>
  responses
    .map((r) => pick(r).trim())
    .filter((t) => t !== '')
    .sort()

function groupOf(group: Group, responses: FeedbackResponse[], codes: string[]): GroupResult {
  return {
    group,
    count: responses.length,
    means: meansOf(responses, codes),
    overall: overallOf(responses, codes),
    strengths: texts(responses, (r) => r.answers.strengths),
    improvements: texts(responses, (r) => r.answers.improvements),
  }
}

export interface AnonymousGrouping {
  /** Shown on their own: at least their threshold of answers. */
  alone: AnonymousPerspective[]
  /** With answers, but fewer than their threshold. */
  belowThreshold: AnonymousPerspective[]
  /** Whether the below-threshold ones (and answers already labelled as the pool) are shown together. */
  isPooled: boolean
}

/**
 * How the anonymous perspectives are shown, from their answer counts (`pooled`:
 * answers stored already labelled as the pool). The one rule the report and the
 * release of sealed answers at close (release-plan.ts) both follow.
 */
export function anonymousGroups(counts: Record<AnonymousPerspective | 'pooled', number>, thresholds: Thresholds): AnonymousGrouping {
  const alone = ANONYMOUS_PERSPECTIVES.filter((p) => counts[p] >= thresholds[p])
  const belowThreshold = ANONYMOUS_PERSPECTIVES.filter((p) => counts[p] > 0 && counts[p] < thresholds[p])
  // Pool only when no anonymous perspective with answers is shown alone: a pool
  // next to a shown member would give the hidden one away by subtraction.
  const size = counts.pooled + belowThreshold.reduce((n, p) => n + counts[p], 0)
  const members = counts.pooled > 0 ? ANONYMOUS_PERSPECTIVES : belowThreshold
  const poolThreshold = Math.max(...members.map((p) => thresholds[p]))
  const isPooled = alone.length === 0 && (belowThreshold.length >= 2 || counts.pooled > 0) && size >= poolThreshold
  return { alone, belowThreshold, isPooled }
}

export function aggregateFeedback(input: AggregateInput): FeedbackAggregate {
  const { codes, thresholds } = input
  const by = new Map<Group, FeedbackResponse[]>()
  for (const response of input.responses) {
    if (!isComplete(response, codes)) continue
    by.set(response.perspective, [...(by.get(response.perspective) ?? []), response])
  }
  const answersOf = (p: Group): FeedbackResponse[] => by.get(p) ?? []

  const shown: { group: Group; responses: FeedbackResponse[] }[] = []
  for (const p of ['self', 'manager'] as const) if (answersOf(p).length > 0) shown.push({ group: p, responses: answersOf(p) })

  const { alone, belowThreshold, isPooled } = anonymousGroups(
    { peer: answersOf('peer').length, report: answersOf('report').length, pooled: answersOf(POOLED_GROUP).length },
    thresholds,
  )
  for (const p of alone) shown.push({ group: p, responses: answersOf(p) })
  // Answers released at close already labelled as the pool (release-plan.ts) join it.
  if (isPooled) shown.push({ group: POOLED_GROUP, responses: [...belowThreshold.flatMap(answersOf), ...answersOf(POOLED_GROUP)] })

  // A pool is only ever shown with no anonymous perspective alone: it covers both.
  const covered = new Set<Perspective>(isPooled ? ANONYMOUS_PERSPECTIVES : alone)
  const mentioned = new Set<Group>([...input.asked, ...by.keys()])
  const hidden = ANONYMOUS_PERSPECTIVES.filter((p) => (mentioned.has(p) || mentioned.has(POOLED_GROUP)) && !covered.has(p))

  const groups = shown.map((s) => groupOf(s.group, s.responses, codes))
  const otherGroups = shown.filter((s) => s.group !== 'self')
  const otherResponses = otherGroups.flatMap((s) => s.responses)
  const others: OthersResult | null =
    otherResponses.length === 0
      ? null
      : {
          groups: otherGroups.map((s) => s.group),
          count: otherResponses.length,
          means: meansOf(otherResponses, codes),
          overall: overallOf(otherResponses, codes),
        }
  const self = groups.find((g) => g.group === 'self')
  const dimensions = codes.map((code) => {
    const selfMean = self?.means[code] ?? null
    const othersMean = others?.means[code] ?? null
    return {
      code,
      self: selfMean,
      others: othersMean,
      gap: selfMean !== null && othersMean !== null ? round2(selfMean - othersMean) : null,
    }
  })
  return { groups, hidden, others, dimensions }
}
