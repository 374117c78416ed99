// HR's broadcast from chat, through the core as every platform reaches it:
// "/ladder broadcast" answers with the form (the current group as the default
// channel), a submission announces, and every bad field comes back in the form
// with nothing written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { channelRef } from '../../core/features/broadcasts/handle-broadcast-form.js'
import type { Form } from '../../core/kernel/cards/card.js'
import type { CoreApi, InboundAction, Sender } from '../../core/kernel/inbound.js'
import { createMessengerRegistry, DeliveryError } from '../../core/kernel/messaging.js'
import { partsOf } from '../support/action-reply.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { recordingMessenger } from './support/recording-messenger.js'
import { buildReminderOrg, fakeClock, type ReminderOrg, SLACK_TEAM } from './support/reminder-org.js'

let t: TestDb
let org: ReminderOrg
let core: CoreApi
const clock = fakeClock('2026-11-17T02:00:00Z') // Tuesday 10:00 in Shanghai
const slack = recordingMessenger()
const log = memoryLogger()

const sender = (userId: string): Sender => ({ platform: 'slack', tenant: SLACK_TEAM, userId })
const HR = sender('U_HANA')
const EMPLOYEE = sender('U_EVE')
let events = 0
const submit = (
  values: Record<string, string>,
  from: Sender = HR,
  conversation?: InboundAction['conversation'],
): Promise<Awaited<ReturnType<CoreApi['handleAction']>>> =>
  core.handleAction({
    sender: from,
    surface: { kind: conversation?.isDirect === false ? 'group' : 'direct' },
    eventId: `e${++events}`,
    actionId: 'submit_form',
    value: 'broadcast',
    values,
    ...(conversation ? { conversation } : {}),
  })
const field = (form: Form | undefined, name: string) => form?.fields.find((f) => f.name === name)

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  slack.members.set('C_TEAM', ['U_EVE', 'U_MIA', 'U_STRANGER'])
  core = createCore({ store: createPrismaStore(t.db), clock, log, messengers: createMessengerRegistry({ slack }) })
})
afterAll(() => t.close())

describe('asking for the broadcast form', () => {
  it('gives HR the form, with the group it was asked in as the channel and a named course pre-selected', async () => {
    const reply = await core.handleMessage({
      sender: HR,
      conversation: { id: 'C_TEAM', isDirect: false },
      text: '/ladder broadcast CU-101',
    })
    expect(reply?.intent).toBe('broadcast')
    expect(reply?.form?.key).toBe('broadcast')
    expect(field(reply?.form, 'course')).toMatchObject({ type: 'select', initial: 'CU-101', required: true })
    expect(field(reply?.form, 'channel')).toMatchObject({
      type: 'channel',
      initial: 'C_TEAM',
      options: [{ label: '当前群聊', value: 'C_TEAM' }],
    })
    expect(field(reply?.form, 'due')).toMatchObject({ type: 'date', required: true })
    expect(reply?.card.blocks.some((b) => b.type === 'form')).toBe(true)
  })

  it('does not offer a direct chat as the channel', async () => {
    const reply = await core.handleMessage({ sender: HR, conversation: { id: 'D_HANA', isDirect: true }, text: 'broadcast' })
    expect(field(reply?.form, 'channel')).not.toHaveProperty('initial')
  })

  it('answers anyone but HR with a refusal and no form', async () => {
    const reply = await core.handleMessage({ sender: EMPLOYEE, conversation: { id: 'C_TEAM', isDirect: false }, text: 'broadcast' })
    expect(reply?.intent).toBe('broadcast')
    expect(reply?.form).toBeUndefined()
    expect(reply?.card.fallback).toContain('HR')
    const opened = await core.handleAction({ sender: EMPLOYEE, surface: { kind: 'direct' }, actionId: 'open_form', value: 'broadcast' })
    expect(opened).toEqual({ kind: 'notify', notice: { tone: 'error', text: expect.stringContaining('HR') } })
  })

  it('tells HR asking for a completion report that nothing has been announced yet', async () => {
    const reply = await core.handleMessage({ sender: HR, text: '广播完成情况' })
    expect(reply?.intent).toBe('broadcast_report')
    expect(reply?.card.fallback).toContain('/ladder broadcast')
  })

  it('opens the same form from a button (a Slack message cannot hold a modal)', async () => {
    const reply = await core.handleAction({
      sender: HR,
      surface: { kind: 'group' },
      actionId: 'open_form',
      value: 'broadcast',
      conversation: { id: 'C_TEAM', isDirect: false },
    })
    expect(partsOf(reply).form?.key).toBe('broadcast')
    expect(field(partsOf(reply).form, 'channel')).toMatchObject({ initial: 'C_TEAM' })
  })
})

