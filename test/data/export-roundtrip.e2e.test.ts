import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { type ExportFormat, exportAll } from '../../adapters/db/export.js'
import { COLUMNS, ENTITIES, importFiles } from '../../adapters/db/import/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { NOW } from './helpers.js'

let source: TestDb
beforeAll(async () => {
  source = await createTestDb()
  await seedDemo(source.db, NOW)
  // Something the demo lacks: a chat identity, so that file is not only a header.
  const li = await source.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
  await source.db.chatIdentity.create({ data: { platform: 'slack', tenant: 'T1', externalId: 'U1', employeeId: li.id } })
  // And the training responsibility matrix: one course with its row (a blank scheduler is HR), materials provided and missing.
  const course = await source.db.course.findUniqueOrThrow({ where: { code: 'RD-202' } })
  const rnd = await source.db.department.findUniqueOrThrow({ where: { code: 'RND' } })
  await source.db.courseResponsibility.create({
    data: { courseId: course.id, contentDepartmentId: rnd.id, coachDepartmentId: rnd.id, coachEmployeeId: li.id },
  })
  await source.db.courseMaterial.createMany({
    data: [
      {
        courseId: course.id,
        position: 1,
        titleZh: 'Python基础教程',
        titleEn: 'Python Basics',
        providerDepartmentId: rnd.id,
        providedAt: new Date('2026-11-01T00:00:00Z'),
        url: 'https://learn.example.com/py',
        createdAt: NOW,
      },
      {
        courseId: course.id,
        position: 2,
        titleZh: '项目实战案例',
        titleEn: 'Project cases',
        providerEmployeeId: li.id,
        dueAt: new Date('2026-12-01T00:00:00Z'),
        createdAt: NOW,
      },
    ],
  })
})
afterAll(async () => {
  await source.close()
})

describe.each<ExportFormat>(['csv', 'json'])('export → import → export (%s)', (format) => {
  it('gives byte-identical files', async () => {
    const first = await exportAll(source.db, format)
    expect(first.map((f) => f.name)).toEqual(ENTITIES.map((e) => `${e}.${format}`))
    const target = await createTestDb()
    try {
      // Given in reverse: the importer orders them itself.
      const result = await importFiles(target.db, [...first].reverse(), { now: NOW })
      expect(result.ok).toBe(true)
      const second = await exportAll(target.db, format)
      for (let i = 0; i < first.length; i++) expect(second[i]!.content, first[i]!.name).toBe(first[i]!.content)
    } finally {
      await target.close()
    }
  })
})

describe('exportAll', () => {
  it('writes CSV with a BOM, the documented header and rows sorted by natural key', async () => {
    const files = await exportAll(source.db, 'csv')
    const employees = files.find((f) => f.name === 'employees.csv')!.content
    expect(employees.startsWith('\uFEFF')).toBe(true)
    const lines = employees.slice(1).trimEnd().split('\n')
    expect(lines[0]).toBe(COLUMNS.employees.join(','))
    const emails = lines.slice(1).map((l) => l.split(',')[0]!)
    expect(emails).toEqual([...emails].sort())
    expect(lines).toContain('li.lei@demo.ladder,李雷,Li Lei,zh-CN,Asia/Shanghai,RND,RD2,han.meimei@demo.ladder,2020-09-01,employee,active')
  })

  it('writes JSON arrays with numbers as numbers and lists as arrays', async () => {
    const files = await exportAll(source.db, 'json')
    const courses = JSON.parse(files.find((f) => f.name === 'courses.json')!.content) as Record<string, unknown>[]
    expect(courses.find((c) => c.code === 'RD-102')).toEqual({
      code: 'RD-102',
      title_zh: '跨部门项目实战',
      title_en: 'Cross-team Project Practicum',
      format: 'workshop',
      duration_minutes: 960,
      url: 'https://learn.example.com/rd-102',
      owner_department_code: 'RND',
      pass_mark: null,
      dimension_codes: ['project_coordination', 'project_experience'],
      verification: 'none',
      certificate_code: null,
      audience_tracks: ['rd'],
    })
    const quiz = JSON.parse(files.find((f) => f.name === 'quiz_questions.json')!.content) as Record<string, unknown>[]
    expect(quiz.find((q) => q.course_code === 'RD-101' && q.position === 1)).toEqual({
      course_code: 'RD-101',
      position: 1,
      question_zh: '项目范围基线由哪几部分组成？',
      question_en: "What makes up a project's scope baseline?",
      options_zh: ['项目章程', '范围说明书、WBS 和 WBS 词典', '进度计划', '风险登记册'],
      options_en: ['The project charter', 'The scope statement, the WBS and the WBS dictionary', 'The schedule', 'The risk register'],
      answer: 'B',
    })
  })

  it('writes the evidence model: certificates, source weights, verified completions, reassessments', async () => {
    const files = await exportAll(source.db, 'csv')
    const csv = (entity: string) =>
      files
        .find((f) => f.name === `${entity}.csv`)!
        .content.slice(1)
        .trimEnd()
        .split('\n')
    expect(csv('certificates')).toEqual([
      'code,name_zh,name_en',
      'MDR-CERT,医疗器械法规合格证,Medical Device Regulations Certificate',
      'STORE-OPS-CERT,门店运营认证,Store Operations Certificate',
    ])
    expect(csv('source_weights')).toEqual([
      'scope,source,weight',
      '*,360,25',
      '*,import,40',
      '*,peer,25',
      '*,self,10',
      '*,supervisor,40',
      '*,system,40',
      '*,test,20',
      'RD3,test,30',
    ])
    const assignments = csv('assignments')
    expect(assignments[0]).toBe(COLUMNS.assignments.join(','))
    const liuYang = assignments.find((l) => l.startsWith('liu.yang@demo.ladder,RT-201,'))!.split(',')
    expect([liuYang[2], liuYang[4], liuYang[10]]).toEqual(['reported', 'zhang.wei@demo.ladder', ''])
    const heJing = assignments.find((l) => l.startsWith('he.jing@demo.ladder,RT-101,'))!.split(',')
    expect([heJing[2], heJing[9], heJing[10]]).toEqual(['completed', '95', 'quiz'])
    expect(csv('course_responsibilities')).toEqual([COLUMNS.course_responsibilities.join(','), 'RD-202,RND,,RND,li.lei@demo.ladder'])
    expect(csv('course_materials')).toEqual([
      COLUMNS.course_materials.join(','),
      'RD-202,1,Python基础教程,Python Basics,RND,,,2026-11-01,https://learn.example.com/py',
      'RD-202,2,项目实战案例,Project cases,,li.lei@demo.ladder,2026-12-01,,',
    ])
    expect(csv('evaluations').filter((l) => l.startsWith('reassessment,'))).toEqual([
      expect.stringMatching(/^reassessment,zhang\.wei@demo\.ladder,he\.jing@demo\.ladder,business,open,/),
    ])
  })
})

