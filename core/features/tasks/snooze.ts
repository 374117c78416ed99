import type { Actor, Deps } from '../../kernel/context.js'
import { nextWorkingDayAt } from '../../kernel/domain/zoned-time.js'
import { nextWorkingTime } from '../../kernel/working-time.js'

export type SnoozeMode = '1d' | 'nwd'
export type SnoozeResult = { kind: 'snoozed'; until: Date } | { kind: 'refused' }

/** Pauses reminders for one of the actor's own tasks: a day, or until the next working morning. */
export async function snooze(
  deps: Deps,
  actor: Actor,
  options: { kind: 'training' | 'evaluation'; id: number; mode: SnoozeMode },
): Promise<SnoozeResult> {
  const me = actor.employee
  const owner =
    options.kind === 'training'
      ? (await deps.store.progress.assignment(options.id))?.employeeId
      : (await deps.store.progress.evaluation(options.id))?.assigneeId
  if (owner !== me.id) return { kind: 'refused' }
  const now = deps.clock.now()
  const { startMinute } = deps.settings.workingHours
  // A day later may fall at night or on a weekend, when no reminder goes out: the snooze
  // then ends when the person's next working period begins, the time the toast promises.
  const until =
    options.mode === '1d'
      ? nextWorkingTime(new Date(now.getTime() + 86_400_000), me.timeZone, deps.settings)
      : nextWorkingDayAt(now, me.timeZone, Math.floor(startMinute / 60), deps.settings.holidays, startMinute % 60)
  await deps.store.transaction(async (tx) => {
    await tx.progress.snooze({ kind: options.kind, id: options.id, until })
    await tx.audit.record({
      actorId: me.id,
      actor: `employee:${me.id}`,
      action: `${options.kind}.snooze`,
      entity: options.kind === 'training' ? 'TrainingAssignment' : 'EvaluationTask',
      entityId: options.id,
      data: { until: until.toISOString() },
    })
  })
  return { kind: 'snoozed', until }
}
