// The description in force for a job, with what its lines refer to resolved
// from the catalogue: a duty's owning job, a requirement's standard dimension
// (and its weight and required attainment in the job's standard, when it has them).
import type { Bilingual, Catalog, Dimension, Job } from '../../kernel/domain/types.js'
import type { DutyEvidence, JobDescriptionRecord, JobsDeps } from './ports.js'

export interface DutyLine {
  code: string
  text: Bilingual
  /** The job that owns it when that is not the described job itself. */
  owner: Job | null
  recurrence: string | null
  evidence: DutyEvidence | null
}

export interface RequirementLine {
  code: string
  text: Bilingual
  dimension: Dimension | null
  /** From the job's standard in force, when it weighs that dimension. */
  weight: number | null
  requiredAttainment: number | null
}

export interface KpiLine {
  code: string
  text: Bilingual
  target: string | null
}

export interface JobDescription {
  id: number
  job: Job
  version: number
  effectiveFrom: Date
  purpose: Bilingual
  duties: DutyLine[]
  requirements: RequirementLine[]
  kpis: KpiLine[]
}

/** The latest version already in force at `at` (versions in any order), or null. */
export function inForceAt<T extends Pick<JobDescriptionRecord, 'version' | 'effectiveFrom'>>(versions: readonly T[], at: Date): T | null {
  let best: T | null = null
  for (const v of versions) {
    if (v.effectiveFrom.getTime() > at.getTime()) continue
    if (!best || v.version > best.version) best = v
  }
  return best
}

/** A stored version read against the catalogue. */
function resolveDescription(record: JobDescriptionRecord, catalog: Catalog): JobDescription | null {
  const job = catalog.jobs.find((j) => j.id === record.jobId)
  if (!job) return null
  const jobsById = new Map(catalog.jobs.map((j) => [j.id, j]))
  const dimensions = new Map(catalog.dimensions.map((d) => [d.id, d]))
  const standard = catalog.standards.find((s) => s.jobId === record.jobId)
  const weighed = new Map(standard?.dimensions.map((d) => [d.dimension.id, d]) ?? [])
  const duties: DutyLine[] = []
  const requirements: RequirementLine[] = []
  const kpis: KpiLine[] = []
  for (const item of [...record.items].sort((a, b) => a.position - b.position)) {
    const base = { code: item.code, text: item.text }
    if (item.section === 'duty') {
      const owner = item.ownerJobId !== null && item.ownerJobId !== record.jobId ? (jobsById.get(item.ownerJobId) ?? null) : null
      duties.push({ ...base, owner, recurrence: item.recurrence, evidence: item.evidence })
    } else if (item.section === 'requirement') {
      const dimension = item.dimensionId === null ? null : (dimensions.get(item.dimensionId) ?? null)
      const inStandard = dimension ? weighed.get(dimension.id) : undefined
      requirements.push({
        ...base,
        dimension,
        weight: inStandard?.weight ?? null,
        requiredAttainment: inStandard?.requiredAttainment ?? null,
      })
    } else kpis.push({ ...base, target: item.target })
  }
  return {
    id: record.id,
    job,
    version: record.version,
    effectiveFrom: record.effectiveFrom,
    purpose: record.purpose,
    duties,
    requirements,
    kpis,
  }
}

/** The description in force now for the job, or null when none is published (or none in force yet). */
export async function describeJob(deps: JobsDeps, jobId: number): Promise<JobDescription | null> {
  const now = deps.clock.now()
  const record = inForceAt(await deps.store.jobDescriptions.versionsOf(jobId), now)
  if (!record) return null
  return resolveDescription(record, await deps.store.catalog.load(now))
}
