// Reminder-log retention (RETAIN_REMINDER_LOGS_DAYS): old steps of closed or deleted tasks
// go; the steps of open tasks stay whatever their age, because they are how the planner
// knows what it has already said (deleting them would send those reminders again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { buildReminderOrg, type ReminderOrg } from '../reminders/support/reminder-org.js'
import { createTestDb, type TestDb } from '../support/db.js'

let t: TestDb
let org: ReminderOrg
beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
})
afterAll(() => t.close())

const OLD = new Date('2026-01-01T00:00:00Z')
const RECENT = new Date('2026-11-10T00:00:00Z')
const CUTOFF = new Date('2026-06-01T00:00:00Z')

describe('pruneLogs', () => {
  it('deletes old steps of closed and deleted tasks only', async () => {
    const training = async (employeeId: number, status: string) =>
      (await t.db.trainingAssignment.create({ data: { employeeId, courseId: org.courses.RD101, status, source: 'hr' } })).id
    const tasks = {
      open: await training(org.ids.eve, 'assigned'),
      completed: await training(org.ids.mia, 'completed'),
      cancelled: await training(org.ids.boss, 'cancelled'),
    }
    const evaluation = (
      await t.db.evaluationTask.create({ data: { kind: 'self_evaluation', assigneeId: org.ids.eve, status: 'open', createdAt: OLD } })
    ).id
    const log = (taskKind: string, taskId: number, step: string, at: Date) =>
      t.db.reminderLog.create({
        data: { taskKind, taskId, step, recipientId: org.ids.eve, at, outboxKey: `k:${taskKind}:${taskId}:${step}` },
      })
    for (const [name, id] of Object.entries(tasks)) {
      await log('training', id, 'assigned', OLD)
      await log('training', id, 'due', RECENT)
      expect(name).toBeTruthy()
    }
    await log('evaluation', evaluation, 'assigned', OLD)
    await log('training', 999_999, 'assigned', OLD) // its task was deleted since

    const deleted = await createPrismaStore(t.db).reminders.pruneLogs(CUTOFF)
    expect(deleted).toBe(3)
    const left = await t.db.reminderLog.findMany({ orderBy: { id: 'asc' } })
    expect(left.map((l) => `${l.taskKind}:${l.taskId}:${l.step}`).sort()).toEqual(
      [
        `training:${tasks.open}:assigned`,
        `training:${tasks.open}:due`,
        `training:${tasks.completed}:due`,
        `training:${tasks.cancelled}:due`,
        `evaluation:${evaluation}:assigned`,
      ].sort(),
    )
  })
})
