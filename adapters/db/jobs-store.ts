// Job descriptions in SQL (core/features/jobs/ports.ts): the versions of a job,
// those in force, and those whose people are still to be told about them.
import type { DutyEvidence, JdSection, JobDescriptionRecord, JobDescriptionRepo } from '../../core/features/jobs/index.js'
import type { Db } from './client.js'
import type { Prisma } from './generated/client.js'
import { toEmployee } from './map.js'

type Tx = Db | Prisma.TransactionClient

const WITH_ITEMS = { items: { orderBy: { position: 'asc' } } } as const

type Row = Prisma.JobDescriptionGetPayload<{ include: typeof WITH_ITEMS }>

const toRecord = (d: Row): JobDescriptionRecord => ({
  id: d.id,
  jobId: d.jobId,
  version: d.version,
  effectiveFrom: d.effectiveFrom,
  purpose: { zh: d.purposeZh, en: d.purposeEn },
  announcedAt: d.announcedAt,
  items: d.items.map((i) => ({
    section: i.section as JdSection,
    code: i.code,
    position: i.position,
    text: { zh: i.textZh, en: i.textEn },
    ownerJobId: i.ownerJobId,
    recurrence: i.recurrence,
    evidence: i.evidence as DutyEvidence | null,
    dimensionId: i.dimensionId,
    target: i.target,
  })),
})

export function createJobDescriptionRepo(db: Tx): JobDescriptionRepo {
  return {
    async versionsOf(jobId) {
      const rows = await db.jobDescription.findMany({ where: { jobId }, include: WITH_ITEMS, orderBy: { version: 'asc' } })
      return rows.map(toRecord)
    },
    async allInForce(at) {
      // Small: one row per (job, version); the latest in force per job is picked here.
      const heads = await db.jobDescription.findMany({
        where: { effectiveFrom: { lte: at } },
        select: { id: true, jobId: true, version: true },
      })
      const latest = new Map<number, { id: number; version: number }>()
      for (const h of heads) {
        const seen = latest.get(h.jobId)
        if (!seen || h.version > seen.version) latest.set(h.jobId, h)
      }
      if (latest.size === 0) return []
      const rows = await db.jobDescription.findMany({
        where: { id: { in: [...latest.values()].map((h) => h.id) } },
        include: WITH_ITEMS,
        orderBy: { jobId: 'asc' },
      })
      return rows.map(toRecord)
    },
    async toAnnounce(at) {
      const pending = await db.jobDescription.findMany({
        where: { announcedAt: null, version: { gt: 1 }, effectiveFrom: { lte: at } },
        select: { jobId: true },
        distinct: ['jobId'],
      })
      if (pending.length === 0) return []
      const rows = await db.jobDescription.findMany({
        where: { jobId: { in: pending.map((p) => p.jobId) } },
        include: WITH_ITEMS,
        orderBy: [{ jobId: 'asc' }, { version: 'asc' }],
      })
      return rows.map(toRecord)
    },
    async markAnnounced(ids, at) {
      if (ids.length === 0) return
      await db.jobDescription.updateMany({ where: { id: { in: [...ids] }, announcedAt: null }, data: { announcedAt: at } })
    },
    async activeIn(jobIds) {
      if (jobIds.length === 0) return []
      const rows = await db.employee.findMany({ where: { jobId: { in: [...jobIds] }, status: 'active' }, orderBy: { id: 'asc' } })
      return rows.map(toEmployee)
    },
  }
}
