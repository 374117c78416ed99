// What the privacy feature needs from storage: erasing a person, retention and the
// audit log. adapters/db/privacy-store.ts implements it (and the in-memory store).
import type { Deps } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { Store } from '../../kernel/ports.js'

/** One line of an erasure's summary: what happened to how many rows of one table. */
export interface ErasureLine {
  table: string
  action: 'deleted' | 'anonymised' | 'cancelled'
  rows: number
}

/** What the retention settings prune, each a batch at a time. */
export const RETENTION_KINDS = ['processed_events', 'delivered_outbox', 'closed_reminder_logs', 'audit'] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]

export interface AuditRecord {
  id: number
  at: Date
  actorId: number | null
  actor: string
  action: string
  entity: string
  entityId: string | null
  /** JSON as written (never secrets by construction), or null. */
  data: string | null
}

export interface AuditQuery {
  /** Entries this person acted in, or whose entity is this person. */
  employeeId?: number
  since?: Date
  /** Actions starting with this, e.g. "training." or "person.erase". */
  actionPrefix?: string
  limit: number
}

export interface PrivacyRepo {
  /**
   * People (active or not, erased ones left out) whose name, English name or email
   * occurs in the text: a leaver is no longer found by the chat's own lookup.
   */
  namedIn(text: string): Promise<Employee[]>
  /**
   * Removes or anonymises everything that names this person and turns their
   * Employee row into a tombstone (docs/privacy.md, table by table). Runs inside the
   * caller's transaction; a second run finds nothing left to change.
   */
  erase(input: { employeeId: number; now: Date }): Promise<ErasureLine[]>
  /**
   * Deletes at most `limit` rows of one kind older than `before` (one statement) and
   * says how many: the sweep calls it again until fewer come back.
   */
  pruneBatch(input: { kind: RetentionKind; before: Date; limit: number }): Promise<number>
  /** Audit entries, newest first. */
  auditEntries(query: AuditQuery): Promise<AuditRecord[]>
}

export interface PrivacyStore extends Store {
  privacy: PrivacyRepo
}

export type PrivacyDeps = Deps<PrivacyStore>

/** The tombstone an erased person's Employee row becomes: foreign keys hold, nothing personal stays. */
export const tombstone = (id: number) => ({
  email: `erased-${id}@erased.invalid`,
  name: `已删除人员 #${id}`,
  nameEn: `Erased person #${id}`,
})

export const isTombstone = (e: Pick<Employee, 'email'>): boolean => /^erased-\d+@erased\.invalid$/.test(e.email)
