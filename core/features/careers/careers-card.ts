import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { jobFieldsBlock, unknownJobCard } from '../../kernel/cards/job.js'
import { displayName } from '../../kernel/context.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { pct, trackName } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import { askValue } from '../../kernel/intent-spec.js'
import type { CareerPathsResult } from './career-paths.js'
import type { JobDescriptionResult } from './job-description.js'

/** Gaps named per path; the full report is one click away. */
const TOP_GAPS = 2

export function careerPathsCard(result: CareerPathsResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
  const isSelf = result.basis === 'self'
  const name = displayName(result.subject, locale)
  const title = isSelf ? tr('paths.title') : tr('paths.titleOf', { name })
  if (result.kind === 'no_job') return makeCard(locale, { title }, [{ type: 'text', text: tr('paths.noJob') }])
  const from = pick(result.currentJob.title, locale)
  if (result.kind === 'no_path') return makeCard(locale, { title }, [{ type: 'text', text: tr('paths.none', { job: from }) }])
  const subjectId = isSelf ? {} : { subjectId: result.subject.id }
  const blocks: Block[] = [{ type: 'context', text: tr('paths.from', { job: from, n: result.options.length }) }]
  for (const { report, leadsTo } of result.options) {
    const target = pick(report.target.title, locale)
    blocks.push(
      { type: 'divider' },
      { type: 'text', text: `**${target}** (${report.target.code} · ${tr('paths.track', { track: trackName(report.target.track, tr) })})` },
    )
    if (report.kind === 'no_standard') blocks.push({ type: 'text', text: tr('paths.noStandard') })
    else {
      const unmet = report.requirements.filter((r) => !r.isMet).length
      const verdict = report.isReady
        ? tr('paths.ready')
        : tr('paths.notReady', { overall: pct(report.overall), threshold: report.standard.threshold, unmet })
      const gaps = report.ranked.slice(0, TOP_GAPS).map((d) => pick(d.dimension.name, locale))
      blocks.push({
        type: 'text',
        text: gaps.length ? `${verdict}\n${tr('paths.gaps', { gaps: gaps.join(locale === 'zh-CN' ? '、' : ', ') })}` : verdict,
      })
    }
    if (leadsTo.length)
      blocks.push({ type: 'context', text: tr('paths.then', { jobs: leadsTo.map((j) => pick(j.title, locale)).join(' / ') }) })
    blocks.push({
      type: 'actions',
      buttons: [
        {
          label: tr('paths.seeGap', { job: target }),
          action: { id: 'ask', value: askValue('promotion_gap', { jobCode: report.target.code, ...subjectId }) },
        },
      ],
    })
  }
  return makeCard(locale, { title, subtitle: tr('paths.subtitle', { job: from }), tone: 'info' }, blocks)
}

export function jobDescriptionCard(result: JobDescriptionResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'unknown_job') return unknownJobCard(result, 'jd.noJob', locale)
  const { job, standard } = result
  const title = pick(job.title, locale)
  const blocks: Block[] = [jobFieldsBlock(job, locale), { type: 'context', text: tr('jd.fromStandard') }]
  if (!standard) blocks.push({ type: 'text', text: tr('job.noStandard', { job: title }) })
  else
    for (const d of [...standard.dimensions].sort((a, b) => b.weight - a.weight)) {
      const duties = d.indicators.filter((i) => !i.requirement).map((i) => `- ${pick(i.text, locale)}`)
      blocks.push({
        type: 'text',
        text: `**${pick(d.dimension.name, locale)}** (${d.weight}%)${duties.length ? `\n${duties.join('\n')}` : ''}`,
      })
    }
  if (result.previousSteps.length || result.nextSteps.length)
    blocks.push({
      type: 'context',
      text: [
        result.previousSteps.length ? tr('jd.comesFrom', { jobs: result.previousSteps.map((j) => pick(j.title, locale)).join(' / ') }) : '',
        result.nextSteps.length ? tr('jd.leadsTo', { jobs: result.nextSteps.map((j) => pick(j.title, locale)).join(' / ') }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    })
  blocks.push({
    type: 'actions',
    buttons: [{ label: tr('jd.requirements'), action: { id: 'ask', value: askValue('job_requirements', { jobCode: job.code }) } }],
  })
  return makeCard(
    locale,
    { title: result.isOwn ? tr('jd.titleOwn', { job: title }) : tr('jd.title', { job: title }), tone: 'info' },
    blocks,
  )
}
