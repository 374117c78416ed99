// A job description spans several rows (one per duty, requirement or KPI): the
// version's purpose and effective date are written on at least one of them (the
// purpose) and must agree wherever they are written.
import { where } from './check-duplicates.js'
import type { JobDescriptionRow } from './schemas.js'
import type { ImportError } from './types.js'
import type { Located } from './validate-rows.js'

const descriptionKey = (r: Pick<JobDescriptionRow, 'job_code' | 'version'>): string => `${r.job_code} v${r.version}`

/** Groups rows by (job, version), keeping file order. */
export function groupJobDescriptions(rows: Located<JobDescriptionRow>[]): Map<string, Located<JobDescriptionRow>[]> {
  const groups = new Map<string, Located<JobDescriptionRow>[]>()
  for (const row of rows) {
    const key = descriptionKey(row.value)
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }
  return groups
}

export function checkJobDescriptions(rows: Located<JobDescriptionRow>[]): ImportError[] {
  const errors: ImportError[] = []
  for (const [key, group] of groupJobDescriptions(rows)) {
    const purposeHead = group.find((r) => r.value.purpose_zh !== null)
    const dateHead = group.find((r) => r.value.effective_from !== null)
    if (!purposeHead) {
      const first = group[0]!
      errors.push({
        file: first.file,
        row: first.row,
        column: 'purpose_zh',
        reason: `job description ${key} has no purpose: write purpose_zh and purpose_en on at least one of its rows`,
      })
    }
    for (const row of group) {
      const v = row.value
      const differs = (column: string, head: Located<JobDescriptionRow>) =>
        errors.push({ file: row.file, row: row.row, column, reason: `differs from ${where(head, row.file)} (job description ${key})` })
      if (purposeHead && row !== purposeHead && v.purpose_zh !== null) {
        if (v.purpose_zh !== purposeHead.value.purpose_zh) differs('purpose_zh', purposeHead)
        if (v.purpose_en !== purposeHead.value.purpose_en) differs('purpose_en', purposeHead)
      }
      if (
        dateHead &&
        row !== dateHead &&
        v.effective_from !== null &&
        v.effective_from.getTime() !== dateHead.value.effective_from!.getTime()
      ) {
        differs('effective_from', dateHead)
      }
    }
  }
  return errors
}
