// Prisma rows → plain domain values (core/domain/types.ts). Strings stored for
// enumerations are trusted here: every write path validates them with zod first.

import type {
  Assessment,
  AssessmentSource,
  Assignment,
  AssignmentSource,
  AssignmentStatus,
  Course,
  CourseFormat,
  Employee,
  EvaluationKind,
  EvaluationStatus,
  EvaluationTask,
  Evidence,
  EvidenceKind,
  HardRequirement,
  Indicator,
  Job,
  Locale,
  Role,
} from '../../core/kernel/domain/types.js'
import type * as P from './generated/client.js'

export const toEmployee = (e: P.Employee): Employee => ({
  id: e.id,
  email: e.email,
  name: e.name,
  nameEn: e.nameEn,
  locale: e.locale as Locale,
  timeZone: e.timeZone,
  departmentId: e.departmentId,
  jobId: e.jobId,
  managerId: e.managerId,
  hireDate: e.hireDate,
  roles: e.roles
    .split(/[;,]/)
    .map((r) => r.trim())
    .filter(Boolean) as Role[],
  status: e.status === 'inactive' ? 'inactive' : 'active',
})

export const toJob = (j: P.Job): Job => ({
  id: j.id,
  code: j.code,
  title: { zh: j.titleZh, en: j.titleEn },
  track: j.track,
  level: j.level,
})

function toRequirement(i: P.Indicator): HardRequirement | null {
  switch (i.requirementKind) {
    case 'certificate':
      return { kind: 'certificate', key: i.requirementKey ?? '' }
    case 'course':
      return { kind: 'course', key: i.requirementKey ?? '' }
    case 'min_years':
      return { kind: 'min_years', years: i.requirementValue ?? 0 }
    case 'min_score':
      return { kind: 'min_score', key: i.requirementKey ?? '', score: i.requirementValue ?? 0 }
    default:
      return null
  }
}

export const toIndicator = (i: P.Indicator): Indicator => ({
  code: i.code,
  text: { zh: i.textZh, en: i.textEn },
  requirement: toRequirement(i),
})

export const toCourse = (c: P.Course & { dimensions: { dimensionId: number }[] }): Course => ({
  id: c.id,
  code: c.code,
  title: { zh: c.titleZh, en: c.titleEn },
  format: c.format as CourseFormat,
  durationMinutes: c.durationMinutes,
  url: c.url,
  passMark: c.passMark,
  dimensionIds: c.dimensions.map((d) => d.dimensionId).sort((a, b) => a - b),
})

export const toAssignment = (a: P.TrainingAssignment): Assignment => ({
  id: a.id,
  employeeId: a.employeeId,
  courseId: a.courseId,
  status: a.status as AssignmentStatus,
  source: a.source as AssignmentSource,
  assignedAt: a.assignedAt,
  dueAt: a.dueAt,
  completedAt: a.completedAt,
  score: a.score,
  snoozedUntil: a.snoozedUntil,
})

export const toEvaluation = (t: P.EvaluationTask): EvaluationTask => ({
  id: t.id,
  kind: t.kind as EvaluationKind,
  assigneeId: t.assigneeId,
  subjectId: t.subjectId,
  status: t.status as EvaluationStatus,
  createdAt: t.createdAt,
  dueAt: t.dueAt,
  completedAt: t.completedAt,
  snoozedUntil: t.snoozedUntil,
})

export const toAssessment = (a: P.Assessment): Assessment => ({
  dimensionId: a.dimensionId,
  attainment: a.attainment,
  source: a.source as AssessmentSource,
  assessedAt: a.assessedAt,
})

export const toEvidence = (e: P.Evidence): Evidence => ({
  kind: e.kind as EvidenceKind,
  key: e.key,
  value: e.value,
  obtainedAt: e.obtainedAt,
})
