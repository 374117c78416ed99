// The reminder digest as a card: the recipient's own tasks, each with the same
// Done / Snooze / Open buttons as the to-do list, then escalations of other
// people's overdue tasks as a table. Stays under Slack's 50 blocks per message.

import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Button, Card } from '../../kernel/cards/card.js'
import { bold } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Employee, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import { dueOf, type TaskItem } from './my-tasks.js'
import { itemBlocks } from './tasks-card.js'
import type { ItemRole, Step } from './types.js'

/** Own tasks shown with buttons: 3 blocks each. */
const MAX_OWN = 10
/** Escalation rows per table. */
const MAX_ROWS = 20

export interface ReminderLine {
  role: ItemRole
  item: TaskItem
  step: Step
  isFirstNotice: boolean
  overdueWorkingDays: number
  daysUntilDue: number | null
  /** The task's assignee (the recipient for own lines). */
  assignee: Employee
}

export function reminderCard(lines: readonly ReminderLine[], locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  const own = lines.filter((l) => l.role === 'own')
  const managerLines = lines.filter((l) => l.role === 'manager')
  const hrLines = lines.filter((l) => l.role === 'hr')
  const overdue = own.filter((l) => l.item.isOverdue).length
  const blocks: Block[] = []

  for (const line of own.slice(0, MAX_OWN)) {
    blocks.push({ type: 'context', text: stateLabel(line, tr) }, ...itemBlocks(line.item, locale, timeZone, tr))
  }
  if (own.length > MAX_OWN) blocks.push({ type: 'context', text: tr('reminders.more', { n: own.length - MAX_OWN }) })
  if (managerLines.length > 0) blocks.push(...escalationBlocks(managerLines, tr('reminders.escalation.manager'), locale, timeZone, tr))
  if (hrLines.length > 0) blocks.push(...escalationBlocks(hrLines, tr('reminders.escalation.hr'), locale, timeZone, tr))

  const buttons: Button[] = []
  if (own.length > 0) buttons.push({ label: tr('reminders.button.myTasks'), action: { id: 'ask', value: 'my_tasks' } })
  if (managerLines.length > 0) buttons.push({ label: tr('reminders.button.team'), action: { id: 'ask', value: 'team_overview' } })
  blocks.push({ type: 'actions', buttons }, { type: 'context', text: tr('reminders.footer') })

  const isAllNew = own.length > 0 && own.length === lines.length && own.every((l) => l.isFirstNotice)
  const title =
    own.length === 0
      ? tr('reminders.title.escalation')
      : isAllNew
        ? tr('reminders.title.new')
        : tr('reminders.title.reminder', { n: own.length })
  const isWarning = overdue > 0 || own.length === 0
  return makeCard(
    locale,
    { title, ...(overdue > 0 ? { subtitle: tr('reminders.subtitle.overdue', { n: overdue }) } : {}), tone: isWarning ? 'warning' : 'info' },
    blocks,
  )
}

/** Where the task stands, said from the reader's side of the due date. */
function stateLabel(
  line: Pick<ReminderLine, 'step' | 'isFirstNotice' | 'overdueWorkingDays' | 'daysUntilDue' | 'item'>,
  tr: Translate,
): string {
  const state =
    line.daysUntilDue === null
      ? tr('reminders.state.noDue')
      : line.item.isOverdue
        ? line.overdueWorkingDays > 0
          ? tr('reminders.state.overdueDays', { n: line.overdueWorkingDays })
          : tr('reminders.state.overdue')
        : line.daysUntilDue <= 0
          ? tr('reminders.state.dueToday')
          : line.daysUntilDue === 1
            ? tr('reminders.state.dueTomorrow')
            : tr('reminders.state.dueIn', { n: line.daysUntilDue })
  if (line.isFirstNotice) return `${tr('reminders.state.new')} · ${state}`
  if (line.step.startsWith('snoozed:')) return `${tr('reminders.state.snoozeOver')} · ${state}`
  return state
}

function escalationBlocks(lines: readonly ReminderLine[], intro: string, locale: Locale, timeZone: string, tr: Translate): Block[] {
  const rows = lines.slice(0, MAX_ROWS).map((l) => {
    const due = dueOf(l.item)
    return [
      displayName(l.assignee, locale),
      taskName(l.item, locale, tr),
      due ? formatDate(due, locale, timeZone) : '—',
      String(l.overdueWorkingDays),
    ]
  })
  return [
    { type: 'text', text: bold(intro) },
    {
      type: 'table',
      columns: [tr('reminders.col.person'), tr('reminders.col.task'), tr('reminders.col.due'), tr('reminders.col.overdue')],
      rows,
    },
    ...(lines.length > MAX_ROWS
      ? [{ type: 'context' as const, text: tr('reminders.escalation.moreRows', { n: lines.length - MAX_ROWS }) }]
      : []),
  ]
}

/**
 * A task as a third person may see it. A 360° request does not name its
 * subject here: who rates whom is for the 360 feature to reveal, not an escalation.
 */
function taskName(item: TaskItem, locale: Locale, tr: Translate): string {
  if (item.kind === 'training') return `${item.course.code} ${pick(item.course.title, locale)}`
  if (item.kind === 'checkin') return `${pick(item.view.text, locale)} (${item.view.checkIn.occurrence})`
  if (item.kind === 'material') return `${pick(item.material.title, locale)} · ${item.material.courseCode}`
  if (item.task.kind === 'rating_360') return tr('reminders.kind.rating_360.hidden')
  const subject = item.subject ? displayName(item.subject, locale) : ''
  return tr(`tasks.kind.${item.task.kind}` as const, { subject })
}
