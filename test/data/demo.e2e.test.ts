import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isEmpty, seedDemo } from '../../adapters/db/demo/index.js'
import { exportAll } from '../../adapters/db/export.js'
import { ASSESSMENT_SOURCES, ASSIGNMENT_STATUSES, COURSE_FORMATS, EVALUATION_KINDS } from '../../core/kernel/domain/types.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { NOW, tableCounts } from './helpers.js'

const DAY = 86_400_000
let t: TestDb
let wasEmpty: boolean
beforeAll(async () => {
  t = await createTestDb()
  wasEmpty = await isEmpty(t.db)
  await seedDemo(t.db, NOW)
})
afterAll(async () => {
  await t.close()
})

const person = (email: string) => t.db.employee.findUniqueOrThrow({ where: { email } })

/** Latest attainment per dimension code, as the gap engine reads it. */
async function latest(email: string): Promise<Record<string, number>> {
  const rows = await t.db.assessment.findMany({
    where: { employee: { email } },
    include: { dimension: true },
    orderBy: { assessedAt: 'asc' },
  })
  return Object.fromEntries(rows.map((r) => [r.dimension.code, r.attainment]))
}

/** Weighted attainment against a job's standard, and whether every dimension floor holds. */
async function weighted(email: string, jobCode: string): Promise<{ score: number; threshold: number }> {
  const standard = await t.db.qualificationStandard.findFirstOrThrow({
    where: { job: { code: jobCode } },
    include: { dimensions: { include: { dimension: true } } },
  })
  const scores = await latest(email)
  const score = standard.dimensions.reduce((sum, d) => sum + ((scores[d.dimension.code] ?? 0) * d.weight) / 100, 0)
  return { score, threshold: standard.threshold }
}

