// Ladder resolution over the catalogue's promotion paths: what comes after a
// job, whether a target lies ahead of someone, and which standard applies.
import type { Catalog, Job, Standard } from './types.js'

/**
 * Direct next jobs from `jobId`. Staying on one's own track is the usual
 * promotion, so same-track jobs come first; the rest sort by track, level, code
 * so the list reads the same on every call. An unknown job has no next steps.
 */
export function nextSteps(catalog: Catalog, jobId: number): Job[] {
  const from = catalog.jobs.find((job) => job.id === jobId)
  if (!from) return []
  const targetIds = new Set<number>()
  for (const path of catalog.paths) if (path.fromJobId === jobId) targetIds.add(path.toJobId)
  if (targetIds.size === 0) return []
  const steps = catalog.jobs.filter((job) => targetIds.has(job.id))
  return steps.sort((a, b) => {
    const aSame = a.track === from.track ? 0 : 1
    const bSame = b.track === from.track ? 0 : 1
    if (aSame !== bSame) return aSame - bSame
    if (a.track !== b.track) return a.track < b.track ? -1 : 1
    if (a.level !== b.level) return a.level - b.level
    if (a.code !== b.code) return a.code < b.code ? -1 : 1
    return a.id - b.id
  })
}

/**
 * True when `toJobId` can be reached from `fromJobId` by one or more paths.
 * A job is not "on the path" from itself unless a cycle leads back to it.
 * Imported path data may contain cycles, so visited jobs are never re-entered.
 */
export function isOnPath(catalog: Catalog, fromJobId: number | null, toJobId: number): boolean {
  if (fromJobId === null) return false
  const next = new Map<number, number[]>()
  for (const path of catalog.paths) {
    const list = next.get(path.fromJobId)
    if (list) list.push(path.toJobId)
    else next.set(path.fromJobId, [path.toJobId])
  }
  const visited = new Set<number>()
  const queue: number[] = [fromJobId]
  for (let i = 0; i < queue.length; i++) {
    for (const to of next.get(queue[i] as number) ?? []) {
      if (to === toJobId) return true
      if (visited.has(to)) continue
      visited.add(to)
      queue.push(to)
    }
  }
  return false
}

/**
 * The standard in force for a job. The catalogue normally holds one per job;
 * should it hold several, the latest effective one (then highest version) wins.
 */
export function standardFor(catalog: Catalog, jobId: number): Standard | null {
  let best: Standard | null = null
  for (const standard of catalog.standards) {
    if (standard.jobId !== jobId) continue
    if (!best || isNewer(standard, best)) best = standard
  }
  return best
}

function isNewer(a: Standard, b: Standard): boolean {
  const diff = a.effectiveFrom.getTime() - b.effectiveFrom.getTime()
  return diff !== 0 ? diff > 0 : a.version > b.version
}

/**
 * What a rating of someone in `jobId` is measured against, per dimension: the
 * required attainment in the first next-step standard that has the dimension,
 * else in the current job's standard. (A "3 — meets the standard" given today
 * is stored as this value; the gap engine re-anchors the rating to whichever
 * standard it measures against.)
 */
export function ratingBasis(catalog: Catalog, jobId: number | null): Map<number, number> {
  const basis = new Map<number, number>()
  if (jobId === null) return basis
  for (const id of [...nextSteps(catalog, jobId).map((j) => j.id), jobId]) {
    const standard = standardFor(catalog, id)
    for (const d of standard?.dimensions ?? []) {
      if (!basis.has(d.dimension.id)) basis.set(d.dimension.id, d.requiredAttainment ?? standard!.threshold)
    }
  }
  return basis
}
