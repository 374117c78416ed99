// "谁负责需求分析" / "零件清点是谁的职责": the duties in force that match the asked
// words, each with the job that owns it and the people in that job; when two
// different jobs claim matching duties, the answer says so (the seed's 需求分析 dispute).
import type { Bilingual, Employee, Job } from '../../kernel/domain/types.js'
import { dutyPhrase, owningJobId, searchDuties } from './duty-search.js'
import type { JobsDeps } from './ports.js'

export interface DutyOwnerLine {
  code: string
  text: Bilingual
  /** The job whose description lists the duty. */
  describedIn: Job
  /** The job that owns it (its owner role, else describedIn). */
  owner: Job
  /** Active people in the owning job, by id. */
  people: Employee[]
  score: number
}

export type DutyOwnerResult =
  | { kind: 'ask' }
  | { kind: 'none_published' }
  | { kind: 'no_match'; phrase: string }
  | { kind: 'matches'; phrase: string; duties: DutyOwnerLine[] /** Distinct owning jobs, first match first. */; owners: Job[] }

/** `duty`: the duty's words, or a whole question ("谁负责需求分析?") the words are cut out of. */
export async function dutyOwner(deps: JobsDeps, options: { duty: string }): Promise<DutyOwnerResult> {
  const phrase = dutyPhrase(options.duty)
  if (phrase === '') return { kind: 'ask' }
  const now = deps.clock.now()
  const descriptions = await deps.store.jobDescriptions.allInForce(now)
  if (descriptions.length === 0) return { kind: 'none_published' }
  const matches = searchDuties(descriptions, phrase)
  if (matches.length === 0) return { kind: 'no_match', phrase }
  const catalog = await deps.store.catalog.load(now)
  const jobs = new Map(catalog.jobs.map((j) => [j.id, j]))
  const ownerIds = [...new Set(matches.map(owningJobId))]
  const people = await deps.store.jobDescriptions.activeIn(ownerIds)
  const duties: DutyOwnerLine[] = []
  for (const m of matches) {
    const describedIn = jobs.get(m.description.jobId)
    const owner = jobs.get(owningJobId(m))
    if (!describedIn || !owner) continue
    duties.push({
      code: m.duty.code,
      text: m.duty.text,
      describedIn,
      owner,
      people: people.filter((p) => p.jobId === owner.id),
      score: m.score,
    })
  }
  if (duties.length === 0) return { kind: 'no_match', phrase }
  const owners = [...new Map(duties.map((d) => [d.owner.id, d.owner])).values()]
  return { kind: 'matches', phrase, duties, owners }
}
