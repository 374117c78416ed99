// Writes the organisation's reference data: departments, dimensions, jobs,
// promotion paths and courses. Upserts by natural key; untouched rows stay as they are.
import { type ApplyContext, idOf, optionalId, presentOnly, sameFields, tally } from './apply-context.js'
import type { CertificateRow, CourseRow, DepartmentRow, DimensionRow, JobRow, PathRow, SourceWeightRow } from './schemas.js'
import type { Located } from './validate-rows.js'

export async function applyDepartments(ctx: ApplyContext, rows: Located<DepartmentRow>[]): Promise<void> {
  const { tx, ids } = ctx
  const stored = new Map((await tx.department.findMany()).map((d) => [d.code, d]))
  // Parents may come later in the file: create every department first, link after.
  const created = new Set<string>()
  for (const { value: r } of rows) {
    if (stored.has(r.code)) continue
    const d = await tx.department.create({ data: { code: r.code, nameZh: r.name_zh, nameEn: r.name_en } })
    ids.departments.set(r.code, d.id)
    created.add(r.code)
  }
  for (const { value: r, present } of rows) {
    const all = { nameZh: r.name_zh, nameEn: r.name_en, parentId: optionalId(ids.departments, r.parent_code) }
    if (created.has(r.code)) {
      if (all.parentId !== null) await tx.department.update({ where: { code: r.code }, data: { parentId: all.parentId } })
      tally(ctx, 'departments', 'created')
      continue
    }
    const wanted = presentOnly(all, { nameZh: 'name_zh', nameEn: 'name_en', parentId: 'parent_code' }, present)
    if (sameFields(stored.get(r.code)!, wanted)) {
      tally(ctx, 'departments', 'unchanged')
      continue
    }
    await tx.department.update({ where: { code: r.code }, data: wanted })
    tally(ctx, 'departments', 'updated')
  }
}

export async function applyDimensions(ctx: ApplyContext, rows: Located<DimensionRow>[]): Promise<void> {
  const stored = new Map((await ctx.tx.dimension.findMany()).map((d) => [d.code, d]))
  for (const { value: r } of rows) {
    const wanted = { nameZh: r.name_zh, nameEn: r.name_en }
    const existing = stored.get(r.code)
    if (!existing) {
      const d = await ctx.tx.dimension.create({ data: { code: r.code, ...wanted } })
      ctx.ids.dimensions.set(r.code, d.id)
      tally(ctx, 'dimensions', 'created')
    } else if (sameFields(existing, wanted)) {
      tally(ctx, 'dimensions', 'unchanged')
    } else {
      await ctx.tx.dimension.update({ where: { id: existing.id }, data: wanted })
      tally(ctx, 'dimensions', 'updated')
    }
  }
}

export async function applyJobs(ctx: ApplyContext, rows: Located<JobRow>[]): Promise<void> {
  const stored = new Map((await ctx.tx.job.findMany()).map((j) => [j.code, j]))
  for (const { value: r } of rows) {
    const wanted = { titleZh: r.title_zh, titleEn: r.title_en, track: r.track, level: r.level }
    const existing = stored.get(r.code)
    if (!existing) {
      const j = await ctx.tx.job.create({ data: { code: r.code, ...wanted } })
      ctx.ids.jobs.set(r.code, j.id)
      tally(ctx, 'jobs', 'created')
    } else if (sameFields(existing, wanted)) {
      tally(ctx, 'jobs', 'unchanged')
    } else {
      await ctx.tx.job.update({ where: { id: existing.id }, data: wanted })
      tally(ctx, 'jobs', 'updated')
    }
  }
}

export async function applyPaths(ctx: ApplyContext, rows: Located<PathRow>[]): Promise<void> {
  const stored = new Set((await ctx.tx.promotionPath.findMany()).map((p) => `${p.fromJobId}>${p.toJobId}`))
  for (const { value: r } of rows) {
    const fromJobId = idOf(ctx.ids.jobs, r.from_job_code)
    const toJobId = idOf(ctx.ids.jobs, r.to_job_code)
    if (stored.has(`${fromJobId}>${toJobId}`)) {
      tally(ctx, 'paths', 'unchanged')
      continue
    }
    await ctx.tx.promotionPath.create({ data: { fromJobId, toJobId } })
    tally(ctx, 'paths', 'created')
  }
}

