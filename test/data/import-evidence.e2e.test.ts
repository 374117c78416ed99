// The evidence model in import files: certificates, source weights, quiz questions,
// course verification, assessment ratings, completion records, reassessments.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportAll } from '../../adapters/db/export.js'
import { formatImportError, type ImportCounts, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { file, NOW, tableCounts } from './helpers.js'

let t: TestDb
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => {
  await t.close()
})

const csv = (name: string, lines: string[]): ImportFile => ({ name, content: `${lines.join('\n')}\n` })
/** The organisation the rows below refer to: departments, dimensions, jobs, people. */
const BASE = ['departments.csv', 'dimensions.csv', 'jobs.csv', 'employees.csv'].map((name) => file(`examples/import/${name}`))

async function importOk(files: ImportFile[]): Promise<ImportCounts> {
  const result = await importFiles(t.db, files, { now: NOW })
  if (!result.ok) throw new Error(result.errors.map(formatImportError).join('\n'))
  return result.counts
}

async function errorLines(files: ImportFile[]): Promise<string[]> {
  const before = await tableCounts(t.db)
  const result = await importFiles(t.db, files, { now: NOW })
  if (result.ok) throw new Error('expected the import to fail')
  expect(await tableCounts(t.db)).toEqual(before)
  return result.errors.map(formatImportError)
}

const COURSES_HEADER = 'code,title_zh,title_en,format,duration_minutes,pass_mark,dimension_codes,verification,certificate_code'
const QUIZ_HEADER = 'course_code,position,question_zh,question_en,options_zh,options_en,answer'

const certificates = csv('certificates.csv', ['code,name_zh,name_en', 'OPS-CERT,运营认证,Operations Certificate'])
const courses = csv('courses.csv', [
  COURSES_HEADER,
  'Q-1,测验课,Quiz course,online,60,80,technical_skill,quiz,OPS-CERT',
  'C-1,确认课,Confirmed course,workshop,120,,culture,confirmation,',
  'N-1,普通课,Plain course,online,30,,,,',
])
const quiz = csv('quiz_questions.csv', [
  QUIZ_HEADER,
  'Q-1,1,一加一等于几？,What is one plus one?,1;2;3,one;two;three,B',
  'Q-1,2,天空是什么颜色？,What colour is the sky?,红;蓝,red;blue,2',
  'Q-1,3,哪个是偶数？,Which is even?,3;5;7;8,three;five;seven;eight,d',
])

