// Job descriptions end to end on a real SQLite file: the demo's descriptions answer
// "我的岗位职责是什么" and "谁负责需求分析" through the core and the Prisma store; a
// version 2 imported (by `ladder import`, in a child process) sends the people in the
// job one change card each, to their console inbox, exactly once; bad rows are named.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { exportAll } from '../../adapters/db/export.js'
import { type ImportError, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import { ladderDeps } from '../../core/app/store.js'
import { announceJobDescriptions } from '../../core/features/jobs/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { DEFAULT_SETTINGS } from '../../core/kernel/context.js'
import { isWorkingTime } from '../../core/kernel/working-time.js'
import { ROOT } from '../data/helpers.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const NOW = new Date('2026-12-02T03:00:00.000Z')
const text = (card: Card | undefined): string => JSON.stringify(card)
const csv = (name: string, lines: string[]): ImportFile => ({ name, content: `${lines.join('\n')}\n` })
const HEADER =
  'job_code,version,effective_from,purpose_zh,purpose_en,section,code,text_zh,text_en,owner_job_code,recurrence,evidence,dimension_code,target'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, NOW)
})
afterAll(() => t.close())

const deps = () => ladderDeps({ store: createPrismaStore(t.db), clock: { now: () => NOW }, log: memoryLogger(), platforms: ['web'] })
const ask = (email: string, question: string) =>
  createCore(deps()).handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: email }, text: question })

describe('the demo’s job descriptions in chat', () => {
  it('“我的岗位职责是什么” shows Li Lei’s RD2 description', async () => {
    const card = text((await ask('li.lei@demo.ladder', '我的岗位职责是什么'))?.card)
    expect(card).toContain('你的岗位:高级研发工程师')
    expect(card).toContain('参与需求分析，评估技术可行性与开发工作量')
    expect(card).toContain('每周五 17:00 前')
    expect(card).toContain('对应能力维度:技术能力;权重 40%')
    expect(card).toContain('第 1 版,2026-01-01 起生效')
  })

  it('“what does a store manager do” shows the daily closing check in words', async () => {
    const card = text((await ask('alex.chen@demo.ladder', 'what does a store manager do'))?.card)
    expect(card).toContain('About the job: Store Manager')
    expect(card).toContain('(every working day by 18:00; submit a number)')
    expect(card).toContain('Store monthly sales attainment — target: ≥ 95%')
  })

  it('“谁负责需求分析” names the two jobs that both claim it, with their people', async () => {
    const card = text((await ask('li.lei@demo.ladder', '谁负责需求分析'))?.card)
    expect(card).toContain('有 2 个岗位都写了这项职责')
    expect(card).toContain('团队负责人')
    expect(card).toContain('高级研发工程师')
    expect(card).toContain('李雷')
  })

  it('a duty owned by another role names that role', async () => {
    const card = text((await ask('zhang.wei@demo.ladder', '门店招聘需求是谁的职责'))?.card)
    expect(card).toContain('**人力资源业务伙伴** —— 提出门店招聘需求')
    expect(card).toContain('出自店长的岗位说明书')
  })
})

describe('export', () => {
  it('writes the version’s purpose and date on its first row only, recurrences canonical', async () => {
    const files = await exportAll(t.db, 'csv')
    const lines = files
      .find((f) => f.name === 'job_descriptions.csv')!
      .content.slice(1)
      .trimEnd()
      .split('\n')
    expect(lines[0]).toBe(HEADER)
    const rt3 = lines.filter((l) => l.startsWith('RT3,1,'))
    expect(rt3[0]).toMatch(/^RT3,1,2026-01-01,带领门店团队达成销售目标/)
    expect(rt3[1]).toMatch(/^RT3,1,,,,duty,closing-check,.*,,daily@18:00,number,,$/)
  })
})

