// Reading the audit log: HR's (or the operator's at the database's own machine),
// newest first, each entry with the name of who acted.
import { type Actor, displayName, isHr } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import type { AuditRecord, PrivacyDeps } from './ports.js'

export interface AuditLine extends AuditRecord {
  /** The acting employee's name in the reader's language, else the actor as recorded ("cli", "scheduler", "erased"). */
  actorName: string
}

export type ReadAuditResult = { kind: 'refused' } | { kind: 'unknown_person'; email: string } | { kind: 'entries'; entries: AuditLine[] }

export async function readAuditLog(
  deps: PrivacyDeps,
  actor: Actor | null,
  query: { who?: string; since?: Date; actionPrefix?: string; limit: number; locale: Locale },
): Promise<ReadAuditResult> {
  if (actor && !isHr(actor.employee)) return { kind: 'refused' }
  let employeeId: number | undefined
  if (query.who !== undefined) {
    const person = await deps.store.employees.byEmail(query.who)
    if (!person) return { kind: 'unknown_person', email: query.who }
    employeeId = person.id
  }
  const rows = await deps.store.privacy.auditEntries({
    limit: query.limit,
    ...(employeeId !== undefined ? { employeeId } : {}),
    ...(query.since ? { since: query.since } : {}),
    ...(query.actionPrefix ? { actionPrefix: query.actionPrefix } : {}),
  })
  const names = new Map<number, string>()
  for (const id of new Set(rows.flatMap((r) => (r.actorId === null ? [] : [r.actorId])))) {
    const e = await deps.store.employees.byId(id)
    if (e) names.set(id, displayName(e, query.locale))
  }
  return {
    kind: 'entries',
    entries: rows.map((r) => ({ ...r, actorName: (r.actorId !== null ? names.get(r.actorId) : undefined) ?? r.actor })),
  }
}
