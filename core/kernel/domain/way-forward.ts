// A hard requirement's way forward: what it is called (the course's title, the
// certificate's name) and the courses that satisfy it — the required course
// itself, the course that grants the certificate, the course whose quiz is the
// exam — with where the person stands on each.
import { normalizeKey } from './requirements.js'
import {
  type Assignment,
  type AssignmentStatus,
  type Bilingual,
  type Certificate,
  type Course,
  type HardRequirement,
  OPEN_ASSIGNMENT_STATUSES,
  type Progress,
} from './types.js'

export interface RequirementCourse {
  course: Course
  /** An open assignment (assigned, in progress, reported, overdue). */
  isAssigned: boolean
  /** The person's newest assignment of the course, open or not: a quiz needs one. */
  assignmentId: number | null
  status: AssignmentStatus | null
}

export interface WayForward {
  /** The course's title or the certificate's name; null when the catalogue does not know the key. */
  name: Bilingual | null
  courses: RequirementCourse[]
}

const OPEN = new Set(OPEN_ASSIGNMENT_STATUSES)

/** Newest assignment per course id. */
function newestAssignments(assignments: readonly Assignment[]): Map<number, Assignment> {
  const newest = new Map<number, Assignment>()
  for (const a of assignments) {
    const known = newest.get(a.courseId)
    if (!known || a.assignedAt.getTime() >= known.assignedAt.getTime()) newest.set(a.courseId, a)
  }
  return newest
}

export function wayForward(
  requirement: HardRequirement,
  catalog: { courses: readonly Course[]; certificates: readonly Certificate[] },
  progress: Pick<Progress, 'assignments'>,
): WayForward {
  if (requirement.kind === 'min_years') return { name: null, courses: [] }
  const key = normalizeKey(requirement.key)
  const matches =
    requirement.kind === 'certificate'
      ? catalog.courses.filter((c) => c.certificateCode !== null && normalizeKey(c.certificateCode) === key)
      : catalog.courses.filter((c) => normalizeKey(c.code) === key)
  const certificate = requirement.kind === 'certificate' ? catalog.certificates.find((c) => normalizeKey(c.code) === key) : undefined
  const name = requirement.kind === 'certificate' ? (certificate?.name ?? null) : (matches[0]?.title ?? null)
  const newest = newestAssignments(progress.assignments)
  return {
    name,
    courses: matches.map((course) => {
      const assignment = newest.get(course.id)
      return {
        course,
        isAssigned: assignment !== undefined && OPEN.has(assignment.status),
        assignmentId: assignment?.id ?? null,
        status: assignment?.status ?? null,
      }
    }),
  }
}
