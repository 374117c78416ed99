// Multi-row statements over any number of rows use a handful of statement texts
// (raw-sql.ts keeps them prepared): full chunks, then powers of two.
import { describe, expect, it } from 'vitest'
import { sizesOf } from '../../adapters/db/raw-sql.js'

describe('sizesOf', () => {
  const rows: [total: number, max: number, sizes: number[]][] = [
    [0, 50, []],
    [1, 50, [1]],
    [50, 50, [50]],
    [51, 50, [50, 1]],
    [163, 50, [50, 50, 50, 8, 4, 1]],
    [300, 512, [256, 32, 8, 4]],
    [1100, 512, [512, 512, 64, 8, 4]],
  ]
  for (const [total, max, sizes] of rows) {
    it(`${total} rows, at most ${max} a statement → ${sizes.join(' + ') || 'nothing'}`, () => {
      expect(sizesOf(total, max)).toEqual(sizes)
      expect(sizesOf(total, max).reduce((n, s) => n + s, 0)).toBe(total)
    })
  }
})
