import { describe, expect, it } from 'vitest'
import { analyzeGap, type GapInput, type GapReport } from '../../core/kernel/domain/analyze-gap.js'
import { DEFAULT_SOURCE_WEIGHTS } from '../../core/kernel/domain/attainment.js'
import { checkRequirement, yearsOfExperience } from '../../core/kernel/domain/requirements.js'
import type {
  Assessment,
  Assignment,
  AssignmentStatus,
  Course,
  Dimension,
  Evidence,
  HardRequirement,
  Indicator,
  Job,
  Standard,
  StandardDimension,
} from '../../core/kernel/domain/types.js'

// The seed article's R&D engineer: 专业知识 30 %, 技术能力 40 %, 项目经验 20 %, 文化认同 10 %.
const dim = (id: number, code: string, zh: string): Dimension => ({ id, code, name: { zh, en: code } })
const KNOWLEDGE = dim(1, 'knowledge', '专业知识')
const TECH = dim(2, 'tech', '技术能力')
const PROJECT = dim(3, 'project', '项目经验')
const CULTURE = dim(4, 'culture', '文化认同')

const NOW = new Date('2026-01-01T00:00:00Z')
const TARGET: Job = { id: 7, code: 'RD3', title: { zh: '高级研发工程师', en: 'Senior R&D engineer' }, track: 'rd', level: 3 }

const sd = (dimension: Dimension, weight: number, extra: Partial<StandardDimension> = {}): StandardDimension => ({
  dimension,
  weight,
  requiredAttainment: null,
  indicators: [],
  ...extra,
})

const indicator = (code: string, requirement: HardRequirement | null = null): Indicator => ({
  code,
  text: { zh: code, en: code },
  requirement,
})

const seedDimensions = (weights: [number, number, number, number] = [30, 40, 20, 10]): StandardDimension[] => [
  sd(KNOWLEDGE, weights[0]),
  sd(TECH, weights[1]),
  sd(PROJECT, weights[2]),
  sd(CULTURE, weights[3]),
]

const standard = (dimensions: StandardDimension[] = seedDimensions(), threshold = 80): Standard => ({
  id: 70,
  jobId: TARGET.id,
  version: 2,
  effectiveFrom: new Date('2025-01-01T00:00:00Z'),
  threshold,
  dimensions,
})

const assessed = (dimensionId: number, attainment: number, at = '2025-06-01T00:00:00Z'): Assessment => ({
  dimensionId,
  attainment,
  source: 'supervisor',
  assessedAt: new Date(at),
  rating: null,
})

const seedScores = (k: number, t: number, p: number, c: number): Assessment[] => [
  assessed(1, k),
  assessed(2, t),
  assessed(3, p),
  assessed(4, c),
]

const evidence = (kind: Evidence['kind'], key: string, value: number | null = null): Evidence => ({
  kind,
  key,
  value,
  obtainedAt: new Date('2025-01-01T00:00:00Z'),
})

const course = (id: number, code: string, dimensionIds: number[]): Course => ({
  id,
  code,
  title: { zh: code, en: code },
  format: 'online',
  durationMinutes: 60,
  url: null,
  passMark: null,
  verification: 'none',
  certificateCode: null,
  quizSize: 0,
  dimensionIds,
  audienceTracks: [],
})

const assignment = (id: number, courseId: number, status: AssignmentStatus, assignedAt = '2025-09-01T00:00:00Z'): Assignment => ({
  id,
  employeeId: 1,
  courseId,
  status,
  source: 'hr',
  assignedAt: new Date(assignedAt),
  dueAt: null,
  completedAt: null,
  score: null,
  snoozedUntil: null,
  assignedById: null,
  reportedAt: null,
  verifiedBy: null,
})

