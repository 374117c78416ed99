// Console forms refused by the core come back as the person left them: every
// field with the value typed or chosen (text, textareas, selects, dates,
// ratings), each error beside its own field. Over HTTP on a seeded database,
// one form of each kind the console shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleApp, createConsoleApp, login } from './console-app.js'

const NOW = new Date('2026-11-23T02:00:00Z')
const HR = 'emma.clark@demo.ladder'
const HAN = 'han.meimei@demo.ladder'
const LI = 'li.lei@demo.ladder'

let c: ConsoleApp
beforeAll(async () => {
  c = await createConsoleApp({}, NOW)
})
afterAll(async () => {
  await c?.close()
})

interface ActionAnswer {
  append: string[]
  replace?: string
  toast?: { tone: string; text: string }
  formErrors?: Record<string, string>
}

async function act(email: string, payload: object): Promise<ActionAnswer> {
  const cookie = await login(c.app, email)
  const res = await c.app.inject({ method: 'POST', url: '/console/action', payload, headers: { cookie } })
  expect(res.statusCode).toBe(200)
  return res.json() as ActionAnswer
}

const unescapeHtml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? unescapeHtml(m[1]!) : undefined
}

/** Each field of the rendered form as a browser would submit it, and the error shown inside that field. */
function fieldsOf(html: string): Record<string, { value?: string; error?: string }> {
  const fields: Record<string, { value?: string; error?: string }> = {}
  for (const [inner] of html.matchAll(/<(div|fieldset) class="field field-[a-z]+"[^>]*>.*?<\/\1>/gs)) {
    const name = attr(/<(?:input|select|textarea)[^>]*>/.exec(inner!)![0], 'name')!
    let value: string | undefined
    const select = /<select[^>]*>(.*?)<\/select>/s.exec(inner!)
    const textarea = /<textarea[^>]*>(.*?)<\/textarea>/s.exec(inner!)
    if (select) value = attr(/<option[^>]*\sselected[^>]*>/.exec(select[1]!)?.[0] ?? '', 'value')
    else if (textarea) value = unescapeHtml(textarea[1]!) || undefined
    else {
      const inputs = [...inner!.matchAll(/<input[^>]*>/g)].map((m) => m[0])
      const chosen = inputs.find((tag) => attr(tag, 'type') !== 'radio' || /\schecked/.test(tag))
      value = chosen && (attr(chosen, 'type') === 'radio' ? attr(chosen, 'value') : attr(chosen, 'value'))
    }
    const error = /<p class="field-error" id="([^"]+)">(.*?)<\/p>/s.exec(inner!)
    // The error is the control's (or the rating group's) description, so a screen reader reads it with the field.
    if (error) expect(inner).toContain(`aria-describedby="${error[1]}"`)
    fields[name] = { ...(value !== undefined ? { value } : {}), ...(error ? { error: unescapeHtml(error[2]!) } : {}) }
  }
  return fields
}

/** Submits `values` to the form `key`; expects a refusal and returns the form as it came back. */
async function refused(email: string, key: string, values: Record<string, string>) {
  const answer = await act(email, { actionId: 'submit_form', value: key, values })
  expect(answer.toast?.tone).toBe('error')
  expect(answer.replace).toContain(`data-form-key="${key}"`)
  return { fields: fieldsOf(answer.replace!), errors: answer.formErrors ?? {} }
}

/** Every submitted value is shown again, and each error sits in its own field. */
function expectKept(form: Awaited<ReturnType<typeof refused>>, values: Record<string, string>) {
  expect(Object.fromEntries(Object.entries(form.fields).map(([name, f]) => [name, f.value]))).toMatchObject(values)
  const shown = Object.fromEntries(Object.entries(form.fields).flatMap(([name, f]) => (f.error ? [[name, f.error]] : [])))
  expect(shown).toEqual(form.errors)
  expect(Object.keys(shown).length).toBeGreaterThan(0)
}

