import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ImportError, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { fixture, NOW, tableCounts } from './helpers.js'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t.close()
})

const csv = (name: string, lines: string[]): ImportFile => ({ name, content: `${lines.join('\n')}\n` })

async function errorsOf(files: ImportFile[]): Promise<ImportError[]> {
  const result = await importFiles(t.db, files, { now: NOW })
  if (result.ok) throw new Error('expected the import to fail')
  return result.errors
}

const BASE = [fixture('good/departments.csv'), fixture('good/jobs.csv'), fixture('good/dimensions.csv')]

describe('importFiles validation', () => {
  it('reports exactly the three bad rows of a file and imports nothing', async () => {
    const before = await tableCounts(t.db)
    const errors = await errorsOf([...BASE, fixture('bad/employees.csv')])
    expect(errors).toEqual([
      { file: 'test/fixtures/import/bad/employees.csv', row: 3, column: 'email', reason: 'not an e-mail address' },
      {
        file: 'test/fixtures/import/bad/employees.csv',
        row: 5,
        column: 'department_code',
        reason: 'unknown department "NOPE" (not in the database nor in this import)',
      },
      {
        file: 'test/fixtures/import/bad/employees.csv',
        row: 6,
        column: 'time_zone',
        reason: 'not an IANA time zone such as Asia/Shanghai or Europe/London',
      },
    ])
    // Not even the valid departments and jobs of the same command were written.
    expect(await tableCounts(t.db)).toEqual(before)
    expect(await t.db.auditLog.count()).toBe(0)
  })

  it('rejects a standard whose weights do not add up to 100, on each of its rows', async () => {
    const errors = await errorsOf([...BASE, fixture('bad/standards-weights.csv')])
    expect(errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'weight', 'the weights of standard ENG2 v1 add up to 90, not 100'],
      [3, 'weight', 'the weights of standard ENG2 v1 add up to 90, not 100'],
      [4, 'weight', 'the weights of standard ENG2 v1 add up to 90, not 100'],
    ])
  })

  it('rejects references to things neither in the database nor in the import', async () => {
    const errors = await errorsOf([
      csv('courses.csv', [
        'code,title_zh,title_en,format,duration_minutes,owner_department_code,dimension_codes',
        'C-1,课程,Course,online,60,GHOST,skill;ghost_dimension',
      ]),
      csv('assignments.csv', ['employee_email,course_code', 'nobody@example.com,C-404']),
      csv('paths.csv', ['from_job_code,to_job_code', 'ENG1,ENG9']),
    ])
    expect(errors.map((e) => `${e.file}:${e.row}: ${e.column}: ${e.reason}`)).toEqual([
      'courses.csv:2: owner_department_code: unknown department "GHOST" (not in the database nor in this import)',
      'courses.csv:2: dimension_codes: unknown dimension "skill" (not in the database nor in this import)',
      'courses.csv:2: dimension_codes: unknown dimension "ghost_dimension" (not in the database nor in this import)',
      'assignments.csv:2: employee_email: unknown employee "nobody@example.com" (not in the database nor in this import)',
      'assignments.csv:2: course_code: unknown course "C-404" (not in the database nor in this import)',
      'paths.csv:2: from_job_code: unknown job "ENG1" (not in the database nor in this import)',
      'paths.csv:2: to_job_code: unknown job "ENG9" (not in the database nor in this import)',
    ])
  })

  it('reports duplicates, manager loops, ranges, locales and dates row by row', async () => {
    const errors = await errorsOf([
      ...BASE,
      csv('employees.csv', [
        'email,name,locale,manager_email,hire_date',
        'a@example.com,甲,zh-CN,c@example.com,2020-01-01',
        'b@example.com,乙,fr,a@example.com,2020-02-30',
        'c@example.com,丙,en,a@example.com,',
        'A@example.com,甲二,en,,',
      ]),
      csv('assessments.csv', [
        'employee_email,dimension_code,attainment,source,assessed_at',
        'a@example.com,skill,101,self,2026-01-01',
        'a@example.com,skill,50,boss,2026-01-01',
        'a@example.com,skill,50,self,yesterday',
      ]),
    ])
    expect(errors.map((e) => `${e.file}:${e.row}: ${e.column}: ${e.reason}`)).toEqual([
      'employees.csv:2: manager_email: the manager chain loops: a@example.com → c@example.com → a@example.com',
      'employees.csv:3: locale: expected one of zh-CN, en',
      'employees.csv:3: hire_date: "2020-02-30" is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)',
      'employees.csv:4: manager_email: the manager chain loops: c@example.com → a@example.com → c@example.com',
      'employees.csv:5: email: duplicate of row 2 (a@example.com)',
      'assessments.csv:2: attainment: must be at most 100',
      'assessments.csv:3: source: expected one of self, supervisor, peer, 360, test, system, import, practical',
      'assessments.csv:4: assessed_at: "yesterday" is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)',
    ])
  })

  it('does not call a row unknown when that row is there but has errors of its own', async () => {
    const errors = await errorsOf([
      ...BASE,
      csv('employees.csv', ['email,name,locale,manager_email', 'boss@example.com,老板,fr,', 'worker@example.com,工人,en,Boss@example.com']),
    ])
    expect(errors.map((e) => `${e.row}: ${e.column}: ${e.reason}`)).toEqual(['2: locale: expected one of zh-CN, en'])
  })

  it('checks the header: unknown and missing columns are named', async () => {
    const errors = await errorsOf([csv('jobs.csv', ['code,title_zh,titel_en,track', 'X1,甲,X,rd'])])
    expect(errors.map((e) => [e.row, e.column, e.reason.split(' (')[0]])).toEqual([
      [1, 'titel_en', 'unknown column for jobs'],
      [1, 'title_en', 'required column is missing'],
      [1, 'level', 'required column is missing'],
    ])
  })

  it('labels JSON rows as items and explains what a file name must look like', async () => {
    const errors = await errorsOf([
      { name: 'dims.json', content: '[]' },
      {
        name: 'dimensions.json',
        content: JSON.stringify([
          { code: 'ok', name_zh: '好', name_en: 'OK' },
          { code: 'no good', name_zh: '', name_en: 'X' },
        ]),
      },
    ])
    expect(errors[0]).toMatchObject({ file: 'dims.json', row: 1, column: '(file)' })
    expect(errors[0]!.reason).toContain('--type')
    expect(errors.slice(1).map((e) => [e.row, e.column])).toEqual([
      ['item 2', 'code'],
      ['item 2', 'name_zh'],
    ])
  })

  it('checks hard requirements, indicators and course references inside a standard', async () => {
    const header =
      'job_code,version,effective_from,dimension_code,weight,indicator_code,indicator_zh,indicator_en,requirement_kind,requirement_key,requirement_value'
    const errors = await errorsOf([
      ...BASE,
      csv('standards.csv', [
        header,
        'ENG2,1,2026-01-01,skill,60,s1,甲,A,course,NO-SUCH-COURSE,',
        'ENG2,1,2026-01-01,skill,60,s2,乙,B,min_years,,',
        'ENG2,1,2026-01-01,culture,40,,,,certificate,CERT,',
        'ENG2,1,2026-02-01,culture,40,c1,丙,C,,,',
      ]),
    ])
    expect(errors.map((e) => `${e.row}: ${e.column}: ${e.reason}`)).toEqual([
      '2: requirement_key: unknown course "NO-SUCH-COURSE" (not in the database nor in this import)',
      '3: requirement_value: required for min_years',
      '4: requirement_kind: needs an indicator_code on the same row',
      '4: requirement_key: needs an indicator_code on the same row',
      '5: effective_from: differs from row 2 (standard ENG2 v1)',
    ])
  })
})
