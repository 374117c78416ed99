// A small, fully known organisation for use-case tests (the demo is bigger and may change).
//   boss (manager) ── mia (manager) ─┬─ eve (employee, RD2, zh-CN)
//                                    └─ tom (employee, RD1, en)
//   hana (hr), pat (employee, RD2, another team)
import { type SeedTarget, seederFor } from './seed.js'

export const NOW = new Date('2026-11-23T02:00:00Z')
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000)

export interface Org {
  ids: Record<'boss' | 'mia' | 'eve' | 'tom' | 'hana' | 'pat', number>
  dims: Record<'know' | 'tech' | 'proj' | 'culture' | 'team', number>
  jobs: Record<'RD1' | 'RD2' | 'RD3' | 'MG1', number>
  courses: Record<'PM' | 'DESIGN' | 'CULTURE' | 'LEAD', number>
}

/** Builds the org in a SQLite database (Prisma) or in the in-memory store: same rows, same ids. */
export async function buildOrg(target: SeedTarget): Promise<Org> {
  const db = seederFor(target)
  const dept = await db.create('department', { code: 'RND', nameZh: '研发中心', nameEn: 'R&D' })
  const dim = (code: string, zh: string, en: string) => db.create('dimension', { code, nameZh: zh, nameEn: en })
  const dims = {
    know: (await dim('professional_knowledge', '专业知识', 'Professional knowledge')).id,
    tech: (await dim('technical_skill', '技术能力', 'Technical skill')).id,
    proj: (await dim('project_experience', '项目经验', 'Project experience')).id,
    culture: (await dim('culture', '文化认同', 'Culture fit')).id,
    team: (await dim('team_management', '团队管理', 'Team management')).id,
  }
  const job = (code: string, zh: string, en: string, track: string, level: number) =>
    db.create('job', { code, titleZh: zh, titleEn: en, track, level })
  const jobs = {
    RD1: (await job('RD1', '研发工程师', 'R&D Engineer', 'rd', 1)).id,
    RD2: (await job('RD2', '高级研发工程师', 'Senior R&D Engineer', 'rd', 2)).id,
    RD3: (await job('RD3', '资深研发工程师', 'Staff R&D Engineer', 'rd', 3)).id,
    MG1: (await job('MG1', '团队负责人', 'Team Lead', 'management', 1)).id,
  }
  for (const [fromJobId, toJobId] of [
    [jobs.RD1, jobs.RD2],
    [jobs.RD2, jobs.RD3],
    [jobs.RD2, jobs.MG1],
  ] as const)
    await db.create('promotionPath', { fromJobId, toJobId })
  const standard = async (jobId: number, weights: [number, number][], threshold = 80) => {
    const s = await db.create('qualificationStandard', { jobId, version: 1, effectiveFrom: daysAgo(365), threshold })
    const sds = new Map<number, number>()
    for (const [dimensionId, weight] of weights) {
      const sd = await db.create('standardDimension', { standardId: s.id, dimensionId, weight })
      sds.set(dimensionId, sd.id)
      await db.create('indicator', {
        standardDimensionId: sd.id,
        code: `i${dimensionId}`,
        textZh: `指标${dimensionId}`,
        textEn: `Indicator ${dimensionId}`,
      })
    }
    return { ...s, sds }
  }
  const rd = [
    [dims.know, 30],
    [dims.tech, 40],
    [dims.proj, 20],
    [dims.culture, 10],
  ] as [number, number][]
  await standard(jobs.RD2, rd)
  const rd3 = await standard(jobs.RD3, rd)
  await db.create('indicator', {
    standardDimensionId: rd3.sds.get(dims.tech),
    code: 'exam',
    textZh: '技术考试 ≥ 80',
    textEn: 'Tech exam ≥ 80',
    requirementKind: 'min_score',
    requirementKey: 'TECH-EXAM',
    requirementValue: 80,
  })
  await standard(jobs.MG1, [
    [dims.team, 50],
    [dims.proj, 30],
    [dims.culture, 20],
  ])

  const course = async (code: string, zh: string, en: string, format: string, dimensionIds: number[]) => {
    const c = await db.create('course', { code, titleZh: zh, titleEn: en, format, durationMinutes: 120, passMark: 80 })
    for (const dimensionId of dimensionIds) await db.create('courseDimension', { courseId: c.id, dimensionId })
    return c.id
  }
  const courses = {
    PM: await course('RD-101', '研发项目管理', 'R&D Project Management', 'online', [dims.proj]),
    DESIGN: await course('RD-201', '医疗设备设计进阶', 'Advanced Medical Device Design', 'online', [dims.tech]),
    CULTURE: await course('CU-101', '企业文化', 'Company Culture', 'workshop', [dims.culture]),
    LEAD: await course('MG-101', '团队管理基础', 'Team Management Fundamentals', 'mentor', [dims.team]),
  }

  const person = (email: string, name: string, nameEn: string, extra: Record<string, unknown>) =>
    db.create('employee', { email, name, nameEn, departmentId: dept.id, hireDate: daysAgo(6 * 365), ...extra })
  const boss = await person('boss@t.test', '老板', 'Boss', { roles: 'employee,manager', jobId: jobs.MG1 })
  const mia = await person('mia@t.test', '米娅', 'Mia', { roles: 'employee,manager', jobId: jobs.MG1, managerId: boss.id })
  const eve = await person('eve@t.test', '伊娃', 'Eve', { jobId: jobs.RD2, managerId: mia.id })
  const tom = await person('tom@t.test', '汤姆', 'Tom', { jobId: jobs.RD1, managerId: mia.id, locale: 'en', timeZone: 'Europe/London' })
  const hana = await person('hana@t.test', '花', 'Hana', { roles: 'employee,hr' })
  const pat = await person('pat@t.test', '帕特', 'Pat', { jobId: jobs.RD2 })

  // Eve: the seed article's example, 80/75/60/90 → 75 % for RD3, with older lower history.
  const assess = (employeeId: number, dimensionId: number, attainment: number, days: number, source = 'supervisor') =>
    db.create('assessment', { employeeId, dimensionId, attainment, source, assessedAt: daysAgo(days) })
  for (const [d, old, latest] of [
    [dims.know, 60, 80],
    [dims.tech, 50, 75],
    [dims.proj, 40, 60],
    [dims.culture, 70, 90],
  ] as const) {
    await assess(eve.id, d, old, 200)
    await assess(eve.id, d, latest, 20)
  }
  await assess(eve.id, dims.team, 85, 20)
  // Pat: ready for MG1.
  for (const d of [dims.team, dims.proj, dims.culture]) await assess(pat.id, d, 90, 10)

  await db.create('trainingAssignment', { employeeId: eve.id, courseId: courses.DESIGN, dueAt: daysAgo(3), assignedAt: daysAgo(30) })
  await db.create('evaluationTask', { kind: 'supervisor_evaluation', assigneeId: mia.id, subjectId: eve.id, dueAt: daysAgo(-5) })

  return { ids: { boss: boss.id, mia: mia.id, eve: eve.id, tom: tom.id, hana: hana.id, pat: pat.id }, dims, jobs, courses }
}
