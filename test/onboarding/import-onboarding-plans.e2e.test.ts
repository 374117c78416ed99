// The onboarding_plans entity on a real SQLite file: every bad row named with its
// reason and nothing written; a scope re-imported gets exactly its new lines (others
// untouched); export writes it back and export → import → export is identical.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAll } from '../../adapters/db/export.js'
import { formatImportError, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { createTestDb, type TestDb } from '../support/db.js'

const NOW = new Date('2026-12-02T03:00:00Z')
const csv = (name: string, lines: string[]): ImportFile => ({ name, content: `${lines.join('\n')}\n` })
const BASE = [
  csv('departments.csv', ['code,name_zh,name_en,parent_code', 'CO,公司,Company,', 'ENG,工程部,Engineering,CO']),
  csv('jobs.csv', ['code,title_zh,title_en,track,level', 'ENG1,工程师,Engineer,eng,1']),
  csv('courses.csv', [
    'code,title_zh,title_en,format,duration_minutes',
    'CU-101,企业文化,Company Culture,online,60',
    'ENG-101,代码评审,Code Review,online,120',
    'SEC-101,信息安全,Security,online,30',
  ]),
]

let t: TestDb
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => {
  await t.close()
})

async function importOk(files: ImportFile[]) {
  const result = await importFiles(t.db, files, { now: NOW })
  if (!result.ok) throw new Error(result.errors.map(formatImportError).join('\n'))
  return result.counts.onboarding_plans
}

const stored = async () =>
  (await t.db.onboardingTemplateItem.findMany({ include: { course: true }, orderBy: [{ scope: 'asc' }, { position: 'asc' }] })).map(
    (i) => `${i.scope} ${i.course.code} ${i.dueDays} #${i.position}`,
  )

describe('onboarding_plans import', () => {
  it('names every bad row and imports nothing', async () => {
    const result = await importFiles(
      t.db,
      [
        ...BASE,
        csv('onboarding_plans.csv', [
          'scope,course_code,due_days,position',
          'job:ENG1,CU-101,3,1',
          'team:ENG,CU-101,3,',
          'job:NOPE,CU-101,3,',
          'department:SALES,CU-101,3,',
          'default,NO-COURSE,3,',
          'default,CU-101,-1,',
          'default,ENG-101,three,',
          'job:ENG1,CU-101,5,2',
          'job:,ENG-101,1,',
        ]),
      ],
      { now: NOW },
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map(formatImportError)).toEqual([
      'onboarding_plans.csv:3: scope: expected "default", "job:<JOB_CODE>" or "department:<DEPARTMENT_CODE>"',
      'onboarding_plans.csv:4: scope: unknown job "NOPE" in "job:NOPE" (not in the database nor in this import)',
      'onboarding_plans.csv:5: scope: unknown department "SALES" in "department:SALES" (not in the database nor in this import)',
      'onboarding_plans.csv:6: course_code: unknown course "NO-COURSE" (not in the database nor in this import)',
      'onboarding_plans.csv:7: due_days: must be at least 0',
      'onboarding_plans.csv:8: due_days: expected a whole number',
      'onboarding_plans.csv:9: course_code: duplicate of row 2 (job:ENG1 CU-101)',
      'onboarding_plans.csv:10: scope: expected "default", "job:<JOB_CODE>" or "department:<DEPARTMENT_CODE>"',
    ])
    expect(await t.db.onboardingTemplateItem.count()).toBe(0)
    expect(await t.db.course.count()).toBe(0)
  })

  it('orders lines by position, then file order; a scope imported again gets exactly its new lines, others stay', async () => {
    const first = await importOk([
      ...BASE,
      csv('onboarding_plans.csv', [
        'scope,course_code,due_days,position',
        'job:ENG1,ENG-101,10,',
        'job:ENG1,CU-101,3,1',
        'job:ENG1,SEC-101,1,',
        'default,CU-101,7,',
      ]),
    ])
    expect(first).toEqual({ created: 4, updated: 0, unchanged: 0 })
    expect(await stored()).toEqual(['default CU-101 7 #1', 'job:ENG1 CU-101 3 #1', 'job:ENG1 ENG-101 10 #2', 'job:ENG1 SEC-101 1 #3'])

    const second = await importOk([
      csv('onboarding_plans.csv', ['scope,course_code,due_days,position', 'job:ENG1,CU-101,3,1', 'job:ENG1,ENG-101,14,2']),
    ])
    expect(second).toEqual({ created: 0, updated: 1, unchanged: 1 })
    expect(await stored()).toEqual(['default CU-101 7 #1', 'job:ENG1 CU-101 3 #1', 'job:ENG1 ENG-101 14 #2'])
  })

  it('exports what it imported, and the export imports back to the same files (csv and json)', async () => {
    await importOk([
      ...BASE,
      csv('onboarding_plans.csv', [
        'scope,course_code,due_days',
        'department:ENG,ENG-101,14',
        'department:ENG,CU-101,5',
        'default,CU-101,7',
      ]),
    ])
    for (const format of ['csv', 'json'] as const) {
      const files = await exportAll(t.db, format)
      const plans = files.find((f) => f.name === `onboarding_plans.${format}`)!
      if (format === 'csv')
        expect(plans.content.replace('\uFEFF', '').trimEnd().split('\n')).toEqual([
          'scope,course_code,due_days,position',
          'default,CU-101,7,1',
          'department:ENG,ENG-101,14,1',
          'department:ENG,CU-101,5,2',
        ])
      const target = await createTestDb()
      try {
        const result = await importFiles(target.db, files, { now: NOW })
        expect(result.ok).toBe(true)
        const again = await exportAll(target.db, format)
        expect(again.find((f) => f.name === plans.name)!.content).toBe(plans.content)
      } finally {
        await target.close()
      }
    }
  })
})