function input(over: Partial<GapInput> & { assessments?: Assessment[]; evidence?: Evidence[]; assignments?: Assignment[] } = {}): GapInput {
  const { assessments = [], evidence: ev = [], assignments = [], ...rest } = over
  return {
    now: NOW,
    hireDate: null,
    target: TARGET,
    isOnPath: true,
    standard: standard(),
    progress: { assessments, evidence: ev, assignments },
    courses: [],
    weights: DEFAULT_SOURCE_WEIGHTS,
    ...rest,
  }
}

/** The numbers a reader sees, one row per dimension: [code, weight, required, current, isAssessed, gap, impact]. */
function summary(report: GapReport) {
  if (report.kind !== 'report') return report
  return {
    overall: report.overall,
    isReady: report.isReady,
    isOnPath: report.isOnPath,
    rows: report.dimensions.map((d) => [d.dimension.code, d.weight, d.required, d.current, d.isAssessed, d.gap, d.impact]),
    ranked: report.ranked.map((d) => d.dimension.code),
  }
}

describe('analyzeGap: attainment, gaps and ranking', () => {
  const cases: { name: string; input: GapInput; expected: ReturnType<typeof summary> }[] = [
    {
      name: 'seed example 80/75/60/90 at 30/40/20/10 is 75 (weighted), project experience the main gap',
      input: input({ assessments: seedScores(80, 75, 60, 90) }),
      expected: {
        overall: 75,
        isReady: false,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 80, true, 0, 0],
          ['tech', 40, 80, 75, true, 5, 2],
          ['project', 20, 80, 60, true, 20, 4],
          ['culture', 10, 80, 90, true, 0, 0],
        ],
        ranked: ['project', 'tech'],
      },
    },
    {
      name: 'weights not summing to 100 are divided by their sum',
      input: input({ standard: standard(seedDimensions([3, 4, 2, 1])), assessments: seedScores(80, 75, 60, 90) }),
      expected: {
        overall: 75,
        isReady: false,
        isOnPath: true,
        rows: [
          ['knowledge', 3, 80, 80, true, 0, 0],
          ['tech', 4, 80, 75, true, 5, 0.2],
          ['project', 2, 80, 60, true, 20, 0.4],
          ['culture', 1, 80, 90, true, 0, 0],
        ],
        ranked: ['project', 'tech'],
      },
    },
    {
      name: 'no assessments: everything 0 and not assessed',
      input: input(),
      expected: {
        overall: 0,
        isReady: false,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 0, false, 80, 24],
          ['tech', 40, 80, 0, false, 80, 32],
          ['project', 20, 80, 0, false, 80, 16],
          ['culture', 10, 80, 0, false, 80, 8],
        ],
        ranked: ['tech', 'knowledge', 'project', 'culture'],
      },
    },
    {
      name: 'history: only the latest counts, whatever the input order; equal timestamps: the later entry wins',
      input: input({
        assessments: [
          assessed(3, 90, '2025-06-01T00:00:00Z'),
          assessed(3, 40, '2024-01-01T00:00:00Z'),
          assessed(1, 50, '2025-03-01T00:00:00Z'),
          assessed(1, 85, '2025-03-01T00:00:00Z'),
          assessed(2, 100, '2024-01-01T00:00:00Z'),
          assessed(2, 70, '2025-01-01T00:00:00Z'),
        ],
      }),
      expected: {
        overall: (30 * 85 + 40 * 70 + 20 * 90 + 10 * 0) / 100,
        isReady: false,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 85, true, 0, 0],
          ['tech', 40, 80, 70, true, 10, 4],
          ['project', 20, 80, 90, true, 0, 0],
          ['culture', 10, 80, 0, false, 80, 8],
        ],
        ranked: ['culture', 'tech'],
      },
    },
    {
      name: 'an employee at 100 % is ready and has nothing ranked',
      input: input({ assessments: seedScores(100, 100, 100, 100) }),
      expected: {
        overall: 100,
        isReady: true,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 100, true, 0, 0],
          ['tech', 40, 80, 100, true, 0, 0],
          ['project', 20, 80, 100, true, 0, 0],
          ['culture', 10, 80, 100, true, 0, 0],
        ],
        ranked: [],
      },
    },
    {
      name: 'overall exactly at the threshold is ready, though one dimension is short',
      input: input({ assessments: seedScores(80, 80, 70, 100) }),
      expected: {
        overall: 80,
        isReady: true,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 80, true, 0, 0],
          ['tech', 40, 80, 80, true, 0, 0],
          ['project', 20, 80, 70, true, 10, 2],
          ['culture', 10, 80, 100, true, 0, 0],
        ],
        ranked: ['project'],
      },
    },
    {
      name: 'a target not on any path is still analysed, flagged not on path',
      input: input({ isOnPath: false, assessments: seedScores(90, 90, 90, 90) }),
      expected: {
        overall: 90,
        isReady: true,
        isOnPath: false,
        rows: [
          ['knowledge', 30, 80, 90, true, 0, 0],
          ['tech', 40, 80, 90, true, 0, 0],
          ['project', 20, 80, 90, true, 0, 0],
          ['culture', 10, 80, 90, true, 0, 0],
        ],
        ranked: [],
      },
    },
    {
      name: 'ranking ties on impact: the heavier dimension first',
      // knowledge 30×10, project 20×15, culture 10×30: all impact 3.
      input: input({ assessments: seedScores(70, 80, 65, 50) }),
      expected: {
        overall: (30 * 70 + 40 * 80 + 20 * 65 + 10 * 50) / 100,
        isReady: false,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 70, true, 10, 3],
          ['tech', 40, 80, 80, true, 0, 0],
          ['project', 20, 80, 65, true, 15, 3],
          ['culture', 10, 80, 50, true, 30, 3],
        ],
        ranked: ['knowledge', 'project', 'culture'],
      },
    },
    {
      name: 'ranking ties on impact and weight: standard order',
      input: input({
        standard: standard([sd(CULTURE, 25), sd(TECH, 25), sd(KNOWLEDGE, 25), sd(PROJECT, 25)]),
        assessments: seedScores(60, 60, 90, 60),
      }),
      expected: {
        overall: 67.5,
        isReady: false,
        isOnPath: true,
        rows: [
          ['culture', 25, 80, 60, true, 20, 5],
          ['tech', 25, 80, 60, true, 20, 5],
          ['knowledge', 25, 80, 60, true, 20, 5],
          ['project', 25, 80, 90, true, 0, 0],
        ],
        ranked: ['culture', 'tech', 'knowledge'],
      },
    },
    {
      name: 'required attainment overrides the threshold per dimension',
      input: input({
        standard: standard([
          sd(KNOWLEDGE, 30),
          sd(TECH, 40, { requiredAttainment: 60 }),
          sd(PROJECT, 20),
          sd(CULTURE, 10, { requiredAttainment: 95 }),
        ]),
        assessments: seedScores(80, 75, 60, 90),
      }),
      expected: {
        overall: 75,
        isReady: false,
        isOnPath: true,
        rows: [
          ['knowledge', 30, 80, 80, true, 0, 0],
          ['tech', 40, 60, 75, true, 0, 0],
          ['project', 20, 80, 60, true, 20, 4],
          ['culture', 10, 95, 90, true, 5, 0.5],
        ],
        ranked: ['project', 'culture'],
      },
    },
    {
      name: 'assessments of dimensions outside the standard are ignored',
      input: input({ standard: standard([sd(KNOWLEDGE, 100)], 70), assessments: [assessed(1, 72), assessed(9, 10)] }),
      expected: { overall: 72, isReady: true, isOnPath: true, rows: [['knowledge', 100, 70, 72, true, 0, 0]], ranked: [] },
    },
    {
      name: 'a standard without dimensions is 0 and not ready',
      input: input({ standard: standard([]) }),
      expected: { overall: 0, isReady: false, isOnPath: true, rows: [], ranked: [] },
    },
  ]

  it.each(cases)('$name', ({ input: given, expected }) => {
    expect(summary(analyzeGap(given))).toEqual(expected)
  })

  it.each([true, false])('no standard for the target (isOnPath %s passed through)', (onPath) => {
    expect(analyzeGap(input({ standard: null, isOnPath: onPath, assessments: seedScores(80, 75, 60, 90) }))).toEqual({
      kind: 'no_standard',
      target: TARGET,
      isOnPath: onPath,
    })
  })

  it('reports the standard identity and the ranked entries are the dimension entries', () => {
    const report = analyzeGap(input({ assessments: seedScores(80, 75, 60, 90) }))
    if (report.kind !== 'report') throw new Error('expected a report')
    expect(report.standard).toEqual({ id: 70, version: 2, threshold: 80 })
    expect(report.target).toBe(TARGET)
    expect(report.ranked[0]).toBe(report.dimensions[2])
  })
})

