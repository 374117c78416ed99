// The intake's durable side (core/kernel/intake.ts) on SQLite: InboundEvent rows,
// written before the ack, read back in admission order, deleted once answered.
// Its own better-sqlite3 connection with prepared statements rather than Prisma:
// this write is on every ack's critical path, and Prisma compiles each query
// (raw ones too) for longer than SQLite takes to run it. Plain SQL that
// PostgreSQL also speaks, so a second implementation stays small.
import type { Platform } from '../../core/kernel/inbound.js'
import type { AdmittedEvent, IntakeStore } from '../../core/kernel/intake.js'
import { sqlitePath } from './migrate.js'
import { openSideConnection } from './sqlite-driver.js'

/** A write that finds the database locked (a long transaction, another process) tries again for this long. */
const BUSY_WAIT_MS = 2_500

type Row = { id: number; platform: string; eventId: string; payload: string }

export interface ClosableIntakeStore extends IntakeStore {
  close(): void
}

export function createIntakeStore(url: string): ClosableIntakeStore {
  const db = openSideConnection(sqlitePath(url))
  const insert = db.prepare(`INSERT INTO "InboundEvent" ("platform", "eventId", "payload") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
  const after = db.prepare(`SELECT "id", "platform", "eventId", "payload" FROM "InboundEvent" WHERE "id" > ? ORDER BY "id" LIMIT ?`)
  const remove = db.prepare(`DELETE FROM "InboundEvent" WHERE "id" = ?`)
  const count = db.prepare(`SELECT count(*) AS "n" FROM "InboundEvent"`)

  const admitAll = db.transaction((events: { platform: Platform; eventId: string; payload: string }[]) => {
    const written: AdmittedEvent[] = []
    for (const event of events) {
      const { changes, lastInsertRowid } = insert.run(event.platform, event.eventId, event.payload)
      if (changes === 1) written.push({ ...event, id: Number(lastInsertRowid) })
    }
    return written
  })
  const removeAll = db.transaction((ids: number[]) => {
    for (const id of ids) remove.run(id)
  })

  return {
    admit: (events) => whenUnlocked(() => admitAll(events)),
    async after(afterId, limit) {
      return (after.all(afterId, limit) as Row[]).map((r) => ({ ...r, platform: r.platform as Platform }))
    },
    remove: (ids) => whenUnlocked(() => removeAll(ids)),
    async count() {
      return Number((count.get() as { n: number }).n)
    },
    close() {
      db.close()
    },
  }
}

/** Runs a write, trying again a little later while SQLite says the database is locked. */
async function whenUnlocked<T>(write: () => T): Promise<T> {
  const until = Date.now() + BUSY_WAIT_MS
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return write()
    } catch (error) {
      const code = (error as { code?: string }).code
      if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || Date.now() > until) throw error
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}
