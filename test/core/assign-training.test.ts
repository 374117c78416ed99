// Assignment by managers and HR: who may assign to whom, the team, what is
// already there, refusals that reveal nobody; the due dates chat can say; a
// hard requirement's way forward and the order of recommendations.
import { beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import { handleAction } from '../../core/app/handle-action.js'
import type { LadderDeps } from '../../core/app/store.js'
import { type AssignTrainingResult, assignTraining } from '../../core/features/gap/assign-training.js'
import { promotionGapCard } from '../../core/features/gap/gap-card.js'
import { promotionGap } from '../../core/features/gap/promotion-gap.js'
import { recommendTraining } from '../../core/features/gap/recommend-training.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Actor } from '../../core/kernel/context.js'
import { parseDueDate } from '../../core/kernel/domain/parse-due-date.js'
import type { Assignment, Certificate, Course, HardRequirement } from '../../core/kernel/domain/types.js'
import { wayForward } from '../../core/kernel/domain/way-forward.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { makeDeps, memoryLogger } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'
import { seederFor } from '../support/seed.js'

type Who = keyof Org['ids']

let b: Backend
let org: Org
let deps: LadderDeps
let sent: Delivery[]
const { where } = queries(() => b)

const actor = async (key: Who): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(org.ids[key]))!
  return { employee, locale: employee.locale }
}
const text = (card: Card) => card.fallback

beforeEach(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  sent = []
  deps = { ...makeDeps(b.store, NOW), deliver: async (d) => void sent.push(...d) }
})

const outcomes = (r: AssignTrainingResult) =>
  r.kind === 'done' ? r.outcomes.map((o) => (o.kind === 'refused' ? 'refused' : `${o.employee.email}:${o.kind}`)) : r.kind

