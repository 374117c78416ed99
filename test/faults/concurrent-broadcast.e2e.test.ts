// Two identical announcements at the same moment — two Ladder processes on one
// database (here two connections to one file), two HR clicks — end cleanly: one
// announces, the other answers "already announced (#id)" as a repeat after the
// first would. It used to crash with a Prisma P2002 (unique cardKey) stack.
//
// The race is made certain, not likely: both runs pass the duplicate check, then wait
// at a gate (the channel's member list, a network call) until the first has committed.
// (Both transactions at once on two connections of one process would not be a race but
// a deadlock: better-sqlite3 waits for the lock synchronously, the holder cannot commit.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDb } from '../../adapters/db/client.js'
import { broadcastToDepartment } from '../../core/features/broadcasts/broadcast-department.js'
import { broadcastCourse } from '../../core/features/broadcasts/index.js'
import { createMessengerRegistry, type Messenger } from '../../core/kernel/messaging.js'
import { recordingMessenger } from '../reminders/support/recording-messenger.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps, SLACK_TEAM } from '../reminders/support/reminder-org.js'
import { createTestDb, type TestDb } from '../support/db.js'

let t: TestDb
let second: Db
let org: ReminderOrg
const clock = fakeClock('2026-11-17T02:00:00Z')
const slack = recordingMessenger()

beforeAll(async () => {
  t = await createTestDb()
  second = await openDb(t.url)
  org = await buildReminderOrg(t.db)
  slack.members.set('C_ALL', ['U_BOSS', 'U_MIA', 'U_EVE', 'U_HANA'])
})
afterAll(async () => {
  await second.$disconnect()
  await t.close()
})

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** A gate both runs reach before either goes on; `open(i)` lets run i through (named, not by arrival: on PostgreSQL either may arrive first). */
function gates(count: number) {
  let arrived = 0
  const opens = Array.from({ length: count }, deferred)
  const allHere = deferred()
  return {
    async pass(i: number): Promise<void> {
      if (++arrived === count) allHere.resolve()
      await opens[i]!.promise
    },
    allHere: allHere.promise,
    open: (i: number) => opens[i]!.resolve(),
  }
}

const dueAt = new Date('2026-12-01T10:00:00Z')

describe('two identical broadcasts at once', () => {
  it('to a channel: one announces, the other says already announced', async () => {
    const gate = gates(2)
    const gated = (run: number): Messenger => ({
      ...slack,
      channelMembers: async (tenant, channelId) => {
        await gate.pass(run)
        return slack.channelMembers!(tenant, channelId)
      },
    })
    const depsOn = (db: Db, run: number) => ({ ...reminderDeps(db, clock), messengers: createMessengerRegistry({ slack: gated(run) }) })
    const [a, b] = [depsOn(t.db, 0), depsOn(second, 1)]
    const [hrA, hrB] = [await actorFor(a, org.ids.hana), await actorFor(b, org.ids.hana)]
    const input = { platform: 'slack' as const, tenant: SLACK_TEAM, channelId: 'C_ALL', courseCode: 'CU-101', dueAt }
    const first = broadcastCourse(a, hrA, input)
    const repeat = broadcastCourse(b, hrB, input)
    await gate.allHere
    gate.open(0)
    const made = await first
    gate.open(1)
    const again = await repeat
    expect(made.kind).toBe('broadcast')
    expect(again).toEqual({ kind: 'already', broadcast: expect.objectContaining({ id: made.kind === 'broadcast' && made.broadcast.id }) })
    expect(await t.db.broadcast.count()).toBe(1)
    expect(await t.db.outboxMessage.count({ where: { kind: 'broadcast' } })).toBe(1)
  })

  it('to a department: the same', async () => {
    const gate = gates(2)
    const depsOn = (db: Db, run: number) => {
      const deps = { ...reminderDeps(db, clock), messengers: createMessengerRegistry({ slack }) }
      // The member list is read between the duplicate check and the transaction: the gate is there.
      const employees = Object.create(deps.store.employees) as typeof deps.store.employees
      const allActive = deps.store.employees.allActive.bind(deps.store.employees)
      employees.allActive = async () => {
        await gate.pass(run)
        return allActive()
      }
      const store = Object.create(deps.store) as typeof deps.store
      store.employees = employees
      return { ...deps, store }
    }
    const [a, b] = [depsOn(t.db, 0), depsOn(second, 1)]
    const [hrA, hrB] = [await actorFor(a, org.ids.hana), await actorFor(b, org.ids.hana)]
    const input = { platform: 'slack' as const, tenant: SLACK_TEAM, departmentCode: 'RND', courseCode: 'CU-101', dueAt }
    const first = broadcastToDepartment(a, hrA, input)
    const repeat = broadcastToDepartment(b, hrB, input)
    await gate.allHere
    gate.open(0)
    const made = await first
    gate.open(1)
    const again = await repeat
    expect(made.kind).toBe('broadcast')
    expect(again).toEqual({ kind: 'already', broadcast: expect.objectContaining({ id: made.kind === 'broadcast' && made.broadcast.id }) })
    expect(await t.db.broadcast.count({ where: { channelId: 'department:RND' } })).toBe(1)
  })
})
