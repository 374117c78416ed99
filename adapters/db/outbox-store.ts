// The outbox and leases in SQL. Claims and lease takes are single conditional
// statements (UPDATE … WHERE … RETURNING), so two processes on one database can
// never both win a row; each runs in its own short transaction so it never
// rides along inside another query's open transaction on the shared connection.

import type { Card } from '../../core/kernel/cards/card.js'
import type { ChatPlatform, MessageRef } from '../../core/kernel/messaging.js'
import type { NewOutboxMessage, OutboxKind, OutboxMessage, OutboxRepo, OutboxStatus } from '../../core/kernel/outbox.js'
import { OUTBOX_STATUSES } from '../../core/kernel/outbox.js'
import type { LeaseRepo } from '../../core/kernel/ports.js'
import type { Db } from './client.js'
import { Prisma } from './generated/client.js'
import { providerOf, type RawSql, rawSql, type SqlValue, sizesOf } from './raw-sql.js'

type Tx = Db | Prisma.TransactionClient

/** Runs `fn` in a transaction of its own, or in the caller's when there is one. */
export type Alone = <T>(fn: (q: Tx) => Promise<T>) => Promise<T>

export const aloneFor = (db: Tx, isRoot: boolean): Alone => (isRoot ? (fn) => (db as Db).$transaction((tx) => fn(tx)) : (fn) => fn(db))

/** Rows per multi-row INSERT (the sweep writes 50 digests a batch): 16 bound values each, far below SQLite's limit. */
const INSERT_CHUNK = 50
const MAX_ERROR = 1000

interface OutboxRow {
  id: number | bigint
  idempotencyKey: string
  kind: string
  platform: string
  tenant: string
  destKind: string
  destId: string
  threadId: string | null
  employeeId: number | bigint | null
  card: string
  targetChannelId: string | null
  targetMessageId: string | null
  status: string
  attempts: number | bigint
  availableAt: Date
  expiresAt: Date | null
  leaseHolder: string | null
  leaseUntil: Date | null
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
  deadAt: Date | null
  refChannelId: string | null
  refMessageId: string | null
}

function toOutboxMessage(r: OutboxRow): OutboxMessage {
  return {
    id: Number(r.id),
    idempotencyKey: r.idempotencyKey,
    kind: r.kind as OutboxKind,
    to: {
      platform: r.platform as ChatPlatform,
      tenant: r.tenant,
      kind: r.destKind === 'channel' ? 'channel' : 'user',
      id: r.destId,
      ...(r.threadId ? { threadId: r.threadId } : {}),
    },
    card: JSON.parse(r.card) as Card,
    employeeId: r.employeeId === null ? null : Number(r.employeeId),
    target: r.targetChannelId && r.targetMessageId ? { channelId: r.targetChannelId, messageId: r.targetMessageId } : null,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    availableAt: new Date(r.availableAt),
    expiresAt: r.expiresAt ? new Date(r.expiresAt) : null,
    leaseHolder: r.leaseHolder,
    leaseUntil: r.leaseUntil ? new Date(r.leaseUntil) : null,
    lastError: r.lastError,
    createdAt: new Date(r.createdAt),
    sentAt: r.sentAt ? new Date(r.sentAt) : null,
    deadAt: r.deadAt ? new Date(r.deadAt) : null,
    ref: r.refChannelId && r.refMessageId ? { channelId: r.refChannelId, messageId: r.refMessageId } : null,
  }
}

