// The delivery pace (core/kernel/pacing.ts) on a virtual clock: evenly spaced
// calls under the ceiling, nothing inside a Retry-After window, a halved rate
// after it that climbs back slowly (no burst on resume), and slots that two
// throttles sharing one reservation book never both get.
import { describe, expect, it } from 'vitest'
import { localSlots, placeSlots, Throttle } from '../../core/kernel/pacing.js'

function virtualTime(start = 1_000_000) {
  let now = start
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now = Math.max(now, now + ms)
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}

/** The instants `n` calls start at, one after another. */
async function callTimes(throttle: Throttle, time: ReturnType<typeof virtualTime>, n: number, onEach?: (i: number) => void) {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    await throttle.acquire()
    times.push(time.now())
    onEach?.(i)
  }
  return times
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!)

describe('Throttle', () => {
  it.each([
    { maxPerSecond: 10, spacing: 100 },
    { maxPerSecond: 16, spacing: 62.5 },
    { maxPerSecond: 1, spacing: 1000 },
  ])('spaces calls evenly at $maxPerSecond per second', async ({ maxPerSecond, spacing }) => {
    const time = virtualTime()
    const throttle = new Throttle('t', { maxPerSecond }, localSlots(), time.now, time.sleep)
    const times = await callTimes(throttle, time, 40, (i) => i % 7 === 0 && throttle.onSuccess())
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(spacing - 1e-9)
    // Any one-second window holds at most the ceiling.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(maxPerSecond)
  })

  it('starts no call inside a Retry-After window, then resumes at half the rate and climbs back slowly', async () => {
    const time = virtualTime()
    const throttle = new Throttle('t', { maxPerSecond: 10 }, localSlots(), time.now, time.sleep)
    const before = await callTimes(throttle, time, 5, () => throttle.onSuccess())
    const limitedAt = time.now()
    await throttle.onRateLimited(3000)
    // Calls already in flight answer 429 too: the rate halves once per window.
    await throttle.onRateLimited(2500)
    expect(throttle.state()).toEqual({ perSecond: 5, pausedUntil: limitedAt + 3000 })
    const after = await callTimes(throttle, time, 30, () => throttle.onSuccess())
    expect(before.every((t) => t <= limitedAt)).toBe(true)
    expect(after[0]).toBeGreaterThanOrEqual(limitedAt + 3000)
    // No burst: the first second after the pause holds little more than half the ceiling, and the pace grows back gradually.
    expect(after.filter((t) => t < after[0]! + 1000).length).toBeLessThanOrEqual(6)
    const g = gaps(after)
    for (const gap of g) expect(gap).toBeGreaterThanOrEqual(100 - 1e-9)
    expect(g[0]).toBeGreaterThan(g.at(-1)!)
    expect(throttle.state().perSecond).toBeGreaterThan(5)
  })

  it('never gives two throttles on one reservation book slots closer than the ceiling allows', async () => {
    const time = virtualTime()
    const book = localSlots()
    const granted: number[] = []
    const slots = {
      ...book,
      async reserve(scope: string, count: number, spacingMs: number, now: number) {
        const placed = await book.reserve(scope, count, spacingMs, now)
        granted.push(...placed)
        return placed
      },
    }
    const a = new Throttle('feishu:app', { maxPerSecond: 20 }, slots, time.now, time.sleep)
    const b = new Throttle('feishu:app', { maxPerSecond: 20 }, slots, time.now, time.sleep)
    await Promise.all([callTimes(a, time, 30), callTimes(b, time, 30)])
    granted.sort((x, y) => x - y)
    expect(granted.length).toBeGreaterThanOrEqual(60)
    for (const gap of gaps(granted)) expect(gap).toBeGreaterThanOrEqual(50 - 1e-9)
  })

  it('a pause seen by one throttle holds back another on the same book', async () => {
    const time = virtualTime()
    const slots = localSlots()
    const a = new Throttle('s', { maxPerSecond: 10 }, slots, time.now, time.sleep)
    const b = new Throttle('s', { maxPerSecond: 10 }, slots, time.now, time.sleep)
    const start = time.now()
    await a.onRateLimited(5000)
    await b.acquire()
    expect(time.now()).toBeGreaterThanOrEqual(start + 5000)
  })
})

