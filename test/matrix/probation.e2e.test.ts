// The seed's probation scenarios end to end: examples/probation/ imported with the real
// `ladder import` into a SQLite file, then asked through the core as the console reaches
// it (the sender is an e-mail) in Chinese and English. Each new hire's chain breaks where
// the seed article says: a material the department never provided (张三), a course HR
// never scheduled (李四), training and test passed but the practical failed (王五:
// coaching), a failed test never retaken (赵六). Access is the core's; `ladder probation`
// exports the chain.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { INTENT_NAMES } from '../../core/app/intents.js'
import { t as tr } from '../../core/kernel/i18n/index.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { ROOT } from '../data/helpers.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const EXAMPLES = 'examples/probation'
const NOW = new Date('2026-12-02T03:00:00Z')
const mail = (name: string) => `${name}@probation.example`

let t: TestDb
let core: CoreApi
let events = 0

function ladder(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.url, LADDER_DEMO: 'false' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

async function ask(asker: string, text: string) {
  const reply = await core.handleMessage({
    sender: { platform: 'web', tenant: 'console', userId: mail(asker) },
    text,
    eventId: `m${++events}`,
  })
  return { intent: reply?.intent, text: reply?.card.fallback ?? '' }
}

/** The numbered conclusions of a diagnosis card, in order. */
const conclusions = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^\d+\. /.test(l))
    .map((l) => l.replace(/^\d+\. /, ''))

beforeAll(async () => {
  t = await createTestDb()
  const files = readdirSync(join(ROOT, EXAMPLES))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `${EXAMPLES}/${f}`)
  const imported = ladder('import', ...files)
  expect(imported.stderr).toBe('')
  expect(imported.code).toBe(0)
  core = createCore({ store: createPrismaStore(t.db), clock: { now: () => NOW }, log: memoryLogger() })
}, 120_000)
afterAll(() => t.close())

describe('the probation diagnosis on examples/probation', { timeout: 60_000 }, () => {
  it('is two public intents', () => {
    expect(INTENT_NAMES).toEqual(expect.arrayContaining(['training_matrix', 'probation_diagnosis']))
  })

  it('imported the matrix: content, scheduler (HR by default), coach and materials', async () => {
    const materials = await t.db.courseMaterial.findMany({ orderBy: [{ courseId: 'asc' }, { position: 'asc' }] })
    expect(materials.map((m) => [m.titleZh, m.providedAt !== null])).toEqual([
      ['Python基础教程', true],
      ['项目实战案例', false],
      ['客户沟通话术模板', true],
      ['常见问题应对案例', true],
    ])
    expect(await t.db.courseResponsibility.count()).toBe(2)
  })

  const scenarios: [scenario: string, asker: string, question: string, expected: string[]][] = [
    ['(a) material missing → 技术部', 'wang.min', '张三转正考核为什么没过', ['技术部未提交《项目实战案例》(《Python基础教程》)']],
    [
      '(b) never scheduled nor tracked → 人事部',
      'wang.min',
      '李四的转正考核哪里出了问题',
      ['人事部未跟踪学习进度:《Python基础教程》从未安排'],
    ],
    [
      '(c) training done, test ≥ 80, practical failed → 市场部 coaching',
      'wang.min',
      '王五转正考核为什么没过',
      ['培训已完成且测试 ≥ 80 分,实操仍未达标:需市场部加强实践指导'],
    ],
    [
      '(d) test failed, not retaken → the learner',
      'chen.jing',
      '赵六转正考核为什么没过',
      ['本人《客户沟通技巧》测试未通过(最高 62 分,及格线 80 分,共 1 次)且未重考'],
    ],
    [
      '(a) in English, asked by the manager',
      'liu.qiang',
      'why did Zhang San fail the probation review',
      ['Technology has not provided “Project case studies” (for “Python Basics”)'],
    ],
    [
      '(b) in English',
      'wang.min',
      'what went wrong with Li Si’s probation review?',
      ['HR did not track learning progress: “Python Basics” was never scheduled'],
    ],
    [
      '(c) in English, asked by the manager',
      'chen.jing',
      'why did Wang Wu fail the probation review',
      ['Training done and test ≥ 80, yet the practical still falls short: the practice calls for coaching by Marketing'],
    ],
    [
      '(d) in English',
      'wang.min',
      'why did Zhao Liu fail probation',
      ['The learner failed the “Customer Communication Skills” test (best 62, pass mark 80, 1 attempt) and has not retaken it'],
    ],
  ]
  it.each(scenarios)('%s', async (_scenario, asker, question, expected) => {
    const reply = await ask(asker, question)
    expect(reply.intent).toBe('probation_diagnosis')
    expect(conclusions(reply.text)).toEqual(expected)
  })

  it('shows the chain: course, test, materials, tracking, coach', async () => {
    const { text } = await ask('wang.min', '张三转正考核为什么没过')
    expect(text).toContain('编程技能 — 实操 55 / 要求 80')
    expect(text).toContain('《Python基础教程》:已完成')
    expect(text).toContain('测试:共 1 次,最高 85 分,最近 85 分,及格线 80 分')
    expect(text).toContain('材料《项目实战案例》(技术部 · 刘强):未提交')
    expect(text).toContain('人事部统筹跟踪:没有任何提醒记录')
  })

  it('lets the new hire ask about themselves', async () => {
    const reply = await ask('zhao.liu', 'why did I fail my probation review?')
    expect(reply.intent).toBe('probation_diagnosis')
    expect(conclusions(reply.text)).toHaveLength(1)
  })

  it.each([
    ['a manager about someone outside their team', 'liu.qiang', '王五转正考核为什么没过', 'zh-CN'],
    ['a manager in English about another team', 'chen.jing', 'why did Zhang San fail the probation review', 'en'],
    ['one new hire about another', 'zhang.san', '李四的转正考核哪里出了问题', 'zh-CN'],
  ] as const)('refuses %s', async (_who, asker, question, locale) => {
    const reply = await ask(asker, question)
    expect(reply.intent).toBe('probation_diagnosis')
    expect(reply.text).toBe(tr(locale, 'access.refused'))
  })
})