describe('a refused console form keeps what was typed', () => {
  it('the 360 launch form: text, emails, both dates and every select', async () => {
    const values = {
      name: 'Spring <360> & "co"',
      subjects: 'nobody@nowhere.example\nli.lei@demo.ladder',
      opens: '2026-12-10',
      closes: '2026-12-01',
      perspectives: 'manager,peer',
      nomination: 'subject',
      peerCap: '5',
    }
    const form = await refused(HR, 'cycle:launch', values)
    expectKept(form, values)
    expect(Object.keys(form.errors).sort()).toEqual(['closes', 'subjects'])
  })

  it('the broadcast form: course, channel and due date', async () => {
    const values = { course: 'CU-101', channel: 'not a channel', due: '2026-12-31' }
    const form = await refused(HR, 'broadcast', values)
    expectKept(form, values)
    expect(Object.keys(form.errors)).toEqual(['channel'])
  })

  it('a supervisor evaluation: the ratings given and the comment, the missing rating in error', async () => {
    const task = await c.testDb.db.evaluationTask.findFirstOrThrow({
      where: { kind: 'supervisor_evaluation', status: 'open', assignee: { email: HAN }, subject: { email: LI } },
    })
    const opened = await act(HAN, { actionId: 'open_form', value: `evaluation:${task.id}` })
    const names = Object.keys(fieldsOf(opened.append[0]!))
    const ratings = names.filter((n) => n !== 'comment')
    expect(ratings.length).toBeGreaterThan(1)
    const values = { ...Object.fromEntries(ratings.slice(1).map((n, i) => [n, String((i % 5) + 1)])), comment: '稳定可靠 <b>' }
    const form = await refused(HAN, `evaluation:${task.id}`, values)
    expectKept(form, values)
    expect(Object.keys(form.errors)).toEqual([ratings[0]])
  })

  describe('360', () => {
    let cycleId: number
    let subjectId: number

    beforeAll(async () => {
      const launched = await act(HR, {
        actionId: 'submit_form',
        value: 'cycle:launch',
        values: {
          name: 'Console 360',
          subjects: LI,
          opens: '2026-11-23',
          closes: '2026-12-10',
          perspectives: 'self,manager,peer',
          nomination: 'subject',
          peerCap: '3',
        },
      })
      expect(launched.toast?.tone).toBe('success')
      const cycle = await c.testDb.db.feedbackCycle.findFirstOrThrow({ where: { name: 'Console 360' } })
      cycleId = cycle.id
      subjectId = (await c.testDb.db.employee.findUniqueOrThrow({ where: { email: LI } })).id
      if (cycle.stage !== 'collecting')
        expect((await act(HR, { actionId: 'open_form', value: `cycle:${cycleId}:open` })).toast?.tone).toBe('success')
    })

    it('the nomination form: the emails typed', async () => {
      const values = { peers: 'zhou.ting@demo.ladder, nobody@nowhere.example' }
      const form = await refused(LI, `cycle:${cycleId}:nominate:${subjectId}`, values)
      expectKept(form, values)
      expect(Object.keys(form.errors)).toEqual(['peers'])
    })

    it('the manager’s approval form opens below the Review card, like every form, and deciding replaces it', async () => {
      const proposed = await act(LI, {
        actionId: 'submit_form',
        value: `cycle:${cycleId}:nominate:${subjectId}`,
        values: { peers: 'zhou.ting@demo.ladder' },
      })
      expect(proposed.toast?.tone).toBe('success')
      const key = `cycle:${cycleId}:approve:${subjectId}`
      const opened = await act(HAN, { actionId: 'open_form', value: key })
      expect(opened.replace).toBeUndefined()
      expect(opened.append).toHaveLength(1)
      const fields = Object.keys(fieldsOf(opened.append[0]!))
      expect(fields).toHaveLength(1)
      const decided = await act(HAN, { actionId: 'submit_form', value: key, values: { [fields[0]!]: 'approve' } })
      expect(decided.toast?.tone).toBe('success')
      expect(decided.replace).not.toContain('<form')
      const zhou = await c.testDb.db.employee.findUniqueOrThrow({ where: { email: 'zhou.ting@demo.ladder' } })
      const request = await c.testDb.db.feedbackRequest.findFirstOrThrow({ where: { raterId: zhou.id, feedbackSubject: { cycleId } } })
      // Approved while collecting: asked at once.
      expect(request.status).toBe('open')
    })

    it('the answers form: ratings and texts, the missing rating in error', async () => {
      const request = await c.testDb.db.feedbackRequest.findFirstOrThrow({
        where: { raterId: (await c.testDb.db.employee.findUniqueOrThrow({ where: { email: HAN } })).id, feedbackSubject: { cycleId } },
      })
      const opened = await act(HAN, { actionId: 'open_form', value: `feedback:${request.id}` })
      const names = Object.keys(fieldsOf(opened.append[0]!))
      const ratings = names.filter((n) => n !== 'strengths' && n !== 'improvements')
      expect(ratings.length).toBeGreaterThan(1)
      const values = {
        ...Object.fromEntries(ratings.slice(1).map((n) => [n, '4'])),
        strengths: '沟通清楚',
        improvements: 'Say no more often',
      }
      const form = await refused(HAN, `feedback:${request.id}`, values)
      expectKept(form, values)
      expect(Object.keys(form.errors)).toEqual([ratings[0]])
    })
  })
})