describe('assignTraining: who may assign to whom', () => {
  const cases: [asker: Who, to: Who[] | 'team', expected: string[] | string][] = [
    ['mia', ['eve'], ['eve@t.test:assigned']], // a direct report
    ['boss', ['eve'], ['eve@t.test:assigned']], // an indirect report
    ['hana', ['pat'], ['pat@t.test:assigned']], // HR: anyone
    ['hana', ['boss'], ['boss@t.test:assigned']],
    ['eve', ['eve'], ['eve@t.test:enrolled_self']], // oneself: an enrolment
    ['pat', ['eve'], 'refused'], // a peer in another team
    ['eve', ['tom'], 'refused'], // a teammate
    ['tom', ['mia'], 'refused'], // one's own manager
    ['mia', ['boss'], 'refused'], // upwards
    ['mia', ['pat'], 'refused'], // another team
    ['mia', ['eve', 'pat'], ['eve@t.test:assigned', 'refused']], // a mix: the refused one is not named
    ['mia', ['eve', 'tom'], ['eve@t.test:assigned', 'tom@t.test:assigned']],
    ['mia', 'team', ['eve@t.test:assigned', 'tom@t.test:assigned']],
    ['boss', 'team', ['mia@t.test:assigned', 'eve@t.test:assigned', 'tom@t.test:assigned']],
    ['tom', 'team', 'no_team'],
    ['mia', [], 'no_one'],
  ]
  it.each(cases)('%s assigns RD-101 to %j → %j', async (asker, to, expected) => {
    const ids = to === 'team' ? 'team' : to.map((w) => org.ids[w])
    const result = await assignTraining(deps, await actor(asker), { courseCode: 'RD-101', to: ids })
    const got = outcomes(result)
    if (Array.isArray(expected)) expect([...(got as string[])].sort()).toEqual([...expected].sort())
    else expect(got).toBe(expected)
    const assigned = Array.isArray(expected) ? expected.filter((e) => e.endsWith(':assigned')).length : 0
    // Each new assignee (never the asker) is notified once, with the course card in their language.
    expect(sent.map((d) => d.recipientId).sort()).toEqual(
      result.kind === 'done'
        ? result.outcomes
            .filter((o) => o.kind === 'assigned')
            .map((o) => (o.kind === 'assigned' ? o.employee.id : 0))
            .sort()
        : [],
    )
    expect(sent).toHaveLength(assigned)
  })

  it('records who assigned it, with the manager or HR as the source, and audits it', async () => {
    await assignTraining(deps, await actor('mia'), { courseCode: 'rd-101', to: [org.ids.eve] })
    await assignTraining(deps, await actor('hana'), { courseCode: 'RD-101', to: [org.ids.pat] })
    const rows = await where('trainingAssignment', (a) => a.courseId === org.courses.PM)
    expect(rows.map((r) => [r.employeeId, r.source, r.assignedById])).toEqual([
      [org.ids.eve, 'manager', org.ids.mia],
      [org.ids.pat, 'hr', org.ids.hana],
    ])
    const audit = await where('auditLog', (a) => a.action === 'training.assign')
    expect(audit.map((a) => a.actorId)).toEqual([org.ids.mia, org.ids.hana])
  })

  it('says per person what was already there, and notifies nobody twice', async () => {
    await seederFor(b.seed).create('trainingAssignment', {
      employeeId: org.ids.tom,
      courseId: org.courses.DESIGN,
      assignedAt: NOW,
      status: 'completed',
      completedAt: NOW,
    })
    // Eve has RD-201 open already (org.ts); Tom completed it.
    const result = await assignTraining(deps, await actor('mia'), { courseCode: 'RD-201', to: 'team' })
    expect(outcomes(result)).toEqual(['eve@t.test:already_assigned', 'tom@t.test:already_completed'])
    expect(sent).toEqual([])
    const again = await assignTraining(deps, await actor('mia'), { courseCode: 'RD-101', to: [org.ids.eve] })
    const twice = await assignTraining(deps, await actor('mia'), { courseCode: 'RD-101', to: [org.ids.eve] })
    expect(outcomes(again)).toEqual(['eve@t.test:assigned'])
    expect(outcomes(twice)).toEqual(['eve@t.test:already_assigned'])
    expect(sent).toHaveLength(1)
  })

  it('answers an unknown course, a due date in the past, and an unknown person', async () => {
    const mia = await actor('mia')
    expect((await assignTraining(deps, mia, { courseCode: 'NOPE-1', to: [org.ids.eve] })).kind).toBe('unknown_course')
    expect((await assignTraining(deps, mia, { to: [org.ids.eve] })).kind).toBe('unknown_course')
    const past = new Date(NOW.getTime() - 86_400_000)
    expect((await assignTraining(deps, mia, { courseCode: 'RD-101', to: [org.ids.eve], dueAt: past })).kind).toBe('past_due')
    expect(await assignTraining(deps, mia, { courseCode: 'RD-101', to: [999_999] })).toEqual({ kind: 'refused' })
    expect(await where('trainingAssignment', (a) => a.courseId === org.courses.PM)).toEqual([])
  })

  it('keeps the due date and shows it on the notice, in the assignee’s language', async () => {
    const dueAt = new Date('2026-12-20T15:59:00Z')
    const result = await assignTraining(deps, await actor('mia'), { courseCode: 'RD-101', to: [org.ids.tom], dueAt })
    expect(result.kind === 'done' && result.outcomes[0]?.kind === 'assigned' && result.outcomes[0].assignment.dueAt).toEqual(dueAt)
    const [notice] = sent
    // Tom reads English: "Mia assigned you a course".
    expect(notice?.card.header?.title).toBe(t('en', 'assign.notice.title', { manager: 'Mia', course: 'R&D Project Management' }))
    const buttons = notice!.card.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : []))
    expect(buttons.map((x) => x.action.id)).toContain('training_done')
    expect(text(notice!.card)).toContain('Dec 20, 2026')
  })
})

