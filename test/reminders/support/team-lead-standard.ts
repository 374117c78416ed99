// A job with a qualification standard for the reminder org: a programme's 360
// stage rates participants against their standard, and the reminder org has none.
import type { Db } from '../../../adapters/db/client.js'

const LEAD_DIMENSIONS = ['leadership', 'collaboration'] as const

/** Creates job TL1 with a two-dimension standard and puts `employeeIds` in it. */
export async function giveTeamLeadStandard(db: Db, employeeIds: readonly number[]): Promise<{ jobId: number }> {
  const job = await db.job.create({
    data: { code: 'TL1', titleZh: '储备组长', titleEn: 'Team lead (reserve)', track: 'management', level: 1 },
  })
  const standard = await db.qualificationStandard.create({
    data: { jobId: job.id, version: 1, effectiveFrom: new Date('2026-01-01T00:00:00Z') },
  })
  for (const [code, zh, en] of [
    ['leadership', '领导力', 'Leadership'],
    ['collaboration', '团队协作', 'Collaboration'],
  ] as const) {
    const dimension = await db.dimension.create({ data: { code, nameZh: zh, nameEn: en } })
    const sd = await db.standardDimension.create({ data: { standardId: standard.id, dimensionId: dimension.id, weight: 50 } })
    await db.indicator.create({ data: { standardDimensionId: sd.id, code: `${code}-1`, textZh: `${zh}行为`, textEn: `${en} behaviour` } })
  }
  await db.employee.updateMany({ where: { id: { in: [...employeeIds] } }, data: { jobId: job.id } })
  return { jobId: job.id }
}

/** Form values answering every dimension of that standard with `rating`. */
export const leadAnswers = (rating: number): Record<string, string> =>
  Object.fromEntries([...LEAD_DIMENSIONS.map((code) => [`dim_${code}`, String(rating)]), ['strengths', ''], ['improvements', '']])
