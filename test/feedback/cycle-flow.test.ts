// One 360 cycle end to end over a real SQLite file: launch, nominate, collect
// through the chat form action, remind, close, report, share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { submitEvaluation } from '../../core/features/evaluations/evaluation.js'
import { launchCycle } from '../../core/features/feedback/launch-cycle.js'
import type { FeedbackDeps } from '../../core/features/feedback/ports.js'
import { feedbackReport } from '../../core/features/feedback/read-report.js'
import { promotionGap } from '../../core/features/gap/promotion-gap.js'
import { planReminders } from '../../core/features/tasks/plan-reminders.js'
import { t as text } from '../../core/kernel/i18n/index.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { partsOf } from '../support/action-reply.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { NOW } from '../support/org.js'
import { act, actorOf, answers, buildFeedbackOrg, type FeedbackOrg, feedbackDeps } from './support.js'

let b: Backend
const { count, first, where } = queries(() => b)
let org: FeedbackOrg
let deps: ReturnType<typeof feedbackDeps>
let cycleId: number
const req: Record<string, number> = {}

const responseRows = () => b.rows('feedbackResponse')
const sealedRows = () => b.rows('sealedAnswer')
const openRatingTasks = async () =>
  (await where('evaluationTask', (x) => x.kind === 'rating_360' && ['open', 'overdue'].includes(x.status))).sort((x, y) => x.id - y.id)

beforeAll(async () => {
  b = await openBackend()
  org = await buildFeedbackOrg(b.seed)
  deps = feedbackDeps(b.store, NOW)
})
afterAll(async () => b.close())

describe('launching', () => {
  it('refuses an employee, a manager outside their team, and bad settings, creating nothing', async () => {
    const base = { name: 'Q4 360', subjectEmails: ['eve@t.test'], opensAt: NOW, closesAt: new Date('2026-12-07T15:59:00Z') }
    expect(await launchCycle(deps, await actorOf(deps, 'tom@t.test'), base)).toEqual({ kind: 'refused' })
    expect(await launchCycle(deps, await actorOf(deps, 'mia@t.test'), { ...base, subjectEmails: ['pat@t.test'] })).toEqual({
      kind: 'invalid',
      errors: { subjects: { code: 'not_your_report', detail: 'pat@t.test' } },
    })
    const hana = await actorOf(deps, 'hana@t.test')
    expect(await launchCycle(deps, hana, { ...base, closesAt: new Date('2026-11-01T00:00:00Z') })).toMatchObject({
      kind: 'invalid',
      errors: { closes: { code: 'closes_before_opens' } },
    })
    expect(await launchCycle(deps, hana, { ...base, thresholds: { peer: 2 } })).toMatchObject({
      kind: 'invalid',
      errors: { peerThreshold: { code: 'out_of_range' } },
    })
    expect(await launchCycle(deps, hana, { ...base, subjectEmails: ['hana@t.test'] })).toMatchObject({
      kind: 'invalid',
      errors: { subjects: { code: 'not_your_report' } },
    })
    expect(await count('feedbackCycle')).toBe(0)
  })

  it('launches from the chat form: self, manager and direct reports asked without nomination, the manager asked to nominate peers', async () => {
    const reply = await act(deps, 'hana@t.test', 'submit_form', 'cycle:launch', {
      name: 'Reserve cadre 360',
      subjects: 'eve@t.test',
      opens: '2026-11-23',
      closes: '2026-12-07',
      perspectives: 'self,manager,peer,report',
      nomination: 'manager',
      peerCap: '8',
    })
    expect(partsOf(reply).notice).toEqual({ tone: 'success', text: '360 度反馈已发起' })
    const cycle = await first('feedbackCycle')
    cycleId = cycle.id
    expect(cycle).toMatchObject({ stage: 'nominating', peerThreshold: 3, reportThreshold: 3, closesAt: new Date('2026-12-07T15:59:00Z') })
    const requests = await deps.store.feedback.requests(cycleId, org.ids.eve)
    expect(requests.map((r) => [r.raterId, r.perspective, r.status])).toEqual([
      [org.ids.eve, 'self', 'approved'],
      [org.ids.mia, 'manager', 'approved'],
      [org.more.ann, 'report', 'approved'],
      [org.more.bo, 'report', 'approved'],
    ])
    const subject = await deps.store.feedback.subject(cycleId, org.ids.eve)
    // Eve (RD2) is rated on RD3's dimensions; the exam requirement is not a behaviour.
    expect(subject?.questionnaire.map((q) => [q.code, q.behaviours.map((b) => b.en)])).toEqual([
      ['professional_knowledge', [`Indicator ${org.dims.know}`]],
      ['technical_skill', [`Indicator ${org.dims.tech}`]],
      ['project_experience', [`Indicator ${org.dims.proj}`]],
      ['culture', [`Indicator ${org.dims.culture}`]],
    ])
    expect(deps.sent.map((d) => [d.recipientId, d.purpose, d.key])).toEqual([
      [org.ids.mia, 'nominate', `feedback:nominate:${cycleId}:${org.ids.eve}`],
    ])
  })
})

