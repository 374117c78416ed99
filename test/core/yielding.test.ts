// The batch jobs' pacer hands the event loop back once a slice of work has gone
// by, and not after every cheap step.
import { describe, expect, it } from 'vitest'
import { pacer, yieldToEventLoop } from '../../core/kernel/yielding.js'

const busy = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // work
  }
}

describe('yielding', () => {
  it('yieldToEventLoop lets a timer that is due run first', async () => {
    let ran = false
    setTimeout(() => {
      ran = true
    }, 0)
    busy(2)
    await yieldToEventLoop()
    await yieldToEventLoop()
    expect(ran).toBe(true)
  })

  // Work is counted on a clock of the test's own, so a busy machine cannot add slices.
  const rows = [
    { name: 'cheap steps: no yield', sliceMs: 50, stepMs: 0, steps: 20, yields: 0 },
    { name: 'each step longer than the slice: a yield each', sliceMs: 2, stepMs: 3, steps: 5, yields: 5 },
    { name: 'a slice every few steps', sliceMs: 6, stepMs: 2, steps: 12, yields: 4 },
  ]
  for (const row of rows) {
    it(row.name, async () => {
      let clock = 0
      const pace = pacer(row.sliceMs, () => clock)
      let yields = 0
      for (let i = 0; i < row.steps; i++) {
        clock += row.stepMs
        // A macrotask queued before pace() has run afterwards only if pace() handed the loop back.
        let handedBack = false
        setImmediate(() => {
          handedBack = true
        })
        await pace()
        if (handedBack) yields++
        else await yieldToEventLoop()
      }
      expect(yields).toBe(row.yields)
    })
  }
})
