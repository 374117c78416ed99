// A new version of a job description, once in force, is told to the people in
// the job: one card each (through the outbox, in their working hours) listing
// what was added, removed or changed since the version they knew. Version 1 is
// never announced (new hires get it with their onboarding). Run by the sweep and
// after an import; idempotent (the outbox dedupes on the key, announcedAt is set).
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import type { Job, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import { askValue } from '../../kernel/intent-spec.js'
import type { Delivery } from '../../kernel/messaging.js'
import { nextWorkingTime } from '../../kernel/working-time.js'
import { inForceAt } from './describe-job.js'
import { type DescriptionDiff, diffDescriptions, isEmptyDiff } from './diff-descriptions.js'
import type { JobDescriptionRecord, JobsDeps } from './ports.js'

export interface AnnounceResult {
  /** Versions marked announced (told, superseded or without a change). */
  announced: number
  /** Cards handed to the outbox. */
  notices: number
}

/** The version the people in the job last knew: the latest announced one below `current`, else the first. */
function baselineOf(versions: readonly JobDescriptionRecord[], current: JobDescriptionRecord): JobDescriptionRecord | null {
  const lower = versions.filter((v) => v.version < current.version).sort((a, b) => a.version - b.version)
  return lower.filter((v) => v.announcedAt !== null).at(-1) ?? lower[0] ?? null
}

export async function announceJobDescriptions(deps: JobsDeps): Promise<AnnounceResult> {
  const now = deps.clock.now()
  const repo = deps.store.jobDescriptions
  const records = await repo.toAnnounce(now)
  if (records.length === 0) return { announced: 0, notices: 0 }
  const byJob = new Map<number, JobDescriptionRecord[]>()
  for (const r of records) byJob.set(r.jobId, [...(byJob.get(r.jobId) ?? []), r])
  const catalog = await deps.store.catalog.load(now)
  let announced = 0
  let notices = 0
  for (const [jobId, versions] of byJob) {
    const pending = versions.filter((v) => v.version > 1 && v.announcedAt === null && v.effectiveFrom.getTime() <= now.getTime())
    if (pending.length === 0) continue
    const current = inForceAt(versions, now)
    const baseline = current ? baselineOf(versions, current) : null
    const job = catalog.jobs.find((j) => j.id === jobId)
    // Only the version in force is told; pending ones it supersedes are marked with it.
    if (current && baseline && job && pending.some((p) => p.id === current.id)) {
      const diff = diffDescriptions(baseline, current)
      if (!isEmptyDiff(diff)) {
        const people = await repo.activeIn([jobId])
        const deliveries: Delivery[] = people.map((person) => ({
          recipientId: person.id,
          card: jobDescriptionChangeCard({ job, current, baseline, diff }, person.locale),
          key: `jd-change:${current.id}:${person.id}`,
          purpose: 'job_description_changed',
          availableAt: nextWorkingTime(now, person.timeZone, deps.settings),
        }))
        if (deliveries.length > 0) await deps.deliver(deliveries)
        notices += deliveries.length
      }
    }
    await repo.markAnnounced(
      pending.map((p) => p.id),
      now,
    )
    announced += pending.length
  }
  if (announced > 0) deps.log.info({ announced, notices }, 'job description versions announced')
  return { announced, notices }
}

interface ChangeNotice {
  job: Job
  current: JobDescriptionRecord
  baseline: JobDescriptionRecord
  diff: DescriptionDiff
}

function jobDescriptionChangeCard(notice: ChangeNotice, locale: Locale): Card {
  const tr = translator(locale)
  const { job, current, baseline, diff } = notice
  const title = pick(job.title, locale)
  const lines: string[] = []
  if (diff.purposeChanged) lines.push(tr('jdChange.purpose', { purpose: pick(current.purpose, locale) }))
  const joiner = locale === 'zh-CN' ? '、' : ', '
  for (const change of diff.changes) {
    const section = tr(`jdChange.section.${change.item.section}`)
    const text = pick(change.item.text, locale)
    if (change.kind === 'added') lines.push(tr('jdChange.added', { section, text }))
    else if (change.kind === 'removed') lines.push(tr('jdChange.removed', { section, text }))
    else lines.push(tr('jdChange.changed', { section, text, fields: change.fields.map((f) => tr(`jdChange.field.${f}`)).join(joiner) }))
  }
  const blocks: Block[] = [
    {
      type: 'text',
      text: tr('jdChange.intro', {
        job: title,
        version: current.version,
        from: baseline.version,
        date: current.effectiveFrom.toISOString().slice(0, 10),
      }),
    },
    { type: 'text', text: lines.map((l) => `- ${l}`).join('\n') },
    {
      type: 'actions',
      buttons: [{ label: tr('jdChange.see'), action: { id: 'ask', value: askValue('job_description', { jobCode: job.code }) } }],
    },
  ]
  return makeCard(locale, { title: tr('jdChange.title', { job: title }), tone: 'info' }, blocks)
}
