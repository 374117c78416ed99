// The aggregated 360 report card for the subject and their manager. It shows
// only what aggregateFeedback let through: shown groups with their counts, the
// names of perspectives that are hidden (never their counts), comments unattributed.

import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Employee, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { courseLine } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { FeedbackReport } from './build-report.js'
import { type FeedbackCycle, type Group, POOLED_GROUP } from './types.js'

const groupLabel = (group: Group, tr: Translate): string =>
  group === POOLED_GROUP ? tr('feedback.group.pooled') : tr(`feedback.group.${group}`)
const one = (n: number): string => n.toFixed(1)
const signed = (n: number): string => (n > 0 ? `+${n.toFixed(1)}` : n.toFixed(1))

export function feedbackReportCard(input: { cycle: FeedbackCycle; subject: Employee; report: FeedbackReport }, locale: Locale): Card {
  const tr = translator(locale)
  const { report, subject, cycle } = input
  const { aggregate } = report
  const title = tr('feedback.report.title', { subject: displayName(subject, locale) })
  if (aggregate.groups.length === 0) {
    return makeCard(locale, { title, subtitle: cycle.name, tone: 'info' }, [{ type: 'text', text: tr('feedback.report.empty') }])
  }
  const blocks: Block[] = []
  const shown = aggregate.groups.map((g) => `${groupLabel(g.group, tr)} (${g.count})`).join(', ')
  blocks.push({ type: 'context', text: tr('feedback.report.shown', { list: shown }) })
  if (aggregate.hidden.length > 0) {
    blocks.push({
      type: 'context',
      text: tr('feedback.report.hidden', {
        list: aggregate.hidden.map((p) => groupLabel(p, tr)).join(', '),
        n: Math.min(...aggregate.hidden.map((p) => cycle.thresholds[p])),
      }),
    })
  }

  const columns = [tr('feedback.report.dimension'), ...aggregate.groups.map((g) => groupLabel(g.group, tr))]
  if (aggregate.others) columns.push(tr('feedback.report.others'))
  const hasSelf = aggregate.groups.some((g) => g.group === 'self')
  if (hasSelf && aggregate.others) columns.push(tr('feedback.report.selfMinusOthers'))
  const rows = report.questionnaire.map((item, i) => {
    const row = [pick(item.name, locale), ...aggregate.groups.map((g) => one(g.means[item.code] as number))]
    const d = aggregate.dimensions[i]
    if (aggregate.others) row.push(one(aggregate.others.means[item.code] as number))
    if (hasSelf && aggregate.others && d?.gap !== null && d?.gap !== undefined) row.push(signed(d.gap))
    return row
  })
  blocks.push({ type: 'table', columns, rows })

  if (report.strengths.length > 0)
    blocks.push({
      type: 'text',
      text: `**${tr('feedback.report.strengths')}**\n` + report.strengths.map((s) => `- ${pick(s.name, locale)}`).join('\n'),
    })
  if (report.developmentAreas.length > 0) {
    const lines = report.developmentAreas.map((d) => {
      const courses = report.courses.find((c) => c.dimensionId === d.dimensionId)?.courses ?? []
      return (
        `- ${pick(d.name, locale)}` +
        (courses.length
          ? `\n  ${tr('feedback.report.courses')}: ${courses
              .slice(0, 3)
              .map((c) => courseLine(c, locale, tr))
              .join('; ')}`
          : '')
      )
    })
    blocks.push({ type: 'text', text: `**${tr('feedback.report.development')}**\n` + lines.join('\n') })
  }

  for (const g of aggregate.groups) {
    if (g.strengths.length === 0 && g.improvements.length === 0) continue
    const parts = [`**${tr('feedback.report.commentsFrom', { group: groupLabel(g.group, tr) })}**`]
    if (g.strengths.length) parts.push(tr('feedback.report.saidStrengths'), ...g.strengths.map((s) => `- ${s}`))
    if (g.improvements.length) parts.push(tr('feedback.report.saidImprovements'), ...g.improvements.map((s) => `- ${s}`))
    blocks.push({ type: 'text', text: parts.join('\n') })
  }
  blocks.push({
    type: 'context',
    text: tr('feedback.report.howAnonymous', { peer: cycle.thresholds.peer, report: cycle.thresholds.report }),
  })
  return makeCard(locale, { title, subtitle: cycle.name, tone: 'info' }, blocks)
}
