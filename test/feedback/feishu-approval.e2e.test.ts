// The same approval flow as slack-approval.e2e.test.ts over Feishu, which has no
// modals: the subject's Nominate and the manager's Review replace the clicked
// card with a card holding the form; submitting the approval decides the
// proposals, the card turns to its final state and the approved rater is asked.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import { startCollecting } from '../../core/features/feedback/start-collecting.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { cardActionEvent } from '../fakes/feishu-events.js'
import {
  buttonValues,
  createWorld,
  ENCRYPT_KEY,
  findTagged,
  type Ladder,
  NOW,
  PEOPLE,
  postEncrypted,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from '../feishu/support.js'

type CallbackBody = { toast?: { type: string; content: string }; card?: { type: string; data: Record<string, unknown> } }

let world: World
let ladder: Ladder
let deps: LadderDeps
const sent: Delivery[] = []

beforeAll(async () => {
  world = await createWorld()
  deps = ladderDeps({
    store: createPrismaStore(world.t.db),
    clock: { now: () => NOW },
    log: world.log,
    deliver: async (d) => void sent.push(...d),
  })
  ladder = await startLadder(world, {
    secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
    core: createCore(deps),
  })
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

async function click(openId: string, value: { a: string; v: string }, formValue?: Record<string, string>): Promise<CallbackBody> {
  const response = await postEncrypted(
    ladder,
    '/feishu/cards',
    cardActionEvent({ openId, value, token: VERIFICATION_TOKEN, ...(formValue ? { formValue } : {}) }),
  )
  expect(response.statusCode).toBe(200)
  return response.json() as CallbackBody
}

describe('360 raters proposed by the subject and approved by the manager, over Feishu', () => {
  it('Nominate and Review each bring their form; the decision replaces the form and asks the approved rater', async () => {
    const db = world.t.db
    const li = await db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
    const han = await db.employee.findUniqueOrThrow({ where: { email: 'han.meimei@demo.ladder' } })
    const peer = await db.employee.findFirstOrThrow({ where: { managerId: han.id, status: 'active', NOT: { id: li.id } } })
    const hr = await db.employee.findUniqueOrThrow({ where: { email: 'wang.fang@demo.ladder' } })
    const hrActor = { employee: (await deps.store.employees.byId(hr.id))!, locale: 'zh-CN' as const }
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
    const cycleId = launched.cycle.id
    expect((await startCollecting(deps, hrActor, { cycleId })).kind).toBe('moved')

    const nominate = { a: 'open_form', v: `cycle:${cycleId}:nominate:${li.id}` }
    const nominationForm = await click(PEOPLE.liLei, nominate)
    expect(findTagged(nominationForm.card!.data, 'form')).toHaveLength(1)
    const proposed = await click(PEOPLE.liLei, { a: 'submit_form', v: nominate.v }, { peers: peer.email })
    expect(proposed.toast?.type).toBe('success')
    expect(sent.filter((d) => d.recipientId === han.id && d.purpose === 'approve')).toHaveLength(1)

    const review = { a: 'open_form', v: `cycle:${cycleId}:approve:${li.id}` }
    const opened = await click(PEOPLE.hanMeimei, review)
    const [form] = findTagged(opened.card!.data, 'form')
    const request = await db.feedbackRequest.findFirstOrThrow({ where: { raterId: peer.id, feedbackSubject: { cycleId } } })
    expect(findTagged(form, 'select_static').map((s) => s.name)).toEqual([`r_${request.id}`])
    expect(buttonValues(form)).toEqual([{ a: 'submit_form', v: review.v }])

    const decided = await click(PEOPLE.hanMeimei, { a: 'submit_form', v: review.v }, { [`r_${request.id}`]: 'approve' })
    expect(decided.toast?.type).toBe('success')
    expect(findTagged(decided.card!.data, 'form')).toEqual([])
    expect(JSON.stringify(decided.card!.data)).toContain(t('zh-CN', 'feedback.decided.title'))
    expect((await db.feedbackRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('open')
    expect(sent.some((d) => d.purpose === 'rate' && d.recipientId === peer.id)).toBe(true)
  })
})
