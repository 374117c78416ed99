// Writes qualification standards. A (job, version) in the import replaces that
// standard's dimensions and indicators as a whole; an identical one is left alone
// so its ids (and anything pointing at them) survive a re-import.
import { type ApplyContext, idOf, tally } from './apply-context.js'
import { groupStandards } from './check-standards.js'
import type { StandardRow } from './schemas.js'
import type { Located } from './validate-rows.js'

interface WantedDimension {
  dimensionId: number
  weight: number
  requiredAttainment: number | null
  indicators: {
    code: string
    textZh: string
    textEn: string
    requirementKind: string | null
    requirementKey: string | null
    requirementValue: number | null
  }[]
}

interface WantedStandard {
  jobId: number
  version: number
  effectiveFrom: Date
  threshold: number
  dimensions: WantedDimension[]
}

function wantedStandard(ctx: ApplyContext, rows: StandardRow[]): WantedStandard {
  const head = rows[0]!
  const dimensions = new Map<string, WantedDimension>()
  for (const r of rows) {
    let dimension = dimensions.get(r.dimension_code)
    if (!dimension) {
      dimension = {
        dimensionId: idOf(ctx.ids.dimensions, r.dimension_code),
        weight: r.weight,
        requiredAttainment: r.required_attainment,
        indicators: [],
      }
      dimensions.set(r.dimension_code, dimension)
    }
    if (r.indicator_code === null) continue
    dimension.indicators.push({
      code: r.indicator_code,
      textZh: r.indicator_zh ?? '',
      textEn: r.indicator_en ?? '',
      requirementKind: r.requirement_kind,
      requirementKey: r.requirement_key,
      requirementValue: r.requirement_value,
    })
  }
  return {
    jobId: idOf(ctx.ids.jobs, head.job_code),
    version: head.version,
    effectiveFrom: head.effective_from,
    threshold: head.threshold,
    dimensions: [...dimensions.values()],
  }
}

/** The comparable content of a standard, in the order it is shown. */
const fingerprint = (s: Omit<WantedStandard, 'jobId' | 'version'>): string =>
  JSON.stringify([s.effectiveFrom.getTime(), s.threshold, s.dimensions])

export async function applyStandards(ctx: ApplyContext, rows: Located<StandardRow>[]): Promise<void> {
  const { tx } = ctx
  for (const group of groupStandards(rows).values()) {
    const wanted = wantedStandard(
      ctx,
      group.map((g) => g.value),
    )
    const existing = await tx.qualificationStandard.findUnique({
      where: { jobId_version: { jobId: wanted.jobId, version: wanted.version } },
      include: { dimensions: { orderBy: { id: 'asc' }, include: { indicators: { orderBy: { id: 'asc' } } } } },
    })
    if (existing) {
      const stored = fingerprint({
        effectiveFrom: existing.effectiveFrom,
        threshold: existing.threshold,
        dimensions: existing.dimensions.map((d) => ({
          dimensionId: d.dimensionId,
          weight: d.weight,
          requiredAttainment: d.requiredAttainment,
          indicators: d.indicators.map((i) => ({
            code: i.code,
            textZh: i.textZh,
            textEn: i.textEn,
            requirementKind: i.requirementKind,
            requirementKey: i.requirementKey,
            requirementValue: i.requirementValue,
          })),
        })),
      })
      if (stored === fingerprint(wanted)) {
        tally(ctx, 'standards', 'unchanged')
        continue
      }
      await tx.standardDimension.deleteMany({ where: { standardId: existing.id } })
      await tx.qualificationStandard.update({
        where: { id: existing.id },
        data: { effectiveFrom: wanted.effectiveFrom, threshold: wanted.threshold },
      })
      await createDimensions(ctx, existing.id, wanted.dimensions)
      tally(ctx, 'standards', 'updated')
      continue
    }
    const standard = await tx.qualificationStandard.create({
      data: { jobId: wanted.jobId, version: wanted.version, effectiveFrom: wanted.effectiveFrom, threshold: wanted.threshold },
    })
    await createDimensions(ctx, standard.id, wanted.dimensions)
    tally(ctx, 'standards', 'created')
  }
}

/** One at a time, in file order: ids carry the order the standard is shown in. */
async function createDimensions(ctx: ApplyContext, standardId: number, dimensions: WantedDimension[]): Promise<void> {
  for (const { indicators, ...dimension } of dimensions) {
    const created = await ctx.tx.standardDimension.create({ data: { standardId, ...dimension } })
    for (const indicator of indicators) {
      await ctx.tx.indicator.create({ data: { standardDimensionId: created.id, ...indicator } })
    }
  }
}
