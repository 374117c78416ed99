// Recurring duties, their check-ins and course materials (core/features/duties/ports.ts)
// in Prisma; store.ts's buildStore wires it, so it shares the store's transactions.
import type {
  CheckInRecord,
  CheckInStatus,
  CheckInView,
  DutiesRepo,
  DutyEvidence,
  MaterialRecord,
  RecurringDuty,
} from '../../core/features/duties/index.js'
import type { Bilingual } from '../../core/kernel/domain/types.js'
import { yieldToEventLoop } from '../../core/kernel/yielding.js'
import type { Db } from './client.js'
import type { Prisma } from './generated/client.js'
import { dateOf, dateOrNull, rawSql, type SqlValue, sizesOf } from './raw-sql.js'

type Tx = Db | Prisma.TransactionClient

/** Six bound values a row: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const CHECK_INS_PER_STATEMENT = 200
/** Open check-ins read per statement by the sweep. */
const CHECK_IN_PAGE = 1000

const EVIDENCE: readonly DutyEvidence[] = ['none', 'note', 'number', 'link']
const evidenceOf = (v: string | null): DutyEvidence => (EVIDENCE.includes(v as DutyEvidence) ? (v as DutyEvidence) : 'none')

type CheckInRow = Prisma.DutyCheckInGetPayload<object>
type MaterialRow = Prisma.CourseMaterialGetPayload<{ include: { course: true } }>

const toCheckIn = (r: CheckInRow): CheckInRecord => ({ ...r, status: r.status as CheckInStatus })

const toMaterial = (r: MaterialRow): MaterialRecord => ({
  id: r.id,
  courseId: r.courseId,
  courseCode: r.course.code,
  courseTitle: { zh: r.course.titleZh, en: r.course.titleEn },
  title: { zh: r.titleZh, en: r.titleEn },
  providerDepartmentId: r.providerDepartmentId,
  providerEmployeeId: r.providerEmployeeId,
  dueAt: r.dueAt,
  providedAt: r.providedAt,
  url: r.url,
  createdAt: r.createdAt,
  snoozedUntil: r.snoozedUntil,
})

interface DutyText {
  text: Bilingual
  evidence: DutyEvidence
}

