// New-hire onboarding end to end, on a real SQLite file: a small organisation is
// imported with a hire dated today; Ladder assigns the plan of the hire's job, writes
// the welcome (job description, manager, duties, plan) and the manager's notice to the
// outbox for the recipients' working hours, and the delivery worker sends them to the
// fake Slack API and the console inbox. "我的待办" lists the plan; a failed job-description
// test is retaken, with reminders, until passed; a second run sends nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFiles } from '../../adapters/db/import/index.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createSlackMessenger } from '../../adapters/slack/messenger.js'
import { createWebClient } from '../../adapters/slack/web-client.js'
import { createWebMessenger } from '../../adapters/web/messenger.js'
import { createDeliveryWorker, type DeliveryOptions } from '../../bot/delivery.js'
import { createCore } from '../../core/app/create-core.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { markTrainingDone } from '../../core/features/gap/mark-training-done.js'
import { submitQuiz } from '../../core/features/gap/quiz.js'
import { startOnboardings } from '../../core/features/onboarding/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Actor } from '../../core/kernel/context.js'
import type { Employee } from '../../core/kernel/domain/types.js'
import { type ChatPlatform, createMessengerRegistry } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { fakeClock } from '../reminders/support/reminder-org.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const TEAM = 'T0LADDER'
const csv = (name: string, lines: string[]) => ({ name, content: `${lines.join('\n')}\n` })
const ORG = [
  csv('departments.csv', ['code,name_zh,name_en,parent_code', 'CO,公司,Company,', 'ENG,工程部,Engineering,CO']),
  csv('jobs.csv', ['code,title_zh,title_en,track,level', 'ENG1,工程师,Engineer,eng,1']),
  csv('courses.csv', [
    'code,title_zh,title_en,format,duration_minutes,url,owner_department_code,pass_mark,dimension_codes,verification,certificate_code',
    'ENG-JD,工程师岗位说明书测试,Engineer job description test,online,20,,ENG,80,,quiz,',
    'CU-101,企业文化,Company Culture,online,60,https://learn.example.com/cu-101,CO,,,none,',
  ]),
  csv('quiz_questions.csv', [
    'course_code,position,question_zh,question_en,options_zh,options_en,answer',
    ...[1, 2, 3, 4, 5].map((p) => `ENG-JD,${p},第${p}题,Question ${p},对;错,Right;Wrong,A`),
  ]),
  csv('onboarding_plans.csv', ['scope,course_code,due_days,position', 'job:ENG1,ENG-JD,3,1', 'job:ENG1,CU-101,5,2', 'default,CU-101,7,1']),
  csv('employees.csv', [
    'email,name,name_en,locale,time_zone,department_code,job_code,manager_email,hire_date,roles,status',
    'lin.hua@example.com,林华,Lin Hua,zh-CN,Asia/Shanghai,ENG,,,2015-03-01,employee;manager,active',
    'zhang.san@example.com,张三,Zhang San,zh-CN,Asia/Shanghai,ENG,ENG1,lin.hua@example.com,2026-12-02,employee,active',
    'sam.new@example.com,山姆,Sam New,en,Europe/London,ENG,,lin.hua@example.com,2026-12-02,employee,active',
    'old.hand@example.com,老手,Old Hand,zh-CN,Asia/Shanghai,ENG,ENG1,lin.hua@example.com,2020-05-01,employee,active',
    'gu.yan@example.com,顾岩,Gu Yan,zh-CN,Asia/Shanghai,CO,,,2018-01-08,employee,active',
  ]),
  csv('identities.csv', [
    'platform,tenant,external_id,employee_email',
    `slack,${TEAM},U_LIN,lin.hua@example.com`,
    `slack,${TEAM},U_ZHANG,zhang.san@example.com`,
  ]),
]
const fast = { perDestination: { count: 100, intervalMs: 1000 }, overall: [{ count: 100, intervalMs: 1000 }] }
const DELIVERY: DeliveryOptions = {
  rates: { slack: fast, feishu: fast, web: fast },
  maxAttempts: 3,
  baseBackoffMs: 10,
  maxBackoffMs: 100,
  leaseMs: 60_000,
  batchSize: 20,
  maxInProcessWaitMs: 1000,
  pollMs: 10,
  counterFlushMs: 1000,
}
const right = Object.fromEntries([1, 2, 3, 4, 5].map((p) => [`q${p}`, '0']))
const wrong = Object.fromEntries([1, 2, 3, 4, 5].map((p) => [`q${p}`, p <= 2 ? '0' : '1']))
const buttons = (card: Card) =>
  card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.action.id}:${x.action.value}`) : []))

let t: TestDb
let slack: FakeSlackApi
// Wednesday 2 December 2026, 08:30 in Shanghai (before working hours), 00:30 in London.
const clock = fakeClock('2026-12-02T00:30:00Z')
const log = memoryLogger()
const web = createWebMessenger({ render: (c, id) => `<${id}>${c.fallback}`, now: () => clock.now() })
const messengers = createMessengerRegistry({ web })
const PLATFORMS: ChatPlatform[] = ['slack', 'web']
let deps: LadderDeps
const ids: Record<'lin' | 'zhang' | 'sam' | 'old' | 'gu', number> = { lin: 0, zhang: 0, sam: 0, old: 0, gu: 0 }
let courses: Record<'JD' | 'CU', number>

const actor = async (id: number): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(id)) as Employee
  return { employee, locale: employee.locale }
}
const worker = () => createDeliveryWorker({ outbox: deps.store.outbox, messengers, clock, log, sleep: async () => {} }, DELIVERY)
const outboxCard = async (key: string) => {
  const row = await t.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } })
  return { row, card: JSON.parse(row.card) as Card }
}
const sweep = () =>
  runReminderSweep(deps, { policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 }, platforms: PLATFORMS, holder: 'e2e' })

beforeAll(async () => {
  t = await createTestDb()
  slack = await startFakeSlackApi()
  const { web: slackWeb, rateLimits } = createWebClient('xoxb-test', { apiUrl: slack.apiUrl, log, retryConfig: { retries: 0 } })
  messengers.register('slack', createSlackMessenger(slackWeb, rateLimits))
  deps = ladderDeps({ store: createPrismaStore(t.db), clock, log, platforms: PLATFORMS, messengers })
  const imported = await importFiles(t.db, ORG, { now: clock.now() })
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors))
  for (const [key, email] of [
    ['lin', 'lin.hua'],
    ['zhang', 'zhang.san'],
    ['sam', 'sam.new'],
    ['old', 'old.hand'],
    ['gu', 'gu.yan'],
  ] as const)
    ids[key] = (await t.db.employee.findUniqueOrThrow({ where: { email: `${email}@example.com` } })).id
  courses = {
    JD: (await t.db.course.findUniqueOrThrow({ where: { code: 'ENG-JD' } })).id,
    CU: (await t.db.course.findUniqueOrThrow({ where: { code: 'CU-101' } })).id,
  }
  // A job description in force for ENG1, as the jobs feature imports it.
  const jobId = (await t.db.job.findUniqueOrThrow({ where: { code: 'ENG1' } })).id
  await t.db.jobDescription.create({
    data: {
      jobId,
      version: 1,
      effectiveFrom: new Date('2026-01-01T00:00:00Z'),
      purposeZh: '按期交付高质量的软件',
      purposeEn: 'Deliver quality software on time',
      items: {
        create: [
          { section: 'duty', code: 'D1', position: 1, textZh: '完成分配的开发任务', textEn: 'Complete the development tasks assigned' },
          {
            section: 'duty',
            code: 'D2',
            position: 2,
            textZh: '下班前提交当日代码',
            textEn: "Push the day's code before leaving",
            recurrence: 'daily@18:00',
          },
          { section: 'kpi', code: 'K1', position: 1, textZh: '缺陷率', textEn: 'Defect rate', target: '≤ 2%' },
        ],
      },
    },
  })
})
afterAll(async () => {
  await slack.close()
  await t.close()
})

describe('a hire imported with today’s date', () => {
  it('gets an onboarding, the plan of their job as onboarding assignments, and nobody hired long ago does', async () => {
    const result = await startOnboardings(deps)
    expect(result).toEqual({ started: 2, welcomed: 2, managersTold: 2, completed: 0 })
    const rows = await t.db.onboarding.findMany({ orderBy: { employeeId: 'asc' } })
    expect(rows.map((r) => [r.employeeId, r.scope])).toEqual([
      [ids.zhang, 'job:ENG1'],
      [ids.sam, 'default'],
    ])
    const plan = await t.db.trainingAssignment.findMany({ where: { employeeId: ids.zhang }, orderBy: { courseId: 'asc' } })
    // 3 days after Wednesday is Saturday: Monday 7 December, 18:00 in Shanghai; 5 days is Monday too.
    expect(plan.map((a) => [a.courseId, a.source, a.status, a.dueAt?.toISOString()])).toEqual([
      [courses.JD, 'onboarding', 'assigned', '2026-12-07T10:00:00.000Z'],
      [courses.CU, 'onboarding', 'assigned', '2026-12-07T10:00:00.000Z'],
    ])
    // Sam has no job: the default plan, 7 days after the hire date (Wednesday 9 December, 18:00 in London).
    const samPlan = await t.db.trainingAssignment.findMany({ where: { employeeId: ids.sam } })
    expect(samPlan.map((a) => [a.courseId, a.dueAt?.toISOString()])).toEqual([[courses.CU, '2026-12-09T18:00:00.000Z']])
    expect(await t.db.onboarding.count({ where: { employeeId: { in: [ids.old, ids.lin, ids.gu] } } })).toBe(0)
  })

  it('writes the welcome for the hire’s working hours: job, manager, purpose, duties and the plan with the test and its pass mark', async () => {
    const { row, card } = await outboxCard(`onboarding-welcome:${ids.zhang}`)
    expect([row.platform, row.destId, row.availableAt.toISOString()]).toEqual(['slack', 'U_ZHANG', '2026-12-02T01:00:00.000Z'])
    expect(card.header?.title).toBe('欢迎加入,张三!')
    for (const text of [
      '工程师',
      '林华',
      '按期交付高质量的软件',
      '完成分配的开发任务',
      '下班前提交当日代码 (每个工作日 18:00 前)',
      'ENG-JD 工程师岗位说明书测试',
      '80 分及格',
      'CU-101 企业文化',
    ])
      expect(card.fallback).toContain(text)
    expect(card.fallback).not.toContain('缺陷率') // a KPI is not a duty
    const jd = await t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: ids.zhang, courseId: courses.JD } })
    // Start: the first course of the plan is the test, opened from the card.
    expect(buttons(card)).toContain(`quiz:${jd.id}`)
    expect(buttons(card)).toContain('ask:my_tasks')
    // Sam is on no chat platform: his console inbox, at 09:00 in London, in English.
    const sam = await outboxCard(`onboarding-welcome:${ids.sam}`)
    expect([sam.row.platform, sam.row.destId, sam.row.availableAt.toISOString()]).toEqual([
      'web',
      'sam.new@example.com',
      '2026-12-02T09:00:00.000Z',
    ])
    expect(sam.card.fallback).toContain('Welcome, Sam New!')
    expect(sam.card.fallback).toContain('No job description is published')
  })

  it('tells the manager who joins, in which job, when, and the plan', async () => {
    const { row, card } = await outboxCard(`onboarding-manager:${ids.zhang}`)
    expect([row.platform, row.destId, row.availableAt.toISOString()]).toEqual(['slack', 'U_LIN', '2026-12-02T01:00:00.000Z'])
    expect(card.header?.title).toBe('张三 加入你的团队')
    for (const text of ['「工程师」', 'ENG-JD', 'CU-101']) expect(card.fallback).toContain(text)
  })

  it('delivers nothing before working hours, then the cards to Slack and the console inbox as each recipient’s day begins', async () => {
    expect((await worker().drain()).sent).toBe(0)
    clock.set('2026-12-02T01:00:00Z') // 09:00 in Shanghai
    // Zhang San's welcome, and both notices to Lin Hua (Shanghai).
    expect((await worker().drain()).sent).toBe(3)
    const posted = slack.callsTo('chat.postMessage').map((c) => JSON.stringify(c.args))
    expect(posted.filter((p) => p.includes('欢迎加入')).length).toBe(1)
    expect(posted.filter((p) => p.includes('加入你的团队')).length).toBe(2)
    expect(web.recent('sam.new@example.com')).toEqual([])
    clock.set('2026-12-02T09:00:00Z') // 09:00 in London
    expect((await worker().drain()).sent).toBe(1)
    expect(web.recent('sam.new@example.com').map((m) => m.fallback)).toEqual([expect.stringContaining('CU-101 Company Culture')])
  })

  it('lists the plan in the hire’s “我的待办”, marked as onboarding', async () => {
    const core = createCore(deps)
    const reply = await core.handleMessage({
      sender: { platform: 'cli', tenant: 'local', userId: 'zhang.san@example.com' },
      text: '我的待办',
    })
    expect(reply?.intent).toBe('my_tasks')
    expect(reply?.card.fallback).toContain('【入职】 ENG-JD 工程师岗位说明书测试')
    expect(reply?.card.fallback).toContain('【入职】 CU-101 企业文化')
  })

  it('sends nothing twice: the sweep and a second run find everything told', async () => {
    const before = await t.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'onboarding-' } } })
    expect(before).toBe(4)
    expect(await startOnboardings(deps)).toEqual({ started: 0, welcomed: 0, managersTold: 0, completed: 0 })
    expect((await sweep()).kind).toBe('swept')
    expect((await sweep()).kind).toBe('swept')
    expect(await t.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'onboarding-' } } })).toBe(before)
  })
})

describe('the job-description test', () => {
  it('failed, is retaken with reminders until passed; the onboarding completes with the plan', async () => {
    const zhang = await actor(ids.zhang)
    const jd = await t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: ids.zhang, courseId: courses.JD } })
    clock.set('2026-12-03T02:00:00Z')
    const failed = await submitQuiz(deps, zhang, jd.id, wrong)
    expect(failed).toMatchObject({ kind: 'failed', score: 40, passMark: 80 })
    const retake = await t.db.trainingAssignment.findUniqueOrThrow({ where: { id: jd.id } })
    expect(retake.status).not.toBe('completed')
    // Hourly sweeps through the retake's due date and past it: the reminders keep offering the quiz.
    const from = new Date('2026-12-03T03:00:00Z').getTime()
    for (let at = from; at < new Date('2026-12-10T10:00:00Z').getTime(); at += 3_600_000) {
      clock.set(new Date(at))
      expect((await sweep()).kind).toBe('swept')
    }
    const reminders = await t.db.outboxMessage.findMany({
      where: { employeeId: ids.zhang, idempotencyKey: { startsWith: 'reminder:' }, createdAt: { gt: new Date(from - 1) } },
    })
    const withQuiz = reminders.map((m) => JSON.parse(m.card) as Card).filter((c) => buttons(c).includes(`quiz:${jd.id}`))
    expect(withQuiz.length).toBeGreaterThanOrEqual(2)

    clock.set('2026-12-10T03:00:00Z')
    expect(await submitQuiz(deps, zhang, jd.id, wrong)).toMatchObject({ kind: 'failed' })
    expect(await submitQuiz(deps, zhang, jd.id, right)).toMatchObject({ kind: 'passed', score: 100 })
    expect(await t.db.quizAttempt.count({ where: { assignmentId: jd.id } })).toBe(3)
    // One course left: not complete yet.
    expect((await startOnboardings(deps)).completed).toBe(0)
    const cu = await t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: ids.zhang, courseId: courses.CU } })
    expect((await markTrainingDone(deps, zhang, { assignmentId: cu.id })).kind).toBe('completed')
    expect((await startOnboardings(deps)).completed).toBe(1)
    const done = await t.db.onboarding.findUniqueOrThrow({ where: { employeeId: ids.zhang } })
    expect(done.completedAt?.toISOString()).toBe('2026-12-10T03:00:00.000Z')
  })
})

describe('onboarding_plan', () => {
  const ask = (email: string, text: string) =>
    createCore(deps).handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: email }, text })

  it('shows the hire their own plan with the test’s attempts, the manager their new hires, and refuses anyone else', async () => {
    const own = await ask('zhang.san@example.com', '我的入职计划')
    expect(own?.intent).toBe('onboarding_plan')
    expect(own?.card.fallback).toContain('已完成 2/2')
    expect(own?.card.fallback).toContain('已考 3 次,最高 100 分')

    const team = await ask('lin.hua@example.com', '新人的入职进度怎么样')
    expect(team?.intent).toBe('onboarding_plan')
    // Zhang San completed his: only Sam is still onboarding.
    expect(team?.card.fallback).toContain('新人入职进度')
    expect(team?.card.fallback).toContain('山姆')
    expect(team?.card.fallback).not.toContain('张三')

    const report = await ask('lin.hua@example.com', 'how is Sam New doing with onboarding')
    expect(report?.card.fallback).toContain('Onboarding: Sam New')

    const refused = await ask('gu.yan@example.com', '张三的入职计划')
    expect(refused?.intent).toBe('onboarding_plan')
    expect(refused?.card.fallback).toContain('你可以查看自己的入职计划')
  })

  it('shows the manager’s team view with the new hires’ onboarding progress', async () => {
    const reply = await ask('lin.hua@example.com', 'team overview')
    expect(reply?.intent).toBe('team_overview')
    expect(reply?.card.fallback).toMatch(/Onboarding: Sam New 0\/1 ⚠️ 1|入职进度:山姆 0\/1 ⚠️ 1/)
  })
})
