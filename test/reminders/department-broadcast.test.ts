// A broadcast to a department where there is no chat channel: HR writes
// "department:CODE" for the channel; the active members of the department and
// of the departments under it are assigned, each gets the course card where they
// are reached (here: their console inbox), HR's copy carries the counter, and a
// member enrols from their card.
import { beforeEach, describe, expect, it } from 'vitest'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { broadcastAction } from '../../core/features/broadcasts/broadcast.js'
import { handleBroadcastForm } from '../../core/features/broadcasts/handle-broadcast-form.js'
import type { Actor } from '../../core/kernel/context.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let b: Backend
let org: Org
let deps: LadderDeps
let inner: number
const { where } = queries(() => b)

beforeEach(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  const db = seederFor(b.seed)
  const rnd = (await b.store.catalog.load(NOW)).departments.find((d) => d.code === 'RND')!
  const lab = await db.create('department', { code: 'LAB', nameZh: '实验室', nameEn: 'Lab', parentId: rnd.id })
  const other = await db.create('department', { code: 'OPS', nameZh: '运营', nameEn: 'Ops' })
  inner = (await db.create('employee', { email: 'ivy@t.test', name: '艾薇', nameEn: 'Ivy', departmentId: lab.id })).id
  await db.create('employee', { email: 'out@t.test', name: '外', nameEn: 'Out', departmentId: other.id })
  await db.create('employee', { email: 'gone@t.test', name: '离', nameEn: 'Gone', departmentId: lab.id, status: 'inactive' })
  deps = ladderDeps({ store: b.store, clock: { now: () => NOW }, log: memoryLogger(), platforms: ['web'] })
})

const actor = async (email: string): Promise<Actor> => {
  const employee = (await b.store.employees.byEmail(email))!
  return { employee, locale: employee.locale }
}

const submit = async (channel: string) =>
  handleBroadcastForm(deps, await actor('hana@t.test'), {
    sender: { platform: 'web', tenant: 'local', userId: 'hana@t.test' },
    surface: { kind: 'direct' },
    actionId: 'submit_form',
    value: 'broadcast',
    values: { course: 'CU-101', channel, due: '2026-12-20' },
  })

describe('a broadcast to a department', () => {
  it('assigns the active members of the department and those below it; each gets the card in their inbox; HR the counter', async () => {
    const reply = await submit('department:RND')
    expect(reply).toMatchObject({ kind: 'replace', notice: { tone: 'success' } })
    const members = [org.ids.boss, org.ids.mia, org.ids.eve, org.ids.tom, org.ids.hana, org.ids.pat, inner]
    const assigned = await where('trainingAssignment', (a) => a.courseId === org.courses.CULTURE && a.source === 'broadcast')
    expect(assigned.map((a) => a.employeeId).sort((x, y) => x - y)).toEqual([...members].sort((x, y) => x - y))
    const broadcast = (await b.rows('broadcast'))[0]!
    expect(broadcast).toMatchObject({ channelId: 'department:RND', memberCount: members.length })
    const rows = await b.rows('outboxMessage')
    // Each member's card, and HR's copy under the broadcast's own key (the counter updates it).
    expect(rows.filter((r) => r.idempotencyKey === broadcast.cardKey).map((r) => [r.platform, r.destId])).toEqual([['web', 'hana@t.test']])
    const toMembers = rows.filter((r) => r.idempotencyKey.startsWith(`${broadcast.cardKey}:to:`))
    expect(toMembers.map((r) => r.employeeId).sort((x, y) => x! - y!)).toEqual([...members].sort((x, y) => x - y))
    expect(new Set(toMembers.map((r) => r.platform))).toEqual(new Set(['web']))
    // The assignments' first notice is that card: the sweep does not repeat it.
    expect((await b.rows('reminderLog')).filter((l) => l.step === 'assigned')).toHaveLength(members.length)

    // Ivy enrols from her card's button (as herself) and stays counted.
    const card = JSON.parse(toMembers.find((r) => r.employeeId === inner)!.card) as {
      blocks: { type: string; buttons?: { action: { id: string; value: string } }[] }[]
    }
    const enrol = card.blocks.flatMap((x) => x.buttons ?? []).find((x) => x.action.id === 'enrol')!
    const answer = await broadcastAction(deps, await actor('ivy@t.test'), { actionId: 'enrol', value: enrol.action.value })
    expect(answer).toMatchObject({ kind: 'notify', notice: { tone: 'success' } })
  })

  it('an unknown department is a field problem; a repeat is the same broadcast', async () => {
    expect(await submit('department:NOPE')).toMatchObject({ kind: 'form_errors', errors: { channel: expect.stringContaining('NOPE') } })
    await submit('dept:RND')
    expect(await submit('department:rnd')).toMatchObject({ kind: 'replace', notice: { tone: 'info' } })
    expect(await b.rows('broadcast')).toHaveLength(1)
  })
})
