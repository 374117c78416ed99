// Prisma rows → plain domain values (core/domain/types.ts). Strings stored for
// enumerations are trusted here: every write path validates them with zod first.

import type {
  Assessment,
  AssessmentSource,
  Assignment,
  AssignmentSource,
  AssignmentStatus,
  Bilingual,
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
  QuizAttempt,
  QuizQuestion,
  Role,
  Verification,
  Verifier,
  WeightTable,
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

export const toCourse = (c: P.Course & { dimensions: { dimensionId: number }[]; _count?: { questions: number } }): Course => ({
  id: c.id,
  code: c.code,
  title: { zh: c.titleZh, en: c.titleEn },
  format: c.format as CourseFormat,
  durationMinutes: c.durationMinutes,
  url: c.url,
  passMark: c.passMark,
  verification: c.verification as Verification,
  certificateCode: c.certificateCode,
  quizSize: c._count?.questions ?? 0,
  dimensionIds: c.dimensions.map((d) => d.dimensionId).sort((a, b) => a - b),
  audienceTracks: audienceTracksOf(c.audienceTracks),
})

/** Course.audienceTracks is stored ";"-separated, lower case; empty means everyone. */
const audienceTracksOf = (stored: string): string[] => stored.split(';').filter((t) => t !== '')

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
  assignedById: a.assignedById,
  reportedAt: a.reportedAt,
  verifiedBy: a.verifiedBy as Verifier | null,
})

export const toEvaluation = (t: P.EvaluationTask): EvaluationTask => ({
  id: t.id,
  kind: t.kind as EvaluationKind,
  assigneeId: t.assigneeId,
  subjectId: t.subjectId,
  dimensionId: t.dimensionId,
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
  rating: a.rating,
})

export const toQuizQuestion = (q: P.QuizQuestion): QuizQuestion => ({
  position: q.position,
  text: { zh: q.textZh, en: q.textEn },
  options: JSON.parse(q.options) as Bilingual[],
  answer: q.answer,
})

export const toQuizAttempt = (a: P.QuizAttempt): QuizAttempt => ({
  id: a.id,
  assignmentId: a.assignmentId,
  employeeId: a.employeeId,
  courseId: a.courseId,
  score: a.score,
  passed: a.passed,
  wrong: JSON.parse(a.wrong) as number[],
  at: a.at,
})

/** SourceWeight rows → the weight table; a scope that names no job is ignored. */
export function toWeightTable(rows: P.SourceWeight[], jobIdByCode: Map<string, number>): WeightTable {
  const table: WeightTable = { default: {}, byJob: new Map() }
  for (const row of rows) {
    const source = row.source as AssessmentSource
    if (row.scope === '*') {
      table.default[source] = row.weight
      continue
    }
    const jobId = jobIdByCode.get(row.scope)
    if (jobId === undefined) continue
    const weights = table.byJob.get(jobId) ?? {}
    weights[source] = row.weight
    table.byJob.set(jobId, weights)
  }
  return table
}

export const toEvidence = (e: P.Evidence): Evidence => ({
  kind: e.kind as EvidenceKind,
  key: e.key,
  value: e.value,
  obtainedAt: e.obtainedAt,
})
