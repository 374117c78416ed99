// "Done" on one task of the to-do list answers with the list, that task's line
// updated, not with a card about that one task in the list's place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import type { Button, Card } from '../../core/kernel/cards/card.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let b: Backend
let core: CoreApi
let org: Org
const eve: Sender = { platform: 'cli', tenant: 'local', userId: 'eve@t.test' }
const actionOf = (button: Button) => ({
  actionId: button.action.id,
  value: button.action.value,
  ...(button.action.locale ? { locale: button.action.locale } : {}),
})
const buttons = (card: Card): Button[] => card.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []))

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  const db = seederFor(b.seed)
  // A second training for Eve, so the list has more than the one she finishes.
  await db.create('trainingAssignment', { employeeId: org.ids.eve, courseId: org.courses.CULTURE, assignedAt: new Date() })
  core = createCore({ store: b.store, clock: { now: () => new Date() }, log: memoryLogger() })
})
afterAll(() => b.close())

describe('Done on the to-do list', () => {
  it('a training: the list again, without the finished one, and the outcome in the notice', async () => {
    const list = (await core.handleMessage({ sender: eve, text: 'my tasks' }))!.card
    const done = buttons(list).filter((button) => button.action.id === 'training_done')
    expect(done.length).toBeGreaterThan(1)
    const reply = await core.handleAction({ sender: eve, surface: { kind: 'direct' }, ...actionOf(done[0]!) })
    expect(reply?.kind).toBe('replace')
    if (reply?.kind !== 'replace') return
    expect(reply.card.header?.title).toBe(list.header?.title)
    expect(reply.notice?.tone).toBe('success')
    expect(buttons(reply.card).filter((button) => button.action.id === 'training_done')).toHaveLength(done.length - 1)
  })

  it('elsewhere (a reminder, the dashboard) Done still answers with that task’s outcome', async () => {
    const reply = await core.handleAction({ sender: eve, surface: { kind: 'direct' }, actionId: 'training_done', value: '999999' })
    expect(reply?.kind).toBe('notify')
  })
})
