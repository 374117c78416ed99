// Training that closes a gap: catalogue courses tagged with a dimension, minus
// what the person has already done, with what they are already doing flagged.
import { normalizeKey } from './requirements.js'
import { type Assignment, type Course, OPEN_ASSIGNMENT_STATUSES, type Progress } from './types.js'

export interface CourseSuggestion {
  course: Course
  isAssigned: boolean
  assignmentId: number | null
}

const OPEN = new Set(OPEN_ASSIGNMENT_STATUSES)

/**
 * Suggestions per wanted dimension id. Catalogue order is kept, except that
 * courses with an open assignment move after the ones not yet taken up: the
 * new options are what the reader has not seen. One pass over courses and one
 * over assignments/evidence, because the whole-organisation report calls this
 * for every employee.
 *
 * `tracks` (lower case) are the career tracks the reader is in or growing into: a
 * course meant for other tracks (its `audienceTracks`) is not suggested, so an R&D
 * engineer's "professional knowledge" gap does not get HR's compliance course. A
 * course without an audience is for everyone; without `tracks`, nothing is filtered.
 */
export function suggestCourses(
  courses: Course[],
  progress: Progress,
  dimensionIds: ReadonlySet<number>,
  tracks?: ReadonlySet<string>,
): Map<number, CourseSuggestion[]> {
  const result = new Map<number, CourseSuggestion[]>()
  if (dimensionIds.size === 0) return result

  const doneCourseIds = new Set<number>()
  const openByCourse = new Map<number, Assignment>()
  for (const assignment of progress.assignments) {
    if (assignment.status === 'completed' || assignment.status === 'waived') doneCourseIds.add(assignment.courseId)
    else if (OPEN.has(assignment.status)) {
      // Several open assignments of one course (re-assigned by HR): the newest is the one to act on.
      const known = openByCourse.get(assignment.courseId)
      if (!known || assignment.assignedAt.getTime() >= known.assignedAt.getTime()) openByCourse.set(assignment.courseId, assignment)
    }
  }
  const doneCodes = new Set<string>()
  for (const item of progress.evidence) if (item.kind === 'course') doneCodes.add(normalizeKey(item.key))

  const fresh = new Map<number, CourseSuggestion[]>()
  const taken = new Map<number, CourseSuggestion[]>()
  for (const course of courses) {
    if (doneCourseIds.has(course.id)) continue
    if (tracks && !isForTracks(course, tracks)) continue
    if (doneCodes.size > 0 && doneCodes.has(normalizeKey(course.code))) continue
    const open = openByCourse.get(course.id)
    const suggestion: CourseSuggestion = { course, isAssigned: open !== undefined, assignmentId: open?.id ?? null }
    const target = open ? taken : fresh
    for (const dimensionId of course.dimensionIds) {
      if (!dimensionIds.has(dimensionId)) continue
      const list = target.get(dimensionId)
      if (!list) target.set(dimensionId, [suggestion])
      // A course tagged twice with one dimension is still one suggestion.
      else if (list[list.length - 1]?.course !== course) list.push(suggestion)
    }
  }
  for (const dimensionId of dimensionIds) {
    result.set(dimensionId, [...(fresh.get(dimensionId) ?? []), ...(taken.get(dimensionId) ?? [])])
  }
  return result
}

const isForTracks = (course: Course, tracks: ReadonlySet<string>): boolean =>
  course.audienceTracks.length === 0 || course.audienceTracks.some((track) => tracks.has(track.toLowerCase()))
