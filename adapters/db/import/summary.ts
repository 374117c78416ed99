// The plain-text summary `ladder import` prints: one line per entity it touched.
import { ENTITIES } from './entities.js'
import type { ImportCounts, ImportError } from './types.js'

export function formatSummary(counts: ImportCounts, isDryRun: boolean): string {
  const touched = ENTITIES.filter((e) => counts[e].created + counts[e].updated + counts[e].unchanged > 0)
  if (touched.length === 0) return 'The files hold no rows: nothing to import.'
  const width = Math.max(...ENTITIES.map((e) => e.length))
  const header = ['entity'.padEnd(width), 'created'.padStart(8), 'updated'.padStart(8), 'unchanged'.padStart(10)].join(' ')
  const lines = touched.map((e) =>
    [
      e.padEnd(width),
      String(counts[e].created).padStart(8),
      String(counts[e].updated).padStart(8),
      String(counts[e].unchanged).padStart(10),
    ].join(' '),
  )
  const changed = touched.some((e) => counts[e].created + counts[e].updated > 0)
  const verdict = isDryRun
    ? 'Dry run: the files are valid; nothing was written. Without --dry-run the changes above would be applied.'
    : changed
      ? 'Imported.'
      : 'Nothing changed: the database already holds exactly these rows.'
  return [header, ...lines, '', verdict].join('\n')
}

/** "3 errors in 2 rows of 1 file" */
export function describeErrors(errors: ImportError[]): string {
  const rows = new Set(errors.map((e) => `${e.file}\u0000${e.row}`)).size
  const files = new Set(errors.map((e) => e.file)).size
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  return `${plural(errors.length, 'error')} in ${plural(rows, 'row')} of ${plural(files, 'file')}: nothing was imported.`
}
