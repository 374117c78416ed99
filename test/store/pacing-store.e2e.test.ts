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
    const rounds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).reserve('feishu:app', 5, 10, now + i, window)),
    )
    const all = rounds.flat().sort((x, y) => x - y)
    expect(all).toHaveLength(100)
    for (let i = 1; i < all.length; i++) expect((all[i] as number) - (all[i - 1] as number)).toBeGreaterThanOrEqual(10 - 1)
    expect(busiest(all, window.ms)).toBeLessThanOrEqual(window.count)
    // The window, not the spacing, set the pace after the first 40: 100 slots need two more seconds.
    expect((all.at(-1) as number) - (all[0] as number)).toBeGreaterThanOrEqual(2000)
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
