// The intake between ack and answer (core/kernel/intake.ts) on an in-memory
// IntakeStore: every admitted event answered exactly once, in order, whatever
// the bound, the concurrency, redeliveries, failures or a restart.
import { describe, expect, it } from 'vitest'
import type { Platform } from '../../core/kernel/inbound.js'
import { type AdmittedEvent, createIntake, type IntakeStore } from '../../core/kernel/intake.js'
import { memoryLogger } from '../support/deps.js'

function memoryIntakeStore() {
  const rows: AdmittedEvent[] = []
  let nextId = 1
  const calls = { admit: 0, after: 0, remove: 0 }
  let failAdmits = 0
  const store: IntakeStore = {
    async admit(events) {
      calls.admit++
      if (failAdmits > 0) {
        failAdmits--
        throw new Error('disk full')
      }
      const written: AdmittedEvent[] = []
      for (const e of events) {
        if (rows.some((r) => r.platform === e.platform && r.eventId === e.eventId)) continue
        const row = { id: nextId++, ...e }
        rows.push(row)
        written.push(row)
      }
      return written
    },
    async after(afterId, limit) {
      calls.after++
      return rows.filter((r) => r.id > afterId).slice(0, limit)
    },
    async remove(ids) {
      calls.remove++
      for (const id of ids) rows.splice(rows.findIndex((r) => r.id === id) >>> 0, 1)
    },
    async count() {
      return rows.length
    },
  }
  return { store, rows, calls, failNextAdmits: (n: number) => (failAdmits = n) }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

function recorder() {
  const answered: string[] = []
  return { answered, answer: async (payload: string) => void answered.push(payload) }
}

describe('intake', () => {
  it.each([
    // events, bound, concurrency
    [1, 10, 1],
    [50, 1000, 8],
    [50, 3, 1],
    [200, 7, 4],
    [500, 1, 16],
  ])('answers %i events exactly once and in order with a bound of %i and %i at once', async (count, bound, concurrency) => {
    const { store, rows } = memoryIntakeStore()
    const intake = createIntake({ store, log: memoryLogger(), bound, concurrency })
    const { answered, answer } = recorder()
    intake.handle('slack', answer)
    await intake.start()
    const results = await Promise.all(Array.from({ length: count }, (_, i) => intake.admit('slack', `Ev${i}`, `q${i}`)))
    expect(results.every((r) => r === 'admitted')).toBe(true)
    await intake.drained()
    expect(answered).toEqual(Array.from({ length: count }, (_, i) => `q${i}`))
    expect(rows).toEqual([])
    expect(intake.stats()).toMatchObject({ unanswered: 0, answering: 0, overflow: 0, answered: count, failed: 0 })
  })

  it.each([1, 4, 32])('answers every event once with %i answers at once, each started on its own turn', async (concurrency) => {
    const { store } = memoryIntakeStore()
    const intake = createIntake({ store, log: memoryLogger(), bound: 10, concurrency })
    let running = 0
    let most = 0
    const answered = new Set<string>()
    intake.handle('feishu', async (payload) => {
      running++
      most = Math.max(most, running)
      await tick()
      await tick()
      expect(answered.has(payload)).toBe(false)
      answered.add(payload)
      running--
    })
    await intake.start()
    await Promise.all(Array.from({ length: 100 }, (_, i) => intake.admit('feishu', `E${i}`, `m${i}`)))
    await intake.drained()
    expect(answered.size).toBe(100)
    expect(most).toBeLessThanOrEqual(concurrency)
  })

  it('writes everything that arrives in one turn with one statement', async () => {
    const { store, calls } = memoryIntakeStore()
    const intake = createIntake({ store, log: memoryLogger() })
    intake.handle('slack', async () => {})
    await intake.start()
    await Promise.all(Array.from({ length: 300 }, (_, i) => intake.admit('slack', `Ev${i}`, '')))
    expect(calls.admit).toBe(1)
    await intake.drained()
  })

  it('recognises a redelivery, while it is written, later, and after the memory of recent ids', async () => {
    const { store } = memoryIntakeStore()
    const intake = createIntake({ store, log: memoryLogger(), bound: 1 })
    const { answered, answer } = recorder()
    intake.handle('slack', answer)
    const first = intake.admit('slack', 'Ev1', 'q')
    const concurrent = intake.admit('slack', 'Ev1', 'q')
    expect(await first).toBe('admitted')
    expect(await concurrent).toBe('duplicate')
    expect(await intake.admit('slack', 'Ev1', 'q')).toBe('duplicate')
    // The same id on another platform is another event.
    expect(await intake.admit('feishu', 'Ev1', 'f')).toBe('admitted')
    intake.handle('feishu', answer)
    await intake.start()
    await intake.drained()
    expect(answered.sort()).toEqual(['f', 'q'])
  })

  it('a failed write rejects the admission and lets the redelivery in', async () => {
    const memory = memoryIntakeStore()
    const intake = createIntake({ store: memory.store, log: memoryLogger() })
    const { answered, answer } = recorder()
    intake.handle('slack', answer)
    await intake.start()
    memory.failNextAdmits(1)
    await expect(intake.admit('slack', 'Ev1', 'q')).rejects.toThrow('disk full')
    expect(await intake.admit('slack', 'Ev1', 'q')).toBe('admitted')
    await intake.drained()
    expect(answered).toEqual(['q'])
  })

  it('logs a failed answer, forgets it, and goes on with the next', async () => {
    const { store, rows } = memoryIntakeStore()
    const log = memoryLogger()
    const intake = createIntake({ store, log, bound: 2, concurrency: 1 })
    const { answered, answer } = recorder()
    intake.handle('slack', async (payload) => {
      if (payload === 'bad') throw new Error('boom')
      await answer(payload)
    })
    await intake.start()
    await Promise.all(['a', 'bad', 'c'].map((q, i) => intake.admit('slack', `Ev${i}`, q)))
    await intake.drained()
    expect(answered).toEqual(['a', 'c'])
    expect(rows).toEqual([])
    expect(intake.stats()).toMatchObject({ answered: 2, failed: 1 })
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'answering an admitted event failed')).toBe(true)
  })

  it('answers at the next start what a stopped run had admitted, and only that', async () => {
    const memory = memoryIntakeStore()
    const first = createIntake({ store: memory.store, log: memoryLogger(), bound: 2, concurrency: 1 })
    const before = recorder()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let entered!: () => void
    const inProgress = new Promise<void>((resolve) => (entered = resolve))
    first.handle('slack', async (payload) => {
      entered()
      await gate
      await before.answer(payload)
    })
    await first.start()
    await Promise.all(Array.from({ length: 10 }, (_, i) => first.admit('slack', `Ev${i}`, `q${i}`)))
    await inProgress
    const stopping = first.stop(1_000)
    release()
    await stopping
    // The answer in progress finished; the other nine wait in the store.
    expect(before.answered).toEqual(['q0'])
    expect(memory.rows.map((r) => r.payload)).toEqual(Array.from({ length: 9 }, (_, i) => `q${i + 1}`))

    const second = createIntake({ store: memory.store, log: memoryLogger(), bound: 2, concurrency: 1 })
    const after = recorder()
    second.handle('slack', after.answer)
    await second.start()
    await second.drained()
    expect(after.answered).toEqual(Array.from({ length: 9 }, (_, i) => `q${i + 1}`))
  })

  it('keeps what arrives before start for start', async () => {
    const { store } = memoryIntakeStore()
    const intake = createIntake({ store, log: memoryLogger() })
    const { answered, answer } = recorder()
    intake.handle('web' as Platform, answer)
    expect(await intake.admit('web', 'x', 'early')).toBe('admitted')
    expect(intake.stats().overflow).toBe(1)
    await intake.start()
    await intake.drained()
    expect(answered).toEqual(['early'])
  })

  it('reads overflow back in pages, never more than the bound at once', async () => {
    const memory = memoryIntakeStore()
    const intake = createIntake({ store: memory.store, log: memoryLogger(), bound: 4, concurrency: 2 })
    const { answered, answer } = recorder()
    intake.handle('slack', answer)
    await intake.start()
    await Promise.all(Array.from({ length: 40 }, (_, i) => intake.admit('slack', `Ev${i}`, `q${i}`)))
    expect(intake.stats().overflow).toBeGreaterThan(0)
    await intake.drained()
    expect(answered).toHaveLength(40)
    expect(new Set(answered).size).toBe(40)
    expect(memory.calls.after).toBeGreaterThan(1)
  })

  it('in a flood, spaces answer starts so the acks keep up, and answers them all', async () => {
    const { store } = memoryIntakeStore()
    const intake = createIntake({ store, log: memoryLogger(), flood: { perSecond: 100, gapMs: 40 } })
    const starts: number[] = []
    intake.handle('slack', async () => void starts.push(performance.now()))
    await intake.start()
    const admitted = performance.now()
    await Promise.all(Array.from({ length: 40 }, (_, i) => intake.admit('slack', `Ev${i}`, '')))
    await intake.drained()
    expect(starts).toHaveLength(40)
    // 40 events in one turn is 160/s over the quarter second: starts are spaced by the gap
    // while the flood lasts (timers never fire early).
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(39)
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(39)
    expect(starts[1]! - admitted).toBeGreaterThanOrEqual(39)
  })

  describe('several instances on one store', () => {
    /** One table, seen by each instance as `viewFor(name)`: its own rows, and adoption of others' old ones. */
    function sharedIntakeStore() {
      const rows: (AdmittedEvent & { instance: string; at: number })[] = []
      let nextId = 1
      const viewFor = (instance: string): IntakeStore => ({
        async admit(events) {
          const written: AdmittedEvent[] = []
          for (const e of events) {
            if (rows.some((r) => r.platform === e.platform && r.eventId === e.eventId)) continue
            const row = { id: nextId++, ...e }
            rows.push({ ...row, instance, at: Date.now() })
            written.push(row)
          }
          return written
        },
        async after(afterId, limit) {
          return rows.filter((r) => r.instance === instance && r.id > afterId).slice(0, limit)
        },
        async remove(ids) {
          for (const id of ids) rows.splice(rows.findIndex((r) => r.id === id) >>> 0, 1)
        },
        async count() {
          return rows.filter((r) => r.instance === instance).length
        },
        async adopt(olderThanSeconds) {
          const old = rows.filter((r) => r.instance !== instance && Date.now() - r.at >= olderThanSeconds * 1000)
          for (const row of old) Object.assign(row, { id: nextId++, instance, at: Date.now() })
          rows.sort((x, y) => x.id - y.id)
          return old.length
        },
      })
      return { rows, viewFor }
    }

    it.each([
      // adoptAfterMs, what B answers
      [60_000, ['b0', 'b1', 'b2']],
      [0, ['b0', 'b1', 'b2']],
      [30, ['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2']],
    ])(
      'with adoption after %i ms, an instance answers %j: its own, and another’s only once left that long',
      async (adoptAfterMs, expected) => {
        const shared = sharedIntakeStore()
        // A admits five and dies before answering any (never started).
        const a = createIntake({ store: shared.viewFor('a'), log: memoryLogger() })
        await Promise.all(Array.from({ length: 5 }, (_, i) => a.admit('slack', `EvA${i}`, `a${i}`)))
        const b = createIntake({ store: shared.viewFor('b'), log: memoryLogger(), adoptAfterMs, bound: 2, concurrency: 1 })
        const { answered, answer } = recorder()
        b.handle('slack', answer)
        await b.start()
        await Promise.all(Array.from({ length: 3 }, (_, i) => b.admit('slack', `EvB${i}`, `b${i}`)))
        await b.drained()
        if (expected.length > 3) {
          // Adopted on a later check (every adoptAfterMs / 2), then answered.
          const until = Date.now() + 2_000
          while (answered.length < expected.length && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5))
          await b.drained()
        }
        await b.stop()
        expect([...answered].sort()).toEqual(expected)
        expect(new Set(answered).size).toBe(answered.length)
        expect(shared.rows.map((r) => r.payload).sort()).toEqual(expected.length > 3 ? [] : ['a0', 'a1', 'a2', 'a3', 'a4'])
      },
    )
  })
})
