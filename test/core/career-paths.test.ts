import { describe, expect, it } from 'vitest'
import { isOnPath, nextSteps, standardFor } from '../../core/kernel/domain/career-paths.js'
import type { Catalog, Job, PromotionPath, Standard } from '../../core/kernel/domain/types.js'

const job = (id: number, code: string, track: string, level: number): Job => ({
  id,
  code,
  title: { zh: code, en: code },
  track,
  level,
})

const JOBS = [
  job(1, 'ENG1', 'eng', 1),
  job(2, 'ENG2', 'eng', 2),
  job(3, 'ENG3', 'eng', 3),
  job(4, 'MGR3', 'mgmt', 3),
  job(5, 'MGR2', 'mgmt', 2),
  job(6, 'ARC3', 'arch', 3),
  job(7, 'ARB3', 'arch', 3),
  job(8, 'SOLO', 'eng', 9),
]

const path = (fromJobId: number, toJobId: number): PromotionPath => ({ fromJobId, toJobId })

const standard = (id: number, jobId: number, version: number, effectiveFrom: string): Standard => ({
  id,
  jobId,
  version,
  effectiveFrom: new Date(effectiveFrom),
  threshold: 80,
  dimensions: [],
})

function catalog(paths: PromotionPath[], standards: Standard[] = []): Catalog {
  return {
    jobs: JOBS,
    paths,
    standards,
    dimensions: [],
    courses: [],
    departments: [],
    certificates: [],
    weights: { default: {}, byJob: new Map() },
  }
}

describe('nextSteps', () => {
  const cases: { name: string; paths: PromotionPath[]; jobId: number; codes: string[] }[] = [
    {
      name: 'same track first, then by track, level, code',
      // Listed in the worst possible order on purpose.
      paths: [path(2, 4), path(2, 7), path(2, 5), path(2, 6), path(2, 3)],
      jobId: 2,
      codes: ['ENG3', 'ARB3', 'ARC3', 'MGR2', 'MGR3'],
    },
    { name: 'a single step', paths: [path(1, 2), path(2, 3)], jobId: 1, codes: ['ENG2'] },
    { name: 'duplicate paths give one step', paths: [path(1, 2), path(1, 2)], jobId: 1, codes: ['ENG2'] },
    { name: 'a path to a job missing from the catalogue is ignored', paths: [path(1, 99), path(1, 2)], jobId: 1, codes: ['ENG2'] },
    { name: 'top of the ladder has no next step', paths: [path(1, 2)], jobId: 8, codes: [] },
    { name: 'an unknown job has no next step', paths: [path(42, 2)], jobId: 42, codes: [] },
    { name: 'no paths at all', paths: [], jobId: 1, codes: [] },
  ]
  it.each(cases)('$name', ({ paths, jobId, codes }) => {
    expect(nextSteps(catalog(paths), jobId).map((j) => j.code)).toEqual(codes)
  })

  it('returns the catalogue job objects and does not reorder the catalogue', () => {
    const c = catalog([path(2, 4), path(2, 3)])
    const before = c.jobs.map((j) => j.id)
    const steps = nextSteps(c, 2)
    expect(steps[0]).toBe(JOBS[2])
    expect(c.jobs.map((j) => j.id)).toEqual(before)
  })
})

describe('isOnPath', () => {
  const chain = [path(1, 2), path(2, 3), path(3, 4)]
  const cycle = [path(1, 2), path(2, 3), path(3, 1), path(3, 6)]
  const cases: { name: string; paths: PromotionPath[]; from: number | null; to: number; expected: boolean }[] = [
    { name: 'direct step', paths: chain, from: 1, to: 2, expected: true },
    { name: 'across a chain of three paths', paths: chain, from: 1, to: 4, expected: true },
    { name: 'backwards along the chain', paths: chain, from: 4, to: 1, expected: false },
    { name: 'unrelated job', paths: chain, from: 1, to: 7, expected: false },
    { name: 'no job (caller passes null)', paths: chain, from: null, to: 2, expected: false },
    { name: 'own job without a cycle', paths: chain, from: 2, to: 2, expected: false },
    { name: 'unknown starting job', paths: chain, from: 99, to: 2, expected: false },
    { name: 'through a cycle to an exit', paths: cycle, from: 2, to: 6, expected: true },
    { name: 'a cycle with an unreachable target terminates', paths: cycle, from: 1, to: 5, expected: false },
    { name: 'a cycle leads back to the start', paths: cycle, from: 1, to: 1, expected: true },
    { name: 'a self loop', paths: [path(5, 5)], from: 5, to: 4, expected: false },
  ]
  it.each(cases)('$name', ({ paths, from, to, expected }) => {
    expect(isOnPath(catalog(paths), from, to)).toBe(expected)
  })
})

describe('standardFor', () => {
  const cases: { name: string; standards: Standard[]; jobId: number; expectedId: number | null }[] = [
    { name: 'the job standard', standards: [standard(10, 1, 1, '2025-01-01'), standard(20, 2, 1, '2025-01-01')], jobId: 2, expectedId: 20 },
    { name: 'no standard for the job', standards: [standard(10, 1, 1, '2025-01-01')], jobId: 2, expectedId: null },
    {
      name: 'several: the latest effective wins',
      standards: [standard(10, 1, 3, '2024-01-01'), standard(11, 1, 2, '2025-06-01'), standard(12, 1, 1, '2023-01-01')],
      jobId: 1,
      expectedId: 11,
    },
    {
      name: 'several effective on the same day: the highest version wins',
      standards: [standard(10, 1, 1, '2025-01-01'), standard(11, 1, 2, '2025-01-01')],
      jobId: 1,
      expectedId: 11,
    },
  ]
  it.each(cases)('$name', ({ standards, jobId, expectedId }) => {
    expect(standardFor(catalog([], standards), jobId)?.id ?? null).toBe(expectedId)
  })
})
