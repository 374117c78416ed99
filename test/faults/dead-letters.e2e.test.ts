// Dead letters that recover: a reminder dead-lettered in a storm (its attempts used up)
// is planned again by the next sweep once its platform has delivered something since;
// one refused for good (permanent) is not; a delivered one is never sent twice.
// `ladder outbox --dead` says why and when each died; `--retry all` queues them all again.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { ROOT } from '../data/helpers.js'
import { buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps, SLACK_TEAM } from '../reminders/support/reminder-org.js'
import { createTestDb, type TestDb } from '../support/db.js'

let t: TestDb
let org: ReminderOrg
const clock = fakeClock('2026-11-17T02:00:00Z')
const LATER = new Date('2027-01-01T00:00:00Z')

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
})
afterAll(() => t.close())

const deps = () => reminderDeps(t.db, clock)
const outbox = () => deps().store.outbox
const sweep = async () => {
  const result = await runReminderSweep(deps(), {
    policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 3 * 24 * 60 },
    platforms: ['slack'],
    holder: 'test',
  })
  if (result.kind !== 'swept') throw new Error('the sweep lease was busy')
  return result
}

async function assign(employeeId: number, courseId: number) {
  const a = await t.db.trainingAssignment.create({
    data: { employeeId, courseId, dueAt: new Date('2026-11-20T10:00:00Z'), assignedAt: new Date('2026-11-01T00:00:00Z'), source: 'hr' },
  })
  await t.db.reminderLog.create({
    data: {
      taskKind: 'training',
      taskId: a.id,
      step: 'assigned',
      recipientId: employeeId,
      at: new Date('2026-11-01T00:00:00Z'),
      outboxKey: 'seed',
    },
  })
}

function ladder(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', 'outbox', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.url, LADDER_DEMO: 'false', LOG_LEVEL: 'silent' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('dead letters that recover', { timeout: 120_000 }, () => {
  it('plans a reminder that died in a storm again once Slack delivers, never one refused for good, never a delivered one', async () => {
    await assign(org.ids.eve, org.courses.RD101)
    await assign(org.ids.mia, org.courses.RD101)
    const first = await sweep()
    expect(first.enqueued).toBe(2)
    const rows = await outbox().claim({ platform: 'slack', holder: 'w1', now: LATER, leaseMs: 60_000, limit: 10 })
    const byDest = new Map(rows.map((r) => [r.to.id, r]))
    const eve = byDest.get('U_EVE')!
    const mia = byDest.get('U_MIA')!
    // The storm: Eve's reminder used up its attempts; Slack refused Mia's for good.
    expect(
      await outbox().markDead({ id: eve.id, holder: 'w1', error: 'gave up after 8 attempts: 503 service unavailable', now: clock.now() }),
    ).toBe(true)
    expect(await outbox().markDead({ id: mia.id, holder: 'w1', error: 'permanent: channel_not_found', now: clock.now() })).toBe(true)

    // Slack has delivered nothing since: nothing is planned again (the steps stay taken).
    expect((await sweep()).enqueued).toBe(0)
    expect((await outbox().listDead(10)).map((m) => m.id).sort()).toEqual([eve.id, mia.id].sort())

    // Slack answers again: something else was delivered after the storm.
    await outbox().enqueue(
      {
        idempotencyKey: 'other:1',
        kind: 'notice',
        to: { platform: 'slack', tenant: SLACK_TEAM, kind: 'user', id: 'U_BOSS' },
        card: makeCard('en', { title: 'hello' }, []),
        employeeId: null,
        availableAt: clock.now(),
      },
      clock.now(),
    )
    const [other] = await outbox().claim({ platform: 'slack', holder: 'w2', now: LATER, leaseMs: 60_000, limit: 1 })
    await outbox().markSent({
      id: other!.id,
      holder: 'w2',
      ref: { channelId: 'D1', messageId: '1' },
      now: new Date(clock.now().getTime() + 60_000),
    })

    const recovered = await sweep()
    expect(recovered.enqueued).toBe(1)
    const again = await outbox().byKey(eve.idempotencyKey)
    expect(again).toMatchObject({ status: 'pending', attempts: 0, to: { id: 'U_EVE' } })
    expect(again!.id).not.toBe(eve.id)
    const old = await t.db.outboxMessage.findUnique({ where: { id: eve.id } })
    expect(old).toMatchObject({ status: 'expired', idempotencyKey: `${eve.idempotencyKey}#dead${eve.id}` })
    expect(old!.lastError).toBe('planned again after: gave up after 8 attempts: 503 service unavailable')
    // Mia's stays dead: a permanent refusal is HR's to fix.
    expect((await outbox().listDead(10)).map((m) => m.id)).toEqual([mia.id])

    // Delivered once, then never planned again.
    const [claimed] = await outbox().claim({ platform: 'slack', holder: 'w3', now: LATER, leaseMs: 60_000, limit: 10 })
    expect(claimed!.to.id).toBe('U_EVE')
    await outbox().markSent({
      id: claimed!.id,
      holder: 'w3',
      ref: { channelId: 'D2', messageId: '2' },
      now: new Date(clock.now().getTime() + 120_000),
    })
    expect((await sweep()).enqueued).toBe(0)
    expect(await t.db.outboxMessage.count({ where: { destId: 'U_EVE', status: 'sent' } })).toBe(1)
  })

  it('ladder outbox --dead says why and when each died; --retry all queues them all again', async () => {
    const [dead] = await outbox().listDead(10)
    expect(dead!.deadAt).toEqual(clock.now())
    const listed = ladder('--dead')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain(
      `#${dead!.id}  died 2026-11-17T02:00:00.000Z  reminder  to slack:${SLACK_TEAM}:@U_MIA  after 1 attempt(s)`,
    )
    expect(listed.stdout).toContain('why: permanent: channel_not_found')
    const retried = ladder('--retry', 'all')
    expect(retried.stdout.trim()).toBe('1 dead message(s) queued again, attempts reset; the running server will deliver them.')
    expect(retried.code).toBe(0)
    expect(await outbox().listDead(10)).toEqual([])
    expect(await t.db.outboxMessage.findUnique({ where: { id: dead!.id } })).toMatchObject({ status: 'pending', attempts: 0 })
  })
})
