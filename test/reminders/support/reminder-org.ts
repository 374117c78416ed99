// A small organisation across three time zones, with chat identities, for the
// reminder tests (the shared test org has tasks of its own that would get in the way).
//   boss (manager, Shanghai) ── mia (manager, London) ─┬─ eve (Shanghai, Slack)
//                                                      ├─ tom (New York, Feishu)
//                                                      └─ nia (Shanghai, no chat account)
//   hana (HR, Shanghai, Slack)

import type { Db } from '../../../adapters/db/client.js'
import { createPrismaStore } from '../../../adapters/db/store.js'
import { type LadderDeps, ladderDeps } from '../../../core/app/store.js'
import type { ReminderDeps } from '../../../core/features/tasks/ports.js'
import type { Actor } from '../../../core/kernel/context.js'
import type { Employee } from '../../../core/kernel/domain/types.js'
import { memoryLogger } from '../../support/deps.js'

export const SLACK_TEAM = 'T0LADDER'
export const FEISHU_TENANT = 'tenant-f'

export interface ReminderOrg {
  ids: Record<'boss' | 'mia' | 'eve' | 'tom' | 'nia' | 'hana', number>
  courses: Record<'RD101' | 'CU101' | 'MG101' | 'MG201', number>
  departments: Record<'RND' | 'HR', number>
}

export async function buildReminderOrg(db: Db): Promise<ReminderOrg> {
  const rnd = await db.department.create({ data: { code: 'RND', nameZh: '研发中心', nameEn: 'R&D' } })
  const hr = await db.department.create({ data: { code: 'HR', nameZh: '人力资源部', nameEn: 'Human Resources' } })
  const course = async (code: string, zh: string, en: string) =>
    (
      await db.course.create({
        data: {
          code,
          titleZh: zh,
          titleEn: en,
          format: 'online',
          durationMinutes: 120,
          url: `https://learn.example.com/${code.toLowerCase()}`,
        },
      })
    ).id
  const courses = {
    RD101: await course('RD-101', '研发项目管理', 'R&D Project Management'),
    CU101: await course('CU-101', '企业文化', 'Company Culture'),
    MG101: await course('MG-101', '团队管理基础', 'Team Management Fundamentals'),
    MG201: await course('MG-201', '后备干部培训', 'Reserve Cadre Programme'),
  }
  const person = async (email: string, name: string, nameEn: string, extra: Record<string, unknown>) =>
    (await db.employee.create({ data: { email, name, nameEn, departmentId: rnd.id, ...extra } })).id
  const boss = await person('boss@r.test', '老板', 'Boss', { roles: 'employee,manager' })
  const mia = await person('mia@r.test', '米娅', 'Mia', {
    roles: 'employee,manager',
    managerId: boss,
    timeZone: 'Europe/London',
    locale: 'en',
  })
  const eve = await person('eve@r.test', '伊娃', 'Eve', { managerId: mia })
  const tom = await person('tom@r.test', '汤姆', 'Tom', { managerId: mia, timeZone: 'America/New_York', locale: 'en' })
  const nia = await person('nia@r.test', '妮娅', 'Nia', { managerId: mia })
  const hana = await person('hana@r.test', '花', 'Hana', { roles: 'employee,hr', departmentId: hr.id })
  const link = (platform: string, tenant: string, externalId: string, employeeId: number) =>
    db.chatIdentity.create({ data: { platform, tenant, externalId, employeeId, linkedAt: new Date('2026-01-01T00:00:00Z') } })
  await link('slack', SLACK_TEAM, 'U_BOSS', boss)
  await link('slack', SLACK_TEAM, 'U_MIA', mia)
  await link('slack', SLACK_TEAM, 'U_EVE', eve)
  await link('feishu', FEISHU_TENANT, 'ou_tom', tom)
  await link('slack', SLACK_TEAM, 'U_HANA', hana)
  return { ids: { boss, mia, eve, tom, nia, hana }, courses, departments: { RND: rnd.id, HR: hr.id } }
}

/** A clock the test moves. */
export function fakeClock(start: Date | string): { now(): Date; set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime()
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime()
    },
    advance: (ms) => {
      t += ms
    },
  }
}

export function reminderDeps(db: Db, clock: { now(): Date }): LadderDeps & { log: ReturnType<typeof memoryLogger> } {
  const log = memoryLogger()
  return { ...ladderDeps({ store: createPrismaStore(db), clock, log }), log }
}

export async function actorFor(deps: ReminderDeps, id: number): Promise<Actor> {
  const employee = (await deps.store.employees.byId(id)) as Employee
  return { employee, locale: employee.locale }
}