describe('assign_training from chat (the core as adapters see it)', () => {
  const as = (email: string) => ({ sender: { platform: 'cli' as const, tenant: 'local', userId: email } })
  const core = () =>
    createCore({ store: b.store, clock: { now: () => NOW }, log: memoryLogger(), deliver: async (d) => void sent.push(...d) })
  const assignments = async (who: Who) => (await where('trainingAssignment', (a) => a.employeeId === org.ids[who])).length

  it.each([
    ['mia@t.test', '给伊娃报名 RD-101', ['eve']],
    ['mia@t.test', 'assign RD-101 to Tom by Friday', ['tom']],
    ['mia@t.test', '给伊娃和汤姆报名 RD-101', ['eve', 'tom']],
    ['mia@t.test', '给我的团队都安排 RD-101', ['eve', 'tom']],
    ['mia@t.test', '让伊娃去上 RD-101', ['eve']],
    ['mia@t.test', 'enrol Eve in RD-101', ['eve']],
    ['mia@t.test', '报名 RD-101 伊娃', ['eve']], // typed as an enrolment: still Eve's, never Mia's
    ['hana@t.test', 'assign RD-101 to pat@t.test', ['pat']],
  ] as const)('%s: %s', async (email, message, who) => {
    const before = await assignments('mia')
    const reply = await core().handleMessage({ ...as(email), text: message })
    expect(reply?.intent).toBe('assign_training')
    for (const w of who) expect(await assignments(w), w).toBeGreaterThan(w === 'eve' ? 1 : 0)
    expect(sent.map((d) => d.recipientId).sort()).toEqual(who.map((w) => org.ids[w]).sort())
    expect(await assignments('mia')).toBe(before)
  })

  it('reads the due date from the text', async () => {
    await core().handleMessage({ ...as('mia@t.test'), text: '给汤姆报名 RD-101，12月20日前' })
    const [row] = await where('trainingAssignment', (a) => a.employeeId === org.ids.tom)
    // The end of 20 December in Mia's time zone (Asia/Shanghai by default).
    expect(row?.dueAt?.toISOString()).toBe('2026-12-20T15:59:00.000Z')
  })

  it('refuses a peer, changes nothing for anyone, and never enrols the asker instead', async () => {
    const before = (await where('trainingAssignment')).length
    for (const message of ['给伊娃报名 RD-101', '报名 RD-101 伊娃', 'assign RD-101 to Eve']) {
      const reply = await core().handleMessage({ ...as('pat@t.test'), text: message })
      expect(reply?.intent).toBe('assign_training')
      expect(reply?.card.fallback).toContain(t(reply!.card.locale, 'assign.refused'))
    }
    expect((await where('trainingAssignment')).length).toBe(before)
    expect(sent).toEqual([])
  })

  it('assigns from the Assign button on a report’s gap report, with the same rules', async () => {
    const mia = await actor('mia')
    const card = promotionGapCard(await promotionGap(deps, mia, { subjectId: org.ids.eve }), mia.locale)
    const button = card.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : [])).find((x) => x.action.id === 'assign')
    expect(button?.action.value).toBe(`RD-101@${org.ids.eve}`)
    const action = {
      sender: as('mia@t.test').sender,
      surface: { kind: 'direct' as const },
      actionId: 'assign' as const,
      value: button!.action.value,
    }
    const reply = await handleAction(deps, mia, action)
    expect(reply.kind).toBe('replace')
    if (reply.kind !== 'replace') return
    expect(reply.notice?.text).toBe(t(mia.locale, 'assign.toast', { name: '伊娃', course: 'RD-101' }))
    // The refreshed card no longer offers RD-101 for Eve.
    expect(reply.card.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : [])).map((x) => x.action.value)).not.toContain(
      `RD-101@${org.ids.eve}`,
    )
    const peer = await handleAction(deps, await actor('pat'), { ...action, sender: as('pat@t.test').sender })
    const pat = await actor('pat')
    expect(peer).toEqual({ kind: 'notify', notice: { tone: 'error', text: t(pat.locale, 'access.refused') } })
    for (const bad of ['RD-101', 'RD-101@x', '@12', 'RD-101@1@2'])
      expect((await handleAction(deps, mia, { ...action, value: bad })).kind).toBe('notify')
  })
})

describe('parseDueDate', () => {
  // Monday 23 November 2026, 10:00 in Shanghai.
  const now = new Date('2026-11-23T02:00:00Z')
  const cases: [string, string | null][] = [
    ['assign RD-101 to Li Lei by Friday', '2026-11-27'],
    ['by friday', '2026-11-27'],
    ['by Fri', '2026-11-27'],
    ['next Friday', '2026-12-04'],
    ['this Wednesday', '2026-11-25'],
    ['by Monday', '2026-11-30'], // today is Monday: the next one
    ['下周五前', '2026-12-04'],
    ['周五前', '2026-11-27'],
    ['这周三', '2026-11-25'],
    ['星期天之前', '2026-11-29'],
    ['下下周一', '2026-12-07'],
    ['12月20日前', '2026-12-20'],
    ['12月20号', '2026-12-20'],
    ['1月5日前', '2027-01-05'], // already past this year: next year's
    ['2026-12-20', '2026-12-20'],
    ['RD-203 2026/12/20 前', '2026-12-20'],
    ['Dec 20', '2026-12-20'],
    ['by 20 December 2027', '2027-12-20'],
    ['in 3 days', '2026-11-26'],
    ['两周内', null], // Chinese numerals are not read: no date rather than a wrong one
    ['2周内', '2026-12-07'],
    ['明天', '2026-11-24'],
    ['tomorrow', '2026-11-24'],
    ['2026-02-30', null],
    ['2月30日', null],
    ['assign RD-101 to Sun Li', null], // a name, not a weekday
    ['给李雷报名 RD-102', null],
    ['', null],
  ]
  it.each(cases)('%j → %s', (input, expected) => {
    const day = parseDueDate(input, now, 'Asia/Shanghai')
    expect(day ? `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}` : null).toBe(expected)
  })
})

