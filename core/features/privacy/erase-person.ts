// Erasing a person's data (a PIPL/GDPR request): HR only, decided here for the chat,
// the console and `ladder erase --as` alike. A preview first (the same erasure, rolled
// back), then the erasure itself, in one transaction, recorded in the audit log
// without the person's identity.
import { type Actor, isHr } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import { type ErasureLine, isTombstone, type PrivacyDeps } from './ports.js'

/** Who the erasure is about: an employee id (a button, the CLI) or the words of a question. */
export type EraseTarget = { employeeId: number } | { text: string; subjectId?: number }

export type ErasePreview =
  | { kind: 'refused' }
  | { kind: 'not_found' }
  /** Several people match the words: HR names one more precisely (or uses the email). */
  | { kind: 'ambiguous'; people: Employee[] }
  | { kind: 'self' }
  | { kind: 'already_erased'; person: Employee }
  | { kind: 'preview'; person: Employee; lines: ErasureLine[] }

export type EraseResult =
  | { kind: 'refused' }
  | { kind: 'not_found' }
  | { kind: 'self' }
  | { kind: 'already_erased'; person: Employee }
  /** Done (or, on a dry run, what would be done): the tombstone's id and the rows per table. */
  | ({ kind: 'erased' } & Erased)
  | ({ kind: 'dry_run' } & Erased)

interface Erased {
  /** The person as they were before (their name for the CLI's summary). */
  person: Employee
  tombstoneId: number
  lines: ErasureLine[]
}

class RollBack extends Error {
  constructor(readonly lines: ErasureLine[]) {
    super('dry run: rolled back')
  }
}

/** Who may erase: HR, or the operator at the database's own machine (no actor, the CLI without --as). */
const mayErase = (actor: Actor | null): boolean => actor === null || isHr(actor.employee)

async function findTarget(deps: PrivacyDeps, target: EraseTarget): Promise<Employee | Employee[] | null> {
  if ('employeeId' in target) return deps.store.employees.byId(target.employeeId)
  if (target.subjectId !== undefined) return deps.store.employees.byId(target.subjectId)
  const people = await deps.store.privacy.namedIn(target.text)
  // "李雷" inside "李雷雷": the longest names win, as a person named in full is meant.
  const longest = Math.max(0, ...people.map((p) => p.name.length))
  const named = people.filter(
    (p) => p.name.length === longest || (p.nameEn !== null && target.text.toLowerCase().includes(p.nameEn.toLowerCase())),
  )
  if (named.length === 0) return null
  return named.length === 1 ? named[0]! : named
}

/** What erasing the person would remove: the card HR confirms. */
export async function previewErasure(deps: PrivacyDeps, actor: Actor, target: EraseTarget): Promise<ErasePreview> {
  // Refused before anyone is looked up: the answer says nothing about who exists.
  if (!mayErase(actor)) return { kind: 'refused' }
  const found = await findTarget(deps, target)
  if (found === null) return { kind: 'not_found' }
  if (Array.isArray(found)) return { kind: 'ambiguous', people: found }
  const result = await erasePerson(deps, actor, { employeeId: found.id, dryRun: true })
  if (result.kind === 'dry_run') return { kind: 'preview', person: result.person, lines: result.lines }
  if (result.kind === 'erased') return { kind: 'not_found' }
  return result
}

/**
 * Erases the person: everything that names them is deleted or anonymised, their
 * Employee row becomes a tombstone, and the audit log records "person.erase" on the
 * tombstone's id with the row counts. `actor` null: the operator (CLI without --as).
 */
export async function erasePerson(
  deps: PrivacyDeps,
  actor: Actor | null,
  input: { employeeId: number; dryRun?: boolean },
): Promise<EraseResult> {
  if (!mayErase(actor)) return { kind: 'refused' }
  const person = await deps.store.employees.byId(input.employeeId)
  if (!person) return { kind: 'not_found' }
  if (actor && actor.employee.id === person.id) return { kind: 'self' }
  if (isTombstone(person)) return { kind: 'already_erased', person }
  const now = deps.clock.now()
  const run = async (tx: PrivacyDeps['store']) => merged(await tx.privacy.erase({ employeeId: person.id, now }))
  if (input.dryRun) {
    try {
      await deps.store.transaction(async (tx) => {
        throw new RollBack(await run(tx))
      })
    } catch (error) {
      if (error instanceof RollBack) return { kind: 'dry_run', person, tombstoneId: person.id, lines: error.lines }
      throw error
    }
    throw new Error('the dry run was not rolled back')
  }
  const lines = await deps.store.transaction(async (tx) => {
    const done = await run(tx)
    await tx.audit.record({
      actorId: actor?.employee.id ?? null,
      actor: actor ? `employee:${actor.employee.id}` : 'cli',
      action: 'person.erase',
      entity: 'Employee',
      entityId: person.id,
      data: { rows: Object.fromEntries(done.map((l) => [`${l.table}.${l.action}`, l.rows])) },
    })
    return done
  })
  deps.log.info({ tombstoneId: person.id, tables: lines.length }, 'person erased')
  return { kind: 'erased', person, tombstoneId: person.id, lines }
}

/** One line per table and action, rows added up, in the order first seen. */
function merged(lines: readonly ErasureLine[]): ErasureLine[] {
  const out = new Map<string, ErasureLine>()
  for (const l of lines) {
    if (l.rows === 0) continue
    const key = `${l.table}.${l.action}`
    const seen = out.get(key)
    if (seen) seen.rows += l.rows
    else out.set(key, { ...l })
  }
  return [...out.values()]
}
