// The practical (probation) assessment is a source of evidence like the others: the gap
// engine weighs it like the supervisor's unless HR sets its weight, and a zero weight
// leaves it out.
import { describe, expect, it } from 'vitest'
import { integrateDimension, weightsFor } from '../../core/kernel/domain/attainment.js'
import type { Assessment } from '../../core/kernel/domain/types.js'

const at = new Date('2026-11-26T00:00:00Z')
const a = (source: Assessment['source'], attainment: number): Assessment => ({
  dimensionId: 1,
  attainment,
  source,
  assessedAt: at,
  rating: null,
})

describe('the practical source in the gap engine', () => {
  it.each([
    ['built-in weights: practical counts as much as the supervisor', undefined, 70],
    ['HR weighs practical 0: only the supervisor counts', { default: { practical: 0 }, byJob: new Map() }, 80],
    ['HR weighs practical 10: it counts a quarter of the supervisor', { default: { practical: 10 }, byJob: new Map() }, 76],
  ] as const)('%s', (_what, table, expected) => {
    const result = integrateDimension([a('supervisor', 80), a('practical', 60)], weightsFor(table, null), 80)
    expect(result.current).toBe(expected)
    expect(result.isConfirmed).toBe(true)
  })

  it('alone, it confirms a dimension (unlike self)', () => {
    expect(integrateDimension([a('practical', 55)], weightsFor(undefined, null), 80)).toMatchObject({ current: 55, isConfirmed: true })
  })
})