describe('the demo organisation', () => {
  it('is seeded only into an empty database', async () => {
    expect(wasEmpty).toBe(true)
    expect(await isEmpty(t.db)).toBe(false)
  })

  it('has the promised size and variety', async () => {
    const counts = await tableCounts(t.db)
    expect(counts.employees).toBeGreaterThanOrEqual(30)
    expect(counts.departments).toBeGreaterThanOrEqual(4)
    expect(counts.courses).toBeGreaterThanOrEqual(12)
    const formats = new Set((await t.db.course.findMany()).map((c) => c.format))
    expect([...formats].sort()).toEqual([...COURSE_FORMATS].sort())
    const hq = await t.db.department.findUniqueOrThrow({ where: { code: 'HQ' }, include: { children: true } })
    expect(hq.parentId).toBeNull()
    expect(hq.children.map((d) => d.code).sort()).toEqual(['HR', 'MKT', 'PROD', 'RETAIL', 'RND'])
    const employees = await t.db.employee.findMany()
    expect(employees.filter((e) => e.locale === 'en').length).toBeGreaterThanOrEqual(5)
    expect(new Set(employees.map((e) => e.timeZone))).toEqual(new Set(['Asia/Shanghai', 'Europe/London', 'America/New_York']))
    expect(employees.some((e) => e.status === 'inactive')).toBe(true)
    expect(new Set((await t.db.trainingAssignment.findMany()).map((a) => a.status))).toEqual(new Set(ASSIGNMENT_STATUSES))
    expect(new Set((await t.db.evaluationTask.findMany()).map((e) => e.kind))).toEqual(new Set(EVALUATION_KINDS))
    const sources = new Set((await t.db.assessment.findMany()).map((a) => a.source))
    // Supervisor, peer and self at least: the gap card shows how sources combine (docs/evidence.md).
    expect(ASSESSMENT_SOURCES.filter((s) => sources.has(s)).length).toBeGreaterThanOrEqual(3)
    for (const source of ['supervisor', 'peer', 'self'] as const) expect(sources.has(source), source).toBe(true)
  })

  it("gives Li Lei the seed article's latest scores, with lower history before them", async () => {
    expect(await latest('li.lei@demo.ladder')).toEqual({
      professional_knowledge: 80,
      technical_skill: 75,
      project_experience: 60,
      culture: 90,
      team_management: 70,
      project_coordination: 65,
    })
    // Self-views aside: they never raise a figure (docs/evidence.md).
    const all = await t.db.assessment.findMany({
      where: { employee: { email: 'li.lei@demo.ladder' }, dimension: { code: 'project_experience' }, source: { not: 'self' } },
    })
    expect(all.length).toBeGreaterThan(1)
    expect(Math.max(...all.map((a) => a.attainment))).toBe(60)
    expect((await weighted('li.lei@demo.ladder', 'RD3')).score).toBe(75)
    const evidence = await t.db.evidence.findMany({ where: { employee: { email: 'li.lei@demo.ladder' }, key: 'TECH-EXAM' } })
    expect(evidence).toEqual([])
  })

  it('gives Li Lei a training due soon, one overdue and one done, and Han Meimei two evaluations', async () => {
    const li = await person('li.lei@demo.ladder')
    const trainings = await t.db.trainingAssignment.findMany({ where: { employeeId: li.id }, include: { course: true } })
    const due = Object.fromEntries(
      trainings.map((a) => [a.course.code, [a.status, a.dueAt && Math.round((a.dueAt.getTime() - NOW.getTime()) / DAY)]]),
    )
    expect(due).toEqual({ 'RD-101': ['assigned', 2], 'RD-201': ['overdue', -3], 'CU-101': ['completed', -14] })
    const han = await person('han.meimei@demo.ladder')
    const tasks = await t.db.evaluationTask.findMany({
      where: { assigneeId: han.id, kind: 'supervisor_evaluation', status: { in: ['open', 'overdue'] } },
    })
    const inDays = tasks.map((task) => Math.round((task.dueAt!.getTime() - NOW.getTime()) / DAY)).sort((a, b) => a - b)
    expect(inDays).toEqual([-4, 5])
    expect(tasks.find((task) => task.subjectId === li.id)?.status).toBe('open')
    expect((await t.db.employee.count({ where: { managerId: han.id } })) - 2).toBeGreaterThanOrEqual(4)
  })

  it('has people ready for Team Lead, and one who misses Staff Engineer only on a hard requirement', async () => {
    for (const email of ['zhao.qiang@demo.ladder', 'sun.li@demo.ladder']) {
      const { score, threshold } = await weighted(email, 'MG1')
      expect(score, email).toBeGreaterThanOrEqual(threshold)
    }
    expect((await weighted('li.lei@demo.ladder', 'MG1')).score).toBeLessThan(80)
    const { score } = await weighted('zheng.yu@demo.ladder', 'RD3')
    expect(score).toBeGreaterThanOrEqual(80)
    const exam = await t.db.evidence.findFirstOrThrow({ where: { employee: { email: 'zheng.yu@demo.ladder' }, key: 'TECH-EXAM' } })
    expect(exam.value).toBeLessThan(80)
  })

  it('seeds the standards of the seed articles, with their hard requirements', async () => {
    const rt3 = await t.db.qualificationStandard.findFirstOrThrow({
      where: { job: { code: 'RT3' } },
      include: { dimensions: { include: { dimension: true, indicators: true }, orderBy: { id: 'asc' } } },
    })
    expect(rt3.dimensions.map((d) => [d.dimension.code, d.weight])).toEqual([
      ['business', 40],
      ['team_management', 30],
      ['customer_service', 20],
      ['culture', 10],
    ])
    const requirements = await t.db.indicator.findMany({ where: { requirementKind: { not: null } }, orderBy: { requirementKind: 'asc' } })
    expect(requirements.map((i) => [i.requirementKind, i.requirementKey, i.requirementValue])).toEqual([
      ['certificate', 'STORE-OPS-CERT', null],
      ['course', 'MG-201', null],
      ['min_score', 'TECH-EXAM', 80],
      ['min_years', null, 5],
    ])
  })

  it('names every required certificate, and a course grants it', async () => {
    const required = await t.db.indicator.findMany({ where: { requirementKind: 'certificate' } })
    const certificates = new Set((await t.db.certificate.findMany()).map((c) => c.code))
    const granted = new Set((await t.db.course.findMany()).map((c) => c.certificateCode).filter(Boolean))
    expect(required.length).toBeGreaterThan(0)
    for (const { requirementKey } of required) {
      expect(certificates.has(requirementKey!), requirementKey!).toBe(true)
      expect(granted.has(requirementKey!), requirementKey!).toBe(true)
    }
  })

  it('verifies required courses, and gives every quiz course 4–6 bilingual questions', async () => {
    const courses = await t.db.course.findMany({ include: { questions: true } })
    const required = await t.db.indicator.findMany({ where: { requirementKind: 'course' } })
    for (const { requirementKey } of required) {
      expect(courses.find((c) => c.code === requirementKey)?.verification, requirementKey!).not.toBe('none')
    }
    const rd101 = courses.find((c) => c.code === 'RD-101')!
    expect([rd101.verification, rd101.passMark]).toEqual(['quiz', 80])
    const quizzes = courses.filter((c) => c.verification === 'quiz')
    expect(quizzes.length).toBeGreaterThanOrEqual(3)
    for (const course of quizzes) {
      expect(course.questions.length, course.code).toBeGreaterThanOrEqual(4)
      expect(course.questions.length, course.code).toBeLessThanOrEqual(6)
      for (const q of course.questions) {
        const options = JSON.parse(q.options) as { zh: string; en: string }[]
        expect(q.textZh && q.textEn, `${course.code} ${q.position}`).toBeTruthy()
        expect(options.every((o) => o.zh && o.en)).toBe(true)
        expect(q.answer).toBeLessThan(options.length)
      }
    }
  })

  it('has the default source weights, a training awaiting verification, verified completions and a reassessment', async () => {
    const defaults = await t.db.sourceWeight.findMany({ where: { scope: '*' } })
    expect(Object.fromEntries(defaults.map((w) => [w.source, w.weight]))).toEqual({
      supervisor: 40,
      '360': 25,
      peer: 25,
      test: 20,
      import: 40,
      system: 40,
      self: 10,
    })
    const liu = await t.db.trainingAssignment.findFirstOrThrow({
      where: { employee: { email: 'liu.yang@demo.ladder' } },
      include: { course: true },
    })
    expect([liu.course.code, liu.status, liu.verifiedBy, liu.reportedAt !== null]).toEqual(['RT-201', 'reported', null, true])
    const completed = await t.db.trainingAssignment.findMany({ where: { status: 'completed' } })
    expect(completed.every((a) => a.verifiedBy !== null)).toBe(true)
    const reassessment = await t.db.evaluationTask.findFirstOrThrow({ where: { kind: 'reassessment' }, include: { subject: true } })
    expect([reassessment.subject?.email, reassessment.dimensionId !== null]).toEqual(['he.jing@demo.ladder', true])
  })

  it('says which career tracks its courses are for, so HR compliance is not suggested to engineers', async () => {
    const courses = await t.db.course.findMany({ select: { code: true, audienceTracks: true }, orderBy: { code: 'asc' } })
    const audience = Object.fromEntries(courses.map((c) => [c.code, c.audienceTracks]))
    expect(audience).toMatchObject({ 'HR-101': 'hr', 'RD-203': 'rd', 'MG-101': 'management', 'RT-101': 'retail', 'CU-101': '' })
  })

  it('changes nothing when seeded again the same day', async () => {
    const before = await tableCounts(t.db)
    const exported = await exportAll(t.db, 'csv')
    await seedDemo(t.db, new Date(NOW.getTime() + 3_600_000))
    expect(await tableCounts(t.db)).toEqual(before)
    expect(await exportAll(t.db, 'csv')).toEqual(exported)
  })
})
