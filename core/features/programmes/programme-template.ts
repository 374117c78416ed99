// A programme template: timed stages that generate tasks for participants (the
// reserve-cadre programme of ../shared/seeds/001: training 1 month → reflection
// 1 week → 360 two weeks → supervisor evaluation 1 week → result).
import { z } from 'zod'
import { STAGE_KINDS } from './ports.js'

const ZBilingual = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) })

export const ZProgrammeStage = z
  .object({
    key: z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: 'expected a short key of a-z, 0-9, _ or -' }),
    kind: z.enum(STAGE_KINDS),
    name: ZBilingual,
    /** Days from the stage's start to its tasks' due date. */
    durationDays: z.number().int().min(0).max(366),
    /** Training stages: the course codes every participant is assigned. */
    courses: z.array(z.string().trim().min(1)).optional(),
    instructions: ZBilingual.optional(),
  })
  .refine((s) => s.kind !== 'training' || (s.courses?.length ?? 0) > 0, {
    message: 'a training stage needs at least one course code',
    path: ['courses'],
  })
  // A 360 stage is a feedback cycle whose window is the stage: it needs at least a day to collect answers.
  .refine((s) => s.kind !== 'rating_360' || s.durationDays >= 1, { message: 'a 360 stage needs at least one day', path: ['durationDays'] })

/**
 * Who is asked for 360° feedback about a participant: the programme decides, no
 * nomination step. `self` adds the participant's own rating to the others'.
 */
const ZRaters360 = z.object({
  manager: z.boolean().default(true),
  peers: z.number().int().min(0).max(10).default(3),
  reports: z.number().int().min(0).max(10).default(3),
  self: z.boolean().default(false),
})

export const ZProgrammeTemplate = z
  .object({
    code: z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: 'expected a short code of a-z, 0-9, _ or -' }),
    name: ZBilingual,
    description: ZBilingual.optional(),
    /** The job the participants are prepared for: their record's readiness is measured against it (else their next step). */
    targetJob: z.string().trim().min(1).max(40).optional(),
    raters360: ZRaters360.default({ manager: true, peers: 3, reports: 3, self: false }),
    stages: z.array(ZProgrammeStage).min(1).max(12),
  })
  .refine((t) => new Set(t.stages.map((s) => s.key)).size === t.stages.length, { message: 'stage keys must be unique', path: ['stages'] })

export type ProgrammeStage = z.infer<typeof ZProgrammeStage>
export type ProgrammeTemplate = z.infer<typeof ZProgrammeTemplate>

export type TemplateParse = { kind: 'ok'; template: ProgrammeTemplate } | { kind: 'invalid'; problems: string[] }

export function parseProgrammeTemplate(value: unknown): TemplateParse {
  const result = ZProgrammeTemplate.safeParse(value)
  if (result.success) return { kind: 'ok', template: result.data }
  return { kind: 'invalid', problems: result.error.issues.map((i) => `${i.path.join('.') || '(template)'}: ${i.message}`) }
}
