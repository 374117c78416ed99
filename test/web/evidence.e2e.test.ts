// The evidence engine through the console, on the demo organisation: Li Lei's
// self-evaluation of 5 everywhere is recorded, shown as "not counted" on her gap
// card, and changes neither her overall nor her readiness; her technical skill
// score answers with its sources and history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { promotionGap } from '../../core/features/gap/index.js'
import { t } from '../../core/kernel/i18n/index.js'
import { makeDeps } from '../support/deps.js'
import { type ConsoleApp, createConsoleApp, login } from './console-app.js'

const LI = 'li.lei@demo.ladder'
const NOW = new Date('2026-11-23T02:00:00Z')

let c: ConsoleApp
beforeAll(async () => {
  c = await createConsoleApp({}, NOW)
})
afterAll(async () => {
  await c?.close()
})

const post = (url: string, cookie: string, payload: object) => c.app.inject({ method: 'POST', url, payload, headers: { cookie } })

async function readiness(): Promise<Record<string, { overall: number; isReady: boolean } | null>> {
  const deps = makeDeps(createPrismaStore(c.testDb.db), NOW)
  const li = await c.testDb.db.employee.findUniqueOrThrow({ where: { email: LI } })
  const result = await promotionGap(deps, { employee: (await deps.store.employees.byId(li.id))!, locale: 'zh-CN' })
  if (result.kind !== 'reports') throw new Error(result.kind)
  return Object.fromEntries(
    result.reports.map((r) => [
      r.target.code,
      r.kind === 'report' ? { overall: Math.round(r.overall * 100) / 100, isReady: r.isReady } : null,
    ]),
  )
}

describe('evidence through the console (Li Lei)', () => {
  it('a self-evaluation of 5 on every dimension changes neither overall nor readiness, and shows as not counted', async () => {
    const before = await readiness()
    expect(before).toEqual({ RD3: { overall: 75, isReady: false }, MG1: { overall: 74.25, isReady: false } })
    const cookie = await login(c.app, LI)
    const task = await c.testDb.db.evaluationTask.findFirstOrThrow({
      where: { kind: 'self_evaluation', status: 'open', assignee: { email: LI } },
    })
    const opened = (await post('/console/action', cookie, { actionId: 'open_form', value: `evaluation:${task.id}` })).json() as {
      append: string[]
    }
    const html = opened.append[0] ?? ''
    // The scale is explained on the form, and the anchors say what 3 means.
    expect(html).toContain(t('zh-CN', 'evaluation.scale'))
    expect(html).toContain(t('zh-CN', 'evaluation.anchor.3'))
    const fields = [...new Set([...html.matchAll(/name="(dim_[a-z_]+)"/g)].map((m) => m[1] as string))]
    expect(fields.length).toBeGreaterThan(3)
    const saved = await post('/console/action', cookie, {
      actionId: 'submit_form',
      value: `evaluation:${task.id}`,
      values: Object.fromEntries(fields.map((f) => [f, '5'])),
    })
    expect((saved.json() as { toast: { tone: string } }).toast.tone).toBe('success')
    const rows = await c.testDb.db.assessment.findMany({ where: { source: 'self', assessedAt: NOW, employee: { email: LI } } })
    expect(rows.map((r) => [r.rating, r.attainment])).toEqual(fields.map(() => [5, 100]))

    expect(await readiness()).toEqual(before)
    const gap = (await post('/console/message', cookie, { text: '我晋升还差什么?' })).json() as { intent: string; html: string }
    expect(gap.intent).toBe('promotion_gap')
    expect(gap.html).toContain('75%')
    expect(gap.html).toContain(`${t('zh-CN', 'evidence.source.self')} 5/5 ${t('zh-CN', 'evidence.selfNotLower')}`)
  })

  it('"我的技术能力得分是多少" answers one dimension: now, required, sources and history', async () => {
    const cookie = await login(c.app, LI)
    const res = (await post('/console/message', cookie, { text: '我的技术能力得分是多少' })).json() as { intent: string; html: string }
    expect(res.intent).toBe('dimension_score')
    expect(res.html).toContain('技术能力 — 李雷')
    expect(res.html).toContain('75%')
    expect(res.html).toContain('80%')
    // Last year's review 57 → this quarter's 75.
    expect(res.html).toContain('57% → 75%')
  })
})
