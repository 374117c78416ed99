// "吴浩的待办": someone else's open tasks, for their manager or HR. Read-only (the
// buttons are the assignee's), and a 360 they owe never says whom it is about.
import { subjectFor } from '../../kernel/access.js'
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { type Actor, displayName } from '../../kernel/context.js'
import type { Employee, Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import { type MyTasksResult, myTasks, type TasksDeps } from './my-tasks.js'
import { myTasksCard, taskLine } from './tasks-card.js'

export type TasksOfResult =
  | { kind: 'own'; result: MyTasksResult }
  | { kind: 'other'; subject: Employee; result: MyTasksResult }
  | { kind: 'refused' }

export async function tasksOf(deps: TasksDeps, actor: Actor, subjectId: number | undefined): Promise<TasksOfResult> {
  if (subjectId === undefined || subjectId === actor.employee.id) return { kind: 'own', result: await myTasks(deps, actor) }
  const seen = await subjectFor(deps.store.employees, actor.employee, subjectId)
  if (!seen) return { kind: 'refused' }
  const { subject } = seen
  const result = await myTasks(deps, { employee: subject, locale: actor.locale })
  const items = result.items.map((item) =>
    item.kind === 'evaluation' && item.task.kind === 'rating_360' ? { ...item, subject: null } : item,
  )
  // Whom they must nominate raters for is theirs (a 360's raters are not shown about someone else).
  return { kind: 'other', subject, result: { items, confirmations: result.confirmations, nominations: [] } }
}

const MAX_ITEMS = 15

export function tasksOfCard(result: TasksOfResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
  if (result.kind === 'own') return myTasksCard(result.result, locale, timeZone)
  const title = tr('tasks.titleOf', { name: displayName(result.subject, locale) })
  const { items, confirmations } = result.result
  if (items.length === 0 && confirmations.length === 0)
    return makeCard(locale, { title, tone: 'success' }, [{ type: 'text', text: tr('tasks.noneOf') }])
  const blocks: Block[] = items.slice(0, MAX_ITEMS).map((item) => ({ type: 'text', text: taskLine(item, locale, timeZone, tr) }))
  if (items.length > MAX_ITEMS) blocks.push({ type: 'context', text: tr('tasks.more', { n: items.length - MAX_ITEMS }) })
  const overdue = items.filter((i) => i.isOverdue).length
  return makeCard(
    locale,
    { title, subtitle: tr('tasks.summary', { n: items.length, overdue }), tone: overdue ? 'warning' : 'info' },
    blocks,
  )
}