describe('checkRequirement', () => {
  // 2022-01-01 → 2026-01-01 is 1461 days: exactly 4 years of 365.25 days.
  const HIRED_4Y = new Date('2022-01-01T00:00:00Z')
  const cases: {
    name: string
    requirement: HardRequirement
    hireDate?: Date | null
    evidence: Evidence[]
    expected: { isMet: boolean; actual: number | null }
  }[] = [
    {
      name: 'certificate met, key trimmed and case-insensitive',
      requirement: { kind: 'certificate', key: 'PMP' },
      evidence: [evidence('certificate', '  pmp ')],
      expected: { isMet: true, actual: null },
    },
    {
      name: 'certificate unmet: same key but another kind of evidence',
      requirement: { kind: 'certificate', key: 'PMP' },
      evidence: [evidence('course', 'PMP'), evidence('score', 'PMP', 99)],
      expected: { isMet: false, actual: null },
    },
    {
      name: 'certificate unmet: another certificate',
      requirement: { kind: 'certificate', key: 'PMP' },
      evidence: [evidence('certificate', 'CFA')],
      expected: { isMet: false, actual: null },
    },
    {
      name: 'min_years met by tenure plus prior experience',
      requirement: { kind: 'min_years', years: 5 },
      hireDate: HIRED_4Y,
      evidence: [evidence('experience', 'previous employer', 1.5), evidence('experience', 'unknown', null), evidence('score', 'x', 10)],
      expected: { isMet: true, actual: 5.5 },
    },
    {
      name: 'min_years met exactly at the boundary',
      requirement: { kind: 'min_years', years: 4 },
      hireDate: HIRED_4Y,
      evidence: [],
      expected: { isMet: true, actual: 4 },
    },
    {
      name: 'min_years unmet',
      requirement: { kind: 'min_years', years: 6 },
      hireDate: HIRED_4Y,
      evidence: [evidence('experience', 'previous employer', 1.5)],
      expected: { isMet: false, actual: 5.5 },
    },
    {
      name: 'min_years without a hire date counts prior experience only',
      requirement: { kind: 'min_years', years: 2 },
      hireDate: null,
      evidence: [evidence('experience', 'a', 1), evidence('experience', 'b', 0.5)],
      expected: { isMet: false, actual: 1.5 },
    },
    {
      name: 'course met by its code, case-insensitive',
      requirement: { kind: 'course', key: 'SAFE-101' },
      evidence: [evidence('course', 'safe-101', 60)],
      expected: { isMet: true, actual: null },
    },
    {
      name: 'course unmet',
      requirement: { kind: 'course', key: 'SAFE-101' },
      evidence: [evidence('course', 'SAFE-102'), evidence('certificate', 'SAFE-101')],
      expected: { isMet: false, actual: null },
    },
    {
      name: 'min_score met by the best of score and course evidence',
      requirement: { kind: 'min_score', key: 'QUIZ-1', score: 80 },
      evidence: [
        evidence('score', 'QUIZ-1', 70),
        evidence('course', 'quiz-1', 85),
        evidence('score', 'QUIZ-1', null),
        evidence('score', 'QUIZ-2', 99),
      ],
      expected: { isMet: true, actual: 85 },
    },
    {
      name: 'min_score met exactly at the pass mark',
      requirement: { kind: 'min_score', key: 'QUIZ-1', score: 80 },
      evidence: [evidence('score', 'QUIZ-1', 80)],
      expected: { isMet: true, actual: 80 },
    },
    {
      name: 'min_score unmet: best below the mark (retakes count, the best one)',
      requirement: { kind: 'min_score', key: 'QUIZ-1', score: 80 },
      evidence: [evidence('score', 'QUIZ-1', 60), evidence('score', 'QUIZ-1', 75)],
      expected: { isMet: false, actual: 75 },
    },
    {
      name: 'min_score unmet: no score at all',
      requirement: { kind: 'min_score', key: 'QUIZ-1', score: 80 },
      evidence: [evidence('certificate', 'QUIZ-1', 100)],
      expected: { isMet: false, actual: null },
    },
  ]
  it.each(cases)('$name', ({ requirement, hireDate = null, evidence: ev, expected }) => {
    expect(checkRequirement(requirement, { now: NOW, hireDate, evidence: ev })).toEqual(expected)
  })
})

