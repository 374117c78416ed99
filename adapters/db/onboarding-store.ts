// Onboarding in SQL (core/features/onboarding/ports.ts): plan templates, one
// Onboarding row per new hire, and the job description in force as a welcome shows it.
import type { OnboardingRecord, OnboardingRepo } from '../../core/features/onboarding/index.js'
import type { Db } from './client.js'
import type { Prisma } from './generated/client.js'
import { toEmployee } from './map.js'
import { nullIfTaken } from './raw-sql.js'

type Tx = Db | Prisma.TransactionClient

const toRecord = (r: Prisma.OnboardingGetPayload<object>): OnboardingRecord => ({
  employeeId: r.employeeId,
  hireDate: r.hireDate,
  scope: r.scope,
  createdAt: r.createdAt,
  welcomedAt: r.welcomedAt,
  managerToldAt: r.managerToldAt,
  completedAt: r.completedAt,
})

export function createOnboardingRepo(db: Tx): OnboardingRepo {
  return {
    async planLines() {
      const rows = await db.onboardingTemplateItem.findMany({ orderBy: [{ scope: 'asc' }, { position: 'asc' }] })
      return rows.map((r) => ({ scope: r.scope, courseId: r.courseId, dueDays: r.dueDays, position: r.position }))
    },
    async hiredBetween(from, to) {
      const rows = await db.employee.findMany({
        where: { status: 'active', hireDate: { gte: from, lte: to }, onboarding: { is: null } },
        orderBy: { id: 'asc' },
      })
      return rows.map(toEmployee)
    },
    async create({ employeeId, hireDate, scope, now }) {
      // False when another process made it first (the sweep and an import at once).
      return (await nullIfTaken(db, () => db.onboarding.create({ data: { employeeId, hireDate, scope, createdAt: now } }))) !== null
    },
    async byEmployee(employeeId) {
      const row = await db.onboarding.findUnique({ where: { employeeId } })
      return row ? toRecord(row) : null
    },
    async byEmployees(employeeIds) {
      if (employeeIds.length === 0) return []
      const rows = await db.onboarding.findMany({ where: { employeeId: { in: [...employeeIds] } }, orderBy: { employeeId: 'asc' } })
      return rows.map(toRecord)
    },
    async open() {
      const rows = await db.onboarding.findMany({ where: { completedAt: null }, orderBy: { employeeId: 'asc' } })
      return rows.map(toRecord)
    },
    async mark(employeeId, what, at) {
      await db.onboarding.updateMany({ where: { employeeId, [what]: null }, data: { [what]: at } })
    },
  }
}
