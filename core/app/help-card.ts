import { makeCard } from '../kernel/cards/build.js'
import type { Card } from '../kernel/cards/card.js'
import { type Actor, type Deps, isHr, isManager } from '../kernel/context.js'
import type { Employee, Locale } from '../kernel/domain/types.js'
import { translator } from '../kernel/i18n/index.js'

/**
 * What Ladder can do, with examples of only what this person can ask: "show my team"
 * needs reports (a manager role alone is not a team), vacancies and 360s need HR or a
 * team, broadcasts need HR. `hasReports` is the store's answer (helpCardFor).
 */
export function helpCard(
  locale: Locale,
  employee: Employee | null,
  mode: 'help' | 'greeting' | 'unknown' = 'help',
  hasReports = false,
): Card {
  const tr = translator(locale)
  const lines = [tr('help.gap'), tr('help.job'), tr('help.tasks'), tr('help.courses'), tr('help.enrol'), tr('help.done')]
  const hasTeam = employee !== null && isManager(employee) && hasReports
  if (hasTeam) lines.push(tr('help.team'))
  if (employee && (isHr(employee) || hasTeam)) lines.push(tr('help.ready'), tr('help.launch360'))
  if (employee && isHr(employee)) lines.push(tr('help.broadcast'))
  return makeCard(locale, { title: mode === 'greeting' ? tr('help.greeting') : tr('help.title'), tone: 'info' }, [
    { type: 'text', text: mode === 'unknown' ? `${tr('help.unknown')} ${tr('help.intro')}` : tr('help.intro') },
    { type: 'text', text: lines.map((l) => `- ${l}`).join('\n') },
    { type: 'context', text: tr('help.footer') },
    {
      type: 'actions',
      buttons: [
        { label: tr('help.button.gap'), action: { id: 'ask', value: 'promotion_gap' }, style: 'primary' },
        { label: tr('button.myTasks'), action: { id: 'ask', value: 'my_tasks' } },
        { label: tr('help.button.courses'), action: { id: 'ask', value: 'recommend_training' } },
      ],
    },
  ])
}

/** The help card after asking the store whether a manager has anyone reporting to them. */
export async function helpCardFor(deps: Deps, actor: Actor, mode: 'help' | 'greeting' | 'unknown'): Promise<Card> {
  const hasReports = isManager(actor.employee) && (await deps.store.employees.reportsOf(actor.employee.id)).length > 0
  return helpCard(actor.locale, actor.employee, mode, hasReports)
}
