import { makeCard } from '../../kernel/cards/build.js'
import { type Block, type Button, bold, type Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import { checkInButton, dueText, materialButton } from '../duties/index.js'
import type { OwedNomination } from '../feedback/index.js'
import { type ConfirmationItem, dueOf, type MyTasksResult, type TaskItem, type TrainingTask } from './my-tasks.js'

const MAX_ITEMS = 15
const MAX_CONFIRMATIONS = 10

/**
 * "{n} open, {overdue} overdue" for the list and the dashboard alike: every line the
 * list shows, nominations and trainings to confirm included, so the two never disagree.
 */
export function toDoSummary(result: MyTasksResult, tr: Translate): string {
  const overdue = result.items.filter((i) => i.isOverdue).length
  return tr('tasks.summary', { n: result.items.length + result.confirmations.length + result.nominations.length, overdue })
}

export function myTasksCard(result: MyTasksResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.items.length === 0 && result.confirmations.length === 0 && result.nominations.length === 0)
    return makeCard(locale, { title: tr('tasks.title'), tone: 'success' }, [{ type: 'text', text: tr('tasks.none') }])
  const blocks: Block[] = [...nominationBlocks(result.nominations, locale, timeZone, tr)]
  for (const item of result.items.slice(0, MAX_ITEMS)) blocks.push(...itemBlocks(item, locale, timeZone, tr, true))
  if (result.items.length > MAX_ITEMS) blocks.push({ type: 'context', text: tr('tasks.more', { n: result.items.length - MAX_ITEMS }) })
  blocks.push(...confirmationBlocks(result.confirmations, locale, timeZone, tr))
  const overdue = result.items.filter((i) => i.isOverdue).length
  return makeCard(locale, { title: tr('tasks.title'), subtitle: toDoSummary(result, tr), tone: overdue ? 'warning' : 'info' }, blocks)
}

/** 360 subjects to nominate raters for, each with the button that opens the nomination form. */
export function nominationBlocks(items: readonly OwedNomination[], locale: Locale, timeZone: string, tr: Translate): Block[] {
  return items.slice(0, MAX_CONFIRMATIONS).flatMap((n): Block[] => [
    {
      type: 'text',
      text: tr('tasks.nominate.line', {
        subject: displayName(n.subject, locale),
        cycle: n.cycleName,
        date: formatDate(n.closesAt, locale, timeZone),
      }),
    },
    {
      type: 'actions',
      buttons: [
        {
          label: tr('feedback.launched.nominateFor', { subject: displayName(n.subject, locale) }),
          action: { id: 'open_form', value: n.formKey },
          style: 'primary',
        },
      ],
    },
  ])
}

/** Trainings awaiting the reader's confirmation, each with Confirm / Not yet. */
export function confirmationBlocks(items: readonly ConfirmationItem[], locale: Locale, timeZone: string, tr: Translate): Block[] {
  if (items.length === 0) return []
  const blocks: Block[] = [{ type: 'divider' }, { type: 'text', text: bold(tr('tasks.confirm.title')) }]
  for (const { assignment, course, learner } of items.slice(0, MAX_CONFIRMATIONS)) {
    const reportedAt = assignment.reportedAt ?? assignment.assignedAt
    blocks.push(
      {
        type: 'text',
        text: tr('tasks.confirm.line', {
          name: displayName(learner, locale),
          course: `${course.code} ${pick(course.title, locale)}`,
          date: formatDate(reportedAt, locale, timeZone),
        }),
      },
      {
        type: 'actions',
        buttons: [
          { label: tr('verify.button.confirm'), action: { id: 'confirm_training', value: `${assignment.id}:yes` }, style: 'primary' },
          { label: tr('verify.button.decline'), action: { id: 'confirm_training', value: `${assignment.id}:no` } },
        ],
      },
    )
  }
  if (items.length > MAX_CONFIRMATIONS) blocks.push({ type: 'context', text: tr('tasks.more', { n: items.length - MAX_CONFIRMATIONS }) })
  return blocks
}

