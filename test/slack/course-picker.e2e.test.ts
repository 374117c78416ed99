// The broadcast modal's course picker with more courses than a static select
// holds (100): through real Bolt, the modal carries an external_select, and the
// signed block_suggestion Slack posts as HR types is answered with the matching
// courses, searched by code and by title in either language, at most 100.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_TEAM_ID } from '../fakes/slack-api.js'
import { type SlackHarness, slashCommand, startSlackHarness, USERS } from './harness.js'

const HR = 'U0EMMA' // emma.clark: HR, English
const EXTRA = 150

let h: SlackHarness
beforeAll(async () => {
  h = await startSlackHarness()
  h.fake.addUser({ id: HR, email: 'emma.clark@demo.ladder' })
  await h.testDb.db.course.createMany({
    data: Array.from({ length: EXTRA }, (_, i) => ({
      code: `PX-${String(i + 1).padStart(3, '0')}`,
      titleZh: i === 141 ? '高级谈判技巧' : `练习课程 ${i + 1}`,
      titleEn: i === 141 ? 'Advanced Negotiation' : `Practice course ${i + 1}`,
      format: 'online',
      durationMinutes: 30,
    })),
  })
})
afterAll(() => h.close())

interface Element {
  type: string
  min_query_length?: number
  options?: unknown[]
}
interface Modal {
  private_metadata: string
  blocks: { type: string; block_id: string; element: Element }[]
}

let modal: Modal

/** block_suggestion as Slack posts it (docs.slack.dev, external_select: the options load request) from our modal. */
const suggestion = (user: string, value: string) => ({
  type: 'block_suggestion',
  user: { id: user, username: user, name: user, team_id: FAKE_TEAM_ID },
  container: { type: 'view', view_id: 'V0MODAL1' },
  api_app_id: 'A0LADDER',
  token: 'x',
  action_id: 'value',
  block_id: 'course',
  value,
  team: { id: FAKE_TEAM_ID, domain: 'ladder-test' },
  enterprise: null,
  is_enterprise_install: false,
  view: { id: 'V0MODAL1', team_id: FAKE_TEAM_ID, type: 'modal', private_metadata: modal.private_metadata, callback_id: 'ladder_form' },
})
const options = async (user: string, value: string): Promise<{ text: { text: string }; value: string }[]> => {
  const res = await h.postForm({ payload: JSON.stringify(suggestion(user, value)) })
  expect(res.statusCode).toBe(200)
  return (res.json() as { options: { text: { text: string }; value: string }[] }).options
}

describe('the broadcast modal with more than 100 courses', () => {
  it('offers the course as an external_select that searches as HR types', async () => {
    const fields = slashCommand(h.fake, HR, 'broadcast')
    expect((await h.postForm(fields)).statusCode).toBe(200)
    modal = (await h.fake.waitFor('views.open', (c) => c.args.trigger_id === fields.trigger_id)).args.view as Modal
    const course = modal.blocks.find((b) => b.block_id === 'course')!.element
    expect(course).toMatchObject({ type: 'external_select', min_query_length: 1 })
    expect(course.options).toBeUndefined()
  })

  it('answers by code, the codes that start with the text first, at most 100', async () => {
    const px = await options(HR, 'px-')
    expect(px).toHaveLength(100)
    expect(px[0]).toEqual({ text: { type: 'plain_text', text: 'PX-001 Practice course 1', emoji: true }, value: 'PX-001' })
    expect((await options(HR, 'PX-15')).map((o) => o.value)).toEqual(['PX-150'])
  })

  it('answers by title in either language', async () => {
    expect((await options(HR, 'negotiation')).map((o) => o.value)).toEqual(['PX-142'])
    expect((await options(HR, '谈判')).map((o) => o.value)).toEqual(['PX-142'])
    expect(await options(HR, 'nothing like this')).toEqual([])
  })

  it('answers anyone but HR with nothing', async () => {
    expect(await options(USERS.liLei, 'px')).toEqual([])
  })
})
