// The evidence engine, table by table: the anchored rating scale, the weights
// per source, one dimension integrated from several sources, and readiness.
import { describe, expect, it } from 'vitest'
import { analyzeGap, type GapInput } from '../../core/kernel/domain/analyze-gap.js'
import { DEFAULT_SOURCE_WEIGHTS, integrateDimension, weightsFor } from '../../core/kernel/domain/attainment.js'
import { RATING_MEETS, ratingToAttainment } from '../../core/kernel/domain/rating-scale.js'
import type { Assessment, AssessmentSource, Dimension, Job, Standard, StandardDimension } from '../../core/kernel/domain/types.js'

const round1 = (n: number) => Math.round(n * 10) / 10

describe('ratingToAttainment: the anchored scale', () => {
  it.each([
    // [rating, required, attainment] — the worked example of docs/evidence.md (required 80) first.
    [1, 80, 26.7],
    [2, 80, 53.3],
    [3, 80, 80],
    [4, 80, 90],
    [5, 80, 100],
    [3, 60, 60],
    [4, 60, 80],
    [1, 60, 20],
    [3, 100, 100],
    [4, 100, 100],
    // Fractional ratings (a 360 mean) interpolate between the anchors.
    [3.4, 80, 84],
    [2.5, 80, 66.7],
    [4.5, 80, 95],
    [1.5, 90, 45],
    // Out of range is clamped, nonsense is the lowest rating.
    [0, 80, 26.7],
    [7, 80, 100],
    [Number.NaN, 80, 26.7],
  ])('%s against required %s → %s', (rating, required, expected) => {
    expect(round1(ratingToAttainment(rating, required))).toBe(expected)
  })

  it('"3 — meets the standard" is exactly the required attainment, for every requirement', () => {
    for (let required = 0; required <= 100; required++) expect(ratingToAttainment(RATING_MEETS, required)).toBe(required)
  })

  it('never falls as the rating rises', () => {
    for (const required of [0, 40, 75, 80, 95, 100]) {
      let last = -1
      for (let r = 1; r <= 5; r += 0.1) {
        const value = ratingToAttainment(r, required)
        expect(value).toBeGreaterThanOrEqual(last)
        last = value
      }
    }
  })
})

describe('weightsFor: job override over organisation default over built-in, per source', () => {
  const table = {
    default: { supervisor: 50, self: 0 },
    byJob: new Map<number, Partial<Record<AssessmentSource, number>>>([[7, { supervisor: 30, test: 60 }]]),
  }
  it.each([
    { name: 'no table: the built-in weights', table: undefined, jobId: 7, expected: DEFAULT_SOURCE_WEIGHTS },
    { name: 'organisation default only', table, jobId: 8, expected: { ...DEFAULT_SOURCE_WEIGHTS, supervisor: 50, self: 0 } },
    { name: 'job override on top', table, jobId: 7, expected: { ...DEFAULT_SOURCE_WEIGHTS, supervisor: 30, self: 0, test: 60 } },
    { name: 'no job', table, jobId: null, expected: { ...DEFAULT_SOURCE_WEIGHTS, supervisor: 50, self: 0 } },
    {
      name: 'a negative or non-finite weight is ignored',
      table: { default: { supervisor: -5, peer: Number.NaN }, byJob: new Map() },
      jobId: 1,
      expected: DEFAULT_SOURCE_WEIGHTS,
    },
  ])('$name', ({ table, jobId, expected }) => expect(weightsFor(table, jobId)).toEqual(expected))
})

const day = (n: number) => new Date(Date.UTC(2026, 0, n))
const a = (source: AssessmentSource, attainment: number, at: number, rating: number | null = null, dimensionId = 1): Assessment => ({
  dimensionId,
  attainment,
  source,
  assessedAt: day(at),
  rating,
})

