// What every apply step shares inside the import's one transaction: the ids of
// things by natural key (grown as rows are created) and the running counts.
import type { Prisma } from '../generated/client.js'
import { ENTITIES, type Entity } from './entities.js'
import type { EntityCounts, ImportCounts } from './types.js'

export type Tx = Prisma.TransactionClient

export interface Ids {
  departments: Map<string, number>
  dimensions: Map<string, number>
  jobs: Map<string, number>
  courses: Map<string, number>
  employees: Map<string, number>
}

export interface ApplyContext {
  tx: Tx
  ids: Ids
  counts: ImportCounts
  now: Date
}

export async function loadIds(tx: Tx): Promise<Ids> {
  const [departments, dimensions, jobs, courses, employees] = await Promise.all([
    tx.department.findMany({ select: { id: true, code: true } }),
    tx.dimension.findMany({ select: { id: true, code: true } }),
    tx.job.findMany({ select: { id: true, code: true } }),
    tx.course.findMany({ select: { id: true, code: true } }),
    tx.employee.findMany({ select: { id: true, email: true } }),
  ])
  return {
    departments: new Map(departments.map((d) => [d.code, d.id])),
    dimensions: new Map(dimensions.map((d) => [d.code, d.id])),
    jobs: new Map(jobs.map((j) => [j.code, j.id])),
    courses: new Map(courses.map((c) => [c.code, c.id])),
    employees: new Map(employees.map((e) => [e.email, e.id])),
  }
}

export const zeroCounts = (): ImportCounts =>
  Object.fromEntries(ENTITIES.map((e) => [e, { created: 0, updated: 0, unchanged: 0 } satisfies EntityCounts])) as ImportCounts

export function tally(ctx: ApplyContext, entity: Entity, outcome: keyof EntityCounts): void {
  ctx.counts[entity][outcome]++
}

/** Looks up an id that validation has already proven to exist. */
export function idOf(map: Map<string, number>, key: string): number {
  const id = map.get(key)
  if (id === undefined) throw new Error(`import: "${key}" was validated but has no id (a bug in the importer)`)
  return id
}

export const optionalId = (map: Map<string, number>, key: string | null): number | null => (key === null ? null : idOf(map, key))

/** Equal field by field; dates by instant. */
export function sameFields<T extends object>(stored: T, wanted: Partial<T>): boolean {
  return Object.entries(wanted).every(([k, v]) => {
    const s = (stored as Record<string, unknown>)[k]
    if (v instanceof Date || s instanceof Date) return (s as Date | null)?.getTime() === (v as Date | null)?.getTime()
    return s === v
  })
}

/**
 * The fields of `wanted` whose column the row has. A file without, say, a
 * manager_email column updates names without clearing anyone's manager.
 */
export function presentOnly<T extends Record<string, unknown>>(
  wanted: T,
  columnOf: { [K in keyof T]: string },
  present: ReadonlySet<string>,
): Partial<T> {
  return Object.fromEntries(Object.entries(wanted).filter(([field]) => present.has(columnOf[field as keyof T]))) as Partial<T>
}
