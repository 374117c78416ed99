// The asker's answer to an assignment: one line per person, in the asker's language.
import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { courseLine, formatDate } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { AssignOutcome, AssignTrainingResult } from './assign-training.js'

function outcomeLine(o: AssignOutcome, locale: Locale, tr: ReturnType<typeof translator>): string | null {
  if (o.kind === 'refused') return null
  const name = displayName(o.employee, locale)
  switch (o.kind) {
    case 'assigned':
      return tr('assign.line.assigned', { name })
    case 'enrolled_self':
      return tr('assign.line.enrolledSelf', { name })
    case 'already_assigned':
      return tr('assign.line.alreadyAssigned', { name })
    case 'already_completed':
      return tr('assign.line.alreadyCompleted', { name })
  }
}

/** The asker's answer. */
export function assignTrainingCard(result: AssignTrainingResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  const say = (text: string) => makeCard(locale, undefined, [{ type: 'text', text }])
  switch (result.kind) {
    case 'unknown_course': {
      const text = result.query ? tr('training.unknownCourse', { query: result.query }) : tr('assign.whomNoCourse')
      return say(`${text}\n${result.suggestions.map((c) => `- ${courseLine(c, locale, tr)}`).join('\n')}`)
    }
    case 'no_one':
      return say(result.course ? tr('assign.whom', { course: result.course.code }) : tr('assign.whomNoCourse'))
    case 'no_team':
      return say(tr('assign.noTeam'))
    case 'refused':
      return say(tr('assign.refused'))
    case 'past_due':
      return say(tr('assign.pastDue', { date: formatDate(result.dueAt, locale, timeZone) }))
    case 'done': {
      const lines = result.outcomes.map((o) => outcomeLine(o, locale, tr)).filter((l): l is string => l !== null)
      const refused = result.outcomes.filter((o) => o.kind === 'refused').length
      if (refused > 0) lines.push(tr('assign.line.refused', { n: refused }))
      const anyNew = result.outcomes.some((o) => o.kind === 'assigned' || o.kind === 'enrolled_self')
      return makeCard(
        locale,
        {
          title: tr('assign.title', { course: `${result.course.code} ${pick(result.course.title, locale)}` }),
          tone: anyNew ? 'success' : 'info',
        },
        [
          { type: 'text', text: lines.join('\n') },
          ...(result.dueAt
            ? [{ type: 'context' as const, text: tr('assign.due', { date: formatDate(result.dueAt, locale, timeZone) }) }]
            : []),
        ],
      )
    }
  }
}
