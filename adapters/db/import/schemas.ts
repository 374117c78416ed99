// One zod schema per entity: what a single row must look like on its own.
// Checks that need other rows or the database live in check-references.ts.
import { z } from 'zod'
import { DUTY_EVIDENCE, JD_SECTIONS } from '../../../core/features/jobs/index.js'
import { formatRecurrence, parseRecurrence } from '../../../core/kernel/domain/recurrence.js'
import {
  ASSESSMENT_SOURCES,
  ASSIGNMENT_SOURCES,
  ASSIGNMENT_STATUSES,
  COURSE_FORMATS,
  EVALUATION_KINDS,
  EVALUATION_STATUSES,
  EVIDENCE_KINDS,
  LOCALES,
  REQUIREMENT_KINDS,
  ROLES,
  VERIFICATIONS,
  VERIFIERS,
} from '../../../core/kernel/domain/types.js'
import type { Entity } from './entities.js'
import {
  code,
  date,
  email,
  int,
  isIanaTimeZone,
  list,
  oneOf,
  optional,
  optionalCode,
  optionalDate,
  optionalEmail,
  optionalNumber,
  optionalOneOf,
  optionalPercent,
  options,
  orNull,
  percent,
  required,
} from './fields.js'

const PLATFORMS = ['slack', 'feishu', 'web'] as const
const EMPLOYEE_STATUSES = ['active', 'inactive'] as const

const name = required.max(200, 'at most 200 characters')

export const ZDepartmentRow = z.object({ code, name_zh: name, name_en: name, parent_code: optionalCode })

export const ZDimensionRow = z.object({ code, name_zh: name, name_en: name })

export const ZJobRow = z.object({
  code,
  title_zh: name,
  title_en: name,
  track: code,
  level: int(1, 99),
})

export const ZPathRow = z.object({ from_job_code: code, to_job_code: code }).superRefine((row, ctx) => {
  if (row.from_job_code === row.to_job_code) {
    ctx.addIssue({ code: 'custom', path: ['to_job_code'], message: 'a path must lead to another job' })
  }
})

export const ZCertificateRow = z.object({ code, name_zh: name, name_en: name })

