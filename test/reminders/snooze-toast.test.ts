// "Snooze 1 day" pressed on a Friday evening: a day later is Saturday night, when no
// reminder goes out. The snooze ends, and the toast promises, Monday at the start of
// the person's working hours, in their own time zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg, type Org } from '../support/org.js'

let b: Backend
let core: CoreApi
let org: Org
// Friday 20 November 2026, 19:00 in Shanghai (Eve's zone), after working hours (09:00–18:00).
const FRIDAY_EVENING = new Date('2026-11-20T11:00:00Z')

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  core = createCore({ store: b.store, clock: { now: () => FRIDAY_EVENING }, log: memoryLogger() })
})
afterAll(() => b.close())

describe('snooze', () => {
  it('ends inside working hours and the toast says when', async () => {
    const [assignment] = (await b.rows('trainingAssignment')).filter((a) => a.employeeId === org.ids.eve)
    const reply = await core.handleAction({
      sender: { platform: 'cli', tenant: 'local', userId: 'eve@t.test' },
      surface: { kind: 'direct' },
      actionId: 'snooze',
      value: `training:${assignment!.id}:1d`,
      locale: 'en',
    })
    const stored = (await b.rows('trainingAssignment')).find((a) => a.id === assignment!.id)
    // Monday 23 November, 09:00 in Shanghai.
    expect(stored?.snoozedUntil).toEqual(new Date('2026-11-23T01:00:00Z'))
    expect(reply).toEqual({
      kind: 'notify',
      notice: { tone: 'success', text: 'Snoozed until Nov 23, 2026 09:00 AM. I will remind you then.' },
    })
  })
})
