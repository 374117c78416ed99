// The probation diagnosis, pure: for one dimension whose practical assessment fell
// short, walk the training chain the seed article describes (material provided →
// course scheduled and tracked → test passed → practice coached) and say where it
// broke and whose part that was. Several breaks can hold; they come in chain order.
import type { Assignment, Bilingual, Course, Department, Dimension, Employee } from '../../kernel/domain/types.js'

/** The pass mark of a course test when the course sets none (the seed's "≥ 80 分"). */
export const DEFAULT_PASS_MARK = 80

/** Who does a part: a department, and the person when the matrix names one. */
export interface Party {
  department: Department | null
  person: Pick<Employee, 'id' | 'name' | 'nameEn'> | null
}

export interface MaterialState {
  title: Bilingual
  provider: Party
  dueAt: Date | null
  providedAt: Date | null
}

export interface CourseChainInput {
  course: Course
  /** The course's row in the matrix (or materials): a matrix course is one HR is expected to schedule. */
  inMatrix: boolean
  assignment: Assignment | null
  /** Test scores, oldest first: the quiz attempts, else the assignment's recorded score. */
  scores: number[]
  passMark: number
  materials: MaterialState[]
  content: Department | null
  /** Who schedules and tracks: HR unless the matrix says otherwise. */
  scheduler: Department | null
  coach: Party
  /** Reminders Ladder logged for the assignment. */
  reminders: number
}

export interface DimensionChainInput {
  dimension: Dimension
  /** The attainment the job requires on this dimension. */
  required: number
  /** The latest practical assessment; null when none is recorded. */
  practical: { attainment: number; assessedAt: Date } | null
  courses: CourseChainInput[]
  /** HR's department: who should have found a course when none covers the dimension. */
  hr: Department | null
}

export type Conclusion =
  | { kind: 'no_course'; scheduler: Department | null }
  | { kind: 'material_missing'; course: Course; material: Bilingual; provider: Party }
  | { kind: 'not_scheduled'; course: Course; scheduler: Department | null }
  | { kind: 'not_tracked'; course: Course; scheduler: Department | null }
  | { kind: 'test_failed'; course: Course; attempts: number; best: number; passMark: number }
  | { kind: 'coaching'; courses: Course[]; coach: Party; passMark: number }

export type CourseStatus = 'not_assigned' | 'open' | 'overdue' | 'reported' | 'completed' | 'waived'

export interface CourseChain extends CourseChainInput {
  status: CourseStatus
  attempts: number
  best: number | null
  last: number | null
  isPassed: boolean
  /** Counted in the diagnosis: assigned, or (when nothing is) a course HR should have scheduled. */
  isConsidered: boolean
}

export interface DimensionDiagnosis {
  dimension: Dimension
  required: number
  practical: DimensionChainInput['practical']
  /** Null when no practical assessment is recorded. */
  isPracticalFailed: boolean | null
  courses: CourseChain[]
  conclusions: Conclusion[]
}

/** Where each conclusion sits in the chain: content, scheduling and tracking, learning, practice. */
const STAGE: Record<Conclusion['kind'], number> = {
  no_course: 0,
  material_missing: 1,
  not_scheduled: 2,
  not_tracked: 2,
  test_failed: 3,
  coaching: 4,
}

function statusOf(input: CourseChainInput, now: Date): CourseStatus {
  const a = input.assignment
  if (!a) return 'not_assigned'
  if (a.status === 'completed' || a.status === 'waived' || a.status === 'reported') return a.status
  if (a.status === 'overdue' || (a.dueAt !== null && a.dueAt.getTime() < now.getTime())) return 'overdue'
  return 'open'
}

function courseChain(input: CourseChainInput, now: Date): Omit<CourseChain, 'isConsidered'> {
  const status = statusOf(input, now)
  const attempts = input.scores.length
  const best = attempts > 0 ? Math.max(...input.scores) : null
  const last = attempts > 0 ? input.scores[attempts - 1]! : null
  const isPassed = (status === 'completed' || status === 'waived') && (best === null || best >= input.passMark)
  return { ...input, status, attempts, best, last, isPassed }
}

export function diagnoseDimension(input: DimensionChainInput, now: Date): DimensionDiagnosis {
  const chains = input.courses.map((c) => courseChain(c, now))
  const assigned = chains.filter((c) => c.status !== 'not_assigned')
  const inMatrix = chains.filter((c) => c.inMatrix)
  // Nothing assigned: the courses HR was expected to schedule (the matrix's, else every one).
  const considered = new Set(assigned.length > 0 ? assigned : inMatrix.length > 0 ? inMatrix : chains)
  const courses: CourseChain[] = chains.map((c) => ({ ...c, isConsidered: considered.has(c) }))
  const isPracticalFailed = input.practical === null ? null : input.practical.attainment < input.required
  const base = { dimension: input.dimension, required: input.required, practical: input.practical, isPracticalFailed, courses }
  if (isPracticalFailed === false) return { ...base, conclusions: [] }

  const conclusions: Conclusion[] = []
  if (chains.length === 0) conclusions.push({ kind: 'no_course', scheduler: input.hr })
  for (const c of courses) {
    if (!c.isConsidered) continue
    // Never scheduled: the person never met its materials, so what is missing there is not their story.
    if (c.status === 'not_assigned') {
      conclusions.push({ kind: 'not_scheduled', course: c.course, scheduler: c.scheduler })
      continue
    }
    for (const m of c.materials) {
      if (m.providedAt === null) conclusions.push({ kind: 'material_missing', course: c.course, material: m.title, provider: m.provider })
    }
    // Open past its due date (or with none to track against), never tried, and nobody reminded.
    if ((c.status === 'overdue' || (c.status === 'open' && c.assignment?.dueAt === null)) && c.attempts === 0 && c.reminders === 0)
      conclusions.push({ kind: 'not_tracked', course: c.course, scheduler: c.scheduler })
    if (c.best !== null && c.best < c.passMark)
      conclusions.push({ kind: 'test_failed', course: c.course, attempts: c.attempts, best: c.best, passMark: c.passMark })
  }
  const taken = courses.filter((c) => c.isConsidered)
  const isTrainingDone =
    taken.length > 0 && taken.every((c) => c.isPassed) && taken.every((c) => c.materials.every((m) => m.providedAt !== null))
  if (isPracticalFailed && isTrainingDone) {
    // One conclusion per coach: usually the business department that owns the courses.
    const byCoach = new Map<string, { coach: Party; courses: Course[]; passMark: number }>()
    for (const c of taken) {
      const key = `${c.coach.department?.id ?? '-'}/${c.coach.person?.id ?? '-'}`
      const entry = byCoach.get(key) ?? { coach: c.coach, courses: [], passMark: c.passMark }
      entry.courses.push(c.course)
      entry.passMark = Math.max(entry.passMark, c.passMark)
      byCoach.set(key, entry)
    }
    for (const { coach, courses: coached, passMark } of byCoach.values())
      conclusions.push({ kind: 'coaching', courses: coached, coach, passMark })
  }
  // Stable: within a stage, the courses' order.
  return {
    ...base,
    conclusions: conclusions
      .map((c, i) => ({ c, i }))
      .sort((a, b) => STAGE[a.c.kind] - STAGE[b.c.kind] || a.i - b.i)
      .map(({ c }) => c),
  }
}