export const ZCourseRow = z.object({
  code,
  title_zh: name,
  title_en: name,
  format: oneOf(COURSE_FORMATS),
  duration_minutes: int(1, 100_000),
  url: orNull(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' })),
  owner_department_code: optionalCode,
  pass_mark: optionalPercent,
  dimension_codes: list.pipe(z.array(code)),
  verification: optionalOneOf(VERIFICATIONS, 'none'),
  certificate_code: optionalCode,
  audience_tracks: list.pipe(z.array(code)),
})

const MIN_OPTIONS = 2
const MAX_OPTIONS = 8
const LETTERS = 'ABCDEFGH'

/** A question's answer: a letter A–H or a number from 1, as an index from 0. */
const answer = required.transform((v, ctx) => {
  if (/^[A-Ha-h]$/.test(v)) return LETTERS.indexOf(v.toUpperCase())
  if (/^[1-8]$/.test(v)) return Number(v) - 1
  ctx.addIssue({ code: 'custom', message: 'expected the correct option as a letter A–H or a number 1–8' })
  return z.NEVER
})

/** The letter an answer index is written as (export). */
export const answerLetter = (index: number): string => LETTERS[index] ?? String(index + 1)

export const ZQuizQuestionRow = z
  .object({
    course_code: code,
    position: int(1, 100),
    question_zh: required.max(1000, 'at most 1000 characters'),
    question_en: required.max(1000, 'at most 1000 characters'),
    options_zh: options,
    options_en: options,
    answer,
  })
  .superRefine((row, ctx) => {
    const issue = (column: string, message: string) => ctx.addIssue({ code: 'custom', path: [column], message })
    const zh = row.options_zh.length
    const en = row.options_en.length
    if (zh < MIN_OPTIONS || zh > MAX_OPTIONS) {
      issue('options_zh', `expected ${MIN_OPTIONS} to ${MAX_OPTIONS} options separated by ";", found ${zh}`)
      return
    }
    if (en !== zh) {
      issue('options_en', `has ${en} option${en === 1 ? '' : 's'}, options_zh has ${zh}: each option needs both languages`)
      return
    }
    if (row.answer >= zh) issue('answer', `there are only ${zh} options (A–${LETTERS[zh - 1]}, 1–${zh})`)
  })

/** "*": the organisation's default; otherwise a job code (checked against the jobs in check-references.ts). */
const scope = required.transform((v, ctx) => {
  if (v === '*') return v
  const result = code.safeParse(v)
  if (result.success) return result.data
  ctx.addIssue({ code: 'custom', message: `expected "*" (the organisation's default) or a job code` })
  return z.NEVER
})

export const ZSourceWeightRow = z.object({
  scope,
  source: oneOf(ASSESSMENT_SOURCES),
  weight: int(0, 100),
})

/** "default", "job:<JOB_CODE>" or "department:<DEPT_CODE>" (the code checked in check-references.ts). */
const planScope = required.transform((v, ctx) => {
  if (v === 'default') return v
  const match = /^(job|department):(.*)$/.exec(v)
  if (match && code.safeParse(match[2]).success) return `${match[1]}:${match[2]}`
  ctx.addIssue({ code: 'custom', message: 'expected "default", "job:<JOB_CODE>" or "department:<DEPARTMENT_CODE>"' })
  return z.NEVER
})

/** A line of an onboarding plan template: a course due `due_days` days after the hire date. */
export const ZOnboardingPlanRow = z.object({
  scope: planScope,
  course_code: code,
  due_days: int(0, 365),
  position: orNull(int(1, 10_000)),
})

export const ZStandardRow = z
  .object({
    job_code: code,
    version: int(1, 10_000),
    effective_from: date,
    threshold: optionalPercent.transform((v) => v ?? 80),
    dimension_code: code,
    weight: int(1, 100),
    required_attainment: optionalPercent,
    indicator_code: optionalCode,
    indicator_zh: optional,
    indicator_en: optional,
    requirement_kind: orNull(oneOf(REQUIREMENT_KINDS)),
    requirement_key: optional,
    requirement_value: optionalNumber,
  })
  .superRefine((row, ctx) => {
    const issue = (column: string, message: string) => ctx.addIssue({ code: 'custom', path: [column], message })
    if (row.indicator_code === null) {
      // A dimension row without an indicator: nothing indicator-shaped may be filled in.
      for (const column of ['indicator_zh', 'indicator_en', 'requirement_kind', 'requirement_key', 'requirement_value'] as const) {
        if (row[column] !== null) issue(column, 'needs an indicator_code on the same row')
      }
      return
    }
    if (row.indicator_zh === null) issue('indicator_zh', 'required with an indicator_code')
    if (row.indicator_en === null) issue('indicator_en', 'required with an indicator_code')
    const kind = row.requirement_kind
    if (kind === null) {
      if (row.requirement_key !== null) issue('requirement_key', 'needs a requirement_kind')
      if (row.requirement_value !== null) issue('requirement_value', 'needs a requirement_kind')
      return
    }
    const needsKey = kind !== 'min_years'
    const needsValue = kind === 'min_years' || kind === 'min_score'
    if (needsKey && row.requirement_key === null) issue('requirement_key', `required for ${kind}`)
    if (!needsKey && row.requirement_key !== null) issue('requirement_key', `must be empty for ${kind}`)
    if (needsValue && row.requirement_value === null) issue('requirement_value', `required for ${kind}`)
    if (!needsValue && row.requirement_value !== null) issue('requirement_value', `must be empty for ${kind}`)
    if (kind === 'min_years' && row.requirement_value !== null && (row.requirement_value < 0 || row.requirement_value > 60)) {
      issue('requirement_value', 'years must be between 0 and 60')
    }
    if (kind === 'min_score' && row.requirement_value !== null && (row.requirement_value < 0 || row.requirement_value > 100)) {
      issue('requirement_value', 'a score must be between 0 and 100')
    }
  })

export const ZEmployeeRow = z.object({
  email,
  name,
  name_en: optional,
  locale: optionalOneOf(LOCALES, 'zh-CN'),
  time_zone: z
    .string()
    .transform((v) => v || 'Asia/Shanghai')
    .refine(isIanaTimeZone, { message: 'not an IANA time zone such as Asia/Shanghai or Europe/London' }),
  department_code: optionalCode,
  job_code: optionalCode,
  manager_email: optionalEmail,
  hire_date: optionalDate,
  roles: list.transform((v) => (v.length === 0 ? ['employee'] : v)).pipe(z.array(oneOf(ROLES))),
  status: optionalOneOf(EMPLOYEE_STATUSES, 'active'),
})

export const ZIdentityRow = z.object({
  platform: oneOf(PLATFORMS),
  tenant: required,
  external_id: required,
  employee_email: email,
})

export const ZAssessmentRow = z.object({
  employee_email: email,
  dimension_code: code,
  attainment: percent,
  rating: optionalNumber.refine((v) => v === null || (v >= 1 && v <= 5), { message: 'a rating is between 1 and 5' }),
  source: oneOf(ASSESSMENT_SOURCES),
  assessed_at: date,
  assessor_email: optionalEmail,
  note: optional,
})

export const ZEvidenceRow = z.object({
  employee_email: email,
  kind: oneOf(EVIDENCE_KINDS),
  key: required,
  value: optionalNumber,
  obtained_at: date,
  source: optional.transform((v) => v ?? 'import'),
})

export const ZAssignmentRow = z
  .object({
    employee_email: email,
    course_code: code,
    status: optionalOneOf(ASSIGNMENT_STATUSES, 'assigned'),
    source: optionalOneOf(ASSIGNMENT_SOURCES, 'import'),
    assigned_by_email: optionalEmail,
    assigned_at: optionalDate,
    due_at: optionalDate,
    reported_at: optionalDate,
    completed_at: optionalDate,
    score: optionalPercent,
    verified_by: orNull(oneOf(VERIFIERS)),
  })
  .superRefine((row, ctx) => {
    if (row.status === 'completed' && row.completed_at === null) {
      ctx.addIssue({ code: 'custom', path: ['completed_at'], message: 'required when status is completed' })
    }
    if (row.status !== 'completed' && row.verified_by !== null) {
      ctx.addIssue({ code: 'custom', path: ['verified_by'], message: `only a completed assignment is verified (status is ${row.status})` })
    }
  })

export const ZEvaluationRow = z
  .object({
    kind: oneOf(EVALUATION_KINDS),
    assignee_email: email,
    subject_email: optionalEmail,
    dimension_code: optionalCode,
    status: optionalOneOf(EVALUATION_STATUSES, 'open'),
    due_at: optionalDate,
    created_at: optionalDate,
    completed_at: optionalDate,
  })
  .superRefine((row, ctx) => {
    if (row.status === 'completed' && row.completed_at === null) {
      ctx.addIssue({ code: 'custom', path: ['completed_at'], message: 'required when status is completed' })
    }
    if (row.kind === 'reassessment' && row.dimension_code === null) {
      ctx.addIssue({ code: 'custom', path: ['dimension_code'], message: 'required for a reassessment (the dimension to rate again)' })
    }
    if (row.kind !== 'reassessment' && row.dimension_code !== null) {
      ctx.addIssue({ code: 'custom', path: ['dimension_code'], message: `only a reassessment rates one dimension (kind is ${row.kind})` })
    }
  })

// The training responsibility matrix (core/features/matrix): who does what for a course.
// Blank departments mean the default, resolved when read: content → the course's owner
// department, scheduler → HR (the department of the employees with role hr).
export const ZCourseResponsibilityRow = z.object({
  course_code: code,
  content_department_code: optionalCode,
  scheduler_department_code: optionalCode,
  coach_department_code: optionalCode,
  coach_email: optionalEmail,
})

/** A material a course needs; blank position = file order within the course, blank provided_at = still missing. */
export const ZCourseMaterialRow = z.object({
  course_code: code,
  position: orNull(int(1, 100)),
  title_zh: name,
  title_en: name,
  provider_department_code: optionalCode,
  provider_email: optionalEmail,
  due_date: optionalDate,
  provided_at: optionalDate,
  url: orNull(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' })),
})

export type DepartmentRow = z.infer<typeof ZDepartmentRow>
export type DimensionRow = z.infer<typeof ZDimensionRow>
export type JobRow = z.infer<typeof ZJobRow>
export type PathRow = z.infer<typeof ZPathRow>
export type CertificateRow = z.infer<typeof ZCertificateRow>
export type CourseRow = z.infer<typeof ZCourseRow>
export type QuizQuestionRow = z.infer<typeof ZQuizQuestionRow>
export type SourceWeightRow = z.infer<typeof ZSourceWeightRow>
export type StandardRow = z.infer<typeof ZStandardRow>

/** One line of a job description; the version's purpose and effective date repeat (or are left blank) on its rows. */
export const ZJobDescriptionRow = z
  .object({
    job_code: code,
    version: int(1, 10_000),
    effective_from: optionalDate,
    purpose_zh: orNull(z.string().max(2000, 'at most 2000 characters')),
    purpose_en: orNull(z.string().max(2000, 'at most 2000 characters')),
    section: oneOf(JD_SECTIONS),
    code,
    text_zh: required.max(1000, 'at most 1000 characters'),
    text_en: required.max(1000, 'at most 1000 characters'),
    owner_job_code: optionalCode,
    recurrence: z.string().transform((v, ctx) => {
      if (v === '') return null
      const parsed = parseRecurrence(v)
      if (parsed) return formatRecurrence(parsed)
      ctx.addIssue({
        code: 'custom',
        message: `"${v}" is not a recurrence: expected daily, weekly:fri (or weekly:mon,thu) or monthly:1 (day 1–28), optionally with @HH:MM, e.g. daily@18:00`,
      })
      return z.NEVER
    }),
    evidence: orNull(oneOf(DUTY_EVIDENCE)),
    dimension_code: optionalCode,
    target: orNull(z.string().max(200, 'at most 200 characters')),
  })
  .superRefine((row, ctx) => {
    const issue = (column: string, message: string) => ctx.addIssue({ code: 'custom', path: [column], message })
    if ((row.purpose_zh === null) !== (row.purpose_en === null)) {
      issue(
        row.purpose_zh === null ? 'purpose_zh' : 'purpose_en',
        'give the purpose in both languages (purpose_zh and purpose_en) or in neither',
      )
    }
    if (row.section !== 'duty') {
      for (const column of ['owner_job_code', 'recurrence', 'evidence'] as const) {
        if (row[column] !== null) issue(column, `only a duty has one (this row's section is ${row.section})`)
      }
    }
    if (row.section !== 'requirement' && row.dimension_code !== null) {
      issue('dimension_code', `only a requirement has one (this row's section is ${row.section})`)
    }
    if (row.section !== 'kpi' && row.target !== null) issue('target', `only a kpi has one (this row's section is ${row.section})`)
  })
export type JobDescriptionRow = z.infer<typeof ZJobDescriptionRow>
export type OnboardingPlanRow = z.infer<typeof ZOnboardingPlanRow>
export type EmployeeRow = z.infer<typeof ZEmployeeRow>
export type IdentityRow = z.infer<typeof ZIdentityRow>
export type AssessmentRow = z.infer<typeof ZAssessmentRow>
export type EvidenceRow = z.infer<typeof ZEvidenceRow>
export type AssignmentRow = z.infer<typeof ZAssignmentRow>
export type EvaluationRow = z.infer<typeof ZEvaluationRow>
export type CourseResponsibilityRow = z.infer<typeof ZCourseResponsibilityRow>
export type CourseMaterialRow = z.infer<typeof ZCourseMaterialRow>

export interface RowTypes {
  departments: DepartmentRow
  dimensions: DimensionRow
  jobs: JobRow
  paths: PathRow
  certificates: CertificateRow
  courses: CourseRow
  quiz_questions: QuizQuestionRow
  standards: StandardRow
  job_descriptions: JobDescriptionRow
  source_weights: SourceWeightRow
  onboarding_plans: OnboardingPlanRow
  employees: EmployeeRow
  identities: IdentityRow
  assessments: AssessmentRow
  evidence: EvidenceRow
  assignments: AssignmentRow
  evaluations: EvaluationRow
  course_responsibilities: CourseResponsibilityRow
  course_materials: CourseMaterialRow
}

export const ROW_SCHEMAS: { [E in Entity]: z.ZodType<RowTypes[E], Record<string, string>> } = {
  departments: ZDepartmentRow,
  dimensions: ZDimensionRow,
  jobs: ZJobRow,
  paths: ZPathRow,
  certificates: ZCertificateRow,
  courses: ZCourseRow,
  quiz_questions: ZQuizQuestionRow,
  standards: ZStandardRow,
  job_descriptions: ZJobDescriptionRow,
  source_weights: ZSourceWeightRow,
  onboarding_plans: ZOnboardingPlanRow,
  employees: ZEmployeeRow,
  identities: ZIdentityRow,
  assessments: ZAssessmentRow,
  evidence: ZEvidenceRow,
  assignments: ZAssignmentRow,
  evaluations: ZEvaluationRow,
  course_responsibilities: ZCourseResponsibilityRow,
  course_materials: ZCourseMaterialRow,
}
