// A rater's whole turn over Slack: the rater card is sent through the real Slack
// messenger to the fake Web API, the Answer button opens a modal, a submission
// missing a rating comes back with errors, a complete one is stored anonymously
// and the card is updated to "submitted". Until core/actions.ts routes
// "feedback:" values (see the report), the core here does exactly that routing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { handleFeedbackAction } from '../../core/features/feedback/handle-action.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import { startCollecting } from '../../core/features/feedback/start-collecting.js'
import { t } from '../../core/kernel/i18n/index.js'
import { identify } from '../../core/kernel/identify.js'
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
  const core: CoreApi = {
    handleMessage: (m) => inner!.handleMessage(m),
    home: (s) => inner!.home(s),
    async handleAction(action) {
      const employee = await identify(deps, action.sender)
      const routed = employee ? await handleFeedbackAction(deps, { employee, locale: employee.locale }, action) : null
      return routed ?? inner!.handleAction(action)
    },
  }
  h = await startSlackHarness({ core })
  const clock = { now: () => NOW }
  deps = ladderDeps({ store: createPrismaStore(h.testDb.db), clock, log: memoryLogger(), deliver: async (d) => void sent.push(...d) })
  inner = createCore(deps)
})
afterAll(() => h.close())

describe('360 over Slack', () => {
  let requestId: number
  let modal: { view: Record<string, unknown>; ratingIds: string[] }
  let origin: { channelId: string; messageTs: string }

  it('sends the rater card, and the Answer button opens a modal with one rating per dimension', async () => {
    const db = h.testDb.db
    const li = await db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
    const han = await db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })
    expect(li.managerId).toBe(han.id)
    const hr = (await db.employee.findMany()).find((e) => e.roles.includes('hr') && e.id !== li.id && e.id !== han.id)!
    const hrActor = { employee: (await deps.store.employees.byId(hr.id))!, locale: 'en' as const }
    const launched = await launchCycle(deps, hrActor, {
      name: 'Demo 360',
      subjectEmails: [li.email],
      opensAt: NOW,
      closesAt: new Date('2026-12-07T15:59:00Z'),
      perspectives: ['self', 'manager'],
    })
    if (launched.kind !== 'launched') throw new Error(JSON.stringify(launched))
    expect((await startCollecting(deps, hrActor, { cycleId: launched.cycle.id })).kind).toBe('moved')
    const toHan = sent.find((d) => d.recipientId === han.id)!
    requestId = Number(/^feedback:rate:(\d+)$/.exec(toHan.key)![1])

    await h.messenger.send({ platform: 'slack', tenant: FAKE_TEAM_ID, kind: 'user', id: USERS.han }, toHan.card)
    const post = await h.fake.waitFor('chat.postMessage', (c) => JSON.stringify(c.args.blocks ?? '').includes(`feedback:${requestId}`))
    // Slack answers a post to a user id with the DM channel's id, which is where the message lives.
    const posted = post.response.body as { ts: string; channel: string }
    origin = { channelId: posted.channel, messageTs: posted.ts }
    expect(JSON.stringify(post.args.blocks)).toContain(t('zh-CN', 'feedback.visibility.manager', { subject: '李雷' }).slice(0, 10))
    const answer = buttonsIn(post.args.blocks).find((b) => b.action.a === 'open_form' && b.action.v === `feedback:${requestId}`)!
    const click = buttonClick(h.fake, USERS.han, origin, answer)
    await h.postForm({ payload: JSON.stringify(click) })
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)
    const view = opened.args.view as { blocks: { type: string; block_id: string; element: { type: string } }[] }
    const ratings = view.blocks.filter((b) => b.type === 'input' && b.element.type === 'static_select')
    expect(ratings.length).toBeGreaterThan(0)
    expect(view.blocks.filter((b) => b.type === 'input' && b.element.type === 'plain_text_input').map((b) => b.block_id)).toEqual([
      'strengths',
      'improvements',
    ])
    modal = { view: opened.args.view as Record<string, unknown>, ratingIds: ratings.map((b) => b.block_id) }
  })

  it('a submission missing a rating comes back with an error on that field, nothing stored', async () => {
    const [first, ...rest] = modal.ratingIds
    const values = Object.fromEntries(rest.map((id) => [id, { value: { type: 'static_select', selected_option: { value: '4' } } }]))
    const res = await h.postForm({ payload: JSON.stringify(viewSubmission(USERS.han, modal.view, values)) })
    expect(res.json()).toEqual({ response_action: 'errors', errors: { [first!]: t('zh-CN', 'evaluation.error.required') } })
    expect(await h.testDb.db.feedbackResponse.count()).toBe(0)
  })

  it('a complete submission is stored without the rater and the card turns to "submitted"', async () => {
    const values: Record<string, Record<string, unknown>> = Object.fromEntries(
      modal.ratingIds.map((id) => [id, { value: { type: 'static_select', selected_option: { value: '4' } } }]),
    )
    values.strengths = { value: { type: 'plain_text_input', value: '沟通清楚' } }
    const res = await h.postForm({ payload: JSON.stringify(viewSubmission(USERS.han, modal.view, values)) })
    expect(res.statusCode).toBe(200)
    const rows = await h.testDb.db.feedbackResponse.findMany()
    expect(rows.map((r) => [r.perspective, Object.keys(r)])).toEqual([
      ['manager', ['id', 'cycleId', 'subjectId', 'perspective', 'answers']],
    ])
    expect(JSON.parse(rows[0]!.answers).strengths).toBe('沟通清楚')
    expect((await h.testDb.db.feedbackRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('submitted')
    const update = await h.fake.waitFor('chat.update', (c) => c.args.ts === origin.messageTs)
    expect(JSON.stringify(update.args.blocks)).toContain(t('zh-CN', 'feedback.submitted.title'))
  })
})
