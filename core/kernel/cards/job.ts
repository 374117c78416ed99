// What every card about a job shares: "which job?" with the list when the
// question named none or an unknown one, and the job's code and track line.
import { type Job, type Locale, pick } from '../domain/types.js'
import { trackName } from '../format.js'
import { type MessageKey, translator } from '../i18n/index.js'
import { makeCard } from './build.js'
import type { Block, Card } from './card.js'

/** `ask` is the question when none was named (e.g. 'job.which'); an unknown name is quoted back. */
export function unknownJobCard(result: { query: string | null; jobs: Job[] }, ask: MessageKey, locale: Locale): Card {
  const tr = translator(locale)
  const list = result.jobs.map((j) => `- ${j.code} ${pick(j.title, locale)}`).join('\n')
  const text = result.query ? tr('job.unknown', { query: result.query }) : tr(ask)
  return makeCard(locale, undefined, [{ type: 'text', text: `${text}\n${list}` }])
}

export function jobFieldsBlock(job: Job, locale: Locale): Block {
  const tr = translator(locale)
  return {
    type: 'fields',
    fields: [
      { label: tr('job.code'), value: job.code },
      { label: tr('job.track'), value: tr('job.trackLevel', { track: trackName(job.track, tr), level: job.level }) },
    ],
  }
}