describe('a hard requirement’s way forward', () => {
  const course = (id: number, code: string, extra: Partial<Course> = {}): Course => ({
    id,
    code,
    title: { zh: `课程${code}`, en: `Course ${code}` },
    format: 'online',
    durationMinutes: 60,
    url: null,
    passMark: 80,
    verification: 'none',
    certificateCode: null,
    quizSize: 0,
    dimensionIds: [],
    audienceTracks: [],
    ...extra,
  })
  const courses = [course(1, 'RT-201', { certificateCode: 'STORE-OPS-CERT' }), course(2, 'MG-201'), course(3, 'RD-EXAM', { quizSize: 5 })]
  const certificates: Certificate[] = [{ code: 'STORE-OPS-CERT', name: { zh: '门店运营证书', en: 'Store operations certificate' } }]
  const assignment = (courseId: number, status: Assignment['status']): Assignment =>
    ({ id: 40 + courseId, employeeId: 1, courseId, status, assignedAt: NOW }) as Assignment
  const cases: [string, HardRequirement, Assignment[], { name: string | null; courses: string[] }][] = [
    [
      'a certificate: its name and the course that grants it',
      { kind: 'certificate', key: 'store-ops-cert' },
      [],
      { name: 'Store operations certificate', courses: ['RT-201:-'] },
    ],
    ['a certificate no course grants', { kind: 'certificate', key: 'PMP' }, [], { name: null, courses: [] }],
    ['a required course: its title', { kind: 'course', key: 'MG-201' }, [], { name: 'Course MG-201', courses: ['MG-201:-'] }],
    [
      'a required course already assigned',
      { kind: 'course', key: 'MG-201' },
      [assignment(2, 'in_progress')],
      { name: 'Course MG-201', courses: ['MG-201:in_progress'] },
    ],
    [
      'a required course reported, awaiting verification',
      { kind: 'course', key: 'MG-201' },
      [assignment(2, 'reported')],
      { name: 'Course MG-201', courses: ['MG-201:reported'] },
    ],
    ['an unknown course code', { kind: 'course', key: 'XX-1' }, [], { name: null, courses: [] }],
    [
      'an exam that is a course quiz',
      { kind: 'min_score', key: 'RD-EXAM', score: 80 },
      [],
      { name: 'Course RD-EXAM', courses: ['RD-EXAM:-'] },
    ],
    ['an exam HR arranges', { kind: 'min_score', key: 'TECH-EXAM', score: 80 }, [], { name: null, courses: [] }],
    ['years of experience', { kind: 'min_years', years: 3 }, [], { name: null, courses: [] }],
  ]
  it.each(cases)('%s', (_what, requirement, assignments, expected) => {
    const way = wayForward(requirement, { courses, certificates }, { assignments })
    expect({ name: way.name?.en ?? null, courses: way.courses.map((c) => `${c.course.code}:${c.status ?? '-'}`) }).toEqual(expected)
  })
})

