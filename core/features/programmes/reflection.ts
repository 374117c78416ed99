// The reflection stage collects text: the participant's reflection task opens a
// form; handing it in stores the text (their record reads it) and completes the
// task, which until then is reminded like any other.
import type { Actor } from '../../kernel/context.js'
import type { EvaluationTask } from '../../kernel/domain/types.js'
import type { ProgrammeDeps } from './ports.js'

// What every platform's text input takes (Slack's modal stops at 3000).
export const REFLECTION_MAX = 2000
const CLOSED = new Set(['completed', 'cancelled'])

export type ReflectionFormResult = { kind: 'form'; task: EvaluationTask } | { kind: 'refused' } | { kind: 'not_open' }

export type SubmitReflectionResult =
  | { kind: 'saved'; task: EvaluationTask }
  | { kind: 'invalid'; error: 'required' | 'too_long' }
  | { kind: 'refused' }
  | { kind: 'not_open' }

/** The form of the actor's own open reflection task; nobody writes someone else's. */
export async function reflectionForm(deps: ProgrammeDeps, actor: Actor, taskId: number): Promise<ReflectionFormResult> {
  const task = await deps.store.progress.evaluation(taskId)
  if (task?.kind !== 'reflection' || task.assigneeId !== actor.employee.id) return { kind: 'refused' }
  if (CLOSED.has(task.status)) return { kind: 'not_open' }
  return { kind: 'form', task }
}

export async function submitReflection(
  deps: ProgrammeDeps,
  actor: Actor,
  taskId: number,
  values: Readonly<Record<string, string>>,
): Promise<SubmitReflectionResult> {
  const form = await reflectionForm(deps, actor, taskId)
  if (form.kind !== 'form') return form
  const text = (values.text ?? '').trim()
  if (text.length === 0) return { kind: 'invalid', error: 'required' }
  if (text.length > REFLECTION_MAX) return { kind: 'invalid', error: 'too_long' }
  const now = deps.clock.now()
  const task = await deps.store.transaction(async (tx) => {
    await tx.programmes.saveReflection({ taskId, employeeId: actor.employee.id, text, submittedAt: now })
    const done = await tx.progress.completeEvaluation({ taskId, now })
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'programme.reflection',
      entity: 'EvaluationTask',
      entityId: taskId,
      data: { length: text.length },
    })
    return done
  })
  return { kind: 'saved', task }
}
