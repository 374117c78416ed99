// Cards for other people about verified training: the confirmation request to a
// manager or HR, the learner's notice of a confirmation or a decline, and the
// manager's reassessment notice (the training effect).
import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Assignment, Course, Dimension, Employee, EvaluationTask, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'

const courseName = (course: Course, locale: Locale): string => `${course.code} ${pick(course.title, locale)}`

/** To the learner's manager (or HR): confirm or decline a reported training. */
export function confirmationRequestCard(
  input: { assignment: Assignment; course: Course; learner: Employee },
  locale: Locale,
  timeZone: string,
): Card {
  const tr = translator(locale)
  const { assignment, course, learner } = input
  const name = displayName(learner, locale)
  const params = { name, course: courseName(course, locale) }
  const reportedAt = assignment.reportedAt ?? assignment.assignedAt
  return makeCard(locale, { title: tr('verify.request.title', params), tone: 'info' }, [
    { type: 'text', text: tr('verify.request.body', { ...params, date: formatDate(reportedAt, locale, timeZone) }) },
    ...(assignment.score !== null ? [{ type: 'context' as const, text: tr('verify.request.score', { score: assignment.score }) }] : []),
    { type: 'actions', buttons: confirmButtons(assignment.id, locale) },
  ])
}

/** Confirm / Not yet: the same pair on the request card and in the manager's to-do list. */
function confirmButtons(assignmentId: number, locale: Locale) {
  const tr = translator(locale)
  return [
    {
      label: tr('verify.button.confirm'),
      action: { id: 'confirm_training' as const, value: `${assignmentId}:yes` },
      style: 'primary' as const,
    },
    { label: tr('verify.button.decline'), action: { id: 'confirm_training' as const, value: `${assignmentId}:no` } },
  ]
}

export function confirmedNoticeCard(input: { course: Course; verifier: Employee }, locale: Locale): Card {
  const tr = translator(locale)
  return makeCard(locale, { title: tr('verify.notice.confirmed.title', { course: courseName(input.course, locale) }), tone: 'success' }, [
    { type: 'text', text: tr('verify.notice.confirmed.body', { name: displayName(input.verifier, locale) }) },
    { type: 'actions', buttons: [{ label: tr('training.seeGap'), action: { id: 'ask', value: 'promotion_gap' }, style: 'primary' }] },
  ])
}

export function declinedNoticeCard(input: { course: Course; verifier: Employee; dueAt: Date }, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  return makeCard(locale, { title: tr('verify.notice.declined.title', { course: courseName(input.course, locale) }), tone: 'warning' }, [
    {
      type: 'text',
      text: tr('verify.notice.declined.body', {
        name: displayName(input.verifier, locale),
        date: formatDate(input.dueAt, locale, timeZone),
      }),
    },
    { type: 'actions', buttons: [{ label: tr('reminders.button.myTasks'), action: { id: 'ask', value: 'my_tasks' } }] },
  ])
}

/** To the manager: the learner's verified training addressed a gap; re-rate that dimension. */
export function reassessmentNoticeCard(
  input: { task: EvaluationTask; learner: Employee; course: Course; dimension: Dimension },
  locale: Locale,
  timeZone: string,
): Card {
  const tr = translator(locale)
  const name = displayName(input.learner, locale)
  const dimension = pick(input.dimension.name, locale)
  const date = input.task.dueAt ? formatDate(input.task.dueAt, locale, timeZone) : '—'
  return makeCard(locale, { title: tr('verify.reassess.title', { name, dimension }), tone: 'info' }, [
    { type: 'text', text: tr('verify.reassess.body', { name, dimension, course: courseName(input.course, locale), date }) },
    {
      type: 'actions',
      buttons: [
        { label: tr('verify.button.reassess'), action: { id: 'open_form', value: `evaluation:${input.task.id}` }, style: 'primary' },
      ],
    },
  ])
}
