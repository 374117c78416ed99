import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { bold } from '../../kernel/cards/card.js'
import { jobFieldsBlock, unknownJobCard } from '../../kernel/cards/job.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { pct } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { JobRequirementsResult } from './job-requirements.js'

export function jobRequirementsCard(result: JobRequirementsResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'unknown_job') return unknownJobCard(result, 'job.which', locale)
  const { job, standard } = result
  const title = pick(job.title, locale)
  const blocks: Block[] = [jobFieldsBlock(job, locale)]
  if (!standard) {
    blocks.push({ type: 'text', text: tr('job.noStandard', { job: title }) })
  } else {
    blocks.push({
      type: 'table',
      columns: [tr('job.dimension'), tr('job.weight'), tr('job.required')],
      rows: standard.dimensions.map((d) => [
        pick(d.dimension.name, locale),
        `${d.weight}%`,
        pct(d.requiredAttainment ?? standard.threshold),
      ]),
    })
    for (const d of standard.dimensions) {
      if (d.indicators.length === 0) continue
      const lines = d.indicators.map((i) => `- ${pick(i.text, locale)}${i.requirement ? ` ${tr('job.hard')}` : ''}`)
      blocks.push({ type: 'text', text: [bold(pick(d.dimension.name, locale)), ...lines].join('\n') })
    }
    blocks.push({ type: 'context', text: tr('job.threshold', { threshold: pct(standard.threshold), version: standard.version }) })
  }
  if (result.nextSteps.length > 0) {
    blocks.push({ type: 'context', text: tr('job.next', { jobs: result.nextSteps.map((j) => pick(j.title, locale)).join(' / ') }) })
  }
  blocks.push({
    type: 'actions',
    buttons: [{ label: tr('job.compareMe'), action: { id: 'ask', value: `promotion_gap:${job.code}` }, style: 'primary' }],
  })
  return makeCard(locale, { title: tr('job.title', { job: title }), tone: 'info' }, blocks)
}
