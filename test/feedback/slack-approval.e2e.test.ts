// A subject's raters proposed and approved over Slack, through the real Bolt app
// and the fake Web API: the subject's Nominate button opens a modal, the
// proposals reach the manager, whose Review button must open the approval form
// as a modal too (it used to replace the card with one whose "Open form" button
// carried the same value, forever). Submitting it decides the proposals, turns
// the card to its final state and asks the approved rater at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import { startCollecting } from '../../core/features/feedback/start-collecting.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { FAKE_TEAM_ID } from '../fakes/slack-api.js'
import { buttonClick, buttonsIn, NOW, type SlackHarness, startSlackHarness, USERS, viewSubmission } from '../slack/harness.js'
import { memoryLogger } from '../support/deps.js'

let h: SlackHarness
let deps: LadderDeps
const sent: Delivery[] = []

beforeAll(async () => {
  let inner: CoreApi | null = null
  // The real core; its deliveries (cards for other people) are recorded here and sent by the test.
  const core: CoreApi = {
    handleMessage: (m) => inner!.handleMessage(m),
    handleAction: (a) => inner!.handleAction(a),
    home: (s) => inner!.home(s),
  }
  h = await startSlackHarness({ core })
  deps = ladderDeps({
    store: createPrismaStore(h.testDb.db),
    clock: { now: () => NOW },
    log: memoryLogger(),
    deliver: async (d) => void sent.push(...d),
  })
  inner = createCore(deps)
})
afterAll(() => h.close())

type View = { blocks: { type: string; block_id?: string; element?: { type: string; initial_option?: { value: string } } }[] } & Record<
  string,
  unknown
>

/** Posts a delivered card to a Slack user through the real messenger; the message's place. */
async function deliverTo(user: string, delivery: Delivery): Promise<{ channelId: string; messageTs: string; blocks: unknown }> {
  await h.messenger.send({ platform: 'slack', tenant: FAKE_TEAM_ID, kind: 'user', id: user }, delivery.card)
  const post = await h.fake.waitFor(
    'chat.postMessage',
    (c) => c.args.channel === user && JSON.stringify(c.args.blocks ?? '').includes(delivery.card.header?.title ?? '\u0000'),
  )
  const posted = post.response.body as { ts: string; channel: string }
  return { channelId: posted.channel, messageTs: posted.ts, blocks: post.args.blocks }
}

/** Clicks the button with this neutral value and returns the modal Slack was asked to open for it. */
async function clickAndOpen(user: string, place: { channelId: string; messageTs: string; blocks: unknown }, value: string): Promise<View> {
  const button = buttonsIn(place.blocks).find((b) => b.action.a === 'open_form' && b.action.v === value)
  if (!button) throw new Error(`no open_form button for ${value}`)
  const click = buttonClick(h.fake, user, place, button)
  const res = await h.postForm({ payload: JSON.stringify(click) })
  expect(res.statusCode).toBe(200)
  // The trigger id expires 3 seconds after the click: the modal is opened with it, nothing else is shown.
  const opened = await Promise.race([
    h.fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id),
    h.fake
      .waitFor('chat.update', (c) => c.args.ts === place.messageTs)
      .then((c) => {
        throw new Error(
          `the click replaced the card instead of opening a modal: ${JSON.stringify(buttonsIn(c.args.blocks).map((b) => b.action))}`,
        )
      }),
  ])
  return opened.args.view as View
}

