// Every raw row through its entity's zod schema. All issues of all rows are kept.
import { ENTITIES, type Entity } from './entities.js'
import type { ParsedFile } from './parse-file.js'
import { ROW_SCHEMAS, type RowTypes } from './schemas.js'
import type { ImportError, RowLabel } from './types.js'

/** A valid row and where it came from, so later checks can point at it. */
export interface Located<T> {
  file: string
  row: RowLabel
  value: T
  /** The columns the row came with (see RawRow.present). */
  present: ReadonlySet<string>
}

export type RowsByEntity = { [E in Entity]: Located<RowTypes[E]>[] }

const emptyRows = (): RowsByEntity => Object.fromEntries(ENTITIES.map((e) => [e, []])) as unknown as RowsByEntity

/** The key cell of rows that may be referred to (or counted on), read before validation. */
const KEY_CELL: Partial<Record<Entity, string>> = {
  departments: 'code',
  dimensions: 'code',
  jobs: 'code',
  certificates: 'code',
  courses: 'code',
  // The courses that have questions in the import, even questions with errors of their own.
  quiz_questions: 'course_code',
  employees: 'email',
}

/**
 * U+FFFD stands for bytes that some program could not decode: the text is lost.
 * No import stores it (the importer's own decoder refuses such bytes; this
 * catches text that arrives already damaged, in a UTF-8 file or in JSON).
 */
const REPLACEMENT = '\uFFFD'
const DAMAGED =
  'holds "\uFFFD" (U+FFFD, the replacement character): the text was damaged by an earlier wrong decoding; type it again or export it again as "CSV UTF-8"'

export type MentionedKeys = Partial<Record<Entity, Set<string>>>

/**
 * Valid rows per entity, every row error, and the keys of all rows (valid or
 * not) so that a reference to a row with errors of its own is not also
 * reported as "unknown".
 */
export function validateRows(files: ParsedFile[]): { rows: RowsByEntity; errors: ImportError[]; mentioned: MentionedKeys } {
  const rows = emptyRows()
  const errors: ImportError[] = []
  const mentioned: MentionedKeys = {}
  for (const parsed of files) {
    const schema = ROW_SCHEMAS[parsed.entity]
    const target = rows[parsed.entity] as Located<unknown>[]
    const keyCell = KEY_CELL[parsed.entity]
    for (const raw of parsed.rows) {
      if (keyCell) {
        const key = raw.cells[keyCell]!
        const keys = mentioned[parsed.entity] ?? new Set()
        mentioned[parsed.entity] = keys
        keys.add(keyCell === 'email' ? key.toLowerCase() : key)
      }
      if (raw.isUnreadable) continue
      const damaged = Object.entries(raw.cells).filter(([, value]) => value.includes(REPLACEMENT))
      for (const [column] of damaged) errors.push({ file: parsed.file, row: raw.row, column, reason: DAMAGED })
      if (damaged.length > 0) continue
      const result = schema.safeParse(raw.cells)
      if (result.success) {
        target.push({ file: parsed.file, row: raw.row, value: result.data, present: raw.present })
        continue
      }
      for (const issue of result.error.issues) {
        errors.push({ file: parsed.file, row: raw.row, column: String(issue.path[0] ?? '(row)'), reason: issue.message })
      }
    }
  }
  return { rows, errors, mentioned }
}
