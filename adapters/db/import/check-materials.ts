// A course's materials are numbered: a blank position is the next one in file order
// within the course (1 for its first row), so each position may appear once per course.
import { where } from './check-duplicates.js'
import type { CourseMaterialRow } from './schemas.js'
import type { ImportError } from './types.js'
import type { Located } from './validate-rows.js'

/** Each row's position: its own, or one more than the course's previous row's (1 for the first). */
export function materialPositions(rows: readonly Located<CourseMaterialRow>[]): number[] {
  const last = new Map<string, number>()
  return rows.map(({ value }) => {
    const position = value.position ?? (last.get(value.course_code) ?? 0) + 1
    last.set(value.course_code, position)
    return position
  })
}

export function checkMaterials(rows: readonly Located<CourseMaterialRow>[]): ImportError[] {
  const positions = materialPositions(rows)
  const first = new Map<string, Located<CourseMaterialRow>>()
  const errors: ImportError[] = []
  rows.forEach((located, i) => {
    const key = `${located.value.course_code} material ${positions[i]}`
    const seen = first.get(key)
    if (!seen) {
      first.set(key, located)
      return
    }
    errors.push({
      file: located.file,
      row: located.row,
      column: 'position',
      reason: `${located.value.position === null ? 'a blank position follows the row before it and gives' : 'duplicate'} position ${positions[i]} of course ${located.value.course_code}, already used by ${where(seen, located.file)}`,
    })
  })
  return errors
}
