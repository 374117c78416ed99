// HR's training broadcast: the channel card (with its live counter), the neutral
// form the platform engineers render (Slack modal, Feishu form card), and HR's
// own result and completion cards.

import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Button, Card, Form, FormField } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Course, type Employee, LOCALES, type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate, formatDuration } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { BroadcastCourseResult, BroadcastReport, UnmatchedMember } from './types.js'

const MAX_PENDING_NAMES = 12
/** HR's result names at most this many members who could not be matched. */
const MAX_UNMATCHED_NAMES = 20
const MAX_COURSE_OPTIONS = 100

export interface BroadcastCardView {
  broadcastId: number
  course: Course
  dueAt: Date
  done: number
  total: number
  announcer: Employee
}

/** The channel card in the announcer's language, the other language as its alternate (channels mix both). */
export function broadcastCard(view: BroadcastCardView, locale: Locale): Card {
  const other = LOCALES.find((l) => l !== locale)!
  return { ...broadcastCardIn(view, locale), alternate: broadcastCardIn(view, other) }
}

function broadcastCardIn(view: BroadcastCardView, locale: Locale): Card {
  const tr = translator(locale)
  const { course } = view
  const date = formatDate(view.dueAt, locale, view.announcer.timeZone)
  const title = `${course.code} ${pick(course.title, locale)}`
  const percent = view.total === 0 ? 0 : Math.round((view.done / view.total) * 100)
  const buttons: Button[] = [
    {
      label: tr('broadcast.button.enrol'),
      action: { id: 'enrol', value: `${course.code}@broadcast:${view.broadcastId}` },
      style: 'primary',
    },
    { label: tr('broadcast.button.done'), action: { id: 'training_done', value: `broadcast:${view.broadcastId}` } },
    ...(course.url ? [{ label: tr('broadcast.button.open'), action: { id: 'ask' as const, value: 'my_tasks' }, url: course.url }] : []),
  ]
  const blocks: Block[] = [
    { type: 'text', text: tr('broadcast.body', { hr: displayName(view.announcer, locale), course: title, date }) },
    {
      type: 'fields',
      fields: [
        { label: tr('broadcast.field.format'), value: tr(`format.course.${course.format}` as const) },
        { label: tr('broadcast.field.duration'), value: formatDuration(course.durationMinutes, tr) },
        { label: tr('broadcast.field.due'), value: date },
      ],
    },
    { type: 'progress', rows: [{ label: tr('broadcast.counterLabel'), value: percent, note: `${view.done}/${view.total}` }] },
    { type: 'context', text: tr('broadcast.counter', { done: view.done, total: view.total }) },
    { type: 'actions', buttons },
  ]
  return makeCard(
    locale,
    { title: tr('broadcast.title', { course: title }), subtitle: tr('broadcast.subtitle', { date }), tone: 'info' },
    blocks,
  )
}

export const BROADCAST_FORM_KEY = 'broadcast'

export interface BroadcastFormOptions {
  /** Pre-selected course (named in the request, or submitted before). */
  courseCode?: string
  /** The group conversation the form was asked for in: the default channel. */
  channelId?: string
  /** The groups Ladder is in, where the platform has no channel picker of its own. */
  channels?: readonly { id: string; name: string }[]
  /** YYYY-MM-DD */
  due?: string
  errors?: Record<string, string>
}

/** The neutral form: course, channel, due date. Slack shows its channel picker; elsewhere the current group is offered. */
export function broadcastForm(locale: Locale, courses: readonly Course[], options: BroadcastFormOptions = {}): Form {
  const tr = translator(locale)
  return {
    key: BROADCAST_FORM_KEY,
    title: tr('broadcast.form.title'),
    submitLabel: tr('broadcast.form.submit'),
    fields: [
      courseField(tr, locale, courses, options.courseCode),
      channelField(tr, options),
      { type: 'date', name: 'due', label: tr('broadcast.form.due'), required: true, ...(options.due ? { initial: options.due } : {}) },
    ],
    ...(options.errors && Object.keys(options.errors).length > 0 ? { errors: options.errors } : {}),
  }
}

export const courseOption = (course: Course, locale: Locale) => ({
  label: `${course.code} ${pick(course.title, locale)}`,
  value: course.code,
})

/**
 * The course: a select of the first 100 (a pre-selected one always among them); with more,
 * the field is searchable, so Slack searches them all as HR types (Feishu lists these 100).
 */
function courseField(tr: ReturnType<typeof translator>, locale: Locale, courses: readonly Course[], initial?: string): FormField {
  const chosen = initial ? courses.find((c) => c.code === initial) : undefined
  const first = courses.slice(0, MAX_COURSE_OPTIONS)
  const listed = chosen && !first.includes(chosen) ? [chosen, ...first.slice(0, MAX_COURSE_OPTIONS - 1)] : first
  return {
    type: 'select',
    name: 'course',
    label: tr('broadcast.form.course'),
    options: listed.map((c) => courseOption(c, locale)),
    required: true,
    ...(initial ? { initial } : {}),
    ...(courses.length > MAX_COURSE_OPTIONS ? { searchable: true } : {}),
  }
}

