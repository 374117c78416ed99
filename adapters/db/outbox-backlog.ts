// The outbox backlog for /metrics (bot/metrics.ts): one grouped count of the rows not
// delivered, by platform and status. Through Prisma's groupBy, so it reads the same on
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