describe('submitting the broadcast form', () => {
  const good = { course: 'CU-101', channel: 'C_TEAM', due: '2026-12-01' }

  it.each([
    ['no course', { ...good, course: '' }, 'course', '必填'],
    ['an unknown course', { ...good, course: 'NOPE-9' }, 'course', 'NOPE-9'],
    ['no channel', { ...good, channel: '' }, 'channel', '必填'],
    ['a channel that is not an id', { ...good, channel: '#team channel' }, 'channel', 'ID'],
    ['no due date', { ...good, due: '' }, 'due', '必填'],
    ['an impossible date', { ...good, due: '2026-02-31' }, 'due', '2026-12-15'],
    ['a date in the past', { ...good, due: '2026-11-16' }, 'due', '截止日期'],
  ])('refuses %s in the form and writes nothing', async (_case, values, name, text) => {
    const reply = await submit(values)
    expect(partsOf(reply).errors?.[name]).toContain(text)
    expect(partsOf(reply).form?.errors?.[name]).toBe(partsOf(reply).errors?.[name])
    expect(partsOf(reply).notice?.tone).toBe('error')
    expect(await t.db.broadcast.count()).toBe(0)
    expect(await t.db.outboxMessage.count()).toBe(0)
  })

  it('turns a channel the platform will not list into a field error, logged, not a crash', async () => {
    const failing = recordingMessenger()
    failing.channelMembers = async () => {
      throw new DeliveryError('channel_not_found', { isPermanent: true, code: 'channel_not_found' })
    }
    const other = createCore({ store: createPrismaStore(t.db), clock, log, messengers: createMessengerRegistry({ slack: failing }) })
    const reply = await other.handleAction({
      sender: HR,
      surface: { kind: 'direct' },
      actionId: 'submit_form',
      value: 'broadcast',
      values: good,
    })
    expect(partsOf(reply).errors?.channel).toContain('Ladder')
    expect(log.lines.some((l) => l.level === 'warn' && l.msg === 'broadcast: channel members unreadable')).toBe(true)
    expect(await t.db.broadcast.count()).toBe(0)
  })

  it('refuses anyone but HR, whatever they submit', async () => {
    const reply = await submit(good, EMPLOYEE)
    expect(partsOf(reply).notice?.tone).toBe('error')
    expect(partsOf(reply).form).toBeUndefined()
    expect(await t.db.broadcast.count()).toBe(0)
  })

  it('announces: linked members assigned, one card for the channel in the outbox, the result for HR', async () => {
    const reply = await submit(good, HR, { id: 'C_TEAM' })
    expect(partsOf(reply).notice?.tone).toBe('success')
    expect(partsOf(reply).card?.fallback).toMatch(/2/)
    const broadcast = await t.db.broadcast.findFirstOrThrow()
    expect(broadcast).toMatchObject({
      platform: 'slack',
      tenant: SLACK_TEAM,
      channelId: 'C_TEAM',
      memberCount: 3,
      unlinkedCount: 1,
      createdById: org.ids.hana,
    })
    // Due at the end of the chosen day in HR's zone (Shanghai).
    expect(broadcast.dueAt.toISOString()).toBe('2026-12-01T15:59:00.000Z')
    const assigned = await t.db.trainingAssignment.findMany({ where: { courseId: org.courses.CU101, source: 'broadcast' } })
    expect(assigned.map((a) => a.employeeId).sort()).toEqual([org.ids.eve, org.ids.mia].sort())
    const outbox = await t.db.outboxMessage.findMany()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ kind: 'broadcast', platform: 'slack', destKind: 'channel', destId: 'C_TEAM' })
  })

  it('says so when the same course and date were already announced there, and adds nothing', async () => {
    const reply = await submit(good)
    expect(partsOf(reply).notice?.tone).toBe('info')
    expect(await t.db.broadcast.count()).toBe(1)
    expect(await t.db.outboxMessage.count()).toBe(1)
  })
})

describe('the completion report from chat', () => {
  it('answers HR with the latest broadcast by department, reachable from the result card’s button too', async () => {
    const broadcast = await t.db.broadcast.findFirstOrThrow()
    const asked = await core.handleMessage({ sender: HR, text: 'how is the broadcast going?' })
    expect(asked?.intent).toBe('broadcast_report')
    expect(asked?.card.header?.title).toContain('CU-101')
    expect(asked?.isPersonal).toBe(true)
    // The button on HR's result card.
    const clicked = await core.handleAction({
      sender: HR,
      surface: { kind: 'direct' },
      actionId: 'ask',
      value: `broadcast_report:${broadcast.id}`,
    })
    expect(clicked?.kind).toBe('follow_up')
    expect(partsOf(clicked).card?.header?.title).toContain('CU-101')
  })

  it('refuses anyone but HR, and says so for a broadcast that does not exist or a malformed button', async () => {
    const employee = await core.handleMessage({ sender: EMPLOYEE, text: '培训完成情况' })
    expect(employee?.card.fallback).toContain('HR')
    expect(employee?.card.header).toBeUndefined()
    const unknown = await core.handleAction({ sender: HR, surface: { kind: 'direct' }, actionId: 'ask', value: 'broadcast_report:999' })
    expect(unknown?.kind).toBe('follow_up')
    expect(partsOf(unknown).card?.fallback).toContain('#999')
    const malformed = await core.handleAction({ sender: HR, surface: { kind: 'direct' }, actionId: 'ask', value: 'broadcast_report:abc' })
    expect(partsOf(malformed).notice?.tone).toBe('error')
  })
})

describe('channelRef', () => {
  it.each([
    ['C_TEAM', sender('U1'), { platform: 'slack', tenant: SLACK_TEAM, channelId: 'C_TEAM' }],
    [' oc_123 ', { platform: 'feishu', tenant: 'tk', userId: 'ou_1' } as Sender, { platform: 'feishu', tenant: 'tk', channelId: 'oc_123' }],
    ['slack:T9:C9', { platform: 'web', tenant: 'local', userId: 'a@b' } as Sender, { platform: 'slack', tenant: 'T9', channelId: 'C9' }],
    ['feishu:tk:oc_9', sender('U1'), { platform: 'feishu', tenant: 'tk', channelId: 'oc_9' }],
    ['C_TEAM', { platform: 'web', tenant: 'local', userId: 'a@b' } as Sender, null],
    ['teams:T:C', sender('U1'), null],
    ['<#C123|general>', sender('U1'), null],
    ['', sender('U1'), null],
  ])('%j from %j', (text, from, expected) => {
    expect(channelRef(text, from)).toEqual(expected)
  })
})