describe('importing the evidence model', () => {
  it('applies certificates, verified courses, quizzes and source weights, then finds them unchanged', async () => {
    const weights = csv('source_weights.csv', ['scope,source,weight', '*,supervisor,40', '*,self,10', 'ENG2,test,30'])
    const first = await importOk([...BASE, quiz, courses, weights, certificates])
    expect(first.certificates).toEqual({ created: 1, updated: 0, unchanged: 0 })
    expect(first.courses).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(first.quiz_questions).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(first.source_weights).toEqual({ created: 3, updated: 0, unchanged: 0 })

    const stored = await t.db.course.findMany({ orderBy: { code: 'asc' } })
    expect(stored.map((c) => [c.code, c.verification, c.certificateCode])).toEqual([
      ['C-1', 'confirmation', null],
      ['N-1', 'none', null],
      ['Q-1', 'quiz', 'OPS-CERT'],
    ])
    const questions = await t.db.quizQuestion.findMany({ orderBy: { position: 'asc' } })
    expect(questions.map((q) => [q.position, q.textZh, q.textEn, JSON.parse(q.options), q.answer])).toEqual([
      [
        1,
        '一加一等于几？',
        'What is one plus one?',
        [
          { zh: '1', en: 'one' },
          { zh: '2', en: 'two' },
          { zh: '3', en: 'three' },
        ],
        1,
      ],
      [
        2,
        '天空是什么颜色？',
        'What colour is the sky?',
        [
          { zh: '红', en: 'red' },
          { zh: '蓝', en: 'blue' },
        ],
        1,
      ],
      [
        3,
        '哪个是偶数？',
        'Which is even?',
        [
          { zh: '3', en: 'three' },
          { zh: '5', en: 'five' },
          { zh: '7', en: 'seven' },
          { zh: '8', en: 'eight' },
        ],
        3,
      ],
    ])
    expect(
      (await t.db.sourceWeight.findMany({ orderBy: [{ scope: 'asc' }, { source: 'asc' }] })).map((w) => [w.scope, w.source, w.weight]),
    ).toEqual([
      ['*', 'self', 10],
      ['*', 'supervisor', 40],
      ['ENG2', 'test', 30],
    ])
    const certificate = await t.db.certificate.findUniqueOrThrow({ where: { code: 'OPS-CERT' } })
    expect([certificate.nameZh, certificate.nameEn]).toEqual(['运营认证', 'Operations Certificate'])

    const again = await importOk([...BASE, quiz, courses, weights, certificates])
    for (const entity of ['certificates', 'courses', 'quiz_questions', 'source_weights'] as const) {
      expect(again[entity], entity).toEqual({ created: 0, updated: 0, unchanged: first[entity].created })
    }
  })

  it('updates a changed weight and replaces a quiz whole: changed questions updated, dropped ones removed', async () => {
    await importOk([...BASE, certificates, courses, quiz, csv('source_weights.csv', ['scope,source,weight', '*,self,10'])])
    const counts = await importOk([
      csv('source_weights.csv', ['scope,source,weight', '*,self,5']),
      csv('quiz_questions.csv', [
        QUIZ_HEADER,
        'Q-1,1,一加一等于几？,What is one plus one?,1;2;3,one;two;three,B',
        'Q-1,2,天空通常是什么颜色？,What colour is the sky usually?,红;蓝,red;blue,B',
      ]),
    ])
    expect(counts.source_weights).toEqual({ created: 0, updated: 1, unchanged: 0 })
    expect(counts.quiz_questions).toEqual({ created: 0, updated: 1, unchanged: 1 })
    expect((await t.db.sourceWeight.findFirstOrThrow()).weight).toBe(5)
    const questions = await t.db.quizQuestion.findMany({ orderBy: { position: 'asc' } })
    expect(questions.map((q) => [q.position, q.textEn])).toEqual([
      [1, 'What is one plus one?'],
      [2, 'What colour is the sky usually?'],
    ])
  })

  it('reads the quiz from JSON exactly as from CSV, options as arrays, with or without a BOM', async () => {
    await importOk([...BASE, certificates, courses, { ...quiz, content: `\uFEFF${quiz.content}` }])
    const fromCsv = await exportAll(t.db, 'csv')
    const other = await createTestDb()
    try {
      const json = JSON.stringify([
        {
          course_code: 'Q-1',
          position: 1,
          question_zh: '一加一等于几？',
          question_en: 'What is one plus one?',
          options_zh: ['1', '2', '3'],
          options_en: ['one', 'two', 'three'],
          answer: 'B',
        },
        {
          course_code: 'Q-1',
          position: 2,
          question_zh: '天空是什么颜色？',
          question_en: 'What colour is the sky?',
          options_zh: '红;蓝',
          options_en: ['red', 'blue'],
          answer: 2,
        },
        {
          course_code: 'Q-1',
          position: 3,
          question_zh: '哪个是偶数？',
          question_en: 'Which is even?',
          options_zh: ['3', '5', '7', '8'],
          options_en: ['three', 'five', 'seven', 'eight'],
          answer: 'd',
        },
      ])
      const result = await importFiles(other.db, [...BASE, certificates, courses, { name: 'quiz.json', content: `\uFEFF${json}` }], {
        now: NOW,
      })
      if (!result.ok) throw new Error(result.errors.map(formatImportError).join('\n'))
      expect(await exportAll(other.db, 'csv')).toEqual(fromCsv)
    } finally {
      await other.close()
    }
    const exported = fromCsv.find((f) => f.name === 'quiz_questions.csv')!.content
    expect(exported.slice(1).split('\n').slice(0, 2)).toEqual([
      QUIZ_HEADER,
      'Q-1,1,一加一等于几？,What is one plus one?,1;2;3,one;two;three,B',
    ])
  })

  it('stores ratings beside attainment, and reported assignments with who assigned them and when reported', async () => {
    await importOk([
      ...BASE,
      certificates,
      courses,
      quiz,
      csv('assessments.csv', [
        'employee_email,dimension_code,attainment,rating,source,assessed_at',
        'zhou.bo@example.com,technical_skill,80,3,supervisor,2026-10-01',
        'zhou.bo@example.com,culture,75,2.5,supervisor,2026-10-01',
        'zhou.bo@example.com,project_experience,70,,peer,2026-10-01',
      ]),
      csv('assignments.csv', [
        'employee_email,course_code,status,source,assigned_by_email,reported_at',
        'zhou.bo@example.com,C-1,reported,manager,lin.hua@example.com,2026-11-20',
        'sam.taylor@example.com,C-1,reported,self,,',
      ]),
    ])
    const ratings = await t.db.assessment.findMany({ include: { dimension: true }, orderBy: { dimensionId: 'asc' } })
    expect(Object.fromEntries(ratings.map((a) => [a.dimension.code, [a.attainment, a.rating]]))).toEqual({
      technical_skill: [80, 3],
      culture: [75, 2.5],
      project_experience: [70, null],
    })
    const assignments = await t.db.trainingAssignment.findMany({ include: { employee: true }, orderBy: { id: 'asc' } })
    const lin = await t.db.employee.findUniqueOrThrow({ where: { email: 'lin.hua@example.com' } })
    expect(
      assignments.map((a) => [a.employee.email, a.status, a.assignedById, a.reportedAt?.toISOString(), a.verifiedBy, a.completedAt]),
    ).toEqual([
      ['zhou.bo@example.com', 'reported', lin.id, '2026-11-20T00:00:00.000Z', null, null],
      // Without reported_at, it was reported when imported.
      ['sam.taylor@example.com', 'reported', null, NOW.toISOString(), null, null],
    ])
    // A reported training is not a completion: no evidence.
    expect(await t.db.evidence.count()).toBe(0)
  })

  it('takes a completed row as a verified completion record: course evidence and the certificate it grants', async () => {
    const header = 'employee_email,course_code,status,source,completed_at,score,verified_by'
    const counts = await importOk([
      ...BASE,
      certificates,
      courses,
      quiz,
      csv('assignments.csv', [
        header,
        'zhou.bo@example.com,Q-1,completed,import,2026-11-02,86,',
        'sam.taylor@example.com,C-1,completed,manager,2026-11-03,,manager',
        'lin.hua@example.com,N-1,completed,self,2026-11-04,,self',
        'gu.yan@example.com,Q-1,assigned,hr,,,',
      ]),
    ])
    expect(counts.assignments).toEqual({ created: 4, updated: 0, unchanged: 0 })
    expect(counts.evidence).toEqual({ created: 0, updated: 0, unchanged: 0 })
    const rows = await t.db.trainingAssignment.findMany({ include: { employee: true, course: true }, orderBy: { id: 'asc' } })
    expect(rows.map((a) => [a.employee.email, a.course.code, a.status, a.verifiedBy])).toEqual([
      ['zhou.bo@example.com', 'Q-1', 'completed', 'import'],
      ['sam.taylor@example.com', 'C-1', 'completed', 'manager'],
      ['lin.hua@example.com', 'N-1', 'completed', 'self'],
      ['gu.yan@example.com', 'Q-1', 'assigned', null],
    ])
    const evidence = await t.db.evidence.findMany({ include: { employee: true }, orderBy: [{ employeeId: 'asc' }, { kind: 'asc' }] })
    expect(
      evidence.map((e) => [e.employee.email, e.kind, e.key, e.value, e.obtainedAt.toISOString().slice(0, 10), e.source]).sort(),
    ).toEqual(
      [
        ['lin.hua@example.com', 'course', 'N-1', null, '2026-11-04', 'training'],
        ['sam.taylor@example.com', 'course', 'C-1', null, '2026-11-03', 'manager'],
        ['zhou.bo@example.com', 'certificate', 'OPS-CERT', null, '2026-11-02', 'import'],
        ['zhou.bo@example.com', 'course', 'Q-1', 86, '2026-11-02', 'import'],
      ].sort(),
    )

    // The same record again changes nothing; gu.yan's completion later is a new record.
    const again = await importOk([
      csv('assignments.csv', [
        header,
        'zhou.bo@example.com,Q-1,completed,import,2026-11-02,86,',
        'gu.yan@example.com,Q-1,completed,hr,2026-11-21,92,',
      ]),
    ])
    expect(again.assignments).toEqual({ created: 0, updated: 1, unchanged: 1 })
    const gu = await t.db.trainingAssignment.findFirstOrThrow({ where: { employee: { email: 'gu.yan@example.com' } } })
    expect([gu.status, gu.verifiedBy, gu.score]).toEqual(['completed', 'import', 92])
    const guEvidence = await t.db.evidence.findMany({ where: { employee: { email: 'gu.yan@example.com' } }, orderBy: { kind: 'asc' } })
    expect(guEvidence.map((e) => [e.kind, e.key, e.value, e.source])).toEqual([
      ['certificate', 'OPS-CERT', null, 'import'],
      ['course', 'Q-1', 92, 'import'],
    ])
  })

  it('lets evidence rows of the same import win over the evidence a completion record would write', async () => {
    await importOk([
      ...BASE,
      certificates,
      courses,
      quiz,
      csv('assignments.csv', ['employee_email,course_code,status,completed_at,score', 'zhou.bo@example.com,Q-1,completed,2026-11-02,86']),
      csv('evidence.csv', ['employee_email,kind,key,value,obtained_at,source', 'zhou.bo@example.com,course,Q-1,86,2026-11-02,lms']),
    ])
    const evidence = await t.db.evidence.findMany({ orderBy: { kind: 'asc' } })
    expect(evidence.map((e) => [e.kind, e.key, e.source])).toEqual([
      ['certificate', 'OPS-CERT', 'import'],
      ['course', 'Q-1', 'lms'],
    ])
  })

  it('imports a reassessment with the dimension it rates', async () => {
    await importOk([
      ...BASE,
      csv('evaluations.csv', [
        'kind,assignee_email,subject_email,dimension_code,due_at',
        'reassessment,lin.hua@example.com,zhou.bo@example.com,technical_skill,2026-12-01',
        'reassessment,lin.hua@example.com,zhou.bo@example.com,culture,2026-12-01',
      ]),
    ])
    const tasks = await t.db.evaluationTask.findMany({ orderBy: { id: 'asc' } })
    const dimensions = new Map((await t.db.dimension.findMany()).map((d) => [d.id, d.code]))
    expect(tasks.map((task) => [task.kind, dimensions.get(task.dimensionId!), task.status])).toEqual([
      ['reassessment', 'technical_skill', 'open'],
      ['reassessment', 'culture', 'open'],
    ])
  })
})

