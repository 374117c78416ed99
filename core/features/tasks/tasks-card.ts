import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Button, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { MyTasksResult, TaskItem } from './my-tasks.js'

const MAX_ITEMS = 15

export function myTasksCard(result: MyTasksResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.items.length === 0)
    return makeCard(locale, { title: tr('tasks.title'), tone: 'success' }, [{ type: 'text', text: tr('tasks.none') }])
  const blocks: Block[] = []
  for (const item of result.items.slice(0, MAX_ITEMS)) blocks.push(...itemBlocks(item, locale, timeZone, tr))
  if (result.items.length > MAX_ITEMS) blocks.push({ type: 'context', text: tr('tasks.more', { n: result.items.length - MAX_ITEMS }) })
  const overdue = result.items.filter((i) => i.isOverdue).length
  return makeCard(
    locale,
    { title: tr('tasks.title'), subtitle: tr('tasks.summary', { n: result.items.length, overdue }), tone: overdue ? 'warning' : 'info' },
    blocks,
  )
}

function taskLine(item: TaskItem, locale: Locale, timeZone: string, tr: Translate): string {
  const due = item.kind === 'training' ? item.assignment.dueAt : item.task.dueAt
  const when = due
    ? item.isOverdue
      ? tr('tasks.overdue', { date: formatDate(due, locale, timeZone) })
      : tr('tasks.due', { date: formatDate(due, locale, timeZone) })
    : tr('tasks.noDue')
  if (item.kind === 'training') return `📘 ${item.course.code} ${pick(item.course.title, locale)} — ${when}`
  const subject = item.subject ? displayName(item.subject, locale) : ''
  return `📝 ${tr(`tasks.kind.${item.task.kind}` as const, { subject })} — ${when}`
}

/** One task with its Done / Snooze / Open buttons (shared with reminders). */
export function itemBlocks(item: TaskItem, locale: Locale, timeZone: string, tr: Translate): Block[] {
  const line: Block = { type: 'text', text: taskLine(item, locale, timeZone, tr) }
  if (item.kind === 'training') {
    const id = item.assignment.id
    return [
      line,
      {
        type: 'actions',
        buttons: [
          { label: tr('button.done'), action: { id: 'training_done', value: String(id) }, style: 'primary' },
          { label: tr('button.snooze1d'), action: { id: 'snooze', value: `training:${id}:1d` } },
          { label: tr('button.snoozeNwd'), action: { id: 'snooze', value: `training:${id}:nwd` } },
          ...(item.course.url
            ? [{ label: tr('button.openCourse'), action: { id: 'ask' as const, value: 'my_tasks' }, url: item.course.url }]
            : []),
        ],
      },
    ]
  }
  const id = item.task.id
  const kind = item.task.kind
  const primary: Button =
    kind === 'rating_360'
      ? { label: tr('button.openForm'), action: { id: 'open_form', value: `feedback:task:${id}` }, style: 'primary' }
      : kind === 'supervisor_evaluation' || kind === 'self_evaluation' || kind === 'reassessment'
        ? { label: tr('button.openForm'), action: { id: 'open_form', value: `evaluation:${id}` }, style: 'primary' }
        : { label: tr('button.done'), action: { id: 'evaluation_done', value: String(id) }, style: 'primary' }
  return [
    line,
    {
      type: 'actions',
      buttons: [
        primary,
        { label: tr('button.snooze1d'), action: { id: 'snooze', value: `evaluation:${id}:1d` } },
        { label: tr('button.snoozeNwd'), action: { id: 'snooze', value: `evaluation:${id}:nwd` } },
      ],
    },
  ]
}
