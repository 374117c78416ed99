// HR starts and follows a programme from chat and the console, through the core
// as every platform reaches it: "启动后备干部培养" answers with the start form (the
// people named filled in), a submission starts it, "后备干部培养进度" shows
// completion per stage with a button to the participants' records. Anyone but HR
// is refused, by the core.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { INTENT_NAMES } from '../../core/app/intents.js'
import { BUILT_IN_TEMPLATES } from '../../core/features/programmes/built-in-templates.js'
import type { Form } from '../../core/kernel/cards/card.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { recordingMessenger } from './support/recording-messenger.js'
import { buildReminderOrg, fakeClock, type ReminderOrg, SLACK_TEAM } from './support/reminder-org.js'

let t: TestDb
let org: ReminderOrg
let core: CoreApi
const clock = fakeClock('2026-11-17T02:00:00Z')
const sender = (userId: string): Sender => ({ platform: 'slack', tenant: SLACK_TEAM, userId })
const HR = sender('U_HANA')
const EMPLOYEE = sender('U_EVE')
let events = 0
const field = (form: Form | undefined, name: string) => form?.fields.find((f) => f.name === name)
const ask = (text: string, from: Sender = HR) => core.handleMessage({ sender: from, text, eventId: `m${++events}` })
const submit = (values: Record<string, string>, from: Sender = HR) =>
  core.handleAction({
    sender: from,
    surface: { kind: 'direct' },
    eventId: `a${++events}`,
    actionId: 'submit_form',
    value: 'programme:start',
    values,
  })

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  core = createCore({
    store: createPrismaStore(t.db),
    clock,
    log: memoryLogger(),
    messengers: createMessengerRegistry({ slack: recordingMessenger() }),
  })
})
afterAll(() => t.close())

describe('programmes from chat', () => {
  it('are two public intents', () => {
    expect(INTENT_NAMES).toEqual(expect.arrayContaining(['start_programme', 'programme_progress']))
  })

  it('keeps the built-in template the same as examples/programmes/reserve-cadre.json', () => {
    const example = JSON.parse(readFileSync(new URL('../../examples/programmes/reserve-cadre.json', import.meta.url), 'utf8'))
    expect(BUILT_IN_TEMPLATES).toEqual([example])
  })

  it.each(['启动后备干部培养', 'start the reserve cadre programme'])('answers HR asking "%s" with the start form', async (text) => {
    const reply = await ask(text)
    expect(reply?.intent).toBe('start_programme')
    expect(reply?.form?.key).toBe('programme:start')
    expect(field(reply?.form, 'template')).toMatchObject({
      type: 'select',
      initial: 'reserve-cadre',
      options: [{ value: 'reserve-cadre' }],
    })
    expect(field(reply?.form, 'participants')).toMatchObject({ type: 'text', required: true })
  })

  it.each(['启动后备干部培养', '后备干部培养进度', 'programme progress'])('refuses anyone but HR asking "%s"', async (text) => {
    const reply = await ask(text, EMPLOYEE)
    expect(reply?.form).toBeUndefined()
    expect(reply?.card.fallback).toContain('HR')
    expect(await submit({ template: 'reserve-cadre', participants: 'eve@r.test' }, EMPLOYEE)).toMatchObject({
      kind: 'notify',
      notice: { tone: 'error' },
    })
    expect(await t.db.programme.count()).toBe(0)
  })

  it('sends a bad submission back in the form, starts a good one, and shows its progress and records', async () => {
    expect(partsOf(await submit({ template: 'reserve-cadre', participants: '' })).errors).toHaveProperty('participants')
    expect(partsOf(await submit({ template: 'reserve-cadre', participants: 'ghost@r.test' })).errors?.participants).toContain(
      'ghost@r.test',
    )
    expect(partsOf(await submit({ template: 'nope', participants: 'eve@r.test' })).errors).toHaveProperty('template')
    expect(await t.db.programme.count()).toBe(0)

    const started = await submit({ template: 'reserve-cadre', participants: 'eve@r.test, tom@r.test', start: '2026-11-18' })
    expect(partsOf(started).notice?.tone).toBe('success')
    const programme = await t.db.programme.findFirstOrThrow({ include: { participants: true } })
    expect(programme.participants.map((p) => p.employeeId).sort()).toEqual([org.ids.eve, org.ids.tom].sort())
    expect(programme.startedAt).toEqual(new Date('2026-11-18T01:00:00Z')) // 09:00 in Shanghai

    const progress = await ask('后备干部培养进度')
    expect(progress?.intent).toBe('programme_progress')
    expect(progress?.card.fallback).toContain('后备干部培养')
    expect(progress?.card.fallback).toContain('培训')
    const records = await core.handleAction({
      sender: HR,
      surface: { kind: 'direct' },
      eventId: `a${++events}`,
      actionId: 'ask',
      value: `programme_progress:records #${programme.id}`,
    })
    expect(partsOf(records).card?.fallback).toContain('培养档案')
    expect((await ask('programme progress'))?.intent).toBe('programme_progress')
  })
})
