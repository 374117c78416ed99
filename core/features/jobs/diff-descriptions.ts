// What changed between two versions of a job description, item by item (paired
// by their stable code): what a new version's notice tells the people in the job.
import type { JobDescriptionItemRecord, JobDescriptionRecord } from './ports.js'

export type ChangedField = 'section' | 'text' | 'owner' | 'recurrence' | 'evidence' | 'dimension' | 'target'

export type ItemChange =
  | { kind: 'added'; item: JobDescriptionItemRecord }
  | { kind: 'removed'; item: JobDescriptionItemRecord }
  | { kind: 'changed'; before: JobDescriptionItemRecord; item: JobDescriptionItemRecord; fields: ChangedField[] }

export interface DescriptionDiff {
  purposeChanged: boolean
  /** Added and changed items in the new version's order, then removed ones in the old version's. */
  changes: ItemChange[]
}

const FIELDS: readonly [ChangedField, (i: JobDescriptionItemRecord) => unknown][] = [
  ['section', (i) => i.section],
  // A text counts as changed when either language does.
  ['text', (i) => `${i.text.zh}\n${i.text.en}`],
  ['owner', (i) => i.ownerJobId],
  ['recurrence', (i) => i.recurrence],
  ['evidence', (i) => i.evidence],
  ['dimension', (i) => i.dimensionId],
  ['target', (i) => i.target],
]

const byPosition = (items: readonly JobDescriptionItemRecord[]) => [...items].sort((a, b) => a.position - b.position)

export function diffDescriptions(
  before: Pick<JobDescriptionRecord, 'purpose' | 'items'>,
  after: Pick<JobDescriptionRecord, 'purpose' | 'items'>,
): DescriptionDiff {
  const old = new Map(before.items.map((i) => [i.code, i]))
  const kept = new Set<string>()
  const changes: ItemChange[] = []
  for (const item of byPosition(after.items)) {
    const was = old.get(item.code)
    if (!was) {
      changes.push({ kind: 'added', item })
      continue
    }
    kept.add(item.code)
    const fields = FIELDS.filter(([, read]) => read(was) !== read(item)).map(([field]) => field)
    if (fields.length > 0) changes.push({ kind: 'changed', before: was, item, fields })
  }
  for (const item of byPosition(before.items)) if (!kept.has(item.code)) changes.push({ kind: 'removed', item })
  return {
    purposeChanged: before.purpose.zh !== after.purpose.zh || before.purpose.en !== after.purpose.en,
    changes,
  }
}

export const isEmptyDiff = (diff: DescriptionDiff): boolean => !diff.purposeChanged && diff.changes.length === 0