export function createDutiesRepo(db: Tx): DutiesRepo {
  /** Every duty's text by owner job and code, the latest version's wording (a check-in outlives its version). */
  async function dutyTexts(jobIds: readonly number[]): Promise<Map<string, DutyText>> {
    const map = new Map<string, DutyText>()
    if (jobIds.length === 0) return map
    const ids = [...new Set(jobIds)]
    const items = await db.jobDescriptionItem.findMany({
      where: { section: 'duty', OR: [{ ownerJobId: { in: ids } }, { ownerJobId: null, description: { jobId: { in: ids } } }] },
      include: { description: { select: { jobId: true, version: true, effectiveFrom: true } } },
    })
    items.sort(
      (a, b) =>
        a.description.effectiveFrom.getTime() - b.description.effectiveFrom.getTime() || a.description.version - b.description.version,
    )
    for (const i of items)
      map.set(`${i.ownerJobId ?? i.description.jobId}:${i.code}`, {
        text: { zh: i.textZh, en: i.textEn },
        evidence: evidenceOf(i.evidence),
      })
    return map
  }

  async function views(rows: readonly CheckInRow[]): Promise<CheckInView[]> {
    const texts = await dutyTexts(rows.map((r) => r.jobId))
    return rows.map((r) => {
      const t = texts.get(`${r.jobId}:${r.dutyCode}`)
      return { checkIn: toCheckIn(r), text: t?.text ?? { zh: r.dutyCode, en: r.dutyCode }, evidence: t?.evidence ?? 'none' }
    })
  }

  return {
    async recurringDuties(now) {
      const descriptions = await db.jobDescription.findMany({
        where: { effectiveFrom: { lte: now } },
        orderBy: [{ jobId: 'asc' }, { version: 'desc' }],
        select: { id: true, jobId: true },
      })
      // The version in force per job: the latest whose effectiveFrom has come.
      const inForce = new Map<number, number>()
      for (const d of descriptions) if (!inForce.has(d.jobId)) inForce.set(d.jobId, d.id)
      if (inForce.size === 0) return []
      const items = await db.jobDescriptionItem.findMany({
        where: { descriptionId: { in: [...inForce.values()] }, section: 'duty', recurrence: { not: null } },
        include: { description: { select: { jobId: true } } },
        orderBy: [{ descriptionId: 'asc' }, { position: 'asc' }],
      })
      return items.map(
        (i): RecurringDuty => ({
          describedJobId: i.description.jobId,
          ownerJobId: i.ownerJobId ?? i.description.jobId,
          code: i.code,
          text: { zh: i.textZh, en: i.textEn },
          recurrence: i.recurrence ?? '',
          evidence: evidenceOf(i.evidence),
        }),
      )
    },
    async openCheckIns(rows) {
      // A whole company's day at once (10,000 people): the rows go a chunk per statement,
      // and another sweep inserting the same rows meanwhile loses nothing (the unique key keeps one).
      let inserted = 0
      let i = 0
      for (const size of sizesOf(rows.length, CHECK_INS_PER_STATEMENT)) {
        const chunk = rows.slice(i, i + size)
        i += size
        const args: SqlValue[] = []
        for (const r of chunk) args.push(r.employeeId, r.jobId, r.dutyCode, r.occurrence, r.openedAt, r.dueAt)
        inserted += await rawSql(db).execute(
          `INSERT INTO "DutyCheckIn" ("employeeId", "jobId", "dutyCode", "occurrence", "openedAt", "dueAt", "status")
           VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, 'open')").join(', ')}
           ON CONFLICT ("employeeId", "jobId", "dutyCode", "occurrence") DO NOTHING`,
          args,
        )
      }
      return inserted
    },
    async markMissed(ids) {
      if (ids.length === 0) return 0
      return (await db.dutyCheckIn.updateMany({ where: { id: { in: [...ids] }, status: 'open' }, data: { status: 'missed' } })).count
    },
    async checkIn(id) {
      const row = await db.dutyCheckIn.findUnique({ where: { id } })
      return row ? ((await views([row]))[0] ?? null) : null
    },
    async openCheckInViews(employeeId) {
      if (employeeId !== undefined) {
        // One person's (the to-do list, asked by that active person): no join, one statement.
        const rows = await db.dutyCheckIn.findMany({ where: { status: 'open', employeeId }, orderBy: { id: 'asc' } })
        return rows.length === 0 ? [] : views(rows)
      }
      // Everyone's (the sweep, a whole company's day): keyset pages, the event loop handed back between them.
      const rows: CheckInRow[] = []
      for (let after = 0; ; ) {
        const page = await db.dutyCheckIn.findMany({
          where: { status: 'open', employee: { status: 'active' }, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: CHECK_IN_PAGE,
        })
        rows.push(...page)
        if (page.length < CHECK_IN_PAGE) break
        after = page[page.length - 1]!.id
        await yieldToEventLoop()
      }
      return rows.length === 0 ? [] : views(rows)
    },
    async submitCheckIn({ id, at, evidence }) {
      const changed = await db.dutyCheckIn.updateMany({
        where: { id, status: 'open' },
        data: { status: 'done', submittedAt: at, evidence },
      })
      return changed.count === 1
    },
    async checkInsOf(employeeIds, from, to) {
      if (employeeIds.length === 0) return []
      const rows: CheckInRow[] = []
      const ids = [...new Set(employeeIds)]
      for (let i = 0; i < ids.length; i += 500)
        rows.push(
          ...(await db.dutyCheckIn.findMany({
            where: { employeeId: { in: ids.slice(i, i + 500) }, occurrence: { gte: from, lte: to } },
            orderBy: [{ employeeId: 'asc' }, { occurrence: 'asc' }, { id: 'asc' }],
          })),
        )
      return views(rows)
    },
    async missingMaterials() {
      // One statement (an include would be two): every to-do list asks.
      const rows = await db.$queryRaw<
        (Omit<MaterialRow, 'course'> & { courseCode: string; courseTitleZh: string; courseTitleEn: string })[]
      >`
        SELECT m.*, c."code" AS "courseCode", c."titleZh" AS "courseTitleZh", c."titleEn" AS "courseTitleEn"
        FROM "CourseMaterial" m JOIN "Course" c ON c."id" = m."courseId"
        WHERE m."providedAt" IS NULL ORDER BY m."id"`
      return rows.map((r) =>
        toMaterial({
          ...r,
          id: Number(r.id),
          courseId: Number(r.courseId),
          position: Number(r.position),
          providerDepartmentId: r.providerDepartmentId === null ? null : Number(r.providerDepartmentId),
          providerEmployeeId: r.providerEmployeeId === null ? null : Number(r.providerEmployeeId),
          dueAt: dateOrNull(r.dueAt),
          providedAt: dateOrNull(r.providedAt),
          createdAt: dateOf(r.createdAt),
          snoozedUntil: dateOrNull(r.snoozedUntil),
          course: { code: r.courseCode, titleZh: r.courseTitleZh, titleEn: r.courseTitleEn } as MaterialRow['course'],
        }),
      )
    },
    async material(id) {
      const row = await db.courseMaterial.findUnique({ where: { id }, include: { course: true } })
      return row ? toMaterial(row) : null
    },
    async markProvided({ id, at, url }) {
      const changed = await db.courseMaterial.updateMany({
        where: { id, providedAt: null },
        data: { providedAt: at, ...(url === null ? {} : { url }) },
      })
      return changed.count === 1
    },
  }
}
