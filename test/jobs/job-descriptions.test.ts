// Job descriptions in the core: the diff of two versions, the duty search behind
// "谁负责需求分析", the card's sections, and the two intents and the change notice
// on the in-memory store.
import { beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import type { LadderDeps } from '../../core/app/store.js'
import { ladderDeps } from '../../core/app/store.js'
import { diffDescriptions } from '../../core/features/jobs/diff-descriptions.js'
import { dutyPhrase, searchDuties, stem } from '../../core/features/jobs/duty-search.js'
import {
  announceJobDescriptions,
  describeJob,
  type JobDescription,
  type JobDescriptionItemRecord,
  jobDescriptionSections,
  recurrenceWords,
} from '../../core/features/jobs/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { isWorkingTime } from '../../core/kernel/working-time.js'
import { memoryLogger } from '../support/deps.js'
import { createMemoryStore, type MemoryStore } from '../support/memory-store.js'
import { buildOrg, type Org } from '../support/org.js'

const item = (code: string, over: Partial<JobDescriptionItemRecord> = {}): JobDescriptionItemRecord => ({
  section: 'duty',
  code,
  position: 0,
  text: { zh: `${code} 中文`, en: `${code} english` },
  ownerJobId: null,
  recurrence: null,
  evidence: null,
  dimensionId: null,
  target: null,
  ...over,
})
const purpose = { zh: '目的', en: 'Purpose' }

describe('diffDescriptions pairs items by code', () => {
  const base = [item('a', { position: 0 }), item('b', { position: 1 }), item('k', { section: 'kpi', position: 2, target: '≥ 95%' })]
  it.each([
    ['nothing changed', base, [] as string[]],
    ['an item added', [...base, item('c', { position: 3 })], ['added c']],
    ['an item removed', base.slice(1), ['removed a']],
    [
      'text changed (one language is enough)',
      [{ ...base[0]!, text: { zh: 'a 中文', en: 'a changed' } }, ...base.slice(1)],
      ['changed a text'],
    ],
    [
      'owner and recurrence changed',
      [{ ...base[0]!, ownerJobId: 7, recurrence: 'daily@18:00' }, ...base.slice(1)],
      ['changed a owner,recurrence'],
    ],
    ['target changed', [...base.slice(0, 2), { ...base[2]!, target: '≥ 98%' }], ['changed k target']],
    ['moved only (position) is no change', [base[1]!, base[0]!, base[2]!].map((i, position) => ({ ...i, position })), []],
    ['section changed', [{ ...base[0]!, section: 'requirement' as const }, ...base.slice(1)], ['changed a section']],
  ])('%s', (_name, items, expected) => {
    const diff = diffDescriptions({ purpose, items: base }, { purpose, items })
    expect(
      diff.changes.map((c) => (c.kind === 'changed' ? `changed ${c.item.code} ${c.fields.join(',')}` : `${c.kind} ${c.item.code}`)),
    ).toEqual(expected)
    expect(diff.purposeChanged).toBe(false)
  })
  it('notices a new purpose', () => {
    expect(diffDescriptions({ purpose, items: [] }, { purpose: { zh: '新目的', en: 'Purpose' }, items: [] }).purposeChanged).toBe(true)
  })
})

describe('dutyPhrase cuts the duty out of the question', () => {
  it.each([
    ['谁负责需求分析', '需求分析'],
    ['谁负责需求分析?', '需求分析'],
    ['需求分析归产品经理还是研发?', '需求分析'],
    ['零件清点是谁的职责', '零件清点'],
    ['零件清点由谁负责？', '零件清点'],
    ['请问闭店检查归谁管', '闭店检查'],
    ['哪个岗位负责代码评审', '代码评审'],
    ['who is responsible for requirement analysis?', 'requirement analysis'],
    ["who's in charge of the parts inventory", 'the parts inventory'],
    ['whose job is it to review code?', 'review code'],
    ['does requirement analysis belong to product or engineering?', 'requirement analysis'],
    ['who handles store closing checks', 'store closing checks'],
    ['谁负责?', ''],
  ])('%s → %s', (question, phrase) => {
    expect(dutyPhrase(question)).toBe(phrase)
  })
})

describe('stem', () => {
  it.each([
    ['counts', 'count'],
    ['counting', 'count'],
    ['requirements', 'requir'],
    ['required', 'requir'],
    ['inventories', 'inventory'],
    ['analysis', 'analysis'],
  ])('%s → %s', (word, stemmed) => expect(stem(word)).toBe(stemmed))
})

describe('searchDuties', () => {
  const description = (id: number, jobId: number, duties: [string, string, string][]) => ({
    id,
    jobId,
    version: 1,
    effectiveFrom: new Date(0),
    purpose,
    announcedAt: null,
    items: duties.map(([code, zh, en], position) => item(code, { position, text: { zh, en } })),
  })
  const descriptions = [
    description(1, 10, [
      ['analyse', '组织需求分析,拆解用户需求并排定优先级', 'Run requirement analysis: break down user needs and set priorities'],
      ['standup', '主持每日站会', 'Run the daily stand-up'],
    ]),
    description(2, 20, [
      ['feasibility', '参与需求分析,评估技术可行性与工作量', 'Take part in requirement analysis and estimate feasibility and effort'],
      ['review', '代码评审', 'Review code'],
    ]),
    description(3, 30, [['inventory', '每天下班前完成零件清点并提交数量', 'Count the parts inventory before leaving each day']]),
  ]
  it.each([
    ['需求分析', ['analyse', 'feasibility']],
    ['requirement analysis', ['analyse', 'feasibility']],
    ['零件清点', ['inventory']],
    ['parts inventory', ['inventory']],
    ['代码评审', ['review']],
    ['报销', []],
    ['travel expenses', []],
    ['需求评审', []],
  ])('%s → %j', (phrase, codes) => {
    expect(searchDuties(descriptions, phrase).map((m) => m.duty.code)).toEqual(codes)
  })
})

describe('recurrence in words', () => {
  it.each([
    ['daily@18:00', 'zh-CN', '每个工作日 18:00 前'],
    ['daily@18:00', 'en', 'every working day by 18:00'],
    ['weekly:fri@17:00', 'zh-CN', '每周五 17:00 前'],
    ['weekly:mon,thu', 'en', 'every Monday, Thursday, by the end of the working day'],
    ['monthly:1', 'zh-CN', '每月 1 日下班前'],
    ['monthly:15@10:30', 'en', 'on day 15 of every month by 10:30'],
  ] as const)('%s (%s) → %s', (text, locale, words) => expect(recurrenceWords(text, locale)).toBe(words))
})

describe('the card sections', () => {
  const owner = { id: 2, code: 'PM1', title: { zh: '产品经理', en: 'Product Manager' }, track: 'product', level: 1 }
  const description: JobDescription = {
    id: 1,
    job: { id: 1, code: 'RT3', title: { zh: '店长', en: 'Store Manager' }, track: 'retail', level: 3 },
    version: 2,
    effectiveFrom: new Date('2026-12-01T00:00:00Z'),
    purpose: { zh: '带领门店达成销售目标', en: 'Lead the store to its sales targets' },
    duties: [
      { code: 'close', text: { zh: '闭店检查', en: 'Closing check' }, owner: null, recurrence: 'daily@18:00', evidence: 'number' },
      { code: 'needs', text: { zh: '需求分析', en: 'Requirement analysis' }, owner, recurrence: null, evidence: null },
    ],
    requirements: [
      {
        code: 'mgmt',
        text: { zh: '能带团队', en: 'Can lead a team' },
        dimension: { id: 5, code: 'team_management', name: { zh: '团队管理', en: 'Team management' } },
        weight: 30,
        requiredAttainment: 70,
      },
    ],
    kpis: [{ code: 'sales', text: { zh: '月度销售达成率', en: 'Monthly sales attainment' }, target: '≥ 95%' }],
  }
  it.each([
    [
      'zh-CN',
      [
        '带领门店达成销售目标',
        '闭店检查(每个工作日 18:00 前;提交数量)',
        '需求分析(归属:产品经理)',
        '能带团队(对应能力维度:团队管理;权重 30%;至少达成 70%)',
        '月度销售达成率 — 目标:≥ 95%',
        '第 2 版,2026-12-01 起生效',
      ],
    ],
    [
      'en',
      [
        'Lead the store to its sales targets',
        'Closing check (every working day by 18:00; submit a number)',
        'Requirement analysis (owned by Product Manager)',
        'Can lead a team (assessed as Team management; weight 30%; at least 70% required)',
        'Monthly sales attainment — target: ≥ 95%',
        'Version 2, in force since 2026-12-01',
      ],
    ],
  ] as const)('%s', (locale, lines) => {
    const text = JSON.stringify(jobDescriptionSections(description, locale))
    for (const line of lines) expect(text).toContain(line)
  })
})

// --- On the in-memory store, through the core ---

const NOW = new Date('2026-12-02T03:00:00Z') // Wednesday 11:00 in Shanghai, 03:00 in London
let store: MemoryStore
let org: Org
const sent: Delivery[] = []
let deps: LadderDeps
const text = (card: Card | undefined): string => JSON.stringify(card)

function publish(
  jobId: number,
  version: number,
  items: Partial<JobDescriptionItemRecord & { zh: string; en: string }>[],
  effectiveFrom = new Date('2026-11-01T00:00:00Z'),
) {
  const d = store.insert('jobDescription', {
    jobId,
    version,
    effectiveFrom,
    purposeZh: `目的 v${version}`,
    purposeEn: `Purpose v${version}`,
  })
  for (const [position, i] of items.entries()) {
    store.insert('jobDescriptionItem', {
      descriptionId: d.id,
      section: i.section ?? 'duty',
      code: i.code ?? `i${position}`,
      position,
      textZh: i.zh ?? '',
      textEn: i.en ?? '',
      ownerJobId: i.ownerJobId ?? null,
      recurrence: i.recurrence ?? null,
      evidence: i.evidence ?? null,
      target: i.target ?? null,
    })
  }
  return d
}

beforeEach(async () => {
  store = createMemoryStore()
  org = await buildOrg(store)
  sent.length = 0
  deps = ladderDeps({ store, clock: { now: () => NOW }, log: memoryLogger(), deliver: async (d) => void sent.push(...d) })
})

const ask = (email: string, question: string) =>
  createCore({ ...deps, deliver: deps.deliver }).handleMessage({
    sender: { platform: 'cli', tenant: 'local', userId: email },
    text: question,
  })

describe('job_description and duty_owner on the store', () => {
  beforeEach(() => {
    publish(org.jobs.RD2, 1, [
      { code: 'code', zh: '负责核心模块的设计与编码', en: 'Design and code the core modules' },
      { code: 'analyse', zh: '参与需求分析,评估技术可行性', en: 'Take part in requirement analysis and assess feasibility' },
      { code: 'defects', section: 'kpi', zh: '线上缺陷数', en: 'Production defects', target: '≤ 2/月' },
    ])
    publish(org.jobs.MG1, 1, [{ code: 'analyse', zh: '组织需求分析并排定优先级', en: 'Run requirement analysis and set priorities' }])
  })

  it('describeJob gives the version in force, not a later one', async () => {
    publish(org.jobs.RD2, 2, [{ code: 'x', zh: '以后的职责', en: 'A later duty' }], new Date('2027-01-01T00:00:00Z'))
    const d = await describeJob(deps, org.jobs.RD2)
    expect(d?.version).toBe(1)
    expect(d?.duties.map((x) => x.code)).toEqual(['code', 'analyse'])
    expect(d?.kpis[0]?.target).toBe('≤ 2/月')
    expect(await describeJob(deps, org.jobs.RD3)).toBeNull()
  })

  it('“我的岗位职责是什么” answers with the published description', async () => {
    const reply = await ask('eve@t.test', '我的岗位职责是什么')
    expect(text(reply?.card)).toContain('负责核心模块的设计与编码')
    expect(text(reply?.card)).toContain('你的岗位:高级研发工程师')
  })

  it('a job without a description falls back to its standard, saying none is published', async () => {
    const reply = await ask('tom@t.test', 'what are my duties?')
    expect(text(reply?.card)).toContain('no separate job description is published yet')
  })

  it('“谁负责需求分析” names both jobs and says they both claim it', async () => {
    const reply = await ask('tom@t.test', '谁负责需求分析')
    const card = text(reply?.card)
    expect(card).toContain('有 2 个岗位都写了这项职责')
    expect(card).toContain('伊娃')
    expect(card).toContain('米娅')
  })

  it('an unrelated duty answers that nothing matches', async () => {
    const reply = await ask('eve@t.test', '谁负责报销审批')
    expect(text(reply?.card)).toContain('没有与“报销审批”匹配的职责')
  })
})

describe('a new version is told to the people in the job, once', () => {
  it('sends each active RD2 person the change in their working hours, then never again', async () => {
    publish(org.jobs.RD2, 1, [
      { code: 'code', zh: '编码', en: 'Code' },
      { code: 'old', zh: '旧职责', en: 'Old duty' },
    ])
    expect(await announceJobDescriptions(deps)).toEqual({ announced: 0, notices: 0 })
    publish(org.jobs.RD2, 2, [
      { code: 'code', zh: '编码并写测试', en: 'Code and test' },
      { code: 'new', zh: '新职责', en: 'New duty', recurrence: 'daily@18:00' },
    ])
    expect(await announceJobDescriptions(deps)).toEqual({ announced: 1, notices: 2 })
    expect(sent.map((d) => d.recipientId)).toEqual([org.ids.eve, org.ids.pat])
    const card = text(sent[0]!.card)
    expect(card).toContain('新职责')
    expect(card).toContain('删除职责:旧职责')
    expect(card).toContain('修改职责(表述):编码并写测试')
    expect(isWorkingTime(sent[0]!.availableAt!, 'Asia/Shanghai', deps.settings)).toBe(true)
    expect(await announceJobDescriptions(deps)).toEqual({ announced: 0, notices: 0 })
    expect(sent).toHaveLength(2)
  })

  it('waits for a version that is not in force yet', async () => {
    publish(org.jobs.RD1, 1, [{ code: 'a', zh: '甲', en: 'A' }])
    publish(org.jobs.RD1, 2, [{ code: 'a', zh: '乙', en: 'B' }], new Date('2026-12-10T00:00:00Z'))
    expect(await announceJobDescriptions(deps)).toEqual({ announced: 0, notices: 0 })
    // Tom is in London, where it is 03:00: his card waits for 09:00 there.
    const later = { ...deps, clock: { now: () => new Date('2026-12-10T01:00:00Z') } }
    expect(await announceJobDescriptions(later)).toEqual({ announced: 1, notices: 1 })
    expect(sent[0]!.availableAt).toEqual(new Date('2026-12-10T09:00:00Z'))
  })

  it('the reminder sweep announces it (not on a dry run)', async () => {
    publish(org.jobs.RD2, 1, [{ code: 'a', zh: '甲', en: 'A' }])
    publish(org.jobs.RD2, 2, [{ code: 'a', zh: '乙', en: 'B' }])
    const sweep = (dryRun: boolean) =>
      runReminderSweep(deps, { policy: DEFAULT_REMINDER_POLICY, platforms: ['web'], holder: 'test', dryRun })
    await sweep(true)
    expect(sent).toHaveLength(0)
    await sweep(false)
    expect(sent.filter((d) => d.purpose === 'job_description_changed').map((d) => d.recipientId)).toEqual([org.ids.eve, org.ids.pat])
  })
})