describe('yearsOfExperience', () => {
  const cases: { name: string; hireDate: Date | null; evidence: Evidence[]; expected: number }[] = [
    { name: 'nothing known', hireDate: null, evidence: [], expected: 0 },
    { name: 'fractional tenure (547.875 days)', hireDate: new Date('2024-07-02T03:00:00Z'), evidence: [], expected: 1.5 },
    {
      name: 'a hire date in the future counts as no tenure',
      hireDate: new Date('2026-03-01T00:00:00Z'),
      evidence: [evidence('experience', 'x', 2)],
      expected: 2,
    },
  ]
  it.each(cases)('$name', ({ hireDate, evidence: ev, expected }) => {
    expect(yearsOfExperience(NOW, hireDate, ev)).toBeCloseTo(expected, 10)
  })
})

describe('analyzeGap: hard requirements', () => {
  const hardStandard = standard([
    sd(KNOWLEDGE, 50, { indicators: [indicator('K1'), indicator('K2', { kind: 'certificate', key: 'PMP' })] }),
    sd(TECH, 50, {
      indicators: [indicator('T1', { kind: 'min_years', years: 3 }), indicator('T2', { kind: 'min_score', key: 'QUIZ', score: 80 })],
    }),
  ])
  const cases: { name: string; evidence: Evidence[]; met: [string, boolean, number | null][]; isReady: boolean }[] = [
    {
      name: 'all met and overall above threshold: ready',
      evidence: [evidence('certificate', 'pmp'), evidence('experience', 'before', 3), evidence('score', 'QUIZ', 90)],
      met: [
        ['K2', true, null],
        ['T1', true, 3],
        ['T2', true, 90],
      ],
      isReady: true,
    },
    {
      name: 'one unmet blocks readiness despite a high overall',
      evidence: [evidence('certificate', 'pmp'), evidence('experience', 'before', 2), evidence('score', 'QUIZ', 90)],
      met: [
        ['K2', true, null],
        ['T1', false, 2],
        ['T2', true, 90],
      ],
      isReady: false,
    },
  ]
  it.each(cases)('$name', ({ evidence: ev, met, isReady }) => {
    const report = analyzeGap(input({ standard: hardStandard, assessments: [assessed(1, 95), assessed(2, 95)], evidence: ev }))
    if (report.kind !== 'report') throw new Error('expected a report')
    expect(report.overall).toBe(95)
    expect(report.requirements.map((r) => [r.indicatorCode, r.isMet, r.actual])).toEqual(met)
    expect(report.requirements[0]?.requirement).toEqual({ kind: 'certificate', key: 'PMP' })
    expect(report.isReady).toBe(isReady)
  })
})