describe('nominating', () => {
  it('refuses the subject, unknown people, reports as peers, peers as reports, and strangers', async () => {
    const nominate = (peers: string, reports = '') =>
      act(deps, 'mia@t.test', 'submit_form', `cycle:${cycleId}:nominate:${org.ids.eve}`, { peers, reports })
    expect(partsOf(await nominate('eve@t.test')).errors).toEqual({ peers: 'eve@t.test 是被评价人本人。' })
    expect(partsOf(await nominate('nobody@t.test')).errors).toEqual({ peers: '没有邮箱为 nobody@t.test 的在职员工。' })
    expect(partsOf(await nominate('ann@t.test')).errors?.peers).toContain('ann@t.test')
    expect(partsOf(await nominate('', 'tom@t.test')).errors?.reports).toContain('tom@t.test')
    const stranger = await act(deps, 'pat@t.test', 'submit_form', `cycle:${cycleId}:nominate:${org.ids.eve}`, { peers: 'tom@t.test' })
    expect(partsOf(stranger).notice?.tone).toBe('error')
    expect(await count('feedbackRequest')).toBe(4)
  })

  it('lets the manager nominate peers from the form', async () => {
    const form = await act(deps, 'mia@t.test', 'open_form', `cycle:${cycleId}:nominate:${org.ids.eve}`)
    expect(partsOf(form).form?.fields.map((f) => f.name)).toEqual(['peers', 'reports'])
    expect(partsOf(form).card?.fallback).toContain('tom@t.test')
    const reply = await act(deps, 'mia@t.test', 'submit_form', `cycle:${cycleId}:nominate:${org.ids.eve}`, {
      peers: 'tom@t.test, lin@t.test\nkai@t.test',
    })
    expect(partsOf(reply).notice?.tone).toBe('success')
    const peers = (await deps.store.feedback.requests(cycleId, org.ids.eve)).filter((r) => r.perspective === 'peer')
    expect(peers.map((r) => r.raterId)).toEqual([org.ids.tom, org.more.lin, org.more.kai])
  })
})

