// What someone with a copy of the data directory can reconstruct: every committed
// state of an SQLite database from its file and its write-ahead log, and an
// attacker who lines those states up to link anonymous 360 answers to raters
// (docs/feedback-360.md, "Threat model").
//
// WAL format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic,
// version, page size, checkpoint sequence, salt-1, salt-2, checksums), then frames
// of a 24-byte header (page number, database size in pages after the commit — non-
// zero only on a commit's last frame —, salt-1, salt-2, checksums) and one page.
// Frames whose salts differ from the header's are left over from an earlier
// generation of the log and are not part of it.
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'

/** The database file after each commit in `wal`, starting with the file itself. */
export function committedStates(db: Buffer, wal: Buffer): Buffer[] {
  const states = [Buffer.from(db)]
  if (wal.length < 32) return states
  const raw = wal.readUInt32BE(8)
  const pageSize = raw === 1 ? 65536 : raw
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)]
  let image = Buffer.from(db)
  let pending = new Map<number, Buffer>()
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salts[0] || wal.readUInt32BE(at + 12) !== salts[1]) break
    pending.set(wal.readUInt32BE(at), wal.subarray(at + 24, at + 24 + pageSize))
    const pages = wal.readUInt32BE(at + 4)
    if (pages === 0) continue
    const next = Buffer.alloc(pages * pageSize)
    image.copy(next, 0, 0, Math.min(image.length, next.length))
    for (const [page, bytes] of pending) if (page <= pages) bytes.copy(next, (page - 1) * pageSize)
    image = next
    pending = new Map()
    states.push(Buffer.from(image))
  }
  return states
}

interface Request {
  id: number
  raterId: number
  perspective: string
  status: string
  subjectId: number
}
interface Sealed {
  id: string
  subjectId: number
  perspective: string
}
interface Clear {
  subjectId: number
  perspective: string
  answers: string
}

/** What the attacker reads out of one committed state. */
export interface Observation {
  requests: Request[]
  sealed: Sealed[]
  clear: Clear[]
}

/** Opens a state (as a rollback-journal database, so no log is looked for) and reads the 360 tables. */
export function observe(state: Buffer): Observation {
  const bytes = Buffer.from(state)
  bytes[18] = 1 // file format write/read version: 1 = rollback journal, 2 = WAL
  bytes[19] = 1
  const Database = loadSqlite()
  const db = new Database(bytes)
  try {
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name),
    )
    return {
      requests: tables.has('FeedbackRequest')
        ? (db
            .prepare(
              `SELECT r.id, r.raterId, r.perspective, r.status, s.employeeId AS subjectId
               FROM FeedbackRequest r JOIN FeedbackSubject s ON s.id = r.feedbackSubjectId`,
            )
            .all() as Request[])
        : [],
      sealed: tables.has('SealedAnswer') ? (db.prepare(`SELECT id, subjectId, perspective FROM SealedAnswer`).all() as Sealed[]) : [],
      clear: tables.has('FeedbackResponse')
        ? (db.prepare(`SELECT subjectId, perspective, answers FROM FeedbackResponse`).all() as Clear[])
        : [],
    }
  } finally {
    db.close()
  }
}

export interface Link {
  subjectId: number
  label: string
  answers: string
  /** The raters this answer could have come from, as far as the states tell. */
  candidates: number[]
}

const MEMBERS: Record<string, string[]> = { peer: ['peer'], report: ['report'], 'peer+report': ['peer', 'report'] }

const countBy = (keys: string[]): Map<string, number> => {
  const m = new Map<string, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return m
}

/**
 * Walks the states in order. A sealed row is owned by the raters whose requests
 * turned submitted in the step it appeared in. An anonymous clear answer that
 * appears (by content) in a step could have come from the owners of the sealed
 * rows of its group that vanished in that step, or from raters of its group whose
 * requests turned submitted in that step. Returns every such answer with its candidates.
 */
export function linkAnswers(observations: Observation[]): Link[] {
  const links: Link[] = []
  const owners = new Map<string, number[]>()
  for (let i = 1; i < observations.length; i++) {
    const before = observations[i - 1] as Observation
    const after = observations[i] as Observation
    const wasSubmitted = new Set(before.requests.filter((r) => r.status === 'submitted').map((r) => r.id))
    const turned = after.requests.filter((r) => r.status === 'submitted' && !wasSubmitted.has(r.id))
    const sealedBefore = new Set(before.sealed.map((s) => s.id))
    const sealedAfter = new Set(after.sealed.map((s) => s.id))
    for (const s of after.sealed)
      if (!sealedBefore.has(s.id))
        owners.set(
          s.id,
          turned.filter((r) => r.subjectId === s.subjectId && r.perspective === s.perspective).map((r) => r.raterId),
        )
    const vanished = before.sealed.filter((s) => !sealedAfter.has(s.id))
    const key = (c: Clear) => `${c.subjectId}\n${c.perspective}\n${c.answers}`
    const had = countBy(before.clear.map(key))
    for (const [k, n] of countBy(after.clear.map(key))) {
      const [subject, label, answers] = k.split('\n') as [string, string, string]
      const members = MEMBERS[label]
      if (!members) continue // a named perspective
      const subjectId = Number(subject)
      const candidates = new Set<number>()
      for (const s of vanished)
        if (s.subjectId === subjectId && members.includes(s.perspective)) for (const r of owners.get(s.id) ?? []) candidates.add(r)
      for (const r of turned) if (r.subjectId === subjectId && members.includes(r.perspective)) candidates.add(r.raterId)
      for (let j = had.get(k) ?? 0; j < n; j++) links.push({ subjectId, label, answers, candidates: [...candidates].sort((a, b) => a - b) })
    }
  }
  return links
}

/** Consecutive duplicates dropped: the same state seen in two copies is one state. */
export function distinct(observations: Observation[]): Observation[] {
  const out: Observation[] = []
  let last = ''
  for (const o of observations) {
    const text = JSON.stringify([
      [...o.requests].sort((a, b) => a.id - b.id),
      o.sealed.map((s) => s.id).sort(),
      o.clear.map((c) => `${c.subjectId}|${c.perspective}|${c.answers}`).sort(),
    ])
    if (text !== last) out.push(o)
    last = text
  }
  return out
}

/** One link per distinct answer: seen appearing more than once (several copies), its candidates are the intersection. */
export function narrowest(links: Link[]): Link[] {
  const by = new Map<string, Link>()
  for (const link of links) {
    const key = `${link.subjectId}\n${link.label}\n${link.answers}`
    const known = by.get(key)
    by.set(key, known ? { ...known, candidates: known.candidates.filter((c) => link.candidates.includes(c)) } : link)
  }
  return [...by.values()]
}
