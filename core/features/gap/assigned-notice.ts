// The card an assignee receives: the course, with the same Done / Snooze buttons
// as the to-do list, in the assignee's language and time zone.
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Assignment, Course, Employee } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { courseLine } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import { itemBlocks } from '../tasks/index.js'

/** The card the assignee receives: in their language and time zone. */
export function assignedNoticeCard(input: { course: Course; assignment: Assignment; by: Employee; to: Employee }): Card {
  const { course, assignment, by, to } = input
  const locale = to.locale
  const tr = translator(locale)
  const blocks: Block[] = [
    { type: 'text', text: courseLine(course, locale, tr) + (course.url ? `\n${course.url}` : '') },
    ...itemBlocks({ kind: 'training', assignment, course, isOverdue: false }, locale, to.timeZone, tr),
    { type: 'context', text: tr('assign.notice.body') },
  ]
  return makeCard(
    locale,
    { title: tr('assign.notice.title', { manager: displayName(by, locale), course: pick(course.title, locale) }), tone: 'info' },
    blocks,
  )
}
