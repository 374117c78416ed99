import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { bold } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { pct } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { DimensionScoreResult } from './dimension-score.js'
import { evidenceLine, figure, isoDay, sourceLabel } from './evidence-line.js'

/** Per source, the last few results are listed; the trend line covers the whole history. */
const STEPS_SHOWN = 4

export function dimensionScoreCard(result: DimensionScoreResult, locale: Locale): Card {
  const tr = translator(locale)
  const text = (t: string) => makeCard(locale, undefined, [{ type: 'text', text: t }])
  switch (result.kind) {
    case 'refused':
      return text(tr('access.refused'))
    case 'unknown_dimension':
      return text(tr('score.unknownDimension', { query: result.query }))
    case 'no_job':
      return text(tr('score.noJob', { name: displayName(result.subject, locale) }))
    case 'no_standard':
      return text(tr('score.noStandard', { name: displayName(result.subject, locale) }))
    case 'not_in_standard':
      return text(tr('score.notInStandard', { dimension: pick(result.dimension.name, locale), name: displayName(result.subject, locale) }))
    case 'pick': {
      const first = result.rows[0]
      const lines = result.rows.map((r) =>
        tr('score.pickLine', { dimension: pick(r.dimension.name, locale), current: pct(r.current), required: pct(r.required) }),
      )
      return makeCard(locale, { title: tr('score.pickTitle', { name: displayName(result.subject, locale) }), tone: 'info' }, [
        {
          type: 'text',
          text: [
            tr('score.pickIntro', { example: tr('score.askExample', { dimension: first ? pick(first.dimension.name, locale) : '' }) }),
            ...lines,
          ].join('\n'),
        },
      ])
    }
    case 'score': {
      const tz = result.subject.timeZone
      const target = pick(result.target.title, locale)
      const dimension = pick(result.dimension.name, locale)
      const blocks: Block[] = [
        {
          type: 'fields',
          fields: [
            { label: tr('score.current'), value: pct(result.current) },
            { label: tr('score.required', { target }), value: pct(result.required) },
            { label: tr('score.weight', { target }), value: `${result.weight}%` },
          ],
        },
      ]
      if (result.selfOnly !== null) blocks.push({ type: 'text', text: tr('evidence.selfOnly', { value: Math.round(result.selfOnly) }) })
      else if (result.evidence.length === 0) blocks.push({ type: 'text', text: tr('score.none', { dimension }) })
      if (result.evidence.length > 0) {
        blocks.push({
          type: 'text',
          text: `${bold(tr('score.sources'))}\n${evidenceLine(result.evidence, tr, tz, result.selfOnly !== null)}`,
        })
      }
      const first = result.timeline[0]
      const last = result.timeline.at(-1)
      if (first && last) {
        const trend =
          first === last
            ? tr('score.unchanged', { value: pct(last.value), date: isoDay(first.at, tz) })
            : tr('score.trend', { from: pct(first.value), to: pct(last.value), date: isoDay(first.at, tz) })
        const lines = result.history.map((h) =>
          tr('score.sourceHistory', {
            source: sourceLabel(h.source, tr),
            steps: h.steps
              .slice(-STEPS_SHOWN)
              .map((s) => `${figure(s)} (${isoDay(s.at, tz)})`)
              .join(' → '),
          }),
        )
        blocks.push({ type: 'text', text: [`${bold(tr('score.history'))} ${trend}`, ...lines].join('\n') })
      }
      blocks.push({ type: 'context', text: tr('evidence.rule') })
      return makeCard(locale, { title: tr('score.title', { dimension, name: displayName(result.subject, locale) }), tone: 'info' }, blocks)
    }
  }
}