describe('rejecting bad evidence-model rows', () => {
  it('checks certificates and the verification and certificate of courses', async () => {
    const errors = await errorLines([
      ...BASE,
      csv('certificates.csv', ['code,name_zh,name_en', 'bad code,证,Cert', 'OK-CERT,证书,Cert', 'OK-CERT,证书二,Cert 2', 'NO-NAME,,Cert']),
      csv('courses.csv', [
        COURSES_HEADER,
        'X-1,课,Course,online,60,,,exam,',
        'X-2,课,Course,online,60,,,confirmation,NO-SUCH-CERT',
        'X-3,课,Course,online,60,,,quiz,',
      ]),
    ])
    expect(errors).toEqual([
      'certificates.csv:2: code: letters, digits, "_", "-" and "." only, starting with a letter or digit',
      'certificates.csv:4: code: duplicate of row 3 (OK-CERT)',
      'certificates.csv:5: name_zh: required',
      'courses.csv:2: verification: expected one of none, quiz, confirmation, record',
      'courses.csv:3: certificate_code: unknown certificate "NO-SUCH-CERT" (not in the database nor in this import)',
      'courses.csv:4: verification: course X-3 is verified by a quiz but has no questions (not in the database nor in this import): add quiz_questions rows for it, or choose confirmation or record',
    ])
  })

  it('checks every quiz question: options in both languages, 2–8 of them, an answer among them', async () => {
    const errors = await errorLines([
      ...BASE,
      certificates,
      courses,
      csv('quiz_questions.csv', [
        QUIZ_HEADER,
        'Q-1,1,问题,Question,是;否;也许,yes;no,A',
        'Q-1,2,问题,Question,只有一个,only one,A',
        'Q-1,3,问题,Question,是;否,yes;no,C',
        'Q-1,4,问题,Question,是;否,yes;no,0',
        'Q-1,5,问题,Question,是;是,yes;yes,A',
        'Q-1,0,,Question,是;否,yes;no,A',
        'Q-1,7,问题,Question,是;否,yes;no,A',
        'Q-1,7,问题二,Question two,是;否,yes;no,B',
        'NOPE,1,问题,Question,是;否,yes;no,A',
        'Q-1,6,问题,Question,1;2;3;4;5;6;7;8;9,1;2;3;4;5;6;7;8;9,I',
      ]),
    ])
    expect(errors).toEqual([
      'quiz_questions.csv:2: options_en: has 2 options, options_zh has 3: each option needs both languages',
      'quiz_questions.csv:3: options_zh: expected 2 to 8 options separated by ";", found 1',
      'quiz_questions.csv:4: answer: there are only 2 options (A–B, 1–2)',
      'quiz_questions.csv:5: answer: expected the correct option as a letter A–H or a number 1–8',
      'quiz_questions.csv:6: options_zh: the option "是" appears twice',
      'quiz_questions.csv:6: options_en: the option "yes" appears twice',
      'quiz_questions.csv:7: position: must be at least 1',
      'quiz_questions.csv:7: question_zh: required',
      'quiz_questions.csv:9: position: duplicate of row 8 (Q-1 question 7)',
      'quiz_questions.csv:10: course_code: unknown course "NOPE" (not in the database nor in this import)',
      'quiz_questions.csv:11: answer: expected the correct option as a letter A–H or a number 1–8',
    ])
  })

  it('checks source weights: a scope that is "*" or a job, a known source, 0–100, once per scope and source', async () => {
    const errors = await errorLines([
      ...BASE,
      csv('source_weights.csv', [
        'scope,source,weight',
        '*,supervisor,40',
        'NO-SUCH-JOB,supervisor,40',
        '**,self,10',
        '*,boss,10',
        'ENG2,peer,101',
        'ENG2,peer,2.5',
        '*,supervisor,30',
      ]),
    ])
    expect(errors).toEqual([
      'source_weights.csv:3: scope: "NO-SUCH-JOB" is neither "*" (the organisation\'s default) nor a job in the database or this import',
      'source_weights.csv:4: scope: expected "*" (the organisation\'s default) or a job code',
      'source_weights.csv:5: source: expected one of self, supervisor, peer, 360, test, system, import, practical',
      'source_weights.csv:6: weight: must be at most 100',
      'source_weights.csv:7: weight: expected a whole number',
      'source_weights.csv:8: source: duplicate of row 2 (* supervisor)',
    ])
  })

  it('checks ratings, verified and reported assignments, and reassessments', async () => {
    const errors = await errorLines([
      ...BASE,
      certificates,
      courses,
      quiz,
      csv('assessments.csv', [
        'employee_email,dimension_code,attainment,rating,source,assessed_at',
        'zhou.bo@example.com,culture,80,6,supervisor,2026-10-01',
        'zhou.bo@example.com,culture,80,good,supervisor,2026-10-02',
        'zhou.bo@example.com,culture,80,0.5,supervisor,2026-10-03',
      ]),
      csv('assignments.csv', [
        'employee_email,course_code,status,assigned_by_email,completed_at,verified_by',
        'zhou.bo@example.com,C-1,reported,,,manager',
        'sam.taylor@example.com,C-1,completed,,2026-11-01,robot',
        'gu.yan@example.com,C-1,finished,,,',
        'lin.hua@example.com,C-1,assigned,nobody@example.com,,',
      ]),
      csv('evaluations.csv', [
        'kind,assignee_email,subject_email,dimension_code',
        'reassessment,lin.hua@example.com,zhou.bo@example.com,',
        'supervisor_evaluation,lin.hua@example.com,zhou.bo@example.com,culture',
        'reassessment,lin.hua@example.com,zhou.bo@example.com,ghost',
      ]),
    ])
    expect(errors).toEqual([
      'assessments.csv:2: rating: a rating is between 1 and 5',
      'assessments.csv:3: rating: expected a number',
      'assessments.csv:4: rating: a rating is between 1 and 5',
      'assignments.csv:2: verified_by: only a completed assignment is verified (status is reported)',
      'assignments.csv:3: verified_by: expected one of self, quiz, manager, hr, import',
      'assignments.csv:4: status: expected one of assigned, in_progress, reported, completed, overdue, waived',
      'assignments.csv:5: assigned_by_email: unknown employee "nobody@example.com" (not in the database nor in this import)',
      'evaluations.csv:2: dimension_code: required for a reassessment (the dimension to rate again)',
      'evaluations.csv:3: dimension_code: only a reassessment rates one dimension (kind is supervisor_evaluation)',
      'evaluations.csv:4: dimension_code: unknown dimension "ghost" (not in the database nor in this import)',
    ])
  })

  it('does not call a quiz missing when its questions are there but have errors of their own', async () => {
    const errors = await errorLines([
      ...BASE,
      certificates,
      courses,
      csv('quiz_questions.csv', [QUIZ_HEADER, 'Q-1,1,问题,Question,是;否,yes;no,Z']),
    ])
    expect(errors).toEqual(['quiz_questions.csv:2: answer: expected the correct option as a letter A–H or a number 1–8'])
  })

  it('accepts a quiz course whose questions are already stored, and refuses one made quiz later without them', async () => {
    await importOk([...BASE, certificates, courses, quiz])
    // Q-1 has its questions in the database; N-1 becoming a quiz has none.
    const errors = await errorLines([
      csv('courses.csv', [
        'code,title_zh,title_en,format,duration_minutes,verification',
        'Q-1,测验课,Quiz course,online,60,quiz',
        'N-1,普通课,Plain course,online,30,quiz',
      ]),
    ])
    expect(errors).toEqual([
      'courses.csv:3: verification: course N-1 is verified by a quiz but has no questions (not in the database nor in this import): add quiz_questions rows for it, or choose confirmation or record',
    ])
  })
})
