// Read-mostly data kept in memory between questions: the catalogue (jobs,
// standards, courses…) and who a chat user is. A question used to load both
// again — a dozen statements of its twenty. Each cache is stamped with a
// version counter that database triggers bump on every write to the tables
// behind it (CacheStamp, migration 20261202100000_intake), so a write from any
// process — `ladder import` in another terminal, plain SQL — is seen at the
// next question: one cheap read replaces the reload.
import type { Db } from './client.js'
import type { FastReads } from './fast-reads.js'

export type StampName = 'catalog' | 'people'

/** The stamps, read in one statement: prepared (fast-reads.ts), or raw through Prisma. */
export async function readStamps(db: Db, fast?: FastReads): Promise<Record<StampName, number>> {
  const rows = fast
    ? fast.stamps()
    : await db.$queryRaw<{ name: string; version: number | bigint }[]>`SELECT "name", "version" FROM "CacheStamp"`
  const stamps = { catalog: -1, people: -1 }
  for (const row of rows) if (row.name === 'catalog' || row.name === 'people') stamps[row.name] = Number(row.version)
  return stamps
}

/** One value per stamp: reloaded when the stamp has moved since it was loaded. */
export function stampedValue<T>(stamp: () => Promise<number>, load: () => Promise<T>): () => Promise<T> {
  let cached: { stamp: number; value: Promise<T> } | undefined
  return async () => {
    const now = await stamp()
    // A stamp of -1 means the table is missing (never in a migrated database): no caching then.
    if (cached?.stamp === now && now >= 0) return cached.value
    const value = load().then(deepFreeze)
    cached = { stamp: now, value }
    // A failed load must not stick: the next call tries again.
    value.catch(() => {
      if (cached?.value === value) cached = undefined
    })
    return value
  }
}

/** Values by key, all dropped when the stamp moves; bounded so unknown keys cannot grow it forever. */
export function stampedMap<T>(stamp: () => Promise<number>, limit = 50_000) {
  let at = -1
  const values = new Map<string, T>()
  return async (key: string, load: () => Promise<T>): Promise<T> => {
    const now = await stamp()
    if (now !== at || now < 0 || values.size >= limit) {
      values.clear()
      at = now
    }
    if (values.has(key)) return values.get(key) as T
    const value = deepFreeze(await load())
    // Only if nothing moved while loading: a write in between would leave a stale value behind.
    if ((await stamp()) === at) values.set(key, value)
    return value
  }
}

/** Shared between questions, so nobody may change it: a mutation throws instead of corrupting the next answer. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date) return value
  Object.freeze(value)
  for (const inner of Object.values(value)) deepFreeze(inner)
  if (value instanceof Map) for (const entry of value) deepFreeze(entry)
  return value
}
