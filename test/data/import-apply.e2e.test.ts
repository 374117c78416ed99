import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAll } from '../../adapters/db/export.js'
import { ENTITIES, type ImportCounts, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { EXAMPLE_FILES, file, fixture, NOW, tableCounts } from './helpers.js'

let t: TestDb
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => {
  await t.close()
})

async function importOk(files: ImportFile[], dryRun = false): Promise<ImportCounts> {
  const result = await importFiles(t.db, files, { now: NOW, dryRun })
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2))
  return result.counts
}

const examples = () => EXAMPLE_FILES.map(file)
const allUnchanged = (counts: ImportCounts) => ENTITIES.every((e) => counts[e].created === 0 && counts[e].updated === 0)

describe('importFiles applying', () => {
  it('imports the example files and counts what it created', async () => {
    const counts = await importOk(examples())
    expect(counts.departments).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(counts.standards).toEqual({ created: 2, updated: 0, unchanged: 0 })
    expect(counts.job_descriptions).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(counts.employees).toEqual({ created: 4, updated: 0, unchanged: 0 })
    expect(counts.identities).toEqual({ created: 2, updated: 0, unchanged: 0 })
    expect(counts.assessments).toEqual({ created: 6, updated: 0, unchanged: 0 })
    const zhou = await t.db.employee.findUniqueOrThrow({ where: { email: 'zhou.bo@example.com' }, include: { manager: true, job: true } })
    expect([zhou.manager?.email, zhou.job?.code, zhou.roles]).toEqual(['lin.hua@example.com', 'ENG2', 'employee'])
    const eng2 = await t.db.qualificationStandard.findFirstOrThrow({
      where: { job: { code: 'ENG2' } },
      include: { dimensions: { include: { indicators: true, dimension: true }, orderBy: { id: 'asc' } } },
    })
    expect(eng2.dimensions.map((d) => [d.dimension.code, d.weight, d.requiredAttainment, d.indicators.map((i) => i.code)])).toEqual([
      ['technical_skill', 50, 60, ['ts.design', 'ts.exam']],
      ['project_experience', 35, null, ['pe.years']],
      ['culture', 15, null, []],
    ])
    const exam = eng2.dimensions[0]!.indicators[1]!
    expect([exam.requirementKind, exam.requirementKey, exam.requirementValue]).toEqual(['min_score', 'TECH-EXAM', 80])
    // "2026-09-15T09:00:00+08:00" is 01:00 UTC.
    const review = await t.db.assessment.findFirstOrThrow({ where: { note: 'Quarterly review' } })
    expect(review.assessedAt.toISOString()).toBe('2026-09-15T01:00:00.000Z')
    const audit = await t.db.auditLog.findMany()
    expect(audit.map((a) => [a.actor, a.action])).toEqual([['import', 'import.apply']])
    expect(JSON.parse(audit[0]!.data!).counts.employees).toEqual({ created: 4, updated: 0, unchanged: 0 })
  })

  it('changes nothing when the same files are imported again', async () => {
    const first = await importOk(examples())
    const rowsAfterFirst = await tableCounts(t.db)
    const ids = await t.db.indicator.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
    const second = await importOk(examples())
    expect(allUnchanged(second)).toBe(true)
    for (const entity of ENTITIES) expect(second[entity].unchanged).toBe(first[entity].created)
    expect(await tableCounts(t.db)).toEqual(rowsAfterFirst)
    // An unchanged standard keeps its rows (and ids).
    expect(await t.db.indicator.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(ids)
    expect(await t.db.auditLog.count()).toBe(2)
  })

  it('applies files in dependency order whatever order they are given in', async () => {
    const counts = await importOk(examples().reverse())
    expect(counts.employees.created).toBe(4)
    expect(await tableCounts(t.db)).toMatchObject({
      departments: 3,
      employees: 4,
      evaluations: 4,
      standards: 2,
      certificates: 1,
      quizQuestions: 5,
      sourceWeights: 8,
      onboardingPlanLines: 6,
    })
  })

  it('reads JSON exactly as the same data in CSV', async () => {
    const base = [fixture('good/departments.csv'), fixture('good/jobs.csv')]
    await importOk([...base, fixture('good/employees.csv')])
    const fromCsv = await exportAll(t.db, 'csv')
    const other = await createTestDb()
    try {
      const result = await importFiles(other.db, [...base, fixture('good/employees.json')], { now: NOW })
      expect(result.ok).toBe(true)
      expect(await exportAll(other.db, 'csv')).toEqual(fromCsv)
    } finally {
      await other.close()
    }
    const boss = await t.db.employee.findUniqueOrThrow({ where: { email: 'boss@example.com' } })
    expect(boss.roles).toBe('employee,manager,hr')
    const bo = await t.db.employee.findUniqueOrThrow({ where: { email: 'bo@example.com' } })
    expect([bo.locale, bo.timeZone, bo.roles, bo.status, bo.nameEn]).toEqual(['zh-CN', 'Asia/Shanghai', 'employee', 'active', null])
  })

  it('writes nothing on a dry run but still counts what would change', async () => {
    const counts = await importOk(examples(), true)
    expect(counts.employees.created).toBe(4)
    expect(Object.values(await tableCounts(t.db)).every((n) => n === 0)).toBe(true)
    expect(await t.db.auditLog.count()).toBe(0)
  })

  it('updates changed rows, replaces a changed standard, and keeps assessment history', async () => {
    await importOk(examples())
    const standards = examples()[5]!
    const changed = await importOk([
      { name: 'employees.csv', content: 'email,name,locale\nsam.taylor@example.com,泰山姆,zh-CN\n' },
      { ...standards, content: standards.content.replace('pe.years,3 年以上工作经验', 'pe.years,4 年以上工作经验') },
      {
        name: 'assessments.csv',
        content:
          'employee_email,dimension_code,attainment,source,assessed_at\nsam.taylor@example.com,technical_skill,81,supervisor,2026-11-20\n',
      },
    ])
    expect(changed.employees).toEqual({ created: 0, updated: 1, unchanged: 0 })
    expect(changed.standards).toEqual({ created: 0, updated: 1, unchanged: 1 })
    expect(changed.assessments).toEqual({ created: 1, updated: 0, unchanged: 0 })
    const sam = await t.db.employee.findUniqueOrThrow({ where: { email: 'sam.taylor@example.com' } })
    // Columns the file leaves out keep their stored values.
    expect([sam.name, sam.locale, sam.timeZone, sam.jobId === null, sam.managerId === null]).toEqual([
      '泰山姆',
      'zh-CN',
      'Europe/London',
      false,
      false,
    ])
    const history = await t.db.assessment.findMany({ where: { employeeId: sam.id }, orderBy: { assessedAt: 'asc' } })
    expect(history.map((a) => a.attainment)).toEqual([62, 81])
    const indicator = await t.db.indicator.findFirstOrThrow({ where: { code: 'pe.years' } })
    expect(indicator.textZh).toBe('4 年以上工作经验')
    expect(await t.db.standardDimension.count()).toBe(6)
  })
})
