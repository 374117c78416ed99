// A new hire's plan as the cards show it: the template's courses in order, each
// with the person's assignment for it (the one onboarding made, or one they had).
import type { Assignment, Course } from '../../kernel/domain/types.js'
import type { OnboardingRecord, PlanLine } from './ports.js'

const DEFAULT_PASS_MARK = 80

export interface PlanItem {
  course: Course
  assignment: Assignment | null
  /** A quiz course: the test on the job description (or any test in the plan), retaken until passed. */
  isTest: boolean
  passMark: number
  isDone: boolean
  isOverdue: boolean
}

export interface PlanView {
  record: OnboardingRecord
  items: PlanItem[]
  done: number
  overdue: number
}

const DONE: ReadonlySet<string> = new Set(['completed', 'waived'])

/**
 * The plan: the lines of the onboarding's scope (by position), then any other course
 * onboarding assigned (a template changed since). `assignments`: the person's.
 */
export function planView(
  record: OnboardingRecord,
  lines: readonly PlanLine[],
  assignments: readonly Assignment[],
  courses: ReadonlyMap<number, Course>,
  now: Date,
): PlanView {
  const byCourse = new Map(assignments.map((a) => [a.courseId, a]))
  const courseIds = lines
    .filter((l) => l.scope === record.scope && record.scope !== '')
    .sort((a, b) => a.position - b.position)
    .map((l) => l.courseId)
  for (const a of assignments) if (a.source === 'onboarding' && !courseIds.includes(a.courseId)) courseIds.push(a.courseId)
  const items: PlanItem[] = []
  for (const courseId of courseIds) {
    const course = courses.get(courseId)
    if (!course) continue
    const assignment = byCourse.get(courseId) ?? null
    const isDone = assignment !== null && DONE.has(assignment.status)
    items.push({
      course,
      assignment,
      isTest: course.verification === 'quiz',
      passMark: course.passMark ?? DEFAULT_PASS_MARK,
      isDone,
      isOverdue: !isDone && assignment?.dueAt != null && assignment.dueAt.getTime() < now.getTime(),
    })
  }
  return { record, items, done: items.filter((i) => i.isDone).length, overdue: items.filter((i) => i.isOverdue).length }
}

/** Every course of the plan is done (so is a plan without courses). */
export const isPlanComplete = (view: PlanView): boolean => view.items.every((i) => i.isDone)