// OWASP CSV injection: a text cell a spreadsheet would run as a formula is written
// with a leading apostrophe, and the importer takes exactly that apostrophe off.
describe('hostile text through export → import (csv)', () => {
  const HOSTILE = ['=HYPERLINK("http://x","y")', '=1+1', '+x', '-3', '@SUM(A1)', '\tx', '\rx', "'=x", "''", "'", "'plain", 'plain']

  it('neutralises formula-leading text cells, keeps negative numbers numbers, and imports every value back exactly', async () => {
    const db = await createTestDb()
    const target = await createTestDb()
    try {
      await seedDemo(db.db, NOW)
      const assessments = await db.db.assessment.findMany({ orderBy: { id: 'asc' }, take: HOSTILE.length })
      for (const [i, a] of assessments.entries()) await db.db.assessment.update({ where: { id: a.id }, data: { note: HOSTILE[i]! } })
      await db.db.employee.update({
        where: { email: 'li.lei@demo.ladder' },
        data: { name: '=HYPERLINK("http://evil","click")', nameEn: '@SUM(1)' },
      })
      const evidence = await db.db.evidence.findFirstOrThrow({ where: { value: { not: null } }, orderBy: { id: 'asc' } })
      await db.db.evidence.update({ where: { id: evidence.id }, data: { value: -3 } })

      const files = await exportAll(db.db, 'csv')
      const content = (entity: string) => files.find((f) => f.name === `${entity}.csv`)!.content
      expect(content('employees')).toContain(`li.lei@demo.ladder,"'=HYPERLINK(""http://evil"",""click"")",'@SUM(1),`)
      expect(content('assessments')).toContain(",'=1+1")
      expect(content('assessments')).toContain(",'-3")
      expect(content('assessments')).toContain(",''=x")
      expect(content('assessments')).not.toMatch(/,[=+@]/)
      // A number in a numeric column is not text: it stays a number.
      expect(content('evidence')).toMatch(/,-3,/)

      const result = await importFiles(target.db, files, { now: NOW })
      expect(result.ok).toBe(true)
      const notes = async (store: TestDb) => (await store.db.assessment.findMany({ select: { note: true } })).map((a) => a.note).sort()
      expect(await notes(target)).toEqual(await notes(db))
      expect((await notes(target)).filter((n) => n !== null && HOSTILE.includes(n)).sort()).toEqual([...HOSTILE].sort())
      const li = await target.db.employee.findUniqueOrThrow({ where: { email: 'li.lei@demo.ladder' } })
      expect([li.name, li.nameEn]).toEqual(['=HYPERLINK("http://evil","click")', '@SUM(1)'])
      expect((await target.db.evidence.findMany({ where: { value: -3 } })).length).toBe(1)
      const again = await exportAll(target.db, 'csv')
      for (let i = 0; i < files.length; i++) expect(again[i]!.content, files[i]!.name).toBe(files[i]!.content)
    } finally {
      await db.close()
      await target.close()
    }
  })
})
