// Personal data's lifecycle: erasing a person, retention, reading the audit log
// (docs/privacy.md). What the rest of Ladder may use.
export { eraseLinesText } from './erase-card.js'
export { type EraseResult, erasePerson } from './erase-person.js'
export { eraseAction, privacyIntents } from './intents.js'
export type { AuditRecord, ErasureLine, PrivacyRepo, PrivacyStore, RetentionKind } from './ports.js'
export { isTombstone, tombstone } from './ports.js'
export { type AuditLine, readAuditLog } from './read-audit.js'
export { DEFAULT_RETENTION, type PruneResult, pruneExpired, type RetentionPolicy } from './retention.js'
