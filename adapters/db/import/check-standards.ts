// A standard spans several rows (one per indicator): the columns of the standard
// and of each dimension repeat, so they must agree, and the weights must add up.
import { where } from './check-duplicates.js'
import type { StandardRow } from './schemas.js'
import type { ImportError } from './types.js'
import type { Located } from './validate-rows.js'

const standardKey = (r: Pick<StandardRow, 'job_code' | 'version'>): string => `${r.job_code} v${r.version}`

/** Groups rows by (job, version), keeping file order. */
export function groupStandards(rows: Located<StandardRow>[]): Map<string, Located<StandardRow>[]> {
  const groups = new Map<string, Located<StandardRow>[]>()
  for (const row of rows) {
    const key = standardKey(row.value)
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }
  return groups
}

export function checkStandards(rows: Located<StandardRow>[]): ImportError[] {
  const errors: ImportError[] = []
  for (const [key, group] of groupStandards(rows)) {
    const head = group[0]!
    const dimensionHeads = new Map<string, Located<StandardRow>>()
    for (const row of group) {
      const v = row.value
      const mismatch = (column: string, other: Located<StandardRow>, what: string) =>
        errors.push({ file: row.file, row: row.row, column, reason: `differs from ${where(other, row.file)} (${what})` })
      if (v.effective_from.getTime() !== head.value.effective_from.getTime()) mismatch('effective_from', head, `standard ${key}`)
      if (v.threshold !== head.value.threshold) mismatch('threshold', head, `standard ${key}`)
      const dimensionHead = dimensionHeads.get(v.dimension_code)
      if (!dimensionHead) {
        dimensionHeads.set(v.dimension_code, row)
        continue
      }
      const what = `${v.dimension_code} in standard ${key}`
      if (v.weight !== dimensionHead.value.weight) mismatch('weight', dimensionHead, what)
      if (v.required_attainment !== dimensionHead.value.required_attainment) mismatch('required_attainment', dimensionHead, what)
    }
    const sum = [...dimensionHeads.values()].reduce((total, r) => total + r.value.weight, 0)
    if (sum === 100) continue
    // Reported on every row of the standard: any of them may hold the wrong weight.
    for (const row of group) {
      errors.push({
        file: row.file,
        row: row.row,
        column: 'weight',
        reason: `the weights of standard ${key} add up to ${sum}, not 100`,
      })
    }
  }
  return errors
}