describe('analyzeGap: course suggestions', () => {
  const COURSES = [
    course(1, 'C1', [1]), // completed assignment → excluded
    course(2, 'C2', [1]), // waived → excluded
    course(3, 'C3', [1]), // course evidence (other case) → excluded
    course(4, 'C4', [1, 2]), // open: assigned → flagged, after the unassigned
    course(5, 'C5', [1]), // nothing → suggested first
    course(6, 'C6', [3]), // other dimension
    course(7, 'C7', [1]), // in_progress → flagged
    course(8, 'C8', [1]), // overdue → flagged
    course(9, 'C9', [4, 1, 1]), // culture has no gap; tagged twice with knowledge → once
    course(10, 'C10', [1]), // completed once, re-assigned: done is done → excluded
    course(11, 'C11', [1]), // two open assignments: the newest one is flagged
  ]
  const ASSIGNMENTS = [
    assignment(31, 1, 'completed'),
    assignment(32, 2, 'waived'),
    assignment(34, 4, 'assigned'),
    assignment(37, 7, 'in_progress'),
    assignment(38, 8, 'overdue'),
    assignment(40, 10, 'completed'),
    assignment(41, 10, 'assigned'),
    assignment(42, 11, 'assigned', '2025-10-01T00:00:00Z'),
    assignment(43, 11, 'overdue', '2025-08-01T00:00:00Z'),
  ]

  it('excludes done courses, flags open ones after the rest, and skips dimensions without a gap', () => {
    const report = analyzeGap(
      input({
        courses: COURSES,
        assignments: ASSIGNMENTS,
        evidence: [evidence('course', ' c3 ', 90)],
        // knowledge and project short, tech and culture met.
        assessments: seedScores(50, 90, 50, 90),
      }),
    )
    if (report.kind !== 'report') throw new Error('expected a report')
    const byDimension = report.dimensions.map((d) => [
      d.dimension.code,
      d.courses.map((s) => [s.course.code, s.isAssigned, s.assignmentId]),
    ])
    expect(byDimension).toEqual([
      [
        'knowledge',
        [
          ['C5', false, null],
          ['C9', false, null],
          ['C4', true, 34],
          ['C7', true, 37],
          ['C8', true, 38],
          ['C11', true, 42],
        ],
      ],
      ['tech', []],
      ['project', [['C6', false, null]]],
      ['culture', []],
    ])
    expect(report.dimensions[0]?.courses[0]?.course).toBe(COURSES[4])
  })

  it('suggests nothing when the catalogue has no course for the dimension', () => {
    const report = analyzeGap(input({ courses: [course(6, 'C6', [3])] }))
    if (report.kind !== 'report') throw new Error('expected a report')
    expect(report.dimensions.map((d) => d.courses.length)).toEqual([0, 0, 1, 0])
  })
})

describe('course suggestions fit the reader’s tracks', () => {
  const courses = [
    { ...course(1, 'HR-101', [1]), audienceTracks: ['hr'] },
    { ...course(2, 'RD-203', [1]), audienceTracks: ['rd'] },
    { ...course(3, 'MG-101', [1]), audienceTracks: ['management'] },
    course(4, 'CU-101', [1]),
  ]
  it.each<[string, string | null, string[]]>([
    ['in R&D, for an R&D target', 'rd', ['RD-203', 'CU-101']],
    ['moving from management into an R&D job', 'management', ['RD-203', 'MG-101', 'CU-101']],
    ['with no current job', null, ['RD-203', 'CU-101']],
  ])('%s', (_case, currentTrack, codes) => {
    const report = analyzeGap(input({ courses, currentTrack }))
    if (report.kind !== 'report') throw new Error('expected a report')
    expect(report.dimensions[0]?.courses.map((s) => s.course.code)).toEqual(codes)
  })
})
