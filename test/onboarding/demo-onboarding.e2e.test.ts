// The demo organisation and onboarding: seeding it (npm start on an empty database)
// welcomes nobody, as every demo hire date is years old; a hire added to the demo's
// store today gets the demo's plan for their job, with the job-description test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { importFiles } from '../../adapters/db/import/index.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { ladderDeps } from '../../core/app/store.js'
import { startOnboardings } from '../../core/features/onboarding/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const NOW = new Date('2026-12-02T03:00:00Z') // Wednesday, 11:00 in Shanghai
let t: TestDb
const deps = () => ladderDeps({ store: createPrismaStore(t.db), clock: { now: () => NOW }, log: memoryLogger(), platforms: ['web'] })

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, NOW)
})
afterAll(() => t.close())

describe('the demo and onboarding', () => {
  it('seeding the demo onboards and welcomes nobody', async () => {
    expect(await startOnboardings(deps())).toEqual({ started: 0, welcomed: 0, managersTold: 0, completed: 0 })
    expect(await t.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'onboarding-' } } })).toBe(0)
  })

  it('a sales associate hired today gets the RT1 plan: the job-description test first, then the culture and sales courses', async () => {
    const imported = await importFiles(
      t.db,
      [
        {
          name: 'employees.csv',
          content:
            'email,name,name_en,locale,time_zone,department_code,job_code,manager_email,hire_date,roles,status\n' +
            'new.hire@demo.ladder,新同学,New Hire,zh-CN,Asia/Shanghai,RETAIL,RT1,zhang.wei@demo.ladder,2026-12-02,employee,active\n',
        },
      ],
      { now: NOW },
    )
    expect(imported.ok).toBe(true)
    expect(await startOnboardings(deps())).toEqual({ started: 1, welcomed: 1, managersTold: 1, completed: 0 })
    const welcome = await t.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: { startsWith: 'onboarding-welcome:' } } })
    const card = JSON.parse(welcome.card) as Card
    // The plan's lines (course code first); the job description's duties are listed above them.
    const lines = card.fallback.split('\n').filter((l) => /^- [A-Z]{2}-[A-Z0-9]+ /.test(l))
    expect(lines.map((l) => l.slice(2, 8))).toEqual(['RT-JD ', 'CU-101', 'RT-101'])
    expect(card.fallback).toContain('接待顾客')
    expect(card.fallback).toContain('岗位说明书测试:80 分及格')
  })
})
