// The in-memory DutiesRepo (core/features/duties/ports.ts), mirroring
// adapters/db/duties-store.ts: same orderings, same compare-and-set moves.
import type * as P from '../../adapters/db/generated/client.js'
import type { CheckInStatus, CheckInView, DutiesRepo, DutyEvidence, MaterialRecord } from '../../core/features/duties/index.js'
import type { Bilingual } from '../../core/kernel/domain/types.js'
import type { NewRow, Row, Table, Tables } from './memory-store.js'

const EVIDENCE: readonly DutyEvidence[] = ['none', 'note', 'number', 'link']
const evidenceOf = (v: string | null): DutyEvidence => (EVIDENCE.includes(v as DutyEvidence) ? (v as DutyEvidence) : 'none')

export function memoryDutiesRepo(
  t: () => Tables,
  insert: <K extends Table>(table: K, data: NewRow<K>) => Row<K>,
  update: <K extends Table>(table: K, where: (row: Row<K>) => boolean, data: Partial<Row<K>>) => number,
): DutiesRepo {
  const description = (id: number) => t().jobDescription.find((d) => d.id === id)
  const isActive = (employeeId: number) => t().employee.find((e) => e.id === employeeId)?.status === 'active'

  function texts(): Map<string, { text: Bilingual; evidence: DutyEvidence }> {
    const items = t()
      .jobDescriptionItem.filter((i) => i.section === 'duty')
      .map((i) => ({ i, d: description(i.descriptionId)! }))
      .filter((x) => x.d)
      .sort((a, b) => a.d.effectiveFrom.getTime() - b.d.effectiveFrom.getTime() || a.d.version - b.d.version)
    const map = new Map<string, { text: Bilingual; evidence: DutyEvidence }>()
    for (const { i, d } of items)
      map.set(`${i.ownerJobId ?? d.jobId}:${i.code}`, { text: { zh: i.textZh, en: i.textEn }, evidence: evidenceOf(i.evidence) })
    return map
  }
  const views = (rows: readonly P.DutyCheckIn[]): CheckInView[] => {
    const map = texts()
    return rows.map((r) => {
      const found = map.get(`${r.jobId}:${r.dutyCode}`)
      return {
        checkIn: { ...r, status: r.status as CheckInStatus },
        text: found?.text ?? { zh: r.dutyCode, en: r.dutyCode },
        evidence: found?.evidence ?? 'none',
      }
    })
  }
  const toMaterial = (m: P.CourseMaterial): MaterialRecord => {
    const course = t().course.find((c) => c.id === m.courseId)!
    return {
      id: m.id,
      courseId: m.courseId,
      courseCode: course.code,
      courseTitle: { zh: course.titleZh, en: course.titleEn },
      title: { zh: m.titleZh, en: m.titleEn },
      providerDepartmentId: m.providerDepartmentId,
      providerEmployeeId: m.providerEmployeeId,
      dueAt: m.dueAt,
      providedAt: m.providedAt,
      url: m.url,
      createdAt: m.createdAt,
      snoozedUntil: m.snoozedUntil,
    }
  }
  const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id

  return {
    async recurringDuties(now) {
      const inForce = new Map<number, P.JobDescription>()
      for (const d of t().jobDescription) {
        if (d.effectiveFrom.getTime() > now.getTime()) continue
        const have = inForce.get(d.jobId)
        if (!have || d.version > have.version) inForce.set(d.jobId, d)
      }
      const ids = new Set([...inForce.values()].map((d) => d.id))
      return t()
        .jobDescriptionItem.filter((i) => ids.has(i.descriptionId) && i.section === 'duty' && i.recurrence !== null)
        .sort((a, b) => a.descriptionId - b.descriptionId || a.position - b.position)
        .map((i) => {
          const jobId = description(i.descriptionId)!.jobId
          return {
            describedJobId: jobId,
            ownerJobId: i.ownerJobId ?? jobId,
            code: i.code,
            text: { zh: i.textZh, en: i.textEn },
            recurrence: i.recurrence ?? '',
            evidence: evidenceOf(i.evidence),
          }
        })
    },
    async openCheckIns(rows) {
      let inserted = 0
      for (const r of rows) {
        const exists = t().dutyCheckIn.some(
          (c) => c.employeeId === r.employeeId && c.jobId === r.jobId && c.dutyCode === r.dutyCode && c.occurrence === r.occurrence,
        )
        if (exists) continue
        insert('dutyCheckIn', { ...r, status: 'open' })
        inserted++
      }
      return inserted
    },
    async markMissed(ids) {
      const set = new Set(ids)
      return update('dutyCheckIn', (c) => set.has(c.id) && c.status === 'open', { status: 'missed' })
    },
    async checkIn(id) {
      const row = t().dutyCheckIn.find((c) => c.id === id)
      return row ? (views([row])[0] ?? null) : null
    },
    async openCheckInViews(employeeId) {
      return views(
        t()
          .dutyCheckIn.filter(
            (c) => c.status === 'open' && isActive(c.employeeId) && (employeeId === undefined || c.employeeId === employeeId),
          )
          .sort(byId),
      )
    },
    async submitCheckIn({ id, at, evidence }) {
      return update('dutyCheckIn', (c) => c.id === id && c.status === 'open', { status: 'done', submittedAt: at, evidence }) === 1
    },
    async checkInsOf(employeeIds, from, to) {
      const set = new Set(employeeIds)
      return views(
        t()
          .dutyCheckIn.filter((c) => set.has(c.employeeId) && c.occurrence >= from && c.occurrence <= to)
          .sort(
            (a, b) =>
              a.employeeId - b.employeeId || (a.occurrence < b.occurrence ? -1 : a.occurrence > b.occurrence ? 1 : 0) || a.id - b.id,
          ),
      )
    },
    async missingMaterials() {
      return t()
        .courseMaterial.filter((m) => m.providedAt === null)
        .sort(byId)
        .map(toMaterial)
    },
    async material(id) {
      const m = t().courseMaterial.find((x) => x.id === id)
      return m ? toMaterial(m) : null
    },
    async markProvided({ id, at, url }) {
      return (
        update('courseMaterial', (m) => m.id === id && m.providedAt === null, { providedAt: at, ...(url === null ? {} : { url }) }) === 1
      )
    },
  }
}