describe('collecting', () => {
  it('starts collecting: one open rating_360 task and one card per rater, saying who will see the answers', async () => {
    deps.sent.length = 0
    const reply = await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:open`)
    expect(partsOf(reply).notice?.tone).toBe('success')
    const tasks = await openRatingTasks()
    expect(tasks.map((x) => x.assigneeId).sort()).toEqual(
      [org.ids.eve, org.ids.mia, org.ids.tom, org.more.lin, org.more.kai, org.more.ann, org.more.bo].sort(),
    )
    expect(tasks.every((x) => x.subjectId === org.ids.eve && x.dueAt?.toISOString() === '2026-12-07T15:59:00.000Z')).toBe(true)
    for (const r of await deps.store.feedback.requests(cycleId, org.ids.eve)) req[r.raterId] = r.id
    const toTom = deps.sent.find((d) => d.recipientId === org.ids.tom)!
    expect(toTom.key).toBe(`feedback:rate:${req[org.ids.tom]}`)
    expect(toTom.card.fallback).toBe(
      [
        '360° feedback for Eve — Reserve cadre 360',
        'About: Eve',
        'You answer as: Peer',
        'Please answer by: Dec 7, 2026',
        'Anonymous: Eve, their manager and HR see only averages over at least 3 answers (from peers, or from peers and direct reports together) and comments without names, in no particular order. With fewer answers, nothing from peers is shown. Your name is never stored with your answers.',
      ].join('\n'),
    )
    expect(deps.sent.find((d) => d.recipientId === org.ids.mia)!.card.fallback).toContain('实名:作为 伊娃 的上级')
    expect(deps.sent).toHaveLength(7)
    const again = await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:open`)
    expect(partsOf(again).notice).toEqual({ tone: 'error', text: '无法开始收集:该轮次已处于“收集反馈中”阶段。' })
  })

  it('opens the rater form by request or by owe-ledger task, with the evaluation form shapes; nobody else can', async () => {
    const byRequest = await act(deps, 'tom@t.test', 'open_form', `feedback:${req[org.ids.tom]}`)
    const task = await first('evaluationTask', (x) => x.kind === 'rating_360' && x.assigneeId === org.ids.tom)
    const byTask = await act(deps, 'tom@t.test', 'open_form', `feedback:task:${task.id}`)
    expect(partsOf(byTask).form).toEqual(partsOf(byRequest).form)
    const fields = partsOf(byRequest).form!.fields
    expect(fields.map((f) => [f.type, f.name, f.required])).toEqual([
      ['rating', 'dim_professional_knowledge', true],
      ['rating', 'dim_technical_skill', true],
      ['rating', 'dim_project_experience', true],
      ['rating', 'dim_culture', true],
      ['text', 'strengths', false],
      ['text', 'improvements', false],
    ])
    expect(fields[0]).toMatchObject({
      label: `Professional knowledge — Indicator ${org.dims.know}`,
      min: 1,
      max: 5,
      anchors: ['1 — rarely shows this', '2 — sometimes', '3 — often', '4 — almost always', '5 — always; a model for others'],
    })
    expect(partsOf(byRequest).card?.fallback).toContain('Anonymous: Eve')
    expect(partsOf(await act(deps, 'pat@t.test', 'open_form', `feedback:${req[org.ids.tom]}`)).notice).toEqual({
      tone: 'error',
      text: text('zh-CN', 'access.refused'),
    })
  })

  it('refuses bad answers field by field and stores nothing', async () => {
    const bad = { ...answers(0, 6, 4, 3), dim_culture: '4.5', dim_project_experience: '', strengths: 'x'.repeat(1001) }
    const reply = await act(deps, 'tom@t.test', 'submit_form', `feedback:${req[org.ids.tom]}`, bad)
    expect(partsOf(reply).errors).toEqual({
      dim_professional_knowledge: 'Choose a rating from 1 to 5.',
      dim_technical_skill: 'Choose a rating from 1 to 5.',
      dim_project_experience: 'Please choose a rating.',
      dim_culture: 'Choose a rating from 1 to 5.',
      strengths: 'Please keep it under 1000 characters.',
    })
    expect(partsOf(reply).form?.errors).toEqual(partsOf(reply).errors)
    expect(await responseRows()).toEqual([])
    expect(await openRatingTasks()).toHaveLength(7)
  })

  it('stores an answer, completes the owe-ledger entry to the day, and updates the card to submitted', async () => {
    const reply = await act(
      deps,
      'tom@t.test',
      'submit_form',
      `feedback:${req[org.ids.tom]}`,
      answers(4, 4, 3, 5, 'TOM-STRENGTH', 'TOM-IMPROVE'),
    )
    expect(partsOf(reply).notice).toEqual({ tone: 'success', text: 'Feedback submitted' })
    expect(partsOf(reply).card?.header).toEqual({ title: 'Feedback submitted', subtitle: 'Reserve cadre 360', tone: 'success' })
    expect(partsOf(reply).card?.fallback).toContain('Anonymous: Eve, their manager and HR see only averages over at least 3 answers')
    const task = await first('evaluationTask', (x) => x.kind === 'rating_360' && x.assigneeId === org.ids.tom)
    expect(task.status).toBe('completed')
    expect(task.completedAt?.toISOString()).toBe('2026-11-23T00:00:00.000Z')
    // A peer's answer is stored sealed, readable only once released with enough others (release-plan.ts).
    expect(await responseRows()).toHaveLength(0)
    expect(await sealedRows()).toHaveLength(1)
  })

  it('refuses a second answer and an answer to someone else’s request, changing nothing', async () => {
    const before = await responseRows()
    const twice = await act(deps, 'tom@t.test', 'submit_form', `feedback:${req[org.ids.tom]}`, answers(1, 1, 1, 1))
    expect(partsOf(twice).notice).toEqual({ tone: 'error', text: 'You have already answered this request; answers cannot be changed.' })
    const hijack = await act(deps, 'lin@t.test', 'submit_form', `feedback:${req[org.ids.tom]}`, answers(1, 1, 1, 1))
    expect(partsOf(hijack).notice?.tone).toBe('error')
    expect(await responseRows()).toEqual(before)
  })

  it('keeps peers’ answers sealed while fewer than twice the threshold wait: nothing of them readable, random ids', async () => {
    await act(deps, 'lin@t.test', 'submit_form', `feedback:${req[org.more.lin]}`, answers(2, 3, 2, 4, 'LIN-STRENGTH', 'LIN-IMPROVE'))
    expect(await responseRows()).toEqual([])
    const sealed = await sealedRows()
    expect(sealed.map((r) => r.perspective)).toEqual(['peer', 'peer'])
    for (const row of sealed) {
      expect(Object.keys(row).sort()).toEqual(['cycleId', 'id', 'perspective', 'sealed', 'subjectId'])
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      const bytes = Buffer.from(row.sealed, 'base64').toString('latin1')
      for (const secret of ['LIN-STRENGTH', 'TOM-STRENGTH', 'ratings']) expect(bytes).not.toContain(secret)
    }
  })

  it('rewrites a subject’s clear answers with fresh random ids on every write, so storage order says nothing', async () => {
    await act(deps, 'eve@t.test', 'submit_form', `feedback:${req[org.ids.eve]}`, answers(5, 5, 5, 5, 'EVE-SELF'))
    const before = (await responseRows()).map((r) => r.id)
    await act(deps, 'mia@t.test', 'submit_form', `feedback:${req[org.ids.mia]}`, answers(3, 4, 2, 5, 'MIA-STRENGTH', 'MIA-IMPROVE'))
    const after = (await responseRows()).map((r) => r.id)
    expect(after).toHaveLength(2)
    expect(after.some((id) => before.includes(id))).toBe(false)
    for (const id of after) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('reminds only those who still owe an answer', async () => {
    const open = await openRatingTasks()
    expect(open.map((x) => x.assigneeId).sort()).toEqual([org.more.kai, org.more.ann, org.more.bo].sort())
    // The reminder engine's own planner over every open task (a supervisor evaluation of Mia's is open too).
    const all = await where('evaluationTask', (x) => ['open', 'overdue'].includes(x.status))
    const people = await b.rows('employee')
    const digests = planReminders(
      {
        now: NOW,
        people: people.map((p) => ({ id: p.id, timeZone: p.timeZone, managerId: p.managerId, isHr: p.roles.includes('hr') })),
        tasks: all.map((x) => ({
          kind: 'evaluation' as const,
          id: x.id,
          assigneeId: x.assigneeId,
          assignedAt: x.createdAt,
          dueAt: x.dueAt,
          snoozedUntil: x.snoozedUntil,
        })),
        history: [],
      },
      DEFAULT_REMINDER_POLICY,
    )
    const ratingIds = new Set(open.map((x) => x.id))
    const reminded = digests.filter((d) => d.items.some((i) => ratingIds.has(i.task.id))).map((d) => d.recipientId)
    expect(reminded.sort()).toEqual([org.more.kai, org.more.ann, org.more.bo].sort())
  })

  it('lets a rater decline with a reason; the nominator is told; the owe-ledger entry is cancelled', async () => {
    const empty = await act(deps, 'bo@t.test', 'submit_form', `feedback:${req[org.more.bo]}:decline`, { reason: '  ' })
    expect(partsOf(empty).errors).toEqual({ reason: '必填。' })
    deps.sent.length = 0
    const reply = await act(deps, 'bo@t.test', 'submit_form', `feedback:${req[org.more.bo]}:decline`, { reason: 'Joined last week' })
    expect(partsOf(reply).notice?.tone).toBe('success')
    expect(deps.sent.map((d) => [d.recipientId, d.purpose])).toEqual([[org.ids.hana, 'declined']])
    expect(deps.sent[0]!.card.fallback).toContain('Joined last week')
    expect((await openRatingTasks()).map((x) => x.assigneeId).sort()).toEqual([org.more.kai, org.more.ann].sort())
    const again = await act(deps, 'bo@t.test', 'submit_form', `feedback:${req[org.more.bo]}`, answers(3, 3, 3, 3))
    expect(partsOf(again).notice?.tone).toBe('error')
  })
})

describe('the answers ledger', () => {
  it('has no column for a rater or a time, and rows hold only perspective and answers', async () => {
    const columns = await b.columns('feedbackResponse')
    expect(columns).toEqual(['id', 'cycleId', 'subjectId', 'perspective', 'answers'])
    const rows = await responseRows()
    expect(rows.map((r) => r.perspective).sort()).toEqual(['manager', 'self'])
    expect((await sealedRows()).map((r) => r.perspective)).toEqual(['peer', 'peer'])
    for (const row of rows) {
      expect(row.subjectId).toBe(org.ids.eve)
      expect(Object.keys(JSON.parse(row.answers))).toEqual(['ratings', 'strengths', 'improvements'])
    }
    // No audit entry records who answered when.
    expect(await count('auditLog', (r) => r.action.includes('submit') && r.entity.startsWith('Feedback'))).toBe(0)
  })
})

describe('closing and results', () => {
  it('closes: pending requests expire, late answers are refused, the manager gets the report', async () => {
    deps.sent.length = 0
    const reply = await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:close`)
    expect(partsOf(reply).notice).toEqual({ tone: 'success', text: '已结束' })
    expect(await openRatingTasks()).toEqual([])
    const statuses = Object.fromEntries((await deps.store.feedback.requests(cycleId, org.ids.eve)).map((r) => [r.raterId, r.status]))
    expect(statuses).toEqual({
      [org.ids.eve]: 'submitted',
      [org.ids.mia]: 'submitted',
      [org.ids.tom]: 'submitted',
      [org.more.lin]: 'submitted',
      [org.more.kai]: 'expired',
      [org.more.ann]: 'expired',
      [org.more.bo]: 'declined',
    })
    const before = await responseRows()
    const late = await act(deps, 'ann@t.test', 'submit_form', `feedback:${req[org.more.ann]}`, answers(1, 1, 1, 1))
    expect(partsOf(late).notice).toEqual({ tone: 'error', text: '本轮反馈已结束,不再接受回答。' })
    expect((await responseRows()).map((r) => r.answers).sort()).toEqual(before.map((r) => r.answers).sort())
    expect(deps.sent.map((d) => [d.recipientId, d.purpose, d.key])).toEqual([
      [org.ids.mia, 'report', `feedback:report:${cycleId}:${org.ids.eve}:manager`],
    ])
    const again = await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:close`)
    expect(partsOf(again).notice).toEqual({ tone: 'error', text: '无法结束:该轮次已处于“已结束”阶段。' })
  })

  it('with 2 peer answers, no peer score or comment can be read off the report, directly or by subtraction', async () => {
    const card = deps.sent[0]!.card
    const json = JSON.stringify(card)
    for (const secret of ['TOM-STRENGTH', 'TOM-IMPROVE', 'LIN-STRENGTH', 'LIN-IMPROVE']) expect(json).not.toContain(secret)
    expect(json).toContain('MIA-STRENGTH')
    const table = card.blocks.find((b) => b.type === 'table')
    expect(table).toEqual({
      type: 'table',
      columns: ['维度', '本人', '上级', '他人合计', '自评 − 他评'],
      rows: [
        ['专业知识', '5.0', '3.0', '3.0', '+2.0'],
        ['技术能力', '5.0', '4.0', '4.0', '+1.0'],
        ['项目经验', '5.0', '2.0', '2.0', '+3.0'],
        ['文化认同', '5.0', '5.0', '5.0', '0.0'],
      ],
    })
    // Hidden perspectives are named, never counted.
    expect(card.fallback).toContain('为保护评价人匿名而未展示(回答少于 3 份):同事, 直接下属')
    expect(card.fallback).toContain('已展示(回答数):本人 (1), 上级 (1)')
  })

  it('records the result as 360 assessments without an assessor: the shown non-self mean rating, anchored to the next step', async () => {
    const rows = (await where('assessment', (r) => r.employeeId === org.ids.eve && r.source === '360')).sort(
      (x, y) => x.dimensionId - y.dimensionId,
    )
    // RD3 requires 80 on each: 3 → 80, 4 → 90 (halfway to 100), 2 → 53, 5 → 100.
    expect(rows.map((r) => [r.dimensionId, r.rating, r.attainment, r.assessorId])).toEqual([
      [org.dims.know, 3, 80, null],
      [org.dims.tech, 4, 90, null],
      [org.dims.proj, 2, 53, null],
      [org.dims.culture, 5, 100, null],
    ])
  })

  it('shows the report to the manager and HR after closing, to the subject only once shared, never to a rater', async () => {
    const ids = { cycleId, subjectId: org.ids.eve }
    expect(await feedbackReport(deps, await actorOf(deps, 'eve@t.test'), ids)).toEqual({ kind: 'not_ready', stage: 'closed' })
    expect(await feedbackReport(deps, await actorOf(deps, 'tom@t.test'), ids)).toEqual({ kind: 'refused' })
    expect((await feedbackReport(deps, await actorOf(deps, 'mia@t.test'), ids)).kind).toBe('report')
    expect((await feedbackReport(deps, await actorOf(deps, 'hana@t.test'), ids)).kind).toBe('report')
    deps.sent.length = 0
    const shared = await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:share`)
    expect(partsOf(shared).notice?.tone).toBe('success')
    expect(deps.sent.map((d) => [d.recipientId, d.purpose])).toEqual([[org.ids.eve, 'report']])
    const own = await act(deps, 'eve@t.test', 'open_form', `cycle:${cycleId}:report:${org.ids.eve}`)
    expect(partsOf(own).card?.header?.title).toBe('360 度反馈:伊娃')
  })

  it('a later supervisor evaluation changes the gap report again', async () => {
    const eve = await actorOf(deps, 'eve@t.test')
    const currentOf = async (d: FeedbackDeps) => {
      const gap = await promotionGap(d, eve, { targetJobCode: 'RD3' })
      if (gap.kind !== 'reports' || gap.reports[0]?.kind !== 'report') throw new Error('no RD3 report')
      return gap.reports[0].dimensions.map((x) => x.current)
    }
    // Supervisor 80/75/60/90 (weight 40) with the 360's 80/90/53.3/100 (weight 25): not a replacement, a weighted mean.
    expect(await currentOf(deps)).toEqual([80, 80.77, 57.43, 93.85])
    const later = feedbackDeps(b.store, new Date(NOW.getTime() + 86_400_000))
    const task = await first('evaluationTask', (x) => x.kind === 'supervisor_evaluation' && x.assigneeId === org.ids.mia)
    const saved = await submitEvaluation(later, await actorOf(later, 'mia@t.test'), task.id, {
      dim_professional_knowledge: '5',
      dim_technical_skill: '5',
      dim_project_experience: '4',
      dim_culture: '5',
      dim_team_management: '3',
    })
    expect(saved.kind).toBe('saved')
    // The new supervisor ratings 5/5/4/5 → 100/100/90/100 replace the old supervisor figures; the 360 still counts.
    expect(await currentOf(later)).toEqual([92.31, 96.15, 75.9, 100])
  })
})
