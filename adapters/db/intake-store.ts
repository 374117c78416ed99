// The intake's durable side (core/kernel/intake.ts) on SQLite: InboundEvent rows,
// written before the ack, read back in admission order, deleted once answered.
// Its own better-sqlite3 connection with prepared statements rather than Prisma:
// this write is on every ack's critical path, and Prisma compiles each query
// (raw ones too) for longer than SQLite takes to run it. Plain SQL that
// PostgreSQL also speaks, so a second implementation stays small.
//
// Several instances on one database: each row names the instance that admitted
// it, and an instance reads back only its own (its overflow, and what it left at a
// restart: INSTANCE_NAME, else the host name, is the same after one). `adopt`
// moves rows another instance has left for too long (it died, or is stuck) to
// this one under new ids, so the reader's cursor sees them.
import { hostname } from 'node:os'
import type { Platform } from '../../core/kernel/inbound.js'
import type { AdmittedEvent, IntakeStore } from '../../core/kernel/intake.js'
import { isPostgresUrl, sqlitePath } from './migrate.js'
import { openSideConnection } from './sqlite-driver.js'

/** A write that finds the database locked (a long transaction, another process) tries again for this long. */
const BUSY_WAIT_MS = 2_500

type Row = { id: number; platform: string; eventId: string; payload: string }

export interface ClosableIntakeStore extends IntakeStore {
  close(): void
}

/** Rows adopted per call. */
const ADOPT_BATCH = 1_000

/** `instance`: this process's name in the rows it admits (INSTANCE_NAME; the host name by default). */
export function createIntakeStore(url: string, instance: string = hostname()): ClosableIntakeStore {
  return isPostgresUrl(url) ? createPostgresIntakeStore(url, instance) : createSqliteIntakeStore(url, instance)
}

function createSqliteIntakeStore(url: string, instance: string): ClosableIntakeStore {
  const db = openSideConnection(sqlitePath(url))
  const insert = db.prepare(
    `INSERT INTO "InboundEvent" ("platform", "eventId", "payload", "instance") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  )
  const after = db.prepare(
    `SELECT "id", "platform", "eventId", "payload" FROM "InboundEvent" WHERE "instance" = ? AND "id" > ? ORDER BY "id" LIMIT ?`,
  )
  const remove = db.prepare(`DELETE FROM "InboundEvent" WHERE "id" = ?`)
  const count = db.prepare(`SELECT count(*) AS "n" FROM "InboundEvent" WHERE "instance" = ?`)
  // receivedAt is CURRENT_TIMESTAMP's text (UTC, "YYYY-MM-DD HH:MM:SS"): compared as text.
  const left = db.prepare(
    `SELECT "id", "platform", "eventId", "payload" FROM "InboundEvent"
     WHERE "instance" <> ? AND "receivedAt" < datetime('now', ?) ORDER BY "id" LIMIT ${ADOPT_BATCH}`,
  )

  const admitAll = db.transaction((events: { platform: Platform; eventId: string; payload: string }[]) => {
    const written: AdmittedEvent[] = []
    for (const event of events) {
      const { changes, lastInsertRowid } = insert.run(event.platform, event.eventId, event.payload, instance)
      if (changes === 1) written.push({ ...event, id: Number(lastInsertRowid) })
    }
    return written
  })
  const removeAll = db.transaction((ids: number[]) => {
    for (const id of ids) remove.run(id)
  })
  const adoptAll = db.transaction((olderThanSeconds: number) => {
    const rows = left.all(instance, `-${Math.max(0, Math.floor(olderThanSeconds))} seconds`) as Row[]
    for (const row of rows) {
      remove.run(row.id)
      insert.run(row.platform, row.eventId, row.payload, instance)
    }
    return rows.length
  })

  return {
    admit: (events) => whenUnlocked(() => admitAll(events)),
    async after(afterId, limit) {
      return (after.all(instance, afterId, limit) as Row[]).map((r) => ({ ...r, platform: r.platform as Platform }))
    },
    remove: (ids) => whenUnlocked(() => removeAll(ids)),
    adopt: (olderThanSeconds) => whenUnlocked(() => adoptAll(olderThanSeconds)),
    async count() {
      return Number((count.get(instance) as { n: number }).n)
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

/**
 * PostgreSQL: the same four statements on a small pool of its own (node-postgres, as under
 * Prisma's adapter). Each admit is one INSERT … SELECT FROM unnest: atomic, ids in admission order.
 */
function createPostgresIntakeStore(url: string, instance: string): ClosableIntakeStore {
  let pool: Promise<import('pg').Pool> | undefined
  const poolOf = () => {
    pool ??= import('pg').then(({ default: pg }) => new pg.Pool({ connectionString: url, max: 2, application_name: 'ladder-intake' }))
    return pool
  }
  return {
    async admit(events) {
      if (events.length === 0) return []
      const { rows } = await (await poolOf()).query<{ id: number; platform: string; eventId: string; payload: string }>(
        `INSERT INTO "InboundEvent" ("platform", "eventId", "payload", "instance")
         SELECT *, $4::text FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING
         RETURNING "id", "platform", "eventId", "payload"`,
        [events.map((e) => e.platform), events.map((e) => e.eventId), events.map((e) => e.payload), instance],
      )
      return rows.map((r) => ({ ...r, platform: r.platform as Platform })).sort((a, b) => a.id - b.id)
    },
    async after(afterId, limit) {
      const { rows } = await (await poolOf()).query<Row>(
        `SELECT "id", "platform", "eventId", "payload" FROM "InboundEvent" WHERE "instance" = $3 AND "id" > $1 ORDER BY "id" LIMIT $2`,
        [afterId, limit, instance],
      )
      return rows.map((r) => ({ ...r, platform: r.platform as Platform }))
    },
    async remove(ids) {
      if (ids.length > 0) await (await poolOf()).query(`DELETE FROM "InboundEvent" WHERE "id" = ANY($1::int[])`, [ids])
    },
    async adopt(olderThanSeconds) {
      // Two statements in one transaction: the rows leave, then come back as this instance's
      // with new ids. SKIP LOCKED: two instances adopting at once take different rows.
      const client = await (await poolOf()).connect()
      try {
        await client.query('BEGIN')
        const { rows } = await client.query<Row>(
          `DELETE FROM "InboundEvent" WHERE "id" IN (
             SELECT "id" FROM "InboundEvent"
             WHERE "instance" <> $1 AND "receivedAt" < CURRENT_TIMESTAMP - make_interval(secs => $2)
             ORDER BY "id" LIMIT ${ADOPT_BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING "platform", "eventId", "payload", "id"`,
          [instance, Math.max(0, Math.floor(olderThanSeconds))],
        )
        const sorted = rows.sort((a, b) => a.id - b.id)
        if (sorted.length > 0)
          await client.query(
            `INSERT INTO "InboundEvent" ("platform", "eventId", "payload", "instance")
             SELECT p, e, b, $4::text FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(p, e, b, n) ORDER BY n
             ON CONFLICT DO NOTHING`,
            [sorted.map((r) => r.platform), sorted.map((r) => r.eventId), sorted.map((r) => r.payload), instance],
          )
        await client.query('COMMIT')
        return sorted.length
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async count() {
      const { rows } = await (await poolOf()).query<{ n: number }>(
        `SELECT count(*)::int AS "n" FROM "InboundEvent" WHERE "instance" = $1`,
        [instance],
      )
      return rows[0]!.n
    },
    close() {
      if (pool) void pool.then((p) => p.end()).catch(() => {})
    },
  }
}
