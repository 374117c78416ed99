import { describe, expect, it } from 'vitest'
import type { RequirementCheck } from '../../core/kernel/domain/analyze-gap.js'
import { type Candidate, rankCandidates } from '../../core/kernel/domain/rank-candidates.js'
import type { Job } from '../../core/kernel/domain/types.js'

const TARGET: Job = { id: 7, code: 'RD3', title: { zh: '高级研发工程师', en: 'Senior R&D engineer' }, track: 'rd', level: 3 }

const check = (isMet: boolean): RequirementCheck => ({
  indicatorCode: 'X',
  requirement: { kind: 'certificate', key: 'PMP' },
  isMet,
  actual: null,
  way: { name: null, courses: [] },
})

/** A candidate named `name`; `unmet` hard requirements out of three. */
function candidate(name: string, overall: number, isReady: boolean, unmet = 0): Candidate<string> {
  return {
    subject: name,
    report: {
      kind: 'report',
      target: TARGET,
      isOnPath: true,
      standard: { id: 1, version: 1, threshold: 80 },
      overall,
      dimensions: [],
      ranked: [],
      requirements: [0, 1, 2].map((i) => check(i >= unmet)),
      requiredCourses: [],
      isReady,
    },
  }
}

describe('rankCandidates', () => {
  const cases: { name: string; candidates: Candidate<string>[]; expected: string[] }[] = [
    { name: 'nobody', candidates: [], expected: [] },
    {
      name: 'ready first even when someone not ready scores higher',
      candidates: [candidate('almost', 99, false, 1), candidate('ready', 81, true)],
      expected: ['ready', 'almost'],
    },
    {
      name: 'then overall, highest first',
      candidates: [candidate('r82', 82, true), candidate('r95', 95, true), candidate('n70', 70, false), candidate('n90', 90, false, 1)],
      expected: ['r95', 'r82', 'n90', 'n70'],
    },
    {
      name: 'equal overall: fewer unmet requirements first',
      candidates: [
        candidate('two', 90, false, 2),
        candidate('three', 90, false, 3),
        candidate('none', 90, false, 0),
        candidate('one', 90, false, 1),
      ],
      expected: ['none', 'one', 'two', 'three'],
    },
    {
      name: 'fully equal candidates keep input order (stable)',
      candidates: [
        candidate('b', 85, true),
        candidate('a', 85, true),
        candidate('c', 85, true),
        candidate('z', 60, false),
        candidate('y', 60, false),
      ],
      expected: ['b', 'a', 'c', 'z', 'y'],
    },
    {
      name: 'all rules together',
      candidates: [
        candidate('a', 90, false, 1),
        candidate('b', 82, true),
        candidate('c', 95, true),
        candidate('d', 90, false, 0),
        candidate('e', 70, false),
        candidate('f', 82, true),
        candidate('g', 99.5, false, 2),
      ],
      expected: ['c', 'b', 'f', 'g', 'd', 'a', 'e'],
    },
  ]
  it.each(cases)('$name', ({ candidates, expected }) => {
    expect(rankCandidates(candidates).map((c) => c.subject)).toEqual(expected)
  })

  it('returns a new array and leaves the input order alone', () => {
    const input = [candidate('low', 50, false), candidate('high', 90, true)]
    const ranked = rankCandidates(input)
    expect(ranked).not.toBe(input)
    expect(input.map((c) => c.subject)).toEqual(['low', 'high'])
    expect(ranked[0]).toBe(input[1])
  })
})
