// The probation diagnosis's chain rules (core/features/matrix/diagnose.ts), table-driven:
// each case is one seed scenario or one edge, with the conclusions it must give in order.
import { describe, expect, it } from 'vitest'
import { type CourseChainInput, diagnoseDimension } from '../../core/features/matrix/diagnose.js'
import type { Assignment, Course, Department } from '../../core/kernel/domain/types.js'

const NOW = new Date('2026-12-03T02:00:00Z')
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000)
const dept = (id: number, code: string): Department => ({ id, code, name: { zh: code, en: code }, parentId: null })
const HR = dept(1, 'HR')
const TECH = dept(2, 'TECH')
const MKT = dept(3, 'MKT')

const course = (id: number, code: string): Course => ({
  id,
  code,
  title: { zh: code, en: code },
  format: 'online',
  durationMinutes: 60,
  url: null,
  passMark: 80,
  verification: 'quiz',
  certificateCode: null,
  quizSize: 5,
  dimensionIds: [1],
  audienceTracks: [],
})

const assignment = (courseId: number, over: Partial<Assignment> = {}): Assignment => ({
  id: courseId * 10,
  employeeId: 7,
  courseId,
  status: 'assigned',
  source: 'hr',
  assignedAt: day(-20),
  dueAt: day(-10),
  completedAt: null,
  score: null,
  snoozedUntil: null,
  assignedById: null,
  reportedAt: null,
  verifiedBy: null,
  ...over,
})

const done = (courseId: number) => assignment(courseId, { status: 'completed', completedAt: day(-12), verifiedBy: 'quiz' })
const provided = (title: string, by = TECH) => ({
  title: { zh: title, en: title },
  provider: { department: by, person: null },
  dueAt: null,
  providedAt: day(-30),
})
const missing = (title: string, by = TECH) => ({ ...provided(title, by), providedAt: null })

const chain = (id: number, over: Partial<CourseChainInput> = {}): CourseChainInput => ({
  course: course(id, `C${id}`),
  inMatrix: true,
  assignment: null,
  scores: [],
  passMark: 80,
  materials: [],
  content: TECH,
  scheduler: HR,
  coach: { department: TECH, person: null },
  reminders: 0,
  ...over,
})

type Case = [what: string, courses: CourseChainInput[], practical: number | null, expected: string[]]

const cases: Case[] = [
  [
    '(a) the department did not provide a material: its owner',
    [chain(1, { assignment: done(1), scores: [85], materials: [provided('基础教程'), missing('项目实战案例')] })],
    60,
    ['material_missing TECH 项目实战案例'],
  ],
  ['(b) the course was never scheduled: HR', [chain(1)], 60, ['not_scheduled HR C1']],
  [
    'never scheduled: its missing materials are not the explanation',
    [chain(1, { materials: [missing('案例')] })],
    60,
    ['not_scheduled HR C1'],
  ],
  ['(b) assigned, overdue, never started and nobody reminded: HR', [chain(1, { assignment: assignment(1) })], 60, ['not_tracked HR C1']],
  [
    'assigned without a due date, never started, not reminded: HR',
    [chain(1, { assignment: assignment(1, { dueAt: null }) })],
    60,
    ['not_tracked HR C1'],
  ],
  ['assigned, overdue but reminded: not a tracking gap', [chain(1, { assignment: assignment(1), reminders: 3 })], 60, []],
  ['assigned, not yet due: nothing has broken yet', [chain(1, { assignment: assignment(1, { dueAt: day(5) }) })], 60, []],
  [
    '(c) completed, test ≥ pass mark, materials in, practical failed: the coach',
    [chain(1, { assignment: done(1), scores: [85], materials: [provided('话术模板', MKT)], coach: { department: MKT, person: null } })],
    60,
    ['coaching MKT C1'],
  ],
  [
    '(d) test failed once and not retaken: the learner',
    [chain(1, { assignment: assignment(1), scores: [62] })],
    60,
    ['test_failed 1x62 C1'],
  ],
  ['test failed twice: still the learner', [chain(1, { assignment: assignment(1), scores: [50, 70] })], 60, ['test_failed 2x70 C1']],
  ['failed then passed and completed: coaching', [chain(1, { assignment: done(1), scores: [50, 90] })], 60, ['coaching TECH C1']],
  ['the practical passed: nothing to explain', [chain(1, { assignment: assignment(1), scores: [40] })], 85, []],
  [
    'no practical recorded: the chain is still checked',
    [chain(1, { assignment: assignment(1), scores: [40] })],
    null,
    ['test_failed 1x40 C1'],
  ],
  ['no practical recorded and training done: no coaching claimed', [chain(1, { assignment: done(1), scores: [90] })], null, []],
  ['no course covers the dimension: HR', [], 60, ['no_course HR']],
  [
    'several breaks: in chain order (material, scheduling, test), whatever the course order',
    [chain(1, { assignment: assignment(1), scores: [55] }), chain(2, { assignment: assignment(2), materials: [missing('案例')] })],
    60,
    ['material_missing TECH 案例', 'not_tracked HR C2', 'test_failed 1x55 C1'],
  ],
  [
    'with one course assigned, the unassigned ones are not held against anyone',
    [chain(1, { assignment: done(1), scores: [90] }), chain(2, { materials: [missing('案例')] })],
    60,
    ['coaching TECH C1'],
  ],
  [
    'nothing assigned: only the matrix courses count as ones HR should have scheduled',
    [chain(1, { inMatrix: false }), chain(2)],
    60,
    ['not_scheduled HR C2'],
  ],
  [
    'an imported score stands for the test when no quiz attempt is stored',
    [chain(1, { assignment: assignment(1, { status: 'in_progress', score: 70 }), scores: [70] })],
    60,
    ['test_failed 1x70 C1'],
  ],
]

const label = (c: ReturnType<typeof diagnoseDimension>['conclusions'][number]): string => {
  switch (c.kind) {
    case 'no_course':
      return `no_course ${c.scheduler?.code}`
    case 'material_missing':
      return `material_missing ${c.provider.department?.code} ${c.material.zh}`
    case 'not_scheduled':
    case 'not_tracked':
      return `${c.kind} ${c.scheduler?.code} ${c.course.code}`
    case 'test_failed':
      return `test_failed ${c.attempts}x${c.best} ${c.course.code}`
    case 'coaching':
      return `coaching ${c.coach.department?.code} ${c.courses.map((x) => x.code).join('+')}`
  }
}

describe('diagnoseDimension', () => {
  it.each(cases)('%s', (_what, courses, practical, expected) => {
    const result = diagnoseDimension(
      {
        dimension: { id: 1, code: 'communication', name: { zh: '沟通能力', en: 'Communication' } },
        required: 80,
        practical: practical === null ? null : { attainment: practical, assessedAt: day(-1) },
        courses,
        hr: HR,
      },
      NOW,
    )
    expect(result.conclusions.map(label)).toEqual(expected)
    expect(result.isPracticalFailed).toBe(practical === null ? null : practical < 80)
  })
})
