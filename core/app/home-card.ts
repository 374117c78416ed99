import type { PromotionGapResult } from '../features/gap/index.js'
import { confirmationBlocks, itemBlocks, type MyTasksResult, nominationBlocks, toDoSummary } from '../features/tasks/index.js'
import { makeCard } from '../kernel/cards/build.js'
import type { Block, Button, Card } from '../kernel/cards/card.js'
import { bold } from '../kernel/cards/card.js'
import { displayName } from '../kernel/context.js'
import type { Employee, Locale } from '../kernel/domain/types.js'
import { pick } from '../kernel/domain/types.js'
import { translator } from '../kernel/i18n/index.js'

const HOME_TASKS = 8

/** The personal dashboard: readiness per track, open tasks, shortcuts. */
export function homeCard(employee: Employee, gap: PromotionGapResult, tasks: MyTasksResult, locale: Locale): Card {
  const tr = translator(locale)
  const blocks: Block[] = [{ type: 'text', text: bold(tr('home.readiness')) }]
  if (gap.kind === 'reports') {
    blocks.push({
      type: 'progress',
      rows: gap.reports.map((r) => ({
        label: pick(r.target.title, locale),
        value: r.kind === 'report' ? Math.round(r.overall) : 0,
        ...(r.kind === 'report'
          ? { target: r.standard.threshold, note: r.isReady ? tr('gap.ready') : undefined }
          : { note: tr('home.noStandard') }),
      })),
    })
  } else {
    blocks.push({ type: 'context', text: tr('home.noPath') })
  }
  blocks.push({ type: 'divider' }, { type: 'text', text: bold(tr('tasks.title')) })
  // The same lines and count as the to-do list (one source: toDoSummary): nominations and trainings to confirm included.
  if (tasks.items.length === 0 && tasks.confirmations.length === 0 && tasks.nominations.length === 0)
    blocks.push({ type: 'context', text: tr('tasks.none') })
  else blocks.push({ type: 'context', text: toDoSummary(tasks, tr) })
  blocks.push(...nominationBlocks(tasks.nominations, locale, employee.timeZone, tr))
  for (const item of tasks.items.slice(0, HOME_TASKS)) blocks.push(...itemBlocks(item, locale, employee.timeZone, tr))
  if (tasks.items.length > HOME_TASKS) blocks.push({ type: 'context', text: tr('tasks.more', { n: tasks.items.length - HOME_TASKS }) })
  blocks.push(...confirmationBlocks(tasks.confirmations, locale, employee.timeZone, tr))
  // The gap and its courses only for someone with a next step to measure: for the rest, both answer "no path".
  const hasGap = gap.kind === 'reports'
  const gapButtons: Button[] = [
    { label: tr('help.button.gap'), action: { id: 'ask', value: 'promotion_gap' }, style: 'primary' },
    { label: tr('help.button.courses'), action: { id: 'ask', value: 'recommend_training' } },
  ]
  blocks.push({
    type: 'actions',
    buttons: [...(hasGap ? gapButtons : []), { label: tr('home.help'), action: { id: 'ask', value: 'help' } }],
  })
  return makeCard(locale, { title: tr('home.title', { name: displayName(employee, locale) }), tone: 'info' }, blocks)
}
