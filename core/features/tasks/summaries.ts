// The tasks slice's result as the language model sees it (kernel/summary.ts says what that means).
import type { Actor } from '../../kernel/context.js'
import { displayName } from '../../kernel/context.js'
import { courseRef, day, type Summary } from '../../kernel/summary.js'
import type { MyTasksResult } from './my-tasks.js'

export function summariseMyTasks(result: MyTasksResult, actor: Actor): Summary {
  const { locale } = actor
  return {
    result: 'tasks',
    trainings: result.items.flatMap((i) =>
      i.kind === 'training'
        ? [{ ...courseRef(i.course, locale), status: i.assignment.status, due: day(i.assignment.dueAt), overdue: i.isOverdue }]
        : [],
    ),
    evaluations: result.items.flatMap((i) =>
      i.kind === 'evaluation'
        ? [{ kind: i.task.kind, about: i.subject ? displayName(i.subject, locale) : null, due: day(i.task.dueAt), overdue: i.isOverdue }]
        : [],
    ),
    ...(result.confirmations.length > 0
      ? {
          awaiting_your_confirmation: result.confirmations.map((c) => ({
            ...courseRef(c.course, locale),
            person: displayName(c.learner, locale),
            reported: day(c.assignment.reportedAt),
          })),
        }
      : {}),
  }
}
