import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { MyTrainingsResult, TrainingRow } from './my-trainings.js'
import type { OverdueItem, OverdueReport } from './overdue-report.js'
import { itemBlocks } from './tasks-card.js'

const MAX_OPEN = 12

export function myTrainingsCard(result: MyTrainingsResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
  const isSelf = result.basis === 'self'
  const name = displayName(result.subject, locale)
  const title = isSelf ? tr('trainings.title') : tr('trainings.titleOf', { name })
  if (result.open.length === 0 && result.completed.length === 0)
    return makeCard(locale, { title, tone: 'info' }, [
      { type: 'text', text: isSelf ? tr('trainings.none') : tr('trainings.noneOf', { name }) },
    ])
  const blocks: Block[] = []
  if (result.open.length) blocks.push({ type: 'text', text: `**${tr('trainings.openHeading')}**` })
  for (const row of result.open.slice(0, MAX_OPEN)) {
    // The learner gets the buttons; a manager or HR reads the same line.
    if (isSelf && row.assignment.status !== 'reported')
      blocks.push(
        ...itemBlocks({ kind: 'training', ...row }, locale, timeZone, tr).map((b) =>
          b.type === 'text' ? { ...b, text: rowText(row, locale, timeZone, tr) } : b,
        ),
      )
    else blocks.push({ type: 'text', text: rowText(row, locale, timeZone, tr) })
  }
  if (result.open.length > MAX_OPEN) blocks.push({ type: 'context', text: tr('tasks.more', { n: result.open.length - MAX_OPEN }) })
  if (result.completed.length) {
    blocks.push({ type: 'divider' }, { type: 'text', text: `**${tr('trainings.completedHeading')}**` })
    for (const row of result.completed) blocks.push({ type: 'text', text: rowText(row, locale, timeZone, tr) })
  }
  const overdue = result.open.filter((r) => r.isOverdue).length
  return makeCard(
    locale,
    { title, subtitle: tr('trainings.summary', { open: result.open.length, overdue }), tone: overdue ? 'warning' : 'info' },
    blocks,
  )
}

function rowText(row: TrainingRow, locale: Locale, timeZone: string, tr: Translate): string {
  const { assignment: a, course } = row
  const parts = [`📘 ${course.code} ${pick(course.title, locale)}`]
  if (a.status === 'completed') {
    if (a.completedAt) parts.push(tr('trainings.completedOn', { date: formatDate(a.completedAt, locale, timeZone) }))
    if (a.score !== null) parts.push(tr('trainings.score', { score: a.score }))
  } else if (a.status === 'reported') parts.push(tr('trainings.reported'))
  else if (a.dueAt)
    parts.push(
      row.isOverdue
        ? tr('tasks.overdue', { date: formatDate(a.dueAt, locale, timeZone) })
        : tr('tasks.due', { date: formatDate(a.dueAt, locale, timeZone) }),
    )
  else parts.push(tr('tasks.noDue'))
  parts.push(tr(`trainings.source.${a.source}` as const))
  return parts.join(' — ')
}

/** Items per department shown in chat; the CSV has them all. */
const MAX_PER_GROUP = 10

export function overdueCard(report: OverdueReport, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  const title = tr('overdue.title', { scope: tr(`overdue.scope.${report.scope}` as const) })
  if (report.total === 0) return makeCard(locale, { title, tone: 'success' }, [{ type: 'text', text: tr('overdue.none') }])
  const blocks: Block[] = []
  const columns = tr('overdue.columns').split('|')
  for (const group of report.groups) {
    blocks.push({
      type: 'text',
      text: `**${group.department ? pick(group.department.name, locale) : tr('overdue.noDepartment')}** (${group.items.length})`,
    })
    blocks.push({
      type: 'table',
      columns,
      rows: group.items
        .slice(0, MAX_PER_GROUP)
        .map((item) => [displayName(item.employee, locale), itemText(item, locale, tr), formatDate(item.dueAt, locale, timeZone)]),
    })
    if (group.items.length > MAX_PER_GROUP)
      blocks.push({ type: 'context', text: tr('overdue.more', { n: group.items.length - MAX_PER_GROUP }) })
  }
  if (report.scope !== 'self') blocks.push({ type: 'context', text: tr('overdue.export') })
  return makeCard(
    locale,
    { title, subtitle: tr('overdue.summary', { total: report.total, people: report.people }), tone: 'warning' },
    blocks,
  )
}

export function itemText(item: OverdueItem, locale: Locale, tr: Translate): string {
  if (item.kind === 'training') return `📘 ${item.course.code} ${pick(item.course.title, locale)}`
  // A 360 rater's item never names whom it is about.
  if (item.evaluationKind === 'rating_360') return `📝 ${tr('overdue.feedback360')}`
  const subject = item.subject ? displayName(item.subject, locale) : ''
  return `📝 ${tr(`tasks.kind.${item.evaluationKind}` as 'tasks.kind.reflection', { subject })}`.trim()
}
