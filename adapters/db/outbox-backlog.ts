// The outbox backlog for /metrics (bot/metrics.ts) and the admin API's health
// (bot/admin-api.ts): one grouped count of the rows not delivered, by platform and status. Through Prisma's groupBy, so it reads the same on
// SQLite and PostgreSQL; the status index keeps it to the undelivered rows.
import type { Db } from './client.js'

const UNDELIVERED = ['pending', 'sending', 'dead', 'expired']

export async function outboxBacklog(db: Db): Promise<{ platform: string; status: string; count: number }[]> {
  const groups = await db.outboxMessage.groupBy({
    by: ['platform', 'status'],
    where: { status: { in: UNDELIVERED } },
    _count: { _all: true },
  })
  return groups.map((g) => ({ platform: g.platform, status: g.status, count: g._count._all }))
}

type Counts = { pending: number; due: number; sending: number; dead: number }

/** Messages not yet delivered, per platform and in all: pending (and how many are due now), being sent, dead. */
export async function outboxHealth(db: Db, now: Date) {
  const [groups, due, oldest] = await Promise.all([
    outboxBacklog(db),
    db.outboxMessage.groupBy({ by: ['platform'], where: { status: 'pending', availableAt: { lte: now } }, _count: true }),
    db.outboxMessage.findFirst({ where: { status: 'pending' }, orderBy: { availableAt: 'asc' }, select: { availableAt: true } }),
  ])
  const platforms: Record<string, Counts> = {}
  const of = (platform: string) => (platforms[platform] ??= { pending: 0, due: 0, sending: 0, dead: 0 })
  for (const g of groups) if (g.status === 'pending' || g.status === 'sending' || g.status === 'dead') of(g.platform)[g.status] = g.count
  for (const row of due) of(row.platform).due = row._count
  const total = (key: keyof Counts) => Object.values(platforms).reduce((n, p) => n + p[key], 0)
  return {
    pending: total('pending'),
    due: total('due'),
    sending: total('sending'),
    dead: total('dead'),
    oldestPendingAt: oldest?.availableAt.toISOString() ?? null,
    platforms,
  }
}