/** The most slots in any stretch of `ms` (a sliding window over sorted instants). */
function busiest(times: number[], ms: number): number {
  let most = 0
  for (let i = 0, j = 0; i < times.length; i++) {
    // A slot exactly `ms` after another is outside its window (allowing for floating point).
    while ((times[i] as number) - (times[j] as number) >= ms - 1e-6) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe('placeSlots with a window (Feishu: 50 per second and 1,000 per minute)', () => {
  it.each([
    { name: 'a burst of the window fits at the fast pace', count: 12, spacing: 20, window: { count: 10, ms: 1000 }, calls: 1 },
    { name: 'many small blocks', count: 3, spacing: 20, window: { count: 10, ms: 1000 }, calls: 30 },
    { name: 'one slot at a time', count: 1, spacing: 5, window: { count: 7, ms: 300 }, calls: 60 },
    { name: 'a window wider than the fast pace needs', count: 4, spacing: 100, window: { count: 100, ms: 1000 }, calls: 10 },
  ])('$name: never more than the window holds, never closer than the spacing', ({ count, spacing, window, calls }) => {
    const book = { next: 0, pausedUntil: 0, recent: [] as number[] }
    const all: number[] = []
    let now = 1_000
    for (let i = 0; i < calls; i++) {
      all.push(...placeSlots(book, count, spacing, now, window))
      now += 37 * (i % 3) // callers come at uneven times
    }
    for (const gap of gaps(all)) expect(gap).toBeGreaterThanOrEqual(spacing - 1e-9)
    expect(busiest(all, window.ms)).toBeLessThanOrEqual(window.count)
    // Nothing waits longer than it must: the first window's worth goes at the fast pace.
    const first = all.slice(0, Math.min(window.count, all.length))
    expect((first.at(-1) as number) - (first[0] as number)).toBeLessThanOrEqual((first.length - 1) * spacing + 37 * 2 * calls)
  })

  it('keeps only what can still hold a slot back', () => {
    const book = { next: 0, pausedUntil: 0, recent: [] as number[] }
    const window = { count: 3, ms: 100 }
    expect(placeSlots(book, 5, 10, 0, window)).toEqual([0, 10, 20])
    expect(placeSlots(book, 2, 10, 100, window)).toEqual([100, 110])
    // Slots at 0, 10, 20, then 100 and 110 (three per 100 ms): 0 and 10 can hold nothing back any more.
    expect(book.recent).toEqual([20, 100, 110])
    placeSlots(book, 1, 10, 10_000, window)
    expect(book.recent).toEqual([10_000])
  })

  it('gives slots never called back to the window', () => {
    const book = { next: 0, pausedUntil: 0, recent: [] as number[] }
    const window = { count: 3, ms: 1000 }
    expect(placeSlots(book, 3, 10, 0, window)).toEqual([0, 10, 20])
    // The slot at 10 came too late to be used: the window has room for one more now, not in a second.
    expect(placeSlots(book, 1, 10, 30, window, [10])).toEqual([30])
    // Full now: nothing is placed ahead (held, it would keep capacity from others); asked again at 1000, it is free.
    expect(placeSlots(book, 1, 10, 40, window)).toEqual([])
    expect(placeSlots(book, 1, 10, 1000, window)).toEqual([1000])
  })

  it('a busy process that drops late slots still sends 1,000 Feishu messages well inside the minute', async () => {
    const time = virtualTime()
    const throttle = new Throttle(
      'feishu:app',
      { maxPerSecond: 48, window: { count: 1000, ms: 60_000 } },
      localSlots(),
      time.now,
      time.sleep,
    )
    // Every fifth call the event loop stalls for 60 ms: the slots it slept through are dropped, never called.
    const times = await callTimes(throttle, time, 1000, (i) => i % 5 === 4 && time.advance(60))
    expect((times[999] as number) - (times[0] as number)).toBeLessThan(40_000)
    expect(busiest(times, 60_000)).toBeLessThanOrEqual(1000)
  })

  it('a process with no more work gives the slots it holds back, so another may use them within the window', async () => {
    const time = virtualTime()
    const book = localSlots()
    const window = { count: 10, ms: 60_000 }
    const done = new Throttle('feishu:app', { maxPerSecond: 40, window }, book, time.now, time.sleep)
    const busy = new Throttle('feishu:app', { maxPerSecond: 40, window }, book, time.now, time.sleep)
    await callTimes(done, time, 3) // reserved a block of 10, used 3
    await done.release()
    const times = await callTimes(busy, time, 7)
    expect((times.at(-1) as number) - (times[0] as number)).toBeLessThan(1000)
  })

  it('sends 1,000 Feishu messages in about 21 s, and the next ones a minute after the first', async () => {
    const time = virtualTime()
    const throttle = new Throttle(
      'feishu:app',
      { maxPerSecond: 48, window: { count: 1000, ms: 60_000 } },
      localSlots(),
      time.now,
      time.sleep,
    )
    const times = await callTimes(throttle, time, 1100)
    const start = times[0] as number
    expect((times[999] as number) - start).toBeLessThan(21_000)
    expect(times[1000] as number).toBeGreaterThanOrEqual(start + 60_000)
    expect(busiest(times, 60_000)).toBeLessThanOrEqual(1000)
    expect(busiest(times, 1000)).toBeLessThanOrEqual(48)
  })
})
