// The job description as a card: purpose, duties (owner, how often, what to
// submit), requirements (the standard dimension that assesses them), KPIs with
// targets, and the version in force. The sections are reused by the new hire's
// welcome card (features/onboarding).
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { jobFieldsBlock } from '../../kernel/cards/job.js'
import { parseRecurrence } from '../../kernel/domain/recurrence.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import { askValue } from '../../kernel/intent-spec.js'
import type { JobDescription, KpiLine, RequirementLine } from './describe-job.js'
import type { DutyEvidence } from './ports.js'

type Tr = ReturnType<typeof translator>

const pad = (n: number) => String(n).padStart(2, '0')

/** "每个工作日 18:00 前" / "every working day by 18:00"; the stored text itself should it not parse. */
export function recurrenceWords(text: string, locale: Locale): string {
  const tr = translator(locale)
  const r = parseRecurrence(text)
  if (!r) return text
  const joiner = locale === 'zh-CN' ? '、' : ', '
  const when =
    r.every.kind === 'daily'
      ? tr('jobs.recurrence.daily')
      : r.every.kind === 'weekly'
        ? tr('jobs.recurrence.weekly', {
            days: r.every.weekdays.map((d) => tr(`jobs.weekday.${d}` as 'jobs.weekday.1')).join(joiner),
          })
        : tr('jobs.recurrence.monthly', { day: r.every.day })
  if (r.dueMinute === null) return tr('jobs.recurrence.endOfDay', { when })
  return tr('jobs.recurrence.by', { when, time: `${pad(Math.floor(r.dueMinute / 60))}:${pad(r.dueMinute % 60)}` })
}

const evidenceWords = (evidence: DutyEvidence | null, tr: Tr): string | null =>
  evidence === null || evidence === 'none' ? null : tr(`jobs.evidence.${evidence}`)

/** "2026-12-03": effective dates are calendar days (midnight UTC). */
const isoDay = (at: Date): string => at.toISOString().slice(0, 10)

const sep = (locale: Locale) => (locale === 'zh-CN' ? ';' : '; ')
const withNotes = (text: string, notes: (string | null)[], locale: Locale): string => {
  const kept = notes.filter((n): n is string => n !== null)
  if (kept.length === 0) return text
  return locale === 'zh-CN' ? `${text}(${kept.join(sep(locale))})` : `${text} (${kept.join(sep(locale))})`
}

function requirementNotes(r: RequirementLine, tr: Tr, locale: Locale): (string | null)[] {
  if (!r.dimension) return []
  return [
    tr('jobs.dimension', { dimension: pick(r.dimension.name, locale) }),
    r.weight === null ? null : tr('jobs.weight', { weight: r.weight }),
    r.requiredAttainment === null ? null : tr('jobs.required', { n: r.requiredAttainment }),
  ]
}

const kpiLine = (k: KpiLine, tr: Tr, locale: Locale): string =>
  k.target === null ? pick(k.text, locale) : `${pick(k.text, locale)} — ${tr('jobs.target', { target: k.target })}`

/** The description's sections as card blocks, in the reader's language. */
export function jobDescriptionSections(description: JobDescription, locale: Locale): Block[] {
  const tr = translator(locale)
  const blocks: Block[] = [{ type: 'text', text: `**${tr('jobs.purpose')}**\n${pick(description.purpose, locale)}` }]
  const list = (title: string, lines: string[]) => {
    if (lines.length > 0) blocks.push({ type: 'text', text: `**${title}**\n${lines.map((l) => `- ${l}`).join('\n')}` })
  }
  list(
    tr('jobs.duties'),
    description.duties.map((d) =>
      withNotes(
        pick(d.text, locale),
        [
          d.owner ? tr('jobs.owner', { job: pick(d.owner.title, locale) }) : null,
          d.recurrence === null ? null : recurrenceWords(d.recurrence, locale),
          evidenceWords(d.evidence, tr),
        ],
        locale,
      ),
    ),
  )
  list(
    tr('jobs.requirements'),
    description.requirements.map((r) => withNotes(pick(r.text, locale), requirementNotes(r, tr, locale), locale)),
  )
  list(
    tr('jobs.kpis'),
    description.kpis.map((k) => kpiLine(k, tr, locale)),
  )
  blocks.push({
    type: 'context',
    text: tr('jobs.version', { version: description.version, date: isoDay(description.effectiveFrom) }),
  })
  return blocks
}

/** The card answering "我的岗位职责是什么" / "what does a store manager do" when a description is in force. */
export function publishedJobDescriptionCard(description: JobDescription, isOwn: boolean, locale: Locale): Card {
  const tr = translator(locale)
  const title = pick(description.job.title, locale)
  return makeCard(locale, { title: isOwn ? tr('jd.titleOwn', { job: title }) : tr('jd.title', { job: title }), tone: 'info' }, [
    jobFieldsBlock(description.job, locale),
    ...jobDescriptionSections(description, locale),
    {
      type: 'actions',
      buttons: [
        {
          label: tr('jd.requirements'),
          action: { id: 'ask', value: askValue('job_requirements', { jobCode: description.job.code }) },
        },
      ],
    },
  ])
}