const COURSE_COLUMNS = {
  titleZh: 'title_zh',
  titleEn: 'title_en',
  format: 'format',
  durationMinutes: 'duration_minutes',
  url: 'url',
  ownerDepartmentId: 'owner_department_code',
  passMark: 'pass_mark',
  verification: 'verification',
  certificateCode: 'certificate_code',
  audienceTracks: 'audience_tracks',
}

export async function applyCourses(ctx: ApplyContext, rows: Located<CourseRow>[]): Promise<void> {
  const { tx, ids } = ctx
  const stored = new Map((await tx.course.findMany({ include: { dimensions: true } })).map((c) => [c.code, c]))
  for (const { value: r, present } of rows) {
    const all = {
      titleZh: r.title_zh,
      titleEn: r.title_en,
      format: r.format,
      durationMinutes: r.duration_minutes,
      url: r.url,
      ownerDepartmentId: optionalId(ids.departments, r.owner_department_code),
      passMark: r.pass_mark,
      verification: r.verification,
      certificateCode: r.certificate_code,
      audienceTracks: r.audience_tracks.map((t) => t.toLowerCase()).join(';'),
    }
    const dimensionIds = r.dimension_codes.map((c) => idOf(ids.dimensions, c))
    const existing = stored.get(r.code)
    if (!existing) {
      const c = await tx.course.create({
        data: { code: r.code, ...all, dimensions: { create: dimensionIds.map((dimensionId) => ({ dimensionId })) } },
      })
      ids.courses.set(r.code, c.id)
      tally(ctx, 'courses', 'created')
      continue
    }
    const wanted = presentOnly(all, COURSE_COLUMNS, present)
    const storedDimensions = existing.dimensions.map((d) => d.dimensionId).sort((a, b) => a - b)
    const isSameSet = !present.has('dimension_codes') || storedDimensions.join() === [...dimensionIds].sort((a, b) => a - b).join()
    if (sameFields(existing, wanted) && isSameSet) {
      tally(ctx, 'courses', 'unchanged')
      continue
    }
    await tx.course.update({ where: { id: existing.id }, data: wanted })
    if (!isSameSet) {
      await tx.courseDimension.deleteMany({ where: { courseId: existing.id } })
      await tx.courseDimension.createMany({ data: dimensionIds.map((dimensionId) => ({ courseId: existing.id, dimensionId })) })
    }
    tally(ctx, 'courses', 'updated')
  }
}

export async function applyCertificates(ctx: ApplyContext, rows: Located<CertificateRow>[]): Promise<void> {
  const stored = new Map((await ctx.tx.certificate.findMany()).map((c) => [c.code, c]))
  for (const { value: r } of rows) {
    const wanted = { nameZh: r.name_zh, nameEn: r.name_en }
    const existing = stored.get(r.code)
    if (!existing) {
      await ctx.tx.certificate.create({ data: { code: r.code, ...wanted } })
      tally(ctx, 'certificates', 'created')
    } else if (sameFields(existing, wanted)) {
      tally(ctx, 'certificates', 'unchanged')
    } else {
      await ctx.tx.certificate.update({ where: { id: existing.id }, data: wanted })
      tally(ctx, 'certificates', 'updated')
    }
  }
}

/** Weights by scope ("*" or a job code) and source; a weight not in the files keeps its stored value. */
export async function applySourceWeights(ctx: ApplyContext, rows: Located<SourceWeightRow>[]): Promise<void> {
  const stored = new Map((await ctx.tx.sourceWeight.findMany()).map((w) => [`${w.scope} ${w.source}`, w]))
  for (const { value: r } of rows) {
    const existing = stored.get(`${r.scope} ${r.source}`)
    if (!existing) {
      await ctx.tx.sourceWeight.create({ data: { scope: r.scope, source: r.source, weight: r.weight } })
      tally(ctx, 'source_weights', 'created')
    } else if (existing.weight === r.weight) {
      tally(ctx, 'source_weights', 'unchanged')
    } else {
      await ctx.tx.sourceWeight.update({ where: { scope_source: { scope: r.scope, source: r.source } }, data: { weight: r.weight } })
      tally(ctx, 'source_weights', 'updated')
    }
  }
}
