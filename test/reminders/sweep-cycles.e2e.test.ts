// The scheduler's sweep also moves 360 cycles on their windows: a cycle whose
// opening day came starts collecting (raters get their cards through the outbox),
// one whose closing day passed is closed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { ladderDeps } from '../../core/app/store.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import { nominateRaters } from '../../core/features/feedback/nominate-raters.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { buildFeedbackOrg, type FeedbackOrg, feedbackDeps } from '../feedback/support.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { fakeClock } from './support/reminder-org.js'

let t: TestDb
let org: FeedbackOrg
const clock = fakeClock('2026-11-17T02:00:00Z')

beforeAll(async () => {
  t = await createTestDb()
  org = await buildFeedbackOrg(t.db)
  await t.db.chatIdentity.create({ data: { platform: 'slack', tenant: 'T1', externalId: 'U_TOM', employeeId: org.ids.tom } })
})
afterAll(() => t.close())

const sweep = () =>
  runReminderSweep(ladderDeps({ store: createPrismaStore(t.db), clock, log: memoryLogger() }), {
    policy: DEFAULT_REMINDER_POLICY,
    platforms: ['slack'],
    holder: 'test',
  })

describe('the sweep and 360 windows', () => {
  it('opens a cycle on its opening day and closes it after its closing day', async () => {
    const deps = { ...feedbackDeps(createPrismaStore(t.db), clock.now()), clock }
    const hana = { employee: (await deps.store.employees.byId(org.ids.hana))!, locale: 'en' as const }
    const launched = await launchCycle(deps, hana, {
      name: 'Window 360',
      subjectEmails: ['eve@t.test'],
      opensAt: new Date('2026-11-18T00:00:00Z'),
      closesAt: new Date('2026-11-25T00:00:00Z'),
      perspectives: ['manager', 'peer'],
    })
    if (launched.kind !== 'launched') throw new Error(launched.kind)
    await nominateRaters(deps, hana, { cycleId: launched.cycle.id, subjectId: org.ids.eve, peerEmails: ['tom@t.test'], reportEmails: [] })
    const stage = async () => (await t.db.feedbackCycle.findUniqueOrThrow({ where: { id: launched.cycle.id } })).stage

    const before = await sweep()
    expect(before).toMatchObject({ kind: 'swept', cycles: { opened: [], closed: [] } })
    expect(await stage()).toBe('nominating')

    clock.set('2026-11-18T01:00:00Z')
    expect(await sweep()).toMatchObject({ cycles: { opened: [launched.cycle.id], closed: [] } })
    expect(await stage()).toBe('collecting')
    // Tom's rater card is in the outbox for his Slack account.
    expect(await t.db.outboxMessage.count({ where: { destId: 'U_TOM', idempotencyKey: { startsWith: 'feedback:rate:' } } })).toBe(1)

    clock.set('2026-11-25T01:00:00Z')
    expect(await sweep()).toMatchObject({ cycles: { opened: [], closed: [launched.cycle.id] } })
    expect(await stage()).toBe('closed')
  })
})