describe('the gap report and recommendations with hard requirements', () => {
  /** RD3 also needs MG-101 (a required course) and a certificate RT-201 grants; the exam key is a course with a quiz. */
  beforeEach(async () => {
    const db = seederFor(b.seed)
    const rd3 = (await where('qualificationStandard', (s) => s.jobId === org.jobs.RD3))[0]!
    const sd = (await where('standardDimension', (s) => s.standardId === rd3.id && s.dimensionId === org.dims.proj))[0]!
    await db.create('indicator', {
      standardDimensionId: sd.id,
      code: 'lead',
      textZh: '团队管理基础',
      textEn: 'Team management',
      requirementKind: 'course',
      requirementKey: 'MG-101',
    })
    await db.create('indicator', {
      standardDimensionId: sd.id,
      code: 'cert',
      textZh: '证书',
      textEn: 'Cert',
      requirementKind: 'certificate',
      requirementKey: 'OPS-CERT',
    })
    await db.create('indicator', {
      standardDimensionId: sd.id,
      code: 'pmp',
      textZh: 'PMP',
      textEn: 'PMP',
      requirementKind: 'certificate',
      requirementKey: 'PMP',
    })
    await db.create('certificate', { code: 'OPS-CERT', nameZh: '运营证书', nameEn: 'Operations certificate' })
    const ops = await db.create('course', {
      code: 'OPS-1',
      titleZh: '运营认证课',
      titleEn: 'Operations course',
      format: 'online',
      durationMinutes: 60,
      certificateCode: 'OPS-CERT',
    })
    const exam = await db.create('course', {
      code: 'TECH-EXAM',
      titleZh: '技术考试',
      titleEn: 'Tech exam',
      format: 'online',
      durationMinutes: 60,
      verification: 'quiz',
    })
    await db.create('quizQuestion', {
      courseId: exam.id,
      position: 1,
      textZh: '问',
      textEn: 'Q',
      options: '[{"zh":"a","en":"a"},{"zh":"b","en":"b"}]',
      answer: 0,
    })
    void ops
  })

  const rd3Card = async (who: Who, subject?: Who, locale?: 'en' | 'zh-CN') => {
    const a = await actor(who)
    return promotionGapCard(
      await promotionGap(deps, a, { targetJobCode: 'RD3', ...(subject ? { subjectId: org.ids[subject] } : {}) }),
      locale ?? a.locale,
    )
  }
  const buttons = (card: Card) =>
    card.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : [])).map((x) => `${x.action.id}:${x.action.value}`)

  it('names each requirement and its way forward, in both languages', async () => {
    const zh = text(await rd3Card('eve'))
    expect(zh).toContain(`❌ ${t('zh-CN', 'way.course', { title: 'MG-101 团队管理基础' })}`)
    expect(zh).toContain(
      `❌ ${t('zh-CN', 'way.certificate', { name: '运营证书' })} — ${t('zh-CN', 'way.certificateVia', { course: 'OPS-1 运营认证课' })}`,
    )
    expect(zh).toContain(`${t('zh-CN', 'way.certificate', { name: 'PMP' })} — ${t('zh-CN', 'way.askHr')}`)
    expect(zh).toContain(t('zh-CN', 'way.examQuiz', { course: 'TECH-EXAM 技术考试' }))
    expect(zh).not.toContain('证书:OPS-CERT')
    const en = text(await rd3Card('hana', 'eve', 'en'))
    expect(en).toContain(t('en', 'way.course', { title: 'MG-101 Team Management Fundamentals' }))
  })

  it('offers Enrol for requirement courses first, then Take the quiz once enrolled; Assign for a manager', async () => {
    // In the standard's order: the exam sits on technical skill, the others on project experience.
    expect(buttons(await rd3Card('eve')).slice(0, 3)).toEqual(['enrol:TECH-EXAM', 'enrol:MG-101', 'enrol:OPS-1'])
    expect(buttons(await rd3Card('mia', 'eve')).slice(0, 3)).toEqual([
      `assign:TECH-EXAM@${org.ids.eve}`,
      `assign:MG-101@${org.ids.eve}`,
      `assign:OPS-1@${org.ids.eve}`,
    ])
    const { assignment } = await b.store.progress.enrol({
      employeeId: org.ids.eve,
      courseId: (await where('course', (c) => c.code === 'TECH-EXAM'))[0]!.id,
      source: 'self',
      dueAt: null,
      now: NOW,
    })
    expect(buttons(await rd3Card('eve'))).toContain(`quiz:${assignment.id}`)
    expect(text(await rd3Card('eve'))).toContain(
      `${t('zh-CN', 'way.examQuiz', { course: 'TECH-EXAM 技术考试' })} (${t('zh-CN', 'way.enrolled')})`,
    )
  })

  it('recommends the courses that meet hard requirements first', async () => {
    const result = await recommendTraining(deps, await actor('eve'), { targetJobCode: 'RD3' })
    expect(result.kind).toBe('recommendations')
    if (result.kind !== 'recommendations') return
    expect(result.items.map((i) => [i.course.code, i.isRequired])).toEqual([
      ['TECH-EXAM', true],
      ['MG-101', true],
      ['OPS-1', true],
      ['RD-101', false],
      ['RD-201', false],
    ])
  })

  it('shows a met requirement with ✅ and its name', async () => {
    await seederFor(b.seed).create('evidence', {
      employeeId: org.ids.eve,
      kind: 'certificate',
      key: 'OPS-CERT',
      obtainedAt: NOW,
      source: 'import',
    })
    expect(text(await rd3Card('eve'))).toContain(`✅ ${t('zh-CN', 'way.certificate', { name: '运营证书' })}`)
  })
})