describe('360 raters proposed by the subject and approved by the manager, over Slack', () => {
  let cycleId: number
  let subjectId: number
  let peers: { id: number; email: string }[]
  let approval: Delivery
  let review: { channelId: string; messageTs: string; blocks: unknown }

  it('the subject nominates two peers from a modal; the manager is asked to review them', async () => {
    const db = h.testDb.db
    const li = await db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
    const han = await db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })
    subjectId = li.id
    peers = (await db.employee.findMany({ where: { managerId: han.id, status: 'active', NOT: { id: li.id } }, orderBy: { id: 'asc' } }))
      .slice(0, 2)
      .map((e) => ({ id: e.id, email: e.email }))
    expect(peers).toHaveLength(2)
    const hr = (await db.employee.findMany()).find((e) => e.roles.includes('hr') && e.id !== li.id && e.id !== han.id)!
    const hrActor = { employee: (await deps.store.employees.byId(hr.id))!, locale: 'en' as const }
    const launched = await launchCycle(deps, hrActor, {
      name: 'Approval 360',
      subjectEmails: [li.email],
      opensAt: NOW,
      closesAt: new Date('2026-12-07T15:59:00Z'),
      perspectives: ['manager', 'peer'],
      nominationBy: 'subject',
      peerCap: 3,
    })
    if (launched.kind !== 'launched') throw new Error(JSON.stringify(launched))
    cycleId = launched.cycle.id
    expect((await startCollecting(deps, hrActor, { cycleId })).kind).toBe('moved')

    const nominate = sent.find((d) => d.recipientId === li.id && d.purpose === 'nominate')!
    const card = await deliverTo(USERS.liLei, nominate)
    const view = await clickAndOpen(USERS.liLei, card, `cycle:${cycleId}:nominate:${li.id}`)
    const res = await h.postForm({
      payload: JSON.stringify(
        viewSubmission(USERS.liLei, view, { peers: { value: { type: 'plain_text_input', value: peers.map((p) => p.email).join(', ') } } }),
      ),
    })
    expect(res.statusCode).toBe(200)
    expect(await db.feedbackRequest.count({ where: { raterId: { in: peers.map((p) => p.id) }, status: 'proposed' } })).toBe(2)
    approval = sent.find((d) => d.recipientId === han.id && d.purpose === 'approve')!
    expect(approval).toBeDefined()
  })

  it('the manager’s Review button opens the approval form as a modal, one choice per proposal', async () => {
    review = await deliverTo(USERS.han, approval)
    const view = await clickAndOpen(USERS.han, review, `cycle:${cycleId}:approve:${subjectId}`)
    const requests = await h.testDb.db.feedbackRequest.findMany({
      where: { raterId: { in: peers.map((p) => p.id) } },
      orderBy: { raterId: 'asc' },
    })
    const inputs = view.blocks.filter((b) => b.type === 'input')
    expect(inputs.map((b) => [b.block_id, b.element?.type, b.element?.initial_option?.value])).toEqual(
      requests.map((r) => [`r_${r.id}`, 'static_select', 'approve']),
    )

    // Approve the first, reject the second.
    const [keep, drop] = requests
    const choice = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } })
    const res = await h.postForm({
      payload: JSON.stringify(
        viewSubmission(USERS.han, view, { [`r_${keep!.id}`]: choice('approve'), [`r_${drop!.id}`]: choice('reject') }),
      ),
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const after = await h.testDb.db.feedbackRequest.findMany({ where: { id: { in: [keep!.id, drop!.id] } }, orderBy: { raterId: 'asc' } })
    // Approved while collecting, a request is opened (asked) at once.
    expect(after.map((r) => r.status)).toEqual(['open', 'rejected'])

    // The Review card turns to its final state: no button left to open the form again.
    const update = await h.fake.waitFor('chat.update', (c) => c.args.ts === review.messageTs)
    expect(update.args.channel).toBe(review.channelId)
    expect(JSON.stringify(update.args.blocks)).toContain(t('zh-CN', 'feedback.decided.title'))
    expect(buttonsIn(update.args.blocks)).toEqual([])

    // Collecting already: the approved rater is asked at once, the rejected one never.
    const asked = sent.filter((d) => d.purpose === 'rate').map((d) => d.recipientId)
    expect(asked).toContain(peers[0]!.id)
    expect(asked).not.toContain(peers[1]!.id)
  })

  it('Review clicked again once all is decided: the card says so, no form, no button', async () => {
    const button = buttonsIn(review.blocks).find((b) => b.action.v === `cycle:${cycleId}:approve:${subjectId}`)!
    const updates = h.fake.callsTo('chat.update').length
    const click = buttonClick(h.fake, USERS.han, review, button)
    await h.postForm({ payload: JSON.stringify(click) })
    const update = await h.fake.waitFor(
      'chat.update',
      (c) => c.args.ts === review.messageTs && h.fake.callsTo('chat.update').indexOf(c) >= updates,
    )
    expect(JSON.stringify(update.args.blocks)).toContain(t('zh-CN', 'feedback.approve.none'))
    expect(buttonsIn(update.args.blocks)).toEqual([])
    expect(h.fake.callsTo('views.open').filter((c) => c.args.trigger_id === click.trigger_id)).toEqual([])
  })
})
