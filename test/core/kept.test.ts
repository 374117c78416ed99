import { describe, expect, it } from 'vitest'
import { kept } from '../../core/kernel/kept.js'

describe('kept', () => {
  it.each([
    { keys: [1, 1, 1], limit: 4, made: [1] },
    { keys: [1, 2, 1, 2], limit: 4, made: [1, 2] },
    // Full at 2 keys: the third starts afresh, so 1 is made again.
    { keys: [1, 2, 3, 1], limit: 2, made: [1, 2, 3, 1] },
  ])('makes each value once while kept: $keys, limit $limit', ({ keys, limit, made }) => {
    const calls: number[] = []
    const square = kept((n: number) => {
      calls.push(n)
      return { n: n * n }
    }, limit)
    for (const k of keys) expect(square(k).n).toBe(k * k)
    expect(calls).toEqual(made)
  })

  it('hands out the same instance for the same key', () => {
    const instant = kept((text: string) => new Date(text))
    expect(instant('2026-12-03T00:00:00Z')).toBe(instant('2026-12-03T00:00:00Z'))
  })
})