describe('integrateDimension', () => {
  const W = DEFAULT_SOURCE_WEIGHTS
  it.each([
    { name: 'nothing: 0, unconfirmed', rows: [], expected: { current: 0, isConfirmed: false, selfOnly: null } },
    {
      name: 'one supervisor figure stands alone',
      rows: [a('supervisor', 70, 1)],
      expected: { current: 70, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'a supervisor rating is anchored to the required attainment (3 → 80)',
      rows: [a('supervisor', 60, 1, 3)],
      expected: { current: 80, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'the latest per source: an older supervisor figure is history',
      rows: [a('supervisor', 40, 1), a('supervisor', 90, 5)],
      expected: { current: 90, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'supervisor 40 and 360 25 make a weighted mean (80·40 + 60·25) / 65',
      rows: [a('supervisor', 80, 1), a('360', 60, 2)],
      expected: { current: 72.31, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'supervisor, 360, test and import together',
      rows: [a('supervisor', 0, 1, 3), a('360', 0, 2, 3.4), a('test', 85, 3), a('import', 70, 4)],
      // (80·40 + 84·25 + 85·20 + 70·40) / 125
      expected: { current: 78.4, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'self higher than the rest does not raise it',
      rows: [a('supervisor', 70, 1), a('self', 100, 2, 5)],
      expected: { current: 70, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'self lower than the rest pulls it down with its weight (70·40 + 50·10) / 50',
      rows: [a('supervisor', 70, 1), a('self', 50, 2)],
      expected: { current: 66, isConfirmed: true, selfOnly: null },
    },
    {
      name: 'self alone is not yet confirmed: 0, the self value reported apart',
      rows: [a('self', 0, 1, 5)],
      expected: { current: 0, isConfirmed: false, selfOnly: 100 },
    },
    {
      name: 'on equal timestamps the later row of a source wins',
      rows: [a('supervisor', 50, 3), a('supervisor', 65, 3)],
      expected: { current: 65, isConfirmed: true, selfOnly: null },
    },
  ])('$name', ({ rows, expected }) => {
    const { current, isConfirmed, selfOnly } = integrateDimension(rows, W, 80)
    expect({ current, isConfirmed, selfOnly }).toEqual(expected)
  })

  it('a source weighted 0 is shown but not counted; with nothing else left the dimension is unconfirmed', () => {
    const weights = { ...W, '360': 0 }
    const result = integrateDimension([a('360', 90, 1), a('self', 60, 2)], weights, 80)
    expect(result).toMatchObject({ current: 0, isConfirmed: false, selfOnly: 60 })
    expect(result.evidence.map((e) => [e.source, e.counted])).toEqual([
      ['self', false],
      ['360', false],
    ])
  })

  it('reports the provenance: the latest per source, heaviest first, with value, rating, date, weight and whether it counted', () => {
    const result = integrateDimension([a('self', 0, 9, 5), a('360', 0, 4, 3.4), a('supervisor', 40, 1), a('supervisor', 0, 6, 3)], W, 80)
    expect(result.evidence).toEqual([
      { source: 'supervisor', value: 80, rating: 3, assessedAt: day(6), weight: 40, counted: true },
      { source: '360', value: 84, rating: 3.4, assessedAt: day(4), weight: 25, counted: true },
      { source: 'self', value: 100, rating: 5, assessedAt: day(9), weight: 10, counted: false },
    ])
  })
})

// Readiness with the anchored scale, on the seed article's R&D standard (30/40/20/10, threshold 80).
const dim = (id: number, code: string): Dimension => ({ id, code, name: { zh: code, en: code } })
const DIMS = [dim(1, 'knowledge'), dim(2, 'tech'), dim(3, 'project'), dim(4, 'culture')]
const TARGET: Job = { id: 7, code: 'RD3', title: { zh: 'RD3', en: 'RD3' }, track: 'rd', level: 3 }
const sd = (i: number, weight: number, requiredAttainment: number | null = null): StandardDimension => ({
  dimension: DIMS[i] as Dimension,
  weight,
  requiredAttainment,
  indicators: [],
})
const standardOf = (dimensions: StandardDimension[], threshold = 80): Standard => ({
  id: 1,
  jobId: 7,
  version: 1,
  effectiveFrom: day(1),
  threshold,
  dimensions,
})
const SEED = standardOf([sd(0, 30), sd(1, 40), sd(2, 20), sd(3, 10)])
// Culture fit asks for less than the threshold: meeting every dimension is still ready.
const LOW_CULTURE = standardOf([sd(0, 30), sd(1, 40), sd(2, 20), sd(3, 10, 50)])

const ratings = (source: AssessmentSource, values: number[], at = 10): Assessment[] =>
  values.map((rating, i) => ({ dimensionId: i + 1, attainment: 0, source, assessedAt: day(at), rating }))

function gapOf(standard: Standard, assessments: Assessment[]) {
  const input: GapInput = {
    now: day(20),
    hireDate: null,
    target: TARGET,
    isOnPath: true,
    standard,
    progress: { assessments, evidence: [], assignments: [] },
    courses: [],
    weights: DEFAULT_SOURCE_WEIGHTS,
  }
  const report = analyzeGap(input)
  if (report.kind !== 'report') throw new Error('no report')
  return { overall: Math.round(report.overall * 100) / 100, isReady: report.isReady, assessed: report.dimensions.map((d) => d.isAssessed) }
}

describe('readiness on the anchored scale', () => {
  it.each([
    {
      name: 'supervisor 3 everywhere: meets the standard, ready',
      standard: SEED,
      rows: ratings('supervisor', [3, 3, 3, 3]),
      overall: 80,
      isReady: true,
    },
    {
      name: 'one notch below on the heaviest dimension: not ready',
      standard: SEED,
      rows: ratings('supervisor', [3, 2, 3, 3]),
      overall: 69.33,
      isReady: false,
    },
    {
      name: 'a 4 elsewhere makes up for a 2 on the lightest dimension (compensation stays)',
      standard: SEED,
      rows: ratings('supervisor', [4, 3, 3, 2]),
      overall: 80.33,
      isReady: true,
    },
    {
      name: 'self 5 everywhere and nothing else: not confirmed, 0, not ready',
      standard: SEED,
      rows: ratings('self', [5, 5, 5, 5]),
      overall: 0,
      isReady: false,
    },
    {
      name: 'self 5 on top of supervisor 2s changes nothing',
      standard: SEED,
      rows: [...ratings('supervisor', [2, 2, 2, 2], 5), ...ratings('self', [5, 5, 5, 5])],
      overall: 53.33,
      isReady: false,
    },
    {
      name: 'a dimension requiring less than the threshold: 3 everywhere is ready although overall < threshold',
      standard: LOW_CULTURE,
      rows: ratings('supervisor', [3, 3, 3, 3]),
      overall: 77,
      isReady: true,
    },
    {
      name: 'the same standard, 2 on the heaviest: not ready',
      standard: LOW_CULTURE,
      rows: ratings('supervisor', [3, 2, 3, 3]),
      overall: 66.33,
      isReady: false,
    },
  ])('$name', ({ standard, rows, overall, isReady }) => {
    expect(gapOf(standard, rows)).toMatchObject({ overall, isReady })
  })

  it('self-evidence alone leaves a dimension unassessed', () => {
    expect(gapOf(SEED, [...ratings('supervisor', [3, 3, 3], 5), ...ratings('self', [5, 5, 5, 5])]).assessed).toEqual([
      true,
      true,
      true,
      false,
    ])
  })
})
