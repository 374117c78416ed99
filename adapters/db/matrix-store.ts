// The training responsibility matrix in SQL (core/features/matrix/ports.ts).
import type { CourseMaterialRecord, CourseMatrixRecord, MatrixRepo } from '../../core/features/matrix/index.js'
import type { Db } from './client.js'
import type { Prisma } from './generated/client.js'

type Tx = Db | Prisma.TransactionClient

/** Ids per `IN (…)`. */
const IN_CHUNK = 500

function toMaterial(m: Prisma.CourseMaterialGetPayload<object>): CourseMaterialRecord {
  return {
    id: m.id,
    courseId: m.courseId,
    position: m.position,
    title: { zh: m.titleZh, en: m.titleEn },
    providerDepartmentId: m.providerDepartmentId,
    providerEmployeeId: m.providerEmployeeId,
    dueAt: m.dueAt,
    providedAt: m.providedAt,
    url: m.url,
  }
}

export function createMatrixRepo(db: Tx): MatrixRepo {
  return {
    async courses(courseIds) {
      if (courseIds.length === 0) return []
      const ids = [...courseIds]
      const [courses, responsibilities, materials] = await Promise.all([
        db.course.findMany({ where: { id: { in: ids } }, select: { id: true, ownerDepartmentId: true } }),
        db.courseResponsibility.findMany({ where: { courseId: { in: ids } } }),
        db.courseMaterial.findMany({ where: { courseId: { in: ids } }, orderBy: [{ courseId: 'asc' }, { position: 'asc' }] }),
      ])
      const owners = new Map(courses.map((c) => [c.id, c.ownerDepartmentId]))
      const rows = new Map(responsibilities.map((r) => [r.courseId, r]))
      return ids
        .filter((id) => owners.has(id))
        .map((courseId): CourseMatrixRecord => {
          const r = rows.get(courseId)
          const own = materials.filter((m) => m.courseId === courseId).map(toMaterial)
          return {
            courseId,
            ownerDepartmentId: owners.get(courseId) ?? null,
            contentDepartmentId: r?.contentDepartmentId ?? null,
            schedulerDepartmentId: r?.schedulerDepartmentId ?? null,
            coachDepartmentId: r?.coachDepartmentId ?? null,
            coachEmployeeId: r?.coachEmployeeId ?? null,
            inMatrix: r !== undefined || own.length > 0,
            materials: own,
          }
        })
    },
    async missingMaterials() {
      const rows = await db.courseMaterial.findMany({ where: { providedAt: null }, orderBy: [{ courseId: 'asc' }, { position: 'asc' }] })
      return rows.map(toMaterial)
    },
    async hrDepartmentId() {
      const hr = await db.employee.findMany({
        where: { status: 'active', departmentId: { not: null }, roles: { contains: 'hr' } },
        select: { departmentId: true, roles: true },
      })
      const counts = new Map<number, number>()
      for (const e of hr) {
        if (!e.roles.split(',').includes('hr')) continue
        counts.set(e.departmentId!, (counts.get(e.departmentId!) ?? 0) + 1)
      }
      const [best] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])
      return best?.[0] ?? null
    },
    async trainingReminders(assignmentIds) {
      const counts = new Map<number, number>()
      for (let i = 0; i < assignmentIds.length; i += IN_CHUNK) {
        const chunk = assignmentIds.slice(i, i + IN_CHUNK)
        const groups = await db.reminderLog.groupBy({
          by: ['taskId'],
          where: { taskKind: 'training', taskId: { in: [...chunk] } },
          _count: { _all: true },
        })
        for (const g of groups) counts.set(g.taskId, g._count._all)
      }
      return counts
    },
  }
}