describe('bad rows', () => {
  const errorsOf = async (files: ImportFile[]): Promise<ImportError[]> => {
    const result = await importFiles(t.db, files, { now: NOW })
    if (result.ok) throw new Error('expected the import to fail')
    return result.errors
  }
  it.each([
    ['a recurrence that does not parse', 'RD1,9,,目的,Purpose,duty,a,甲,A,,every day,,,', 'recurrence', '"every day" is not a recurrence'],
    ['a recurrence on a KPI', 'RD1,9,,目的,Purpose,kpi,a,甲,A,,daily,,,', 'recurrence', 'only a duty has one'],
    ['evidence on a requirement', 'RD1,9,,目的,Purpose,requirement,a,甲,A,,,note,,', 'evidence', 'only a duty has one'],
    ['an unknown evidence', 'RD1,9,,目的,Purpose,duty,a,甲,A,,,photo,,', 'evidence', 'expected one of none, note, number, link'],
    ['a dimension on a duty', 'RD1,9,,目的,Purpose,duty,a,甲,A,,,,culture,', 'dimension_code', 'only a requirement has one'],
    ['a target on a duty', 'RD1,9,,目的,Purpose,duty,a,甲,A,,,,,≥ 9', 'target', 'only a kpi has one'],
    ['an unknown section', 'RD1,9,,目的,Purpose,task,a,甲,A,,,,,', 'section', 'expected one of duty, requirement, kpi'],
    ['an unknown owner job', 'RD1,9,,目的,Purpose,duty,a,甲,A,PM9,,,,', 'owner_job_code', 'unknown job "PM9"'],
    ['an unknown dimension', 'RD1,9,,目的,Purpose,requirement,a,甲,A,,,,nope,', 'dimension_code', 'unknown dimension "nope"'],
    ['a purpose in one language only', 'RD1,9,,目的,,duty,a,甲,A,,,,,', 'purpose_en', 'in both languages'],
    ['no text', 'RD1,9,,目的,Purpose,duty,a,,A,,,,,', 'text_zh', 'required'],
  ])('%s', async (_name, row, column, reason) => {
    const errors = await errorsOf([csv('job_descriptions.csv', [HEADER, row])])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: 'job_descriptions.csv', row: 2, column })
    expect(errors[0]!.reason).toContain(reason)
  })

  it('a version without a purpose, rows that disagree, and a code used twice', async () => {
    const errors = await errorsOf([
      csv('job_descriptions.csv', [
        HEADER,
        'RD1,8,,,,duty,a,甲,A,,,,,',
        'RD1,9,2026-12-01,目的,Purpose,duty,a,甲,A,,,,,',
        'RD1,9,2026-12-05,别的目的,Other,duty,b,乙,B,,,,,',
        'RD1,9,,,,kpi,a,丙,C,,,,,≥ 1',
      ]),
    ])
    expect(errors.map((e) => `${e.row} ${e.column}: ${e.reason}`)).toEqual([
      '2 purpose_zh: job description RD1 v8 has no purpose: write purpose_zh and purpose_en on at least one of its rows',
      '4 purpose_zh: differs from row 3 (job description RD1 v9)',
      '4 purpose_en: differs from row 3 (job description RD1 v9)',
      '4 effective_from: differs from row 3 (job description RD1 v9)',
      '5 code: duplicate of row 3 (RD1 v9 item a)',
    ])
  })
})

describe('a new version', () => {
  const v2 = [
    HEADER,
    'RD2,2,2026-12-01,负责核心模块的设计与实现，主导技术方案评审,Design and build core modules; lead technical design reviews,duty,design,负责核心模块的技术设计与编码实现,Design and implement the core modules,,,,,',
    "RD2,2,,,,duty,code-review,每周四前完成本组代码评审,Finish the team's code reviews by Thursday each week,,weekly:thu@17:00,link,,",
    'RD2,2,,,,duty,design-review,每周主持一次技术方案评审,Chair a technical design review every week,,weekly:wed,note,,',
    'RD2,2,,,,kpi,on-time,模块按期交付率,Modules delivered on time,,,,,≥ 98%',
  ]

  it('is announced once by `ladder import`: one console card per active RD2 person, in working hours', async () => {
    const path = join(t.dir, 'rd2-v2-job_descriptions.csv')
    writeFileSync(path, `${v2.join('\n')}\n`)
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', 'import', path], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: t.url, LADDER_DEMO: 'false' },
        timeout: 60_000,
      })
    const rd2 = await t.db.employee.findMany({ where: { job: { code: 'RD2' }, status: 'active' }, orderBy: { id: 'asc' } })
    expect(rd2.length).toBeGreaterThan(3)
    const first = run()
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toContain(`Job descriptions: ${rd2.length} change notice(s) queued`)
    const notices = await t.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'jd-change:' } }, orderBy: { id: 'asc' } })
    expect(notices.map((n) => n.employeeId)).toEqual(rd2.map((p) => p.id))
    expect(notices.every((n) => n.platform === 'web')).toBe(true)
    for (const n of notices) {
      const person = rd2.find((p) => p.id === n.employeeId)!
      expect(isWorkingTime(n.availableAt, person.timeZone, DEFAULT_SETTINGS), `${person.email} ${n.availableAt.toISOString()}`).toBe(true)
    }
    const liLei = notices.find((n) => n.employeeId === rd2.find((p) => p.email === 'li.lei@demo.ladder')!.id)!
    expect(liLei.card).toContain('你的岗位说明书更新了:高级研发工程师')
    expect(liLei.card).toContain('➕ 新增职责:每周主持一次技术方案评审')
    expect(liLei.card).toContain('➖ 删除职责:参与需求分析')
    expect(liLei.card).toContain('✏️ 修改职责(表述、频率):每周四前完成本组代码评审')
    expect(liLei.card).toContain('✏️ 修改KPI(目标):模块按期交付率')
    const description = await t.db.jobDescription.findFirstOrThrow({ where: { job: { code: 'RD2' }, version: 2 } })
    expect(description.announcedAt).not.toBeNull()

    // The same file again changes nothing and tells nobody again; nor does the sweep's call.
    const second = run()
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).not.toContain('change notice')
    expect(await announceJobDescriptions(deps())).toEqual({ announced: 0, notices: 0 })
    expect(await t.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'jd-change:' } } })).toBe(rd2.length)
  }, 120_000)

  it('answers “我的岗位职责是什么” with version 2 once in force', async () => {
    const card = text((await ask('li.lei@demo.ladder', '我的岗位职责是什么'))?.card)
    expect(card).toContain('每周主持一次技术方案评审')
    expect(card).toContain('第 2 版,2026-12-01 起生效')
  })
})
