// Runs the pure policy as the scheduler would: a sweep every `horizonMinutes`,
// each digest "sent" (its history recorded) before the next sweep.
import { historyOf, planReminders } from '../../../core/features/tasks/plan-reminders.js'
import type { Digest, HistoryEntry, PlanPerson, PlanTask } from '../../../core/features/tasks/types.js'
import type { ReminderPolicy } from '../../../core/kernel/reminder-options.js'

export interface Sent {
  at: Date
  recipientId: number
  steps: string[]
  digest: Digest
}

export function simulate(
  input: { people: PlanPerson[]; tasks: PlanTask[]; history?: HistoryEntry[] },
  policy: ReminderPolicy,
  from: Date,
  to: Date,
  onTick?: (now: Date, tasks: PlanTask[]) => PlanTask[],
): Sent[] {
  const history: HistoryEntry[] = [...(input.history ?? [])]
  const sent: Sent[] = []
  let tasks = input.tasks
  const step = policy.horizonMinutes * 60_000
  // Sweeps run on the cron's marks (:00, :15, …), as node-schedule would.
  for (let t = Math.ceil(from.getTime() / step) * step; t < to.getTime(); t += step) {
    const now = new Date(t)
    if (onTick) tasks = onTick(now, tasks)
    for (const digest of planReminders({ now, people: input.people, tasks, history }, policy)) {
      history.push(...historyOf(digest))
      sent.push({
        at: digest.deliverAt,
        recipientId: digest.recipientId,
        steps: digest.items.map((i) => `${i.task.kind}:${i.task.id}:${i.step}`),
        digest,
      })
    }
  }
  return sent
}
