import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { unknownJobCard } from '../../kernel/cards/job.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { pct } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { TeamOverviewResult } from './team-overview.js'
import type { WhoIsReadyResult } from './who-is-ready.js'

const MAX_ROWS = 40
const MAX_CANDIDATES = 10

export function teamOverviewCard(result: TeamOverviewResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('team.refused') }])
  if (result.kind === 'no_reports') return makeCard(locale, undefined, [{ type: 'text', text: tr('team.noReports') }])
  const ready = result.members.filter((m) => m.best?.isReady).length
  const overdue = result.members.reduce((sum, m) => sum + m.overdue, 0)
  const rows = result.members
    .slice(0, MAX_ROWS)
    .map((m) => [
      displayName(m.employee, locale),
      m.job ? pick(m.job.title, locale) : '—',
      m.best ? pick(m.best.target.title, locale) : '—',
      m.best ? pct(m.best.overall) : '—',
      m.best?.isReady ? '✅' : '',
      m.overdue > 0 ? `⚠️ ${m.overdue}` : '0',
    ])
  return makeCard(
    locale,
    {
      title: tr('team.title'),
      subtitle: tr('team.summary', { n: result.members.length, ready, overdue }),
      tone: overdue ? 'warning' : 'info',
    },
    [
      {
        type: 'table',
        columns: [
          tr('team.col.name'),
          tr('team.col.job'),
          tr('team.col.next'),
          tr('team.col.match'),
          tr('team.col.ready'),
          tr('team.col.overdue'),
        ],
        rows,
      },
      ...(result.members.length > MAX_ROWS
        ? [{ type: 'context' as const, text: tr('team.more', { n: result.members.length - MAX_ROWS }) }]
        : []),
      ...onboardingBlocks(result.members, locale),
    ],
  )
}

/** New hires' onboarding progress ("Onboarding: Zhang San 1/3 ⚠️ 1"), when anyone in the team is onboarding. */
function onboardingBlocks(members: Extract<TeamOverviewResult, { kind: 'team' }>['members'], locale: Locale): Block[] {
  const tr = translator(locale)
  const lines = members.flatMap((m) =>
    m.onboarding
      ? [
          tr('onboarding.team.line', { name: displayName(m.employee, locale), done: m.onboarding.done, total: m.onboarding.total }) +
            (m.onboarding.overdue > 0 ? ` ⚠️ ${m.onboarding.overdue}` : ''),
        ]
      : [],
  )
  return lines.length > 0 ? [{ type: 'context', text: tr('onboarding.team.inTeam', { list: lines.join(', ') }) }] : []
}

export function whoIsReadyCard(result: WhoIsReadyResult, locale: Locale): Card {
  const tr = translator(locale)
  switch (result.kind) {
    case 'refused':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('ready.refused') }])
    case 'unknown_job':
      return unknownJobCard(result, 'ready.whichJob', locale)
    case 'no_standard':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('gap.noStandard', { target: pick(result.job.title, locale) }) }])
    case 'candidates': {
      const job = pick(result.job.title, locale)
      const shown = result.ranked.slice(0, MAX_CANDIDATES)
      const scope = result.scope === 'team' ? tr('ready.scopeTeam') : tr('ready.scopeCompany')
      return makeCard(
        locale,
        {
          title: tr('ready.title', { job }),
          subtitle: tr('ready.summary', { ready: result.readyCount, considered: result.considered, scope }),
          tone: 'info',
        },
        [
          ...(result.readyCount === 0 ? [{ type: 'text' as const, text: tr('ready.noneReady') }] : []),
          {
            type: 'table',
            columns: [tr('team.col.name'), tr('team.col.match'), tr('team.col.ready'), tr('ready.col.missing')],
            rows: shown.map((c) => {
              const unmet = c.report.requirements.filter((r) => !r.isMet).length
              const largest = c.report.ranked[0]
              const missing = [unmet ? tr('ready.unmet', { n: unmet }) : '', largest ? pick(largest.dimension.name, locale) : '']
                .filter(Boolean)
                .join(', ')
              return [displayName(c.subject, locale), pct(c.report.overall), c.report.isReady ? '✅' : '', missing || '—']
            }),
          },
          { type: 'context', text: tr('ready.method', { threshold: pct(result.ranked[0]?.report.standard.threshold ?? 0) }) },
        ],
      )
    }
  }
}
