// A course verified by a quiz must have questions: in this import or in the database.
// (A quiz in the import replaces the stored one whole, see apply-quizzes.ts.)
import type { KnownKeys } from './known-keys.js'
import type { ImportError } from './types.js'
import type { MentionedKeys, RowsByEntity } from './validate-rows.js'

/** `mentioned`: a quiz whose rows have errors of their own is reported there, not as missing. */
export function checkQuizzes(rows: RowsByEntity, known: KnownKeys, mentioned: MentionedKeys): ImportError[] {
  const imported = mentioned.quiz_questions ?? new Set<string>()
  const errors: ImportError[] = []
  for (const { file, row, value, present } of rows.courses) {
    const stored = known.courseQuizzes.get(value.code)
    // Without a verification column, an existing course keeps its stored one.
    const verification = present.has('verification') || !stored ? value.verification : stored.verification
    if (verification !== 'quiz') continue
    if (imported.has(value.code) || (stored?.questions ?? 0) > 0) continue
    errors.push({
      file,
      row,
      column: 'verification',
      reason: `course ${value.code} is verified by a quiz but has no questions (not in the database nor in this import): add quiz_questions rows for it, or choose confirmation or record`,
    })
  }
  return errors
}
