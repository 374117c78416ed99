// A duty check-in submitted through Feishu, end to end: Li Lei's to-do list
// (a message through POST /feishu/events) shows his check-in with Submit; the
// button replaces the card with a form card (Feishu has no modals) holding the
// duty's one evidence field; a link that is not http(s) comes back with the
// error and nothing saved; a link records the check-in done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardActionEvent, messageEvent } from '../fakes/feishu-events.js'
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
} from './support.js'

let world: World
let ladder: Ladder
let checkInId: number

beforeAll(async () => {
  world = await createWorld()
  ladder = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN } })
  const db = world.t.db
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
      code: 'D8',
      position: 1,
      textZh: '上传当日巡检记录',
      textEn: 'Upload the day’s inspection log',
      recurrence: 'daily@17:30',
      evidence: 'link',
    },
  })
  checkInId = (
    await db.dutyCheckIn.create({
      data: {
        employeeId: li.id,
        jobId: li.jobId!,
        dutyCode: 'D8',
        occurrence: '2026-11-23',
        openedAt: new Date('2026-11-23T01:00:00Z'),
        dueAt: new Date('2026-11-23T09:30:00Z'),
      },
    })
  ).id
})
afterAll(async () => {
  await ladder.close()
  await world.close()
})

const click = (value: unknown, formValue?: Record<string, unknown>) =>
  postEncrypted(
    ladder,
    '/feishu/cards',
    cardActionEvent({ openId: PEOPLE.liLei, value, token: VERIFICATION_TOKEN, ...(formValue ? { formValue } : {}) }),
  )

describe('a duty check-in submitted in a Feishu form', () => {
  it('the to-do list shows it; Submit answers with a form card holding the one link field', async () => {
    await postEncrypted(ladder, '/feishu/events', messageEvent({ openId: PEOPLE.liLei, text: '我的待办', token: VERIFICATION_TOKEN }))
    await ladder.feishu.idle()
    const sent = [...world.fake.messages.values()].at(-1)!
    expect(JSON.stringify(sent.card)).toContain('上传当日巡检记录')
    const submit = buttonValues(sent.card).find((v) => v.a === 'open_form' && v.v === `checkin:${checkInId}`)
    expect(submit).toBeDefined()
    const open = (await click(submit)).json() as { card: { data: unknown } }
    const [form] = findTagged(open.card.data, 'form')
    expect(form).toBeDefined()
    expect(findTagged(form, 'input').map((i) => i.name)).toEqual(['evidence'])
    expect(buttonValues(form)).toEqual([{ a: 'submit_form', v: `checkin:${checkInId}` }])
  })

  it('a link that is not http(s) comes back as the form with the error, nothing saved', async () => {
    const response = await click({ a: 'submit_form', v: `checkin:${checkInId}` }, { evidence: 'ftp://files/x' })
    const body = response.json() as { toast: { type: string }; card: { data: unknown } }
    expect(body.toast.type).toBe('error')
    expect(JSON.stringify(body.card.data)).toContain('http')
    expect((await world.t.db.dutyCheckIn.findUniqueOrThrow({ where: { id: checkInId } })).status).toBe('open')
  })

  it('a link records the check-in done; pressing Submit again says it is already submitted', async () => {
    const link = 'https://wiki.example.com/inspections/2026-11-23'
    const body = (await click({ a: 'submit_form', v: `checkin:${checkInId}` }, { evidence: link })).json() as { toast: { type: string } }
    expect(body.toast.type).toBe('success')
    const row = await world.t.db.dutyCheckIn.findUniqueOrThrow({ where: { id: checkInId } })
    expect([row.status, row.evidence, row.submittedAt?.toISOString()]).toEqual(['done', link, NOW.toISOString()])
    const again = (await click({ a: 'submit_form', v: `checkin:${checkInId}` }, { evidence: link })).json() as {
      toast: { type: string; content: string }
    }
    expect(again.toast).toEqual({ type: 'info', content: expect.stringContaining('已经提交过了') })
  })
})
