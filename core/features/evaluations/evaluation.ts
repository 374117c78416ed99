// Supervisor and self evaluations (and a reassessment of one dimension after
// training) answered from a card: a rating per dimension on the anchored scale
// (3 = meets the standard) plus a comment. Submitting writes Assessments with
// the rating, so the subject's gap report changes at once.
import type { Actor, Deps } from '../../kernel/context.js'
import { nextSteps, ratingBasis, standardFor } from '../../kernel/domain/career-paths.js'
import { RATING_MAX, RATING_MIN, ratingToAttainment } from '../../kernel/domain/rating-scale.js'
import type { AssessmentSource, Catalog, Dimension, Employee, EvaluationTask, Indicator } from '../../kernel/domain/types.js'

export { RATING_MAX, RATING_MIN } from '../../kernel/domain/rating-scale.js'
export const COMMENT_MAX = 1000
export const dimensionField = (code: string): string => `dim_${code}`
export const COMMENT_FIELD = 'comment'

export interface RatedDimension {
  dimension: Dimension
  indicators: Indicator[]
  /** The required attainment a 3 stands for: of the first next-step standard that has the dimension, else the current job's. */
  required: number
}

export type EvaluationFormResult =
  | { kind: 'form'; task: EvaluationTask; subject: Employee; dimensions: RatedDimension[] }
  | { kind: 'not_open'; task: EvaluationTask }
  | { kind: 'refused' }

export type FieldError = 'required' | 'out_of_range' | 'too_long'

export type SubmitEvaluationResult =
  | { kind: 'saved'; task: EvaluationTask; subject: Employee; count: number }
  | { kind: 'invalid'; errors: Record<string, FieldError> }
  | { kind: 'not_open'; task: EvaluationTask }
  | { kind: 'refused' }

const FORM_KINDS: EvaluationTask['kind'][] = ['supervisor_evaluation', 'self_evaluation', 'reassessment']

/**
 * The dimensions to rate: those of the subject's next-step standards, else of
 * their current job (a reassessment: its one dimension). Each carries the
 * required attainment of the first standard found, which a 3 stands for.
 */
function dimensionsToRate(catalog: Catalog, subject: Employee, only: number | null): RatedDimension[] {
  const jobIds = subject.jobId === null ? [] : [...nextSteps(catalog, subject.jobId).map((j) => j.id), subject.jobId]
  const byId = new Map<number, RatedDimension>()
  const basis = ratingBasis(catalog, subject.jobId)
  for (const jobId of jobIds) {
    for (const d of standardFor(catalog, jobId)?.dimensions ?? []) {
      if (only !== null && d.dimension.id !== only) continue
      const seen = byId.get(d.dimension.id)
      const indicators = d.indicators.filter((i) => !i.requirement)
      if (seen) seen.indicators.push(...indicators)
      else byId.set(d.dimension.id, { dimension: d.dimension, indicators, required: basis.get(d.dimension.id) ?? 0 })
    }
  }
  return [...byId.values()]
}

async function load(deps: Deps, actor: Actor, taskId: number) {
  const task = await deps.store.progress.evaluation(taskId)
  // Someone else's task answers exactly like a missing one.
  if (!task || task.assigneeId !== actor.employee.id || !FORM_KINDS.includes(task.kind)) return null
  const subject = task.subjectId === null ? actor.employee : await deps.store.employees.byId(task.subjectId)
  if (!subject) return null
  const catalog = await deps.store.catalog.load(deps.clock.now())
  const only = task.kind === 'reassessment' ? task.dimensionId : null
  return { task, subject, dimensions: dimensionsToRate(catalog, subject, only) }
}

export async function evaluationForm(deps: Deps, actor: Actor, taskId: number): Promise<EvaluationFormResult> {
  const loaded = await load(deps, actor, taskId)
  if (!loaded) return { kind: 'refused' }
  if (loaded.task.status === 'completed' || loaded.task.status === 'cancelled') return { kind: 'not_open', task: loaded.task }
  return { kind: 'form', ...loaded }
}

function validateEvaluation(dimensions: RatedDimension[], values: Record<string, string>): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {}
  for (const { dimension } of dimensions) {
    const name = dimensionField(dimension.code)
    const raw = values[name]?.trim() ?? ''
    if (raw === '') errors[name] = 'required'
    else if (!/^\d+$/.test(raw) || Number(raw) < RATING_MIN || Number(raw) > RATING_MAX) errors[name] = 'out_of_range'
  }
  if ((values[COMMENT_FIELD] ?? '').length > COMMENT_MAX) errors[COMMENT_FIELD] = 'too_long'
  return errors
}

export async function submitEvaluation(
  deps: Deps,
  actor: Actor,
  taskId: number,
  values: Record<string, string>,
): Promise<SubmitEvaluationResult> {
  const loaded = await load(deps, actor, taskId)
  if (!loaded) return { kind: 'refused' }
  const { task, subject, dimensions } = loaded
  if (task.status === 'completed' || task.status === 'cancelled') return { kind: 'not_open', task }
  const errors = validateEvaluation(dimensions, values)
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors }

  const now = deps.clock.now()
  const source: AssessmentSource = task.kind === 'self_evaluation' ? 'self' : 'supervisor'
  const comment = values[COMMENT_FIELD]?.trim() || undefined
  return deps.store.transaction(async (tx) => {
    // Re-read inside the transaction: a double click must not write twice.
    const fresh = await tx.progress.evaluation(task.id)
    if (!fresh || fresh.status === 'completed') return { kind: 'not_open', task: fresh ?? task }
    await tx.progress.addAssessments(
      dimensions.map(({ dimension, required }) => {
        const rating = Number(values[dimensionField(dimension.code)])
        return {
          employeeId: subject.id,
          dimensionId: dimension.id,
          // The stored attainment is the rating against the standard it was given for; the gap
          // engine re-anchors the rating to whichever standard it measures against.
          attainment: Math.round(ratingToAttainment(rating, required)),
          rating,
          source,
          assessedAt: now,
          assessorId: actor.employee.id,
          ...(comment ? { note: comment } : {}),
        }
      }),
    )
    const done = await tx.progress.completeEvaluation({ taskId: task.id, now })
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'evaluation.submit',
      entity: 'EvaluationTask',
      entityId: task.id,
      data: { subjectId: subject.id, dimensions: dimensions.length },
    })
    return { kind: 'saved', task: done, subject, count: dimensions.length }
  })
}
