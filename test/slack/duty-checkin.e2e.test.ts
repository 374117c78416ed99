// A duty check-in submitted through Slack, end to end: Li Lei's to-do list (a DM
// to the real core through real Bolt) shows his open check-in with Submit; the
// button opens a modal (views.open on the fake Web API) with the duty's one
// evidence field; a bad number comes back as an error on that block, nothing
// saved; a number closes the modal and records the check-in done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { t } from '../../core/kernel/i18n/index.js'
import { buttonClick, buttonsIn, dmEvent, NOW, type SlackHarness, startSlackHarness, USERS, viewSubmission } from './harness.js'

let h: SlackHarness
let checkInId: number

beforeAll(async () => {
  h = await startSlackHarness()
  const db = h.testDb.db
  const li = await db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
  const description = await db.jobDescription.create({
    // Above the demo's own description of the job (version 1): this one is in force, already announced.
    data: {
      jobId: li.jobId!,
      version: 99,
      effectiveFrom: new Date('2026-01-01T00:00:00Z'),
      announcedAt: new Date('2026-01-01T00:00:00Z'),
      purposeZh: '研发',
      purposeEn: 'R&D',
    },
  })
  await db.jobDescriptionItem.create({
    data: {
      descriptionId: description.id,
      section: 'duty',
      code: 'D7',
      position: 1,
      textZh: '提交当日构建数',
      textEn: 'Report the day’s build count',
      recurrence: 'daily@18:00',
      evidence: 'number',
    },
  })
  // NOW is Monday 23 Nov 10:00 in Shanghai: today's check-in, opened at 09:00, due at 18:00.
  checkInId = (
    await db.dutyCheckIn.create({
      data: {
        employeeId: li.id,
        jobId: li.jobId!,
        dutyCode: 'D7',
        occurrence: '2026-11-23',
        openedAt: new Date('2026-11-23T01:00:00Z'),
        dueAt: new Date('2026-11-23T10:00:00Z'),
      },
    })
  ).id
})
afterAll(() => h.close())

const postInteraction = (payload: object) => h.postForm({ payload: JSON.stringify(payload) })

describe('a duty check-in submitted in a Slack modal', () => {
  let view: Record<string, unknown> & { blocks: { type: string; block_id: string; element: { type: string } }[] }

  it('the to-do list shows the check-in; Submit opens a modal with its one number field', async () => {
    const event = dmEvent(USERS.liLei, '我的待办')
    const channelId = (event.event as { channel: string }).channel
    const before = h.fake.calls.length
    expect((await h.postJson(event)).statusCode).toBe(200)
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === channelId && h.fake.calls.indexOf(c) >= before)
    expect(JSON.stringify(post.args.blocks)).toContain('提交当日构建数')
    const submit = buttonsIn(post.args.blocks).find((b) => b.action.a === 'open_form' && b.action.v === `checkin:${checkInId}`)
    expect(submit).toBeDefined()
    const click = buttonClick(h.fake, USERS.liLei, { channelId, messageTs: (post.response.body as { ts: string }).ts }, submit!)
    await postInteraction(click)
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === click.trigger_id)
    view = opened.args.view as typeof view
    expect(view.type).toBe('modal')
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element.type])).toEqual([
      ['evidence', 'plain_text_input'],
    ])
  })

  it('a bad number comes back with the error on its block, nothing saved', async () => {
    const res = await postInteraction(
      viewSubmission(USERS.liLei, view, { evidence: { value: { type: 'plain_text_input', value: 'many' } } }),
    )
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ response_action: 'errors', errors: { evidence: t('zh-CN', 'duties.checkin.notNumber') } })
    expect((await h.testDb.db.dutyCheckIn.findUniqueOrThrow({ where: { id: checkInId } })).status).toBe('open')
  })

  it('a number closes the modal and records the check-in done, with its evidence and time', async () => {
    const res = await postInteraction(viewSubmission(USERS.liLei, view, { evidence: { value: { type: 'plain_text_input', value: '42' } } }))
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const row = await h.testDb.db.dutyCheckIn.findUniqueOrThrow({ where: { id: checkInId } })
    expect([row.status, row.evidence, row.submittedAt?.toISOString()]).toEqual(['done', '42', NOW.toISOString()])
  })
})