/** The channel: the group asked in first ("This chat"), then the other groups Ladder is in, by name. */
function channelField(tr: ReturnType<typeof translator>, options: BroadcastFormOptions): FormField {
  const here = options.channelId
  const choices = [
    ...(here ? [{ label: tr('broadcast.form.thisChat'), value: here }] : []),
    ...(options.channels ?? []).filter((c) => c.id !== here).map((c) => ({ label: c.name, value: c.id })),
  ]
  return {
    type: 'channel',
    name: 'channel',
    label: tr('broadcast.form.channel'),
    required: true,
    placeholder: tr('broadcast.form.channelPlaceholder'),
    ...(here ? { initial: here } : {}),
    ...(choices.length > 0 ? { options: choices } : {}),
  }
}

/** The form as a card: what a message answer shows (Slack: a button opening the modal; Feishu: the form itself). */
export function broadcastFormCard(locale: Locale, courses: readonly Course[], options: BroadcastFormOptions = {}): Card {
  const form = broadcastForm(locale, courses, options)
  return makeCard(locale, { title: form.title, tone: 'info' }, [
    { type: 'context', text: translator(locale)('broadcast.form.hint') },
    { type: 'form', form },
  ])
}

/** What HR sees after announcing (or being refused). */
export function broadcastResultCard(result: BroadcastCourseResult, locale: Locale): Card {
  const tr = translator(locale)
  const text = (t: string) => makeCard(locale, undefined, [{ type: 'text', text: t }])
  switch (result.kind) {
    case 'refused':
      return text(tr('broadcast.refused'))
    case 'unknown_course':
      return text(tr('broadcast.unknownCourse', { code: result.code }))
    case 'due_in_past':
      return text(tr('broadcast.dueInPast'))
    case 'no_members_api':
      return text(tr('broadcast.noMembersApi', { platform: result.platform }))
    case 'already':
      return makeCard(locale, undefined, [
        { type: 'text', text: tr('broadcast.already', { id: result.broadcast.id }) },
        reportButton(result.broadcast.id, tr),
      ])
    case 'broadcast':
      return makeCard(
        locale,
        { title: tr('broadcast.result.title', { course: `${result.course.code} ${pick(result.course.title, locale)}` }), tone: 'success' },
        [
          {
            type: 'text',
            text: tr('broadcast.result.body', {
              assigned: result.assigned,
              added: result.added,
              existing: result.existing,
              unlinked: result.unlinked,
              members: result.members,
            }),
          },
          ...(result.linkedNow > 0 ? [{ type: 'text' as const, text: tr('broadcast.result.linkedNow', { n: result.linkedNow }) }] : []),
          ...(result.unmatched.length > 0 ? [unmatchedBlock(result.unmatched, tr)] : []),
          { type: 'context', text: `#${result.broadcast.id}` },
          reportButton(result.broadcast.id, tr),
        ],
      )
  }
}

/** Who could not be matched, and why: a name (or the platform id) per line. */
function unmatchedBlock(unmatched: readonly UnmatchedMember[], tr: ReturnType<typeof translator>): Block {
  const lines = unmatched.slice(0, MAX_UNMATCHED_NAMES).map((m) => {
    const reason =
      m.reason === 'no_employee' || m.reason === 'inactive'
        ? tr(`broadcast.result.reason.${m.reason}`, { email: m.email ?? '' })
        : tr(`broadcast.result.reason.${m.reason}`)
    return `• ${m.name ?? m.userId}: ${reason}`
  })
  if (unmatched.length > MAX_UNMATCHED_NAMES) lines.push(tr('broadcast.result.more', { n: unmatched.length - MAX_UNMATCHED_NAMES }))
  return { type: 'text', text: [tr('broadcast.result.unmatched', { n: unmatched.length }), ...lines].join('\n') }
}

const reportButton = (broadcastId: number, tr: ReturnType<typeof translator>): Block => ({
  type: 'actions',
  buttons: [{ label: tr('broadcast.report.button'), action: { id: 'ask', value: `broadcast_report:${broadcastId}` } }],
})

/** Completion by department, the people who have not finished named (HR only). */
export function broadcastReportCard(report: BroadcastReport, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  const rows = report.departments.map((d) => {
    const names = d.pending.slice(0, MAX_PENDING_NAMES).map((e) => displayName(e, locale))
    const more = d.pending.length > MAX_PENDING_NAMES ? ` +${d.pending.length - MAX_PENDING_NAMES}` : ''
    return [d.name ? pick(d.name, locale) : tr('broadcast.report.noDepartment'), `${d.done}/${d.total}`, names.join(', ') + more]
  })
  return makeCard(
    locale,
    {
      title: tr('broadcast.report.title', { course: `${report.course.code} ${pick(report.course.title, locale)}` }),
      subtitle: tr('broadcast.report.subtitle', {
        done: report.done,
        total: report.total,
        date: formatDate(report.broadcast.dueAt, locale, timeZone),
      }),
      tone: report.done === report.total ? 'success' : 'info',
    },
    [
      {
        type: 'table',
        columns: [tr('broadcast.report.col.department'), tr('broadcast.report.col.done'), tr('broadcast.report.col.pending')],
        rows,
      },
    ],
  )
}
