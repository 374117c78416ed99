// HR starts and follows a programme from the console (issue 16): the start form
// comes inline, a submission starts the programme, "后备干部培养进度" shows it.
// Anyone but HR is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleApp, createConsoleApp, login } from './console-app.js'

const HR = 'wang.fang@demo.ladder'
const LI = 'li.lei@demo.ladder'

let c: ConsoleApp
beforeAll(async () => {
  c = await createConsoleApp()
})
afterAll(async () => {
  await c?.close()
})

const post = (url: string, cookie: string, payload: object) => c.app.inject({ method: 'POST', url, payload, headers: { cookie } })

describe('programmes in the console', () => {
  it('HR starts the reserve cadre programme from the inline form and follows its progress', async () => {
    const cookie = await login(c.app, HR)
    const asked = (await post('/console/message', cookie, { text: '启动后备干部培养' })).json() as { intent: string; html: string }
    expect(asked.intent).toBe('start_programme')
    expect(asked.html).toContain('data-form-key="programme:start"')
    const before = await c.testDb.db.programme.count()
    const submitted = (
      await post('/console/action', cookie, {
        actionId: 'submit_form',
        value: 'programme:start',
        values: { template: 'reserve-cadre', participants: `${LI}\nzhao.qiang@demo.ladder` },
      })
    ).json() as { toast?: { tone: string } }
    expect(submitted.toast?.tone).toBe('success')
    expect(await c.testDb.db.programme.count()).toBe(before + 1)
    const progress = (await post('/console/message', cookie, { text: '后备干部培养进度' })).json() as { intent: string; html: string }
    expect(progress.intent).toBe('programme_progress')
    expect(progress.html).toContain('后备干部培养')
    expect(progress.html).toContain('培养档案')
  })

  it('refuses anyone but HR', async () => {
    const cookie = await login(c.app, LI)
    const asked = (await post('/console/message', cookie, { text: '启动后备干部培养' })).json() as { html: string }
    expect(asked.html).not.toContain('data-form-key')
    expect(asked.html).toContain('HR')
  })
})
