import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { CycleStatusResult } from './cycle-status.js'
import { cycleActionKey } from './feedback-card.js'
import { windowText } from './notify-cards.js'

export function cycleStatusCard(result: Exclude<CycleStatusResult, { kind: 'refused' }>, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'list') {
    if (result.cycles.length === 0)
      return makeCard(locale, { title: tr('feedback.status.listTitle') }, [{ type: 'text', text: tr('feedback.status.none') }])
    return makeCard(locale, { title: tr('feedback.status.listTitle') }, [
      {
        type: 'table',
        columns: ['#', tr('feedback.launch.name'), tr('feedback.launched.stage'), tr('feedback.launched.window')],
        rows: result.cycles.map((c) => [String(c.id), c.name, tr(`feedback.stage.${c.stage}`), windowText(c, locale, timeZone)]),
      },
    ])
  }
  const { cycle } = result
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: tr('feedback.launched.stage'), value: tr(`feedback.stage.${cycle.stage}`) },
        { label: tr('feedback.launched.window'), value: windowText(cycle, locale, timeZone) },
      ],
    },
  ]
  for (const s of result.subjects) {
    const counts = s.counts.map(
      (c) =>
        `${tr(`feedback.perspective.${c.perspective}`)}: ${tr('feedback.status.counts', { answered: c.answered, asked: c.asked, declined: c.declined, proposed: c.proposed })}`,
    )
    const lines = [`**${displayName(s.subject, locale)}**`, ...counts.map((c) => `- ${c}`)]
    if (s.nominees)
      lines.push(
        ...s.nominees.map(
          (n) =>
            `  · ${displayName(n.rater, locale)} (${tr(`feedback.perspective.${n.request.perspective}`)}, ${tr(`feedback.status.${n.request.status}`)})`,
        ),
      )
    blocks.push({ type: 'text', text: lines.join('\n') })
  }
  const next = cycle.stage === 'nominating' ? 'open' : cycle.stage === 'collecting' ? 'close' : cycle.stage === 'closed' ? 'share' : null
  if (next)
    blocks.push({
      type: 'actions',
      buttons: [{ label: tr(`feedback.button.${next}`), action: { id: 'submit_form', value: cycleActionKey(cycle.id, next) } }],
    })
  return makeCard(locale, { title: cycle.name, subtitle: `#${cycle.id}` }, blocks)
}
