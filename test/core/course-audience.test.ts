// Course suggestions for a gap respect the course's audience: HR's compliance course
// improves "professional knowledge" too, but not an R&D engineer's.
import { describe, expect, it } from 'vitest'
import { suggestCourses } from '../../core/kernel/domain/suggest-courses.js'
import { type Course, EMPTY_PROGRESS } from '../../core/kernel/domain/types.js'

const KNOWLEDGE = 1
const course = (id: number, code: string, audienceTracks: string[]): Course => ({
  id,
  code,
  title: { zh: code, en: code },
  format: 'online',
  durationMinutes: 60,
  url: null,
  passMark: null,
  verification: 'none',
  certificateCode: null,
  quizSize: 0,
  dimensionIds: [KNOWLEDGE],
  audienceTracks,
})
const courses = [
  course(1, 'RD-203', ['rd']),
  course(2, 'HR-101', ['hr']),
  course(3, 'CU-101', []),
  course(4, 'MG-102', ['management', 'rd']),
  course(5, 'RT-101', ['RETAIL']),
]

describe('suggestCourses by audience', () => {
  it.each<[string, string[] | undefined, string[]]>([
    ['an R&D engineer', ['rd'], ['RD-203', 'CU-101', 'MG-102']],
    ['an HR specialist', ['hr'], ['HR-101', 'CU-101']],
    ['an engineer growing into management', ['rd', 'management'], ['RD-203', 'CU-101', 'MG-102']],
    ['a sales associate (codes compare without case)', ['retail'], ['CU-101', 'RT-101']],
    ['nobody in particular (no tracks given)', undefined, ['RD-203', 'HR-101', 'CU-101', 'MG-102', 'RT-101']],
  ])('%s', (_who, tracks, codes) => {
    const suggested = suggestCourses(courses, EMPTY_PROGRESS, new Set([KNOWLEDGE]), tracks && new Set(tracks))
    expect(suggested.get(KNOWLEDGE)?.map((s) => s.course.code)).toEqual(codes)
  })
})
