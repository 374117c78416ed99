// Writes job descriptions. A (job, version) in the import replaces that version's
// items as a whole (as standards do); an identical one is left alone. A version
// without an effective date comes into force on the import day. When it was
// already announced, its announcement stands.
import { type ApplyContext, idOf, optionalId, tally } from './apply-context.js'
import { groupJobDescriptions } from './check-job-descriptions.js'
import type { JobDescriptionRow } from './schemas.js'
import type { Located } from './validate-rows.js'

interface WantedItem {
  section: string
  code: string
  position: number
  textZh: string
  textEn: string
  ownerJobId: number | null
  recurrence: string | null
  evidence: string | null
  dimensionId: number | null
  target: string | null
}

interface WantedDescription {
  jobId: number
  version: number
  effectiveFrom: Date
  purposeZh: string
  purposeEn: string
  items: WantedItem[]
}

/** The import day, as a calendar date (midnight UTC): what an empty effective_from means. */
const importDay = (now: Date): Date => new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`)

function wantedDescription(ctx: ApplyContext, rows: JobDescriptionRow[]): WantedDescription {
  const head = rows[0]!
  const withPurpose = rows.find((r) => r.purpose_zh !== null)
  const withDate = rows.find((r) => r.effective_from !== null)
  return {
    jobId: idOf(ctx.ids.jobs, head.job_code),
    version: head.version,
    effectiveFrom: withDate?.effective_from ?? importDay(ctx.now),
    purposeZh: withPurpose?.purpose_zh ?? '',
    purposeEn: withPurpose?.purpose_en ?? '',
    items: rows.map((r, position) => ({
      section: r.section,
      code: r.code,
      position,
      textZh: r.text_zh,
      textEn: r.text_en,
      ownerJobId: optionalId(ctx.ids.jobs, r.owner_job_code),
      recurrence: r.recurrence,
      evidence: r.evidence,
      dimensionId: optionalId(ctx.ids.dimensions, r.dimension_code),
      target: r.target,
    })),
  }
}

const fingerprint = (d: Omit<WantedDescription, 'jobId' | 'version'>): string =>
  JSON.stringify([d.effectiveFrom.getTime(), d.purposeZh, d.purposeEn, d.items])

export async function applyJobDescriptions(ctx: ApplyContext, rows: Located<JobDescriptionRow>[]): Promise<void> {
  const { tx } = ctx
  for (const group of groupJobDescriptions(rows).values()) {
    const wanted = wantedDescription(
      ctx,
      group.map((g) => g.value),
    )
    const { items, jobId, version, ...head } = wanted
    const existing = await tx.jobDescription.findUnique({
      where: { jobId_version: { jobId, version } },
      include: { items: { orderBy: { position: 'asc' } } },
    })
    if (existing) {
      const stored = fingerprint({
        effectiveFrom: existing.effectiveFrom,
        purposeZh: existing.purposeZh,
        purposeEn: existing.purposeEn,
        items: existing.items.map((i) => ({
          section: i.section,
          code: i.code,
          position: i.position,
          textZh: i.textZh,
          textEn: i.textEn,
          ownerJobId: i.ownerJobId,
          recurrence: i.recurrence,
          evidence: i.evidence,
          dimensionId: i.dimensionId,
          target: i.target,
        })),
      })
      if (stored === fingerprint(wanted)) {
        tally(ctx, 'job_descriptions', 'unchanged')
        continue
      }
      await tx.jobDescriptionItem.deleteMany({ where: { descriptionId: existing.id } })
      await tx.jobDescription.update({ where: { id: existing.id }, data: head })
      await tx.jobDescriptionItem.createMany({ data: items.map((i) => ({ ...i, descriptionId: existing.id })) })
      tally(ctx, 'job_descriptions', 'updated')
      continue
    }
    const created = await tx.jobDescription.create({ data: { jobId, version, ...head } })
    await tx.jobDescriptionItem.createMany({ data: items.map((i) => ({ ...i, descriptionId: created.id })) })
    tally(ctx, 'job_descriptions', 'created')
  }
}
