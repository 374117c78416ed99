// The dashboard and the to-do list count the same to-dos, and the count is what the
// list shows: trainings a manager is asked to confirm are to-dos too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { CoreApi, Sender } from '../../core/kernel/inbound.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg, NOW } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let b: Backend
let core: CoreApi
const mia: Sender = { platform: 'cli', tenant: 'local', userId: 'mia@t.test' }
// One line per to-do: a task's or a confirmation's buttons.
const lines = (card: Card): number =>
  card.blocks.filter(
    (block) => block.type === 'actions' && block.buttons.some((b) => /done|quiz|confirm_training|evaluation|snooze/.test(b.action.id)),
  ).length

beforeAll(async () => {
  b = await openBackend()
  const org = await buildOrg(b.seed)
  const db = seederFor(b.seed)
  // Tom reports a course his manager Mia has to confirm.
  const course = await db.create('course', {
    code: 'RD-900',
    titleZh: '需确认的课',
    titleEn: 'Confirmed course',
    format: 'online',
    durationMinutes: 60,
    verification: 'confirmation',
  })
  await db.create('trainingAssignment', {
    employeeId: org.ids.tom,
    courseId: course.id,
    status: 'reported',
    assignedAt: NOW,
    reportedAt: NOW,
  })
  core = createCore({ store: b.store, clock: { now: () => NOW }, log: memoryLogger() })
})
afterAll(() => b.close())

describe('one count of to-dos', () => {
  it('the list’s count is the lines it shows, and the dashboard says the same', async () => {
    const list = (await core.handleMessage({ sender: mia, text: 'my tasks' }))!.card
    const shown = lines(list)
    expect(shown).toBe(2)
    const summary = t(list.locale, 'tasks.summary', { n: shown, overdue: 0 })
    expect(list.header?.subtitle).toBe(summary)
    const home = await core.home(mia)
    expect(lines(home)).toBe(shown)
    expect(JSON.stringify(home)).toContain(t(home.locale, 'tasks.summary', { n: shown, overdue: 0 }))
  })
})
