// The shared pace on a real SQLite file: two clients (as two processes would) reserve
// slots of one scope at once and together never break the spacing nor the window;
// a pause moves everyone's next slot; the row's encoding round-trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDb } from '../../adapters/db/client.js'
import { createPacingStore, decodeSlots, encodeSlots } from '../../adapters/db/pacing-store.js'
import { createTestDb, type TestDb } from '../support/db.js'

let t: TestDb
let other: Db

beforeAll(async () => {
  t = await createTestDb()
  other = await openDb(t.url)
})
afterAll(async () => {
  await other.$disconnect()
  await t.close()
})

function busiest(times: number[], ms: number): number {
  let most = 0
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= ms) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe('createPacingStore', () => {
  it.each([[[]], [[1_796_000_000_000]], [[1_796_000_000_000, 1_796_000_000_021, 1_796_000_000_042, 1_796_000_060_000]]])(
    'encodes the window slots as first and gaps: %j',
    (slots) => {
      expect(decodeSlots(encodeSlots(slots))).toEqual(slots)
    },
  )

  it('two clients reserving at once get distinct slots within the spacing and the window', async () => {
    const a = createPacingStore(t.db)
    const b = createPacingStore(other)
    const window = { count: 40, ms: 1000 }
    const now = 1_796_000_000_000
    const round = async (at: number) =>
      (await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).reserve('feishu:app', 5, 10, at + i, window)))).flat()
    // 100 slots asked for; the window holds 40 a second, and a full window places nothing ahead.
    const first = await round(now)
    expect(first).toHaveLength(40)
    const second = await round(now + 1000)
    expect(second).toHaveLength(40)
    const all = [...first, ...second].sort((x, y) => x - y)
    expect(new Set(all).size).toBe(80)
    for (let i = 1; i < all.length; i++) expect((all[i] as number) - (all[i - 1] as number)).toBeGreaterThanOrEqual(10 - 1)
    expect(busiest(all, window.ms)).toBeLessThanOrEqual(window.count)
  })

  it('a pause moves the next slot of the scope for every client', async () => {
    const a = createPacingStore(t.db)
    const b = createPacingStore(other)
    const now = 1_797_000_000_000
    await a.pauseUntil('slack:send', now + 5000)
    const [first] = await b.reserve('slack:send', 1, 100, now)
    expect(first).toBeGreaterThanOrEqual(now + 5000)
  })
})
