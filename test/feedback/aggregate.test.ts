import { describe, expect, it } from 'vitest'
import { type AggregateInput, aggregateFeedback, type FeedbackAggregate } from '../../core/features/feedback/aggregate.js'
import type { FeedbackResponse, Perspective } from '../../core/features/feedback/types.js'

const CODES = ['lead', 'craft']
const T = { peer: 3, report: 3 }
const ALL: Perspective[] = ['self', 'manager', 'peer', 'report']

let seq = 0
/** A response with ratings [lead, craft] and comments unique to it, so a leak is findable in the output. */
function r(perspective: Perspective, lead: number, craft: number): FeedbackResponse {
  seq++
  return {
    perspective,
    answers: { ratings: { lead, craft }, strengths: `S-${perspective}-${seq}`, improvements: `I-${perspective}-${seq}` },
  }
}
const run = (responses: FeedbackResponse[], extra: Partial<AggregateInput> = {}): FeedbackAggregate =>
  aggregateFeedback({ codes: CODES, responses, thresholds: T, asked: ALL, ...extra })
const shownGroups = (a: FeedbackAggregate) => a.groups.map((g) => [g.group, g.count])

/** Every number and text of the report, flattened: what a reader could use for arithmetic. */
function everything(a: FeedbackAggregate): (number | string)[] {
  const out: (number | string)[] = []
  const walk = (v: unknown): void => {
    if (typeof v === 'number' || typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(a)
  return out
}

describe('aggregateFeedback: visibility table', () => {
  const base = () => [r('self', 5, 5), r('manager', 3, 4)]
  const cases: {
    name: string
    responses: () => FeedbackResponse[]
    groups: [string, number][]
    hidden: string[]
    others: string[] | null
  }[] = [
    {
      name: 'only 2 peers: peers hidden',
      responses: () => [...base(), r('peer', 1, 1), r('peer', 2, 2)],
      groups: [
        ['self', 1],
        ['manager', 1],
      ],
      hidden: ['peer', 'report'],
      others: ['manager'],
    },
    {
      name: '3 peers + 2 reports: peers shown, reports hidden, no pool',
      responses: () => [...base(), r('peer', 4, 4), r('peer', 4, 3), r('peer', 2, 5), r('report', 1, 1), r('report', 1, 2)],
      groups: [
        ['self', 1],
        ['manager', 1],
        ['peer', 3],
      ],
      hidden: ['report'],
      others: ['manager', 'peer'],
    },
    {
      name: '2 peers + 2 reports: pooled, neither alone',
      responses: () => [...base(), r('peer', 4, 4), r('peer', 2, 2), r('report', 1, 5), r('report', 3, 3)],
      groups: [
        ['self', 1],
        ['manager', 1],
        ['peer+report', 4],
      ],
      hidden: [],
      others: ['manager', 'peer+report'],
    },
    {
      name: '2 peers + 1 report: pool of 3 is enough',
      responses: () => [...base(), r('peer', 4, 4), r('peer', 2, 2), r('report', 1, 5)],
      groups: [
        ['self', 1],
        ['manager', 1],
        ['peer+report', 3],
      ],
      hidden: [],
      others: ['manager', 'peer+report'],
    },
    {
      name: '1 peer + 1 report: all anonymous suppressed',
      responses: () => [...base(), r('peer', 1, 1), r('report', 5, 5)],
      groups: [
        ['self', 1],
        ['manager', 1],
      ],
      hidden: ['peer', 'report'],
      others: ['manager'],
    },
    {
      name: 'all suppressed, no named answers: nothing at all',
      responses: () => [r('peer', 1, 1), r('peer', 5, 5)],
      groups: [],
      hidden: ['peer', 'report'],
      others: null,
    },
    {
      name: '3 peers + 3 reports: both shown',
      responses: () => [
        ...base(),
        r('peer', 4, 4),
        r('peer', 4, 3),
        r('peer', 2, 5),
        r('report', 1, 1),
        r('report', 1, 2),
        r('report', 3, 3),
      ],
      groups: [
        ['self', 1],
        ['manager', 1],
        ['peer', 3],
        ['report', 3],
      ],
      hidden: [],
      others: ['manager', 'peer', 'report'],
    },
    {
      name: 'self only: others empty',
      responses: () => [r('self', 3, 3)],
      groups: [['self', 1]],
      hidden: ['peer', 'report'],
      others: null,
    },
  ]
  it.each(cases)('$name', ({ responses, groups, hidden, others }) => {
    const a = run(responses())
    expect(shownGroups(a)).toEqual(groups)
    expect(a.hidden).toEqual(hidden)
    expect(a.others?.groups ?? null).toEqual(others)
  })

  it('a custom threshold of 5 hides 4 peers', () => {
    const a = run([r('manager', 3, 3), r('peer', 1, 1), r('peer', 2, 2), r('peer', 3, 3), r('peer', 4, 4)], {
      thresholds: { peer: 5, report: 3 },
    })
    expect(shownGroups(a)).toEqual([['manager', 1]])
    expect(a.hidden).toEqual(['peer', 'report'])
  })

  it('names a hidden perspective only when it was asked or answered', () => {
    expect(run([r('manager', 3, 3)], { asked: ['manager', 'peer'] }).hidden).toEqual(['peer'])
    expect(run([r('manager', 3, 3)], { asked: ['manager'] }).hidden).toEqual([])
  })
})

describe('aggregateFeedback: numbers', () => {
  it('means per group, others weighted by answers over shown groups only, self − others', () => {
    const a = run([r('self', 5, 2), r('manager', 2, 4), r('peer', 4, 4), r('peer', 3, 5), r('peer', 5, 3), r('report', 1, 1)])
    const peer = a.groups.find((g) => g.group === 'peer')!
    expect(peer.means).toEqual({ lead: 4, craft: 4 })
    expect(peer.overall).toBe(4)
    // others = manager + 3 peers (the hidden report excluded): lead (2+4+3+5)/4 = 3.5, craft (4+4+5+3)/4 = 4
    expect(a.others).toEqual({ groups: ['manager', 'peer'], count: 4, means: { lead: 3.5, craft: 4 }, overall: 3.75 })
    expect(a.dimensions).toEqual([
      { code: 'lead', self: 5, others: 3.5, gap: 1.5 },
      { code: 'craft', self: 2, others: 4, gap: -2 },
    ])
  })

  it('rounds means to two decimals', () => {
    const a = run([r('peer', 1, 1), r('peer', 1, 2), r('peer', 2, 2)])
    expect(a.groups[0]!.means).toEqual({ lead: 1.33, craft: 1.67 })
  })

  it('ignores an answer missing a rating or rating out of range', () => {
    const broken: FeedbackResponse = { perspective: 'manager', answers: { ratings: { lead: 9 }, strengths: 'x', improvements: '' } }
    const fractional: FeedbackResponse = {
      perspective: 'manager',
      answers: { ratings: { lead: 2.5, craft: 3 }, strengths: 'y', improvements: '' },
    }
    expect(run([broken, fractional]).groups).toEqual([])
  })

  it('sorts comments, so their order does not reveal who answered first', () => {
    const answers = [r('peer', 3, 3), r('peer', 3, 3), r('peer', 3, 3)]
    answers[0]!.answers.strengths = 'zeta'
    answers[1]!.answers.strengths = 'alpha'
    answers[2]!.answers.strengths = '  '
    expect(run(answers).groups[0]!.strengths).toEqual(['alpha', 'zeta'])
  })

  it('gives the same report whatever order the answers arrive in', () => {
    const answers = [r('self', 4, 2), r('manager', 2, 3), r('peer', 1, 5), r('peer', 4, 4), r('report', 2, 2), r('report', 5, 1)]
    const reversed = [...answers].reverse()
    const rotated = [...answers.slice(3), ...answers.slice(0, 3)]
    expect(run(reversed)).toEqual(run(answers))
    expect(run(rotated)).toEqual(run(answers))
  })
})

// The anonymity property, checked directly: changing anything a hidden
// perspective said (any ratings, any comments, any count below the threshold)
// must not change a single figure or word of the report. If it never changes,
// nothing about it can be read off the report, directly or by subtraction.
describe('aggregateFeedback: hidden answers cannot be recovered', () => {
  let state = 7
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
  const many = (p: Perspective, n: number) => Array.from({ length: n }, () => r(p, 1 + rand(5), 1 + rand(5)))

  it('2 peers: no peer score or comment in the report, and the report is the same as with other peer answers', () => {
    const named = [r('self', 5, 1), r('manager', 3, 3)]
    const peers = [r('peer', 1, 1), r('peer', 5, 5)]
    const a = run([...named, ...peers])
    for (const p of peers) {
      expect(everything(a)).not.toContain(p.answers.strengths)
      expect(everything(a)).not.toContain(p.answers.improvements)
    }
    expect(run([...named, r('peer', 4, 2), r('peer', 2, 4)])).toEqual(a)
    expect(run([...named, r('peer', 3, 3)])).toEqual(a)
    expect(run(named)).toEqual(a)
    // "Others" equals the manager alone: subtracting it from anything shown leaves nothing.
    expect(a.others?.means).toEqual({ lead: 3, craft: 3 })
  })

  it('holds over many random mixes', () => {
    for (let trial = 0; trial < 400; trial++) {
      const counts = { self: rand(2), manager: rand(2), peer: rand(6), report: rand(6) }
      const thresholds = { peer: 3 + rand(2), report: 3 + rand(2) }
      const responses = (['self', 'manager', 'peer', 'report'] as const).flatMap((p) => many(p, counts[p]))
      const a = run(responses, { thresholds })
      for (const hidden of a.hidden) {
        // Replace the hidden perspective's answers by different ones (any count still below its threshold).
        const others = responses.filter((x) => x.perspective !== hidden)
        const stillPooled = a.groups.some((g) => g.group === 'peer+report')
        expect(stillPooled).toBe(false)
        const replacement = many(hidden, Math.max(0, Math.min(thresholds[hidden] - 1, counts[hidden])))
        expect(run([...others, ...replacement], { thresholds })).toEqual(a)
      }
      for (const g of a.groups) {
        if (g.group === 'peer' || g.group === 'report') expect(g.count).toBeGreaterThanOrEqual(thresholds[g.group])
        if (g.group === 'peer+report') {
          expect(g.count).toBeGreaterThanOrEqual(Math.max(thresholds.peer, thresholds.report))
          // Neither member shown alone next to the pool: no subtraction possible.
          expect(a.groups.some((x) => x.group === 'peer' || x.group === 'report')).toBe(false)
          // Relabelling answers inside the pool changes nothing: the pool says nothing per perspective.
          const pooled = responses.filter((x) => x.perspective === 'peer' || x.perspective === 'report')
          const swapped = pooled.map((x, i) => ({ ...x, perspective: (i < counts.peer ? 'report' : 'peer') as Perspective }))
          const swappedCounts = { peer: counts.report, report: counts.peer }
          if (swappedCounts.peer < thresholds.peer && swappedCounts.report < thresholds.report) {
            expect(run([...responses.filter((x) => !pooled.includes(x)), ...swapped], { thresholds }).groups).toEqual(a.groups)
          }
        }
      }
      // Counts appear only for shown groups: a hidden perspective's count is nowhere.
      for (const hidden of a.hidden) expect(a.groups.map((g) => g.group)).not.toContain(hidden)
    }
  })
})