/** A quiz the learner can take from the card (the course asks for one and has questions). */
const hasQuiz = (item: TrainingTask): boolean => item.course.verification === 'quiz' && item.course.quizSize > 0
/** Reported and waiting for someone else (a manager, HR, an LMS record): nothing for the learner to click. */
const isAwaitingOthers = (item: TrainingTask): boolean => item.assignment.status === 'reported' && !hasQuiz(item)

export function taskLine(item: TaskItem, locale: Locale, timeZone: string, tr: Translate): string {
  const due = dueOf(item)
  if (item.kind === 'checkin') {
    const { checkIn } = item.view
    const when = item.isOverdue
      ? tr('tasks.overdue', { date: dueText(checkIn.dueAt, locale, timeZone) })
      : tr('duties.checkin.dueBy', { time: dueText(checkIn.dueAt, locale, timeZone) })
    return tr('duties.checkin.line', { duty: pick(item.view.text, locale), date: checkIn.occurrence, when })
  }
  const when = due
    ? item.isOverdue
      ? tr('tasks.overdue', { date: formatDate(due, locale, timeZone) })
      : tr('tasks.due', { date: formatDate(due, locale, timeZone) })
    : tr('tasks.noDue')
  if (item.kind === 'training')
    return `📘 ${item.assignment.source === 'onboarding' ? `${tr('onboarding.tag')} ` : ''}${item.course.code} ${pick(item.course.title, locale)} — ${item.assignment.status === 'reported' ? tr('verify.awaiting') : when}`
  if (item.kind === 'material')
    return tr('duties.material.line', {
      material: pick(item.material.title, locale),
      course: `${item.material.courseCode} ${pick(item.material.courseTitle, locale)}`,
      when,
    })
  const subject = item.subject ? displayName(item.subject, locale) : ''
  return `📝 ${tr(`tasks.kind.${item.task.kind}` as const, { subject })} — ${when}`
}

/** One task with its Done / Snooze / Open buttons (shared with reminders). */
/**
 * One task's line and buttons. `isInList`: the to-do list, whose "Done" (value
 * `<id>:list`) answers with the list updated, not with that one task in its place.
 */
export function itemBlocks(item: TaskItem, locale: Locale, timeZone: string, tr: Translate, isInList = false): Block[] {
  const line: Block = { type: 'text', text: taskLine(item, locale, timeZone, tr) }
  const doneValue = (id: number) => (isInList ? `${id}:list` : String(id))
  if (item.kind === 'training') {
    const id = item.assignment.id
    if (isAwaitingOthers(item)) return [line]
    const primary: Button = hasQuiz(item)
      ? { label: tr('verify.button.quiz'), action: { id: 'quiz', value: String(id) }, style: 'primary' }
      : { label: tr('button.done'), action: { id: 'training_done', value: doneValue(id) }, style: 'primary' }
    return [
      line,
      {
        type: 'actions',
        buttons: [
          primary,
          { label: tr('button.snooze1d'), action: { id: 'snooze', value: `training:${id}:1d` } },
          { label: tr('button.snoozeNwd'), action: { id: 'snooze', value: `training:${id}:nwd` } },
          ...(item.course.url
            ? [{ label: tr('button.openCourse'), action: { id: 'ask' as const, value: 'my_tasks' }, url: item.course.url }]
            : []),
        ],
      },
    ]
  }
  // A check-in is submitted (its form when it asks for a note, number or link); a material marked provided.
  if (item.kind === 'checkin') return [line, { type: 'actions', buttons: [checkInButton(item.view, tr)] }]
  if (item.kind === 'material') return [line, { type: 'actions', buttons: [materialButton(item.material, tr)] }]
  const id = item.task.id
  const kind = item.task.kind
  const primary: Button =
    kind === 'rating_360'
      ? { label: tr('button.openForm'), action: { id: 'open_form', value: `feedback:task:${id}` }, style: 'primary' }
      : kind === 'supervisor_evaluation' || kind === 'self_evaluation' || kind === 'reassessment'
        ? { label: tr('button.openForm'), action: { id: 'open_form', value: `evaluation:${id}` }, style: 'primary' }
        : kind === 'reflection'
          ? { label: tr('button.openForm'), action: { id: 'open_form', value: `reflection:${id}` }, style: 'primary' }
          : { label: tr('button.done'), action: { id: 'evaluation_done', value: doneValue(id) }, style: 'primary' }
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