const clip = (error: string): string => (error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR - 1)}…` : error)

function valuesOf(m: NewOutboxMessage, now: Date): Prisma.Sql {
  return Prisma.sql`(${m.idempotencyKey}, ${m.kind}, ${m.to.platform}, ${m.to.tenant}, ${m.to.kind}, ${m.to.id}, ${m.to.threadId ?? null}, ${m.employeeId}, ${JSON.stringify(m.card)}, ${m.target?.channelId ?? null}, ${m.target?.messageId ?? null}, 'pending', 0, ${m.availableAt}, ${m.expiresAt ?? null}, ${now})`
}

const INSERT_SQL = `INSERT INTO "OutboxMessage" ("idempotencyKey", "kind", "platform", "tenant", "destKind", "destId", "threadId", "employeeId", "card", "targetChannelId", "targetMessageId", "status", "attempts", "availableAt", "expiresAt", "createdAt") VALUES `
const INSERT_COLUMNS = Prisma.raw(INSERT_SQL)
const INSERT_TUPLE = `(${Array.from({ length: 16 }, () => '?').join(', ')})`

/** valuesOf's values, in its order, for a `?` tuple. */
const argsOf = (m: NewOutboxMessage, now: Date): SqlValue[] => [
  m.idempotencyKey,
  m.kind,
  m.to.platform,
  m.to.tenant,
  m.to.kind,
  m.to.id,
  m.to.threadId ?? null,
  m.employeeId,
  JSON.stringify(m.card),
  m.target?.channelId ?? null,
  m.target?.messageId ?? null,
  'pending',
  0,
  m.availableAt,
  m.expiresAt ?? null,
  now,
]

/**
 * Forgets the ReminderLog steps a message carried (it expired, died, or named an erased person),
 * so the next sweep plans them again. They are logged under its recipient, the message's
 * employeeId (ReminderLog's one index); a message to nobody in particular carried none.
 */
export async function forgetSteps(sql: RawSql, message: { idempotencyKey: string; employeeId: number | bigint | null }): Promise<void> {
  if (message.employeeId === null) return
  await sql.execute(`DELETE FROM "ReminderLog" WHERE "recipientId" = ? AND "outboxKey" = ?`, [
    Number(message.employeeId),
    message.idempotencyKey,
  ])
}

export function createOutboxRepo(db: Tx, alone: Alone): OutboxRepo {
  /**
   * Messages the platform took whose `sent` could not be written (a full or read-only
   * disk): remembered here and written before this repository claims anything again, and
   * instead of any later reschedule, retry or dead letter of the same row, so a message
   * sent is never put back in the queue by the process that sent it.
   */
  const unrecorded = new Map<number, { id: number; holder: string; ref: MessageRef | null; now: Date }>()

  const recordSent = async ({ id, holder, ref, now }: { id: number; holder: string; ref: MessageRef | null; now: Date }) =>
    (await alone(
      (q) =>
        q.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${now}, "refChannelId" = ${ref?.channelId ?? null}, "refMessageId" = ${ref?.messageId ?? null}, "leaseUntil" = NULL, "lastError" = NULL
        WHERE "id" = ${id} AND "leaseHolder" = ${holder} AND "status" = 'sending'`,
    )) === 1

  /** Writes the remembered sends; throws (keeping them) while the database still refuses. */
  async function recordUnrecorded(only?: number): Promise<boolean> {
    let wrote = false
    for (const [id, sent] of unrecorded) {
      if (only !== undefined && id !== only) continue
      await recordSent(sent)
      unrecorded.delete(id)
      wrote = true
    }
    return wrote
  }

  return {
    async enqueue(message, now) {
      const rows = await db.$queryRaw<
        { id: number | bigint }[]
      >`${INSERT_COLUMNS}${valuesOf(message, now)} ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`
      const id = rows[0]?.id
      return id === undefined ? { id: null, isNew: false } : { id: Number(id), isNew: true }
    },

    async enqueueMany(messages, now) {
      // Straight to the driver: the cards are most of the bytes, and through $queryRaw each one
      // would be serialised into and out of the query compiler (raw-sql.ts).
      const fresh = new Set<string>()
      const sql = rawSql(db)
      let i = 0
      for (const size of sizesOf(messages.length, INSERT_CHUNK)) {
        const chunk = messages.slice(i, i + size)
        i += size
        const args: SqlValue[] = []
        for (const m of chunk) args.push(...argsOf(m, now))
        const rows = await sql.query<{ idempotencyKey: string }>(
          `${INSERT_SQL}${chunk.map(() => INSERT_TUPLE).join(', ')} ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "idempotencyKey"`,
          args,
        )
        for (const r of rows) fresh.add(r.idempotencyKey)
      }
      return fresh
    },

    async claim({ platform, holder, now, leaseMs, limit }) {
      // What this process sent comes first: it must never be claimed, and sent, again.
      await recordUnrecorded()
      const until = new Date(now.getTime() + leaseMs)
      // PostgreSQL: instances claiming at once each lock different rows instead of queueing on the
      // same ones (and re-checking them); SQLite has one writer at a time, the statement is alone.
      const sqlite = providerOf(db) === 'sqlite'
      const skipLocked = sqlite ? Prisma.empty : Prisma.sql`FOR UPDATE SKIP LOCKED`
      // The pick is a materialised CTE, run once: as a sub-select of the UPDATE, PostgreSQL may run
      // it again per row, and each run skips the rows this statement already updated and picks
      // `limit` others — one claim took every row (test/reminders/delivery.e2e.test.ts).
      const materialized = sqlite ? Prisma.empty : Prisma.sql`MATERIALIZED`
      // The conditions are repeated outside the sub-select: PostgreSQL re-checks only those on a
      // row another transaction changed meanwhile, so a row can never be claimed twice there either.
      const rows = await alone(
        (q) =>
          q.$queryRaw<OutboxRow[]>`
          WITH "picked" AS ${materialized} (
            SELECT "id" FROM "OutboxMessage"
            WHERE "platform" = ${platform}
              AND (("status" = 'pending' AND "availableAt" <= ${now}) OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
            ORDER BY "availableAt", "id"
            LIMIT ${limit}
            ${skipLocked}
          )
          UPDATE "OutboxMessage"
          SET "status" = 'sending', "leaseHolder" = ${holder}, "leaseUntil" = ${until}, "attempts" = "attempts" + 1
          WHERE "id" IN (SELECT "id" FROM "picked")
          AND (("status" = 'pending' AND "availableAt" <= ${now}) OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
          RETURNING *`,
      )
      return rows.map(toOutboxMessage).sort((a, b) => a.availableAt.getTime() - b.availableAt.getTime() || a.id - b.id)
    },

    async markSent(input) {
      try {
        return await recordSent(input)
      } catch (error) {
        unrecorded.set(input.id, input)
        throw error
      }
    },

    async recordRetry({ id, holder, error, leaseUntil, countsAsAttempt = true }) {
      if (await recordUnrecorded(id)) return false
      const more = countsAsAttempt ? 1 : 0
      const changed = await alone(
        (q) =>
          q.$executeRaw`UPDATE "OutboxMessage" SET "attempts" = "attempts" + ${more}, "lastError" = ${clip(error)}, "leaseUntil" = ${leaseUntil}
          WHERE "id" = ${id} AND "leaseHolder" = ${holder} AND "status" = 'sending'`,
      )
      return changed === 1
    },

    async reschedule({ id, holder, error, availableAt, refundAttempt = false }) {
      if (await recordUnrecorded(id)) return false
      const refund = refundAttempt ? 1 : 0
      const changed = await alone(
        (q) =>
          q.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'pending', "availableAt" = ${availableAt}, "lastError" = ${clip(error)}, "leaseHolder" = NULL, "leaseUntil" = NULL, "attempts" = CASE WHEN "attempts" > ${refund} THEN "attempts" - ${refund} ELSE 0 END
          WHERE "id" = ${id} AND "leaseHolder" = ${holder} AND "status" = 'sending'`,
      )
      return changed === 1
    },

    async expire({ id, holder }) {
      if (await recordUnrecorded(id)) return false
      return alone(async (q) => {
        const rows = await q.$queryRaw<
          { idempotencyKey: string; employeeId: number | bigint | null }[]
        >`UPDATE "OutboxMessage" SET "status" = 'expired', "leaseUntil" = NULL
          WHERE "id" = ${id} AND "leaseHolder" = ${holder} AND "status" = 'sending' RETURNING "idempotencyKey", "employeeId"`
        const expired = rows[0]
        if (expired === undefined) return false
        await forgetSteps(rawSql(q), expired)
        return true
      })
    },

    async markDead({ id, holder, error, now }) {
      if (await recordUnrecorded(id)) return false
      const changed = await alone(
        (q) =>
          q.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'dead', "lastError" = ${clip(error)}, "leaseUntil" = NULL, "deadAt" = ${now}
          WHERE "id" = ${id} AND "leaseHolder" = ${holder} AND "status" = 'sending'`,
      )
      return changed === 1
    },

    async listDead(limit) {
      const rows = await db.$queryRaw<OutboxRow[]>`SELECT * FROM "OutboxMessage" WHERE "status" = 'dead' ORDER BY "id" DESC LIMIT ${limit}`
      return rows.map(toOutboxMessage)
    },

    async retryDead(id, now) {
      const changed = await alone(
        (q) =>
          q.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'pending', "attempts" = 0, "availableAt" = ${now}, "leaseHolder" = NULL, "leaseUntil" = NULL
          WHERE "id" = ${id} AND "status" = 'dead'`,
      )
      return changed === 1
    },

    async retryAllDead(now) {
      return alone(
        (q) =>
          q.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'pending', "attempts" = 0, "availableAt" = ${now}, "leaseHolder" = NULL, "leaseUntil" = NULL
          WHERE "status" = 'dead'`,
      )
    },

    async byKey(idempotencyKey) {
      const rows = await db.$queryRaw<OutboxRow[]>`SELECT * FROM "OutboxMessage" WHERE "idempotencyKey" = ${idempotencyKey}`
      return rows[0] ? toOutboxMessage(rows[0]) : null
    },

    async consoleInbox(email, limit) {
      const rows = await db.$queryRaw<OutboxRow[]>`SELECT * FROM "OutboxMessage"
        WHERE "platform" = 'web' AND "destId" = ${email} AND "status" IN ('sending', 'sent') AND "kind" <> 'card_update'
        ORDER BY "id" DESC LIMIT ${limit}`
      return rows.map(toOutboxMessage)
    },

    async consoleUnread(emails) {
      if (emails?.length === 0) return new Map()
      const only = emails ? Prisma.sql`AND "destId" IN (${Prisma.join(emails)})` : Prisma.empty
      const rows = await db.$queryRaw<{ destId: string; n: number | bigint }[]>`SELECT "destId", COUNT(*) AS "n" FROM "OutboxMessage"
        WHERE "platform" = 'web' AND "status" IN ('sending', 'sent') AND "kind" <> 'card_update' AND "readAt" IS NULL ${only}
        GROUP BY "destId"`
      return new Map(rows.map((r) => [r.destId, Number(r.n)]))
    },

    async markConsoleRead(email, now) {
      await db.$executeRaw`UPDATE "OutboxMessage" SET "readAt" = ${now}
        WHERE "platform" = 'web' AND "destId" = ${email} AND "status" IN ('sending', 'sent') AND "readAt" IS NULL`
    },

    async countByStatus() {
      const rows = await db.$queryRaw<
        { status: string; n: number | bigint }[]
      >`SELECT "status", COUNT(*) AS "n" FROM "OutboxMessage" GROUP BY "status"`
      const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>
      for (const r of rows) if ((OUTBOX_STATUSES as readonly string[]).includes(r.status)) counts[r.status as OutboxStatus] = Number(r.n)
      return counts
    },
  }
}

