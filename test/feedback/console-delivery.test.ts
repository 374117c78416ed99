// Cards for people reach the console when they have no chat account there:
// the 360 nomination request of a console-only install lands in the manager's
// console inbox (an outbox row for platform "web"), a linked chat account still
// wins, and when nobody can be reached the launcher is told on the card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import { nominateRaters } from '../../core/features/feedback/nominate-raters.js'
import { launchedCard } from '../../core/features/feedback/present-cycle.js'
import { assignTraining } from '../../core/features/gap/assign-training.js'
import { myTasks } from '../../core/features/tasks/my-tasks.js'
import { myTasksCard } from '../../core/features/tasks/tasks-card.js'
import type { ChatPlatform } from '../../core/kernel/messaging.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { NOW } from '../support/org.js'
import { actorOf, buildFeedbackOrg, type FeedbackOrg } from './support.js'

let b: Backend
let org: FeedbackOrg
const { where } = queries(() => b)

beforeEach(async () => {
  b = await openBackend()
  org = await buildFeedbackOrg(b.seed)
})
afterEach(async () => b.close())

const depsOn = (platforms: ChatPlatform[]): LadderDeps =>
  ladderDeps({ store: b.store, clock: { now: () => NOW }, log: memoryLogger(), platforms })

const launch = async (deps: LadderDeps) => {
  const result = await launchCycle(deps, await actorOf(deps, 'hana@t.test'), {
    name: 'Q4 360',
    subjectEmails: ['eve@t.test'],
    opensAt: NOW,
    closesAt: new Date('2026-12-07T15:59:00Z'),
    perspectives: ['self', 'manager', 'peer'],
    nominationBy: 'manager',
  })
  if (result.kind !== 'launched') throw new Error(`not launched: ${JSON.stringify(result)}`)
  return result
}

const rowsFor = (employeeId: number) => where('outboxMessage', (m) => m.employeeId === employeeId)

describe('cards for people on a console-only install', () => {
  it('the nomination request goes to the manager’s console inbox, by email', async () => {
    const result = await launch(depsOn(['web']))
    expect(result.deliveries.map((d) => d.recipientId)).toEqual([org.ids.mia])
    expect(result.unreachable).toEqual([])
    const rows = await rowsFor(org.ids.mia)
    expect(rows.map((r) => [r.platform, r.tenant, r.destKind, r.destId])).toEqual([['web', 'local', 'user', 'mia@t.test']])
  })

  it('a linked account on a platform the install runs wins over the console', async () => {
    await b.store.employees.linkIdentity('slack', 'T1', 'UMIA', org.ids.mia)
    await launch(depsOn(['slack', 'web']))
    expect((await rowsFor(org.ids.mia)).map((r) => [r.platform, r.destId])).toEqual([['slack', 'UMIA']])
  })

  it('a linked account on a platform the install does not run is passed over for the console', async () => {
    await b.store.employees.linkIdentity('feishu', 'F1', 'ou_mia', org.ids.mia)
    await launch(depsOn(['slack', 'web']))
    expect((await rowsFor(org.ids.mia)).map((r) => [r.platform, r.destId])).toEqual([['web', 'mia@t.test']])
  })

  it('nobody can reach the manager (no chat account, console off): the launcher is told on the card', async () => {
    const result = await launch(depsOn(['slack']))
    expect(result.deliveries).toEqual([])
    expect(result.unreachable.map((d) => d.recipientId)).toEqual([org.ids.mia])
    expect(await rowsFor(org.ids.mia)).toEqual([])
    const hana = await b.store.employees.byEmail('hana@t.test')
    const card = launchedCard(result, hana!, 'en')
    expect(card.fallback + JSON.stringify(card.blocks)).toContain('0 nomination requests sent')
    expect(JSON.stringify(card.blocks)).toContain('1 of these people could not be sent their card')
  })

  it('the manager has a nomination task in their to-do list until they nominate', async () => {
    const deps = depsOn(['web'])
    const { cycle } = await launch(deps)
    const mia = await actorOf(deps, 'mia@t.test')
    const before = await myTasks(deps, mia)
    expect(before.nominations.map((n) => [n.subject.email, n.formKey])).toEqual([
      ['eve@t.test', `cycle:${cycle.id}:nominate:${org.ids.eve}`],
    ])
    const card = myTasksCard(before, 'en', 'Asia/Shanghai')
    expect(JSON.stringify(card.blocks)).toContain('Nominate raters for')
    expect(JSON.stringify(card.blocks)).toContain(`"value":"cycle:${cycle.id}:nominate:${org.ids.eve}"`)
    // Not the subject's, not HR's.
    expect((await myTasks(deps, await actorOf(deps, 'eve@t.test'))).nominations).toEqual([])
    expect((await myTasks(deps, await actorOf(deps, 'hana@t.test'))).nominations).toEqual([])

    const nominated = await nominateRaters(deps, mia, {
      cycleId: cycle.id,
      subjectId: org.ids.eve,
      peerEmails: ['tom@t.test', 'lin@t.test', 'kai@t.test'],
      reportEmails: [],
    })
    expect(nominated.kind).toBe('nominated')
    expect((await myTasks(deps, mia)).nominations).toEqual([])
  })

  it('an assignment notice reaches the console too', async () => {
    const deps = depsOn(['web'])
    const result = await assignTraining(deps, await actorOf(deps, 'mia@t.test'), { courseCode: 'RD-101', to: [org.ids.eve] })
    expect(result.kind).toBe('done')
    expect((await rowsFor(org.ids.eve)).map((r) => [r.platform, r.destId])).toEqual([['web', 'eve@t.test']])
  })
})
