// Importing the training responsibility matrix: course_responsibilities (one row per
// course, replaced whole on re-import) and course_materials (a course's list replaced
// by the file's, blank positions in file order, blank provided_at = missing). Bad rows
// are each named, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatImportError, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { file } from '../data/helpers.js'
import { createTestDb, type TestDb } from '../support/db.js'

const NOW = new Date('2026-12-02T03:00:00Z')
const BASE = ['departments', 'dimensions', 'jobs', 'courses', 'employees'].map((e) => file(`examples/probation/${e}.csv`))
const csv = (name: string, ...lines: string[]): ImportFile => ({ name, content: `${lines.join('\n')}\n` })
const RESPONSIBILITY_HEADER = 'course_code,content_department_code,scheduler_department_code,coach_department_code,coach_email'
const MATERIAL_HEADER = 'course_code,position,title_zh,title_en,provider_department_code,provider_email,due_date,provided_at,url'

let t: TestDb
beforeAll(async () => {
  t = await createTestDb()
  const result = await importFiles(t.db, BASE, { now: NOW })
  expect(result.ok).toBe(true)
})
afterAll(() => t.close())

const materials = async () =>
  (await t.db.courseMaterial.findMany({ include: { course: true }, orderBy: [{ courseId: 'asc' }, { position: 'asc' }] })).map(
    (m) => `${m.course.code} ${m.position} ${m.titleZh} ${m.providedAt ? 'provided' : 'missing'}`,
  )

describe('course_responsibilities and course_materials', () => {
  it('names every bad row and imports nothing', async () => {
    const result = await importFiles(
      t.db,
      [
        csv(
          'course_responsibilities.csv',
          RESPONSIBILITY_HEADER,
          'PY-101,TECH,NOPE,,',
          'NO-SUCH,,,,',
          'PY-101,,,,',
          'COM-101,,,,not-an-email',
        ),
        csv(
          'course_materials.csv',
          MATERIAL_HEADER,
          'PY-101,,教程,Handbook,TECH,,,,',
          'PY-101,1,案例,Cases,TECH,,,,',
          'COM-101,,模板,Scripts,MKT,,2026-02-30,,',
          'COM-101,2,,Objections,MKT,,,,ftp://x',
          'COM-101,3,话术,Talk,,ghost@probation.example,,,',
        ),
      ],
      { now: NOW },
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.map(formatImportError)).toEqual([
      'course_responsibilities.csv:2: scheduler_department_code: unknown department "NOPE" (not in the database nor in this import)',
      'course_responsibilities.csv:3: course_code: unknown course "NO-SUCH" (not in the database nor in this import)',
      'course_responsibilities.csv:4: course_code: duplicate of row 2 (PY-101)',
      'course_responsibilities.csv:5: coach_email: not an e-mail address',
      'course_materials.csv:3: position: duplicate position 1 of course PY-101, already used by row 2',
      'course_materials.csv:4: due_date: "2026-02-30" is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)',
      'course_materials.csv:5: title_zh: required',
      'course_materials.csv:5: url: expected an http(s) URL',
      'course_materials.csv:6: provider_email: unknown employee "ghost@probation.example" (not in the database nor in this import)',
    ])
    expect(await t.db.courseResponsibility.count()).toBe(0)
    expect(await t.db.courseMaterial.count()).toBe(0)
  })

  it('numbers blank positions in file order and keeps blank provided_at as missing', async () => {
    const result = await importFiles(
      t.db,
      [
        csv(
          'course_materials.csv',
          MATERIAL_HEADER,
          'PY-101,,Python基础教程,Python Basics,TECH,,,2026-08-20,',
          'COM-101,,客户沟通话术模板,Scripts,MKT,,,2026-08-22,',
          'PY-101,,项目实战案例,Project cases,TECH,,2026-09-15,,',
        ),
        csv('course_responsibilities.csv', RESPONSIBILITY_HEADER, 'PY-101,TECH,HR,TECH,liu.qiang@probation.example', 'COM-101,,,MKT,'),
      ],
      { now: NOW },
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.counts.course_materials).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(result.counts.course_responsibilities).toEqual({ created: 2, updated: 0, unchanged: 0 })
    expect(await materials()).toEqual([
      'PY-101 1 Python基础教程 provided',
      'PY-101 2 项目实战案例 missing',
      'COM-101 1 客户沟通话术模板 provided',
    ])
  })

  it("replaces a course's list and row on re-import; a file without provided_at keeps what is stored", async () => {
    const result = await importFiles(
      t.db,
      [
        csv(
          'materials.csv',
          'course_code,title_zh,title_en,provider_department_code',
          'PY-101,Python基础教程,Python Basics (2nd ed.),TECH',
        ),
        csv('course_responsibilities.csv', RESPONSIBILITY_HEADER, 'PY-101,TECH,,TECH,'),
      ],
      { now: NOW },
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.counts.course_materials).toEqual({ created: 0, updated: 1, unchanged: 0 })
    expect(result.counts.course_responsibilities).toEqual({ created: 0, updated: 1, unchanged: 0 })
    // PY-101's second material is gone, its first still provided; COM-101 was not in the file and keeps its list.
    expect(await materials()).toEqual(['PY-101 1 Python基础教程 provided', 'COM-101 1 客户沟通话术模板 provided'])
    const row = await t.db.courseResponsibility.findFirstOrThrow({ where: { course: { code: 'PY-101' } } })
    expect([row.schedulerDepartmentId, row.coachEmployeeId]).toEqual([null, null])
  })
})