describe('the training matrix on examples/probation', { timeout: 60_000 }, () => {
  it("shows one course's matrix", async () => {
    const reply = await ask('zhang.san', 'Python基础教程的职责矩阵')
    expect(reply.intent).toBe('training_matrix')
    expect(reply.text).toContain('职责矩阵:Python基础教程')
    expect(reply.text).toContain('《项目实战案例》— 技术部 · 刘强:未提交')
  })

  it('lists the missing materials by the department that owes them', async () => {
    const reply = await ask('wang.min', '哪些培训材料还没提交')
    expect(reply.intent).toBe('training_matrix')
    expect(reply.text).toContain('技术部 未提交 1 份:')
    expect(reply.text).toContain('《项目实战案例》(《Python基础教程》)')
    expect(reply.text).not.toContain('客户沟通话术模板')
  })
})

describe('ladder probation', { timeout: 90_000 }, () => {
  it('exports the chain and the conclusions as CSV', () => {
    const run = ladder('probation', mail('zhang.san'), '--format', 'csv')
    expect(run.code).toBe(0)
    const [header, ...rows] = run.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(header).toBe(
      'employee_email,dimension_code,practical,required,course_code,course_status,due_at,test_attempts,test_best,test_last,pass_mark,materials_missing,scheduler,reminders,coach,step,conclusion,responsible',
    )
    expect(rows).toEqual([
      'zhang.san@probation.example,programming,55,80,PY-101,completed,2026-10-15,1,85,85,80,项目实战案例,人事部,0,技术部 · 刘强,course,,',
      'zhang.san@probation.example,programming,55,80,PY-101,,,,,,,,,,,conclusion 1,技术部未提交《项目实战案例》(《Python基础教程》),技术部 · 刘强',
    ])
  })

  it('exports JSON in English, for one dimension', () => {
    const run = ladder('probation', mail('wang.wu'), '--dimension', 'communication', '--format', 'json', '--lang', 'en')
    expect(run.code).toBe(0)
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[]
    expect(rows.at(-1)).toMatchObject({ step: 'conclusion 1', responsible: 'Marketing · Chen Jing', course_code: 'COM-101' })
  })

  it('refuses with --as a manager of another team, and names an unknown dimension', () => {
    const refused = ladder('probation', mail('wang.wu'), '--as', mail('liu.qiang'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(tr('zh-CN', 'access.refused'))
    const unknown = ladder('probation', mail('wang.wu'), '--dimension', 'nope')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown dimension "nope"')
  })
})
