// A broadcast on a fresh Slack rollout: nobody in the channel has ever written
// to Ladder, so nobody is linked. Through real Bolt and the fake Web API, the
// members' emails are looked up (users.info), matched to employees regardless of
// case, linked and assigned; HR's result names who could not be matched and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toMrkdwn } from '../../adapters/slack/mrkdwn.js'
import { t } from '../../core/kernel/i18n/index.js'
import { FAKE_TEAM_ID } from '../fakes/slack-api.js'
import { type SlackHarness, slashCommand, startSlackHarness, viewSubmission } from './harness.js'

const HR = 'U0EMMA' // emma.clark: HR, English
const CHANNEL = 'C0FRESH'
const COURSE = 'RD-102'
const MEMBERS = {
  zhao: 'U0ZHAO', // zhao.qiang, email in another case
  sun: 'U0SUN', // sun.li
  bot: 'U0SOMEBOT',
  guest: 'U0GUEST', // no email visible
  outsider: 'U0OUTSIDER', // an email no employee has
  leaver: 'U0LEAVER', // zheng.yu, made inactive
  ghost: 'U0GHOST', // users.info answers user_not_found
} as const

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
  h.fake.addUser({ id: HR, email: 'emma.clark@demo.ladder' })
  h.fake.addUser({ id: MEMBERS.zhao, email: 'Zhao.Qiang@Demo.Ladder', name: 'Zhao Qiang' })
  h.fake.addUser({ id: MEMBERS.sun, email: 'sun.li@demo.ladder', name: 'Sun Li' })
  h.fake.addUser({ id: MEMBERS.bot, isBot: true, name: 'Some Bot' })
  h.fake.addUser({ id: MEMBERS.guest, name: 'Gina Guest' })
  h.fake.addUser({ id: MEMBERS.outsider, email: 'someone@partner.example', name: 'Oscar Outsider' })
  h.fake.addUser({ id: MEMBERS.leaver, email: 'zheng.yu@demo.ladder', name: 'Zheng Yu' })
  await h.testDb.db.employee.update({ where: { email: 'zheng.yu@demo.ladder' }, data: { status: 'inactive' } })
  h.fake.setMembers(CHANNEL, [Object.values(MEMBERS)])
})
afterAll(() => h.close())

const rendered = (text: string): string => JSON.stringify(toMrkdwn(text)).slice(1, -1)

describe('a broadcast to a channel of members who never linked', () => {
  it('links and assigns every member whose email matches an active employee, and names who could not be matched', async () => {
    const db = h.testDb.db
    expect(await db.chatIdentity.count({ where: { platform: 'slack' } })).toBe(0)

    const fields = slashCommand(h.fake, HR, 'broadcast')
    expect((await h.postForm(fields)).statusCode).toBe(200)
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === fields.trigger_id)
    const view = opened.args.view as Record<string, unknown>
    const res = await h.postForm({
      payload: JSON.stringify(
        viewSubmission(HR, view, {
          course: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: COURSE }, value: COURSE } } },
          channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
          due: { value: { type: 'datepicker', selected_date: '2026-12-15' } },
        }),
      ),
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')

    const body = t('en', 'broadcast.result.body', { assigned: 2, added: 2, existing: 0, unlinked: 4, members: 7 })
    const dm = await h.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === HR && JSON.stringify(c.args.blocks ?? '').includes(rendered(body)),
    )
    const blocks = JSON.stringify(dm.args.blocks)
    expect(blocks).toContain(rendered(t('en', 'broadcast.result.linkedNow', { n: 2 })))
    expect(blocks).toContain(rendered(t('en', 'broadcast.result.unmatched', { n: 4 })))
    expect(blocks).toContain(rendered(`• Gina Guest: ${t('en', 'broadcast.result.reason.no_email')}`))
    expect(blocks).toContain(
      rendered(`• Oscar Outsider: ${t('en', 'broadcast.result.reason.no_employee', { email: 'someone@partner.example' })}`),
    )
    expect(blocks).toContain(rendered(`• Zheng Yu: ${t('en', 'broadcast.result.reason.inactive', { email: 'zheng.yu@demo.ladder' })}`))
    expect(blocks).toContain(rendered(`• ${MEMBERS.ghost}: ${t('en', 'broadcast.result.reason.lookup_failed')}`))
    expect(blocks).not.toContain('Some Bot')

    // Every unlinked member was looked up once; the matched ones are linked for next time.
    expect(
      h.fake
        .callsTo('users.info')
        .map((c) => c.args.user)
        .filter((u) => u !== HR)
        .sort(),
    ).toEqual(Object.values(MEMBERS).sort())
    const identities = await db.chatIdentity.findMany({ where: { platform: 'slack', tenant: FAKE_TEAM_ID }, include: { employee: true } })
    expect(Object.fromEntries(identities.filter((i) => i.externalId !== HR).map((i) => [i.externalId, i.employee.email]))).toEqual({
      [MEMBERS.zhao]: 'zhao.qiang@demo.ladder',
      [MEMBERS.sun]: 'sun.li@demo.ladder',
    })

    const broadcast = await db.broadcast.findFirstOrThrow({ where: { channelId: CHANNEL } })
    expect(broadcast).toMatchObject({ memberCount: 7, unlinkedCount: 4 })
    const course = await db.course.findFirstOrThrow({ where: { code: COURSE } })
    const assigned = await db.trainingAssignment.findMany({
      where: { courseId: course.id, source: 'broadcast' },
      include: { employee: true },
    })
    expect(assigned.map((a) => a.employee.email).sort()).toEqual(['sun.li@demo.ladder', 'zhao.qiang@demo.ladder'])
    const links = await db.auditLog.findMany({ where: { action: 'identity.link', actor: { startsWith: 'employee:' } } })
    expect(links.map((l) => l.entityId).sort()).toEqual(
      [`slack:${FAKE_TEAM_ID}:${MEMBERS.sun}`, `slack:${FAKE_TEAM_ID}:${MEMBERS.zhao}`].sort(),
    )
  })
})