export function createLeaseRepo(alone: Alone): LeaseRepo {
  async function take(name: string, holder: string, now: Date, ttlMs: number): Promise<number | null> {
    const until = new Date(now.getTime() + ttlMs)
    return alone(async (q) => {
      // Take it when free or expired, renew it when ours: one conditional statement, one winner.
      // A new acquisition moves the fencing token on; a renewal of an unexpired lease keeps it.
      const taken = await q.$queryRaw<{ token: number | bigint }[]>`UPDATE "Lease"
          SET "token" = CASE WHEN "holder" = ${holder} AND "expiresAt" > ${now} THEN "token" ELSE "token" + 1 END,
              "holder" = ${holder}, "expiresAt" = ${until}
          WHERE "name" = ${name} AND ("expiresAt" <= ${now} OR "holder" = ${holder})
          RETURNING "token"`
      if (taken[0]) return Number(taken[0].token)
      const created = await q.$queryRaw<{ token: number | bigint }[]>`INSERT INTO "Lease" ("name", "holder", "expiresAt", "token")
          VALUES (${name}, ${holder}, ${until}, 1) ON CONFLICT ("name") DO NOTHING RETURNING "token"`
      return created[0] ? Number(created[0].token) : null
    })
  }
  return {
    async acquire(name, holder, now, ttlMs) {
      return (await take(name, holder, now, ttlMs)) !== null
    },
    take,
    async renewFenced(name, holder, token, now, ttlMs) {
      // Also the fence of the transaction it runs in: on PostgreSQL the row stays locked until
      // COMMIT (a take by another waits for it), on SQLite the write lock is held from here on.
      // Straight to the driver: a sweep renews it in every write transaction, ~0.5 ms each through the query compiler.
      const until = new Date(now.getTime() + ttlMs)
      const renewed = await alone((q) =>
        rawSql(q).execute(`UPDATE "Lease" SET "expiresAt" = ? WHERE "name" = ? AND "holder" = ? AND "token" = ?`, [
          until,
          name,
          holder,
          token,
        ]),
      )
      return renewed === 1
    },
    async release(name, holder, now) {
      await alone((q) => q.$executeRaw`UPDATE "Lease" SET "expiresAt" = ${now} WHERE "name" = ${name} AND "holder" = ${holder}`)
    },
  }
}
