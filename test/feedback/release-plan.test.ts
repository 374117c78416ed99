// When sealed anonymous answers become readable (core/features/feedback/release-plan.ts),
// and the sealing itself (adapters/db/seal.ts).
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSealer } from '../../adapters/db/seal.js'
import { aggregateFeedback } from '../../core/features/feedback/aggregate.js'
import { planRelease, type ReleaseState, releaseWhileCollecting } from '../../core/features/feedback/release-plan.js'
import type { FeedbackResponse } from '../../core/features/feedback/types.js'

describe('releaseWhileCollecting: release all but the threshold once twice the threshold wait', () => {
  it.each([
    // pending, threshold, released
    [0, 3, 0],
    [1, 3, 0],
    [3, 3, 0],
    [5, 3, 0],
    [6, 3, 3],
    [7, 3, 4],
    [9, 5, 0],
    [10, 5, 5],
    [13, 5, 8],
  ])('%i waiting, threshold %i → %i', (pending, threshold, released) => {
    expect(releaseWhileCollecting(pending, threshold)).toBe(released)
  })

  it('never releases fewer than the threshold, never leaves fewer than the threshold waiting', () => {
    for (let t = 3; t <= 8; t++)
      for (let n = 0; n <= 40; n++) {
        const r = releaseWhileCollecting(n, t)
        if (r > 0) {
          expect(r).toBeGreaterThanOrEqual(t)
          expect(n - r).toBe(t)
        }
      }
  })
})

const state = (over: Partial<ReleaseState> & Pick<ReleaseState, 'pending'>): ReleaseState => ({
  closed: false,
  thresholds: { peer: 3, report: 3 },
  clear: { peer: 0, report: 0, pooled: 0 },
  ...over,
})

describe('planRelease', () => {
  it.each<[string, ReleaseState, ReturnType<typeof planRelease>]>([
    ['collecting, below twice the threshold: nothing', state({ pending: { peer: 5, report: 2 } }), []],
    [
      'collecting, 6 peers: 3 released as peers',
      state({ pending: { peer: 6, report: 0 } }),
      [{ take: { peer: 3, report: 0 }, as: 'peer' }],
    ],
    [
      'collecting, both perspectives over: one group each',
      state({ pending: { peer: 7, report: 6 } }),
      [
        { take: { peer: 4, report: 0 }, as: 'peer' },
        { take: { peer: 0, report: 3 }, as: 'report' },
      ],
    ],
    [
      'collecting, own thresholds: report threshold 4, 7 waiting → nothing',
      state({ thresholds: { peer: 3, report: 4 }, pending: { peer: 0, report: 7 } }),
      [],
    ],
    [
      'closed, 3 peers shown alone: all released as peers',
      state({ closed: true, pending: { peer: 3, report: 0 } }),
      [{ take: { peer: 3, report: 0 }, as: 'peer' }],
    ],
    [
      'closed, the 3 held back after a release: released as peers',
      state({ closed: true, clear: { peer: 3, report: 0, pooled: 0 }, pending: { peer: 3, report: 0 } }),
      [{ take: { peer: 3, report: 0 }, as: 'peer' }],
    ],
    ['closed, 2 peers alone: never opened', state({ closed: true, pending: { peer: 2, report: 0 } }), []],
    [
      'closed, 2 peers + 2 reports: pooled, labelled as the pool',
      state({ closed: true, pending: { peer: 2, report: 2 } }),
      [{ take: { peer: 2, report: 2 }, as: 'peer+report' }],
    ],
    ['closed, 1 peer + 1 report: pool too small, never opened', state({ closed: true, pending: { peer: 1, report: 1 } }), []],
    [
      'closed, peers shown alone, 2 reports hidden: reports never opened (no pool beside a shown member)',
      state({ closed: true, pending: { peer: 4, report: 2 } }),
      [{ take: { peer: 4, report: 0 }, as: 'peer' }],
    ],
    [
      'closed, pool threshold is the larger one: 2 + 2 with report threshold 5 → never opened',
      state({ closed: true, thresholds: { peer: 3, report: 5 }, pending: { peer: 2, report: 2 } }),
      [],
    ],
    [
      'closed, nothing waiting: nothing',
      state({ closed: true, clear: { peer: 4, report: 0, pooled: 0 }, pending: { peer: 0, report: 0 } }),
      [],
    ],
  ])('%s', (_name, input, steps) => {
    expect(planRelease(input)).toEqual(steps)
  })

  it('at close, releases exactly the groups the report shows, and every released group has at least its threshold', () => {
    const answer = (perspective: FeedbackResponse['perspective']): FeedbackResponse => ({
      perspective,
      answers: { ratings: { a: 3 }, strengths: '', improvements: '' },
    })
    for (let peer = 0; peer <= 7; peer++)
      for (let report = 0; report <= 7; report++)
        for (const thresholds of [
          { peer: 3, report: 3 },
          { peer: 3, report: 5 },
        ]) {
          const steps = planRelease(state({ closed: true, thresholds, pending: { peer, report } }))
          const released = steps.flatMap((s) => Array.from({ length: s.take.peer + s.take.report }, () => answer(s.as)))
          for (const s of steps) expect(s.take.peer + s.take.report).toBeGreaterThanOrEqual(Math.min(thresholds.peer, thresholds.report))
          // What the report of the released answers shows = what it would show of all of them in clear.
          const all = [...Array.from({ length: peer }, () => answer('peer')), ...Array.from({ length: report }, () => answer('report'))]
          const shown = (responses: FeedbackResponse[]) =>
            aggregateFeedback({ codes: ['a'], responses, thresholds, asked: ['peer', 'report'] }).groups.map((g) => [g.group, g.count])
          expect(shown(released)).toEqual(shown(all))
        }
  })
})

describe('sealing', () => {
  const sealer = createSealer(randomBytes(32))

  it('opens what it sealed, and each sealing of the same text differs', () => {
    const text = JSON.stringify({ ratings: { a: 5 }, strengths: '沟通清楚', improvements: '' })
    const a = sealer.seal(text)
    const b = sealer.seal(text)
    expect(a).not.toBe(b)
    expect(sealer.open(a)).toBe(text)
    expect(sealer.open(b)).toBe(text)
    expect(Buffer.from(a, 'base64').toString('utf8')).not.toContain('ratings')
  })

  it.each<[string, (sealed: string) => string]>([
    ['a flipped ciphertext byte', (s) => flip(s, 30)],
    ['a flipped tag byte', (s) => flip(s, 14)],
    ['a flipped IV byte', (s) => flip(s, 0)],
    ['a truncated value', (s) => Buffer.from(s, 'base64').subarray(0, 20).toString('base64')],
    ['not base64 at all', () => '***'],
    ['empty', () => ''],
  ])('refuses %s', (_name, tamper) => {
    expect(sealer.open(tamper(sealer.seal('{"ratings":{"a":4}}')))).toBeNull()
  })

  it('refuses what another key sealed', () => {
    expect(createSealer(randomBytes(32)).open(sealer.seal('x'))).toBeNull()
  })

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createSealer(randomBytes(16))).toThrow(/32 bytes/)
  })
})

function flip(sealed: string, at: number): string {
  const bytes = Buffer.from(sealed, 'base64')
  bytes[at] = (bytes[at] as number) ^ 1
  return bytes.toString('base64')
}
