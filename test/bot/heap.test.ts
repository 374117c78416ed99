// withFrugalHeap (bot/heap.ts): the job's value and its error come through unchanged,
// overlapping jobs each run, after them the process runs on as before, and what the
// last one left behind is collected as it ends.
import { describe, expect, it } from 'vitest'
import { withFrugalHeap } from '../../bot/heap.js'

describe('withFrugalHeap', () => {
  it('returns what the job returns', async () => {
    await expect(withFrugalHeap(async () => 42)).resolves.toBe(42)
  })

  it('passes the job’s error on', async () => {
    await expect(
      withFrugalHeap(async () => {
        throw new Error('sweep failed')
      }),
    ).rejects.toThrow('sweep failed')
  })

  it('runs overlapping jobs, each to its own end', async () => {
    const order: string[] = []
    const job = (name: string, ms: number) =>
      withFrugalHeap(async () => {
        await new Promise((resolve) => setTimeout(resolve, ms))
        order.push(name)
        return name
      })
    await expect(Promise.all([job('long', 30), job('short', 5)])).resolves.toEqual(['long', 'short'])
    expect(order).toEqual(['short', 'long'])
    // Still usable afterwards (the flag was set back, nothing left counting).
    await expect(withFrugalHeap(async () => 'again')).resolves.toBe('again')
  })

  it('collects what the jobs left behind once the last one ends', async () => {
    const left: WeakRef<object>[] = []
    const job = (ms: number) =>
      withFrugalHeap(async () => {
        left.push(new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) }))
        await new Promise((resolve) => setTimeout(resolve, ms))
      })
    await Promise.all([job(20), job(1)])
    expect(left.map((ref) => ref.deref() === undefined)).toEqual([true, true])
  })
})
