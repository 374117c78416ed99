// The records (培养档案) for HR: one summary card, a line per participant, then
// each participant's record; and the same as rows for the export.
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { ParticipantRecord, ProgrammeRecordsResult } from './programme-record.js'

const EXCERPT = 280

const trainingsDone = (r: ParticipantRecord): string =>
  `${r.trainings.filter((t) => t.status === 'completed' || t.status === 'waived').length}/${r.trainings.length}`

const scoresOf = (r: ParticipantRecord): string =>
  r.trainings
    .filter((t) => t.score !== null)
    .map((t) => `${t.course.code} ${t.score}`)
    .join(', ')

function feedbackText(r: ParticipantRecord, tr: Translate): string {
  if (!r.feedback) return '—'
  const counts = tr('programme.record.answered', { answered: r.feedback.answered, asked: r.feedback.asked })
  return r.feedback.overall === null ? counts : `${r.feedback.overall.toFixed(2)}/5 · ${counts}`
}

function supervisorText(r: ParticipantRecord, locale: Locale, tr: Translate): string {
  if (!r.supervisor) return '—'
  if (r.supervisor.ratings.length === 0)
    return tr(r.supervisor.status === 'completed' ? 'programme.record.done' : 'programme.record.notDone')
  return r.supervisor.ratings.map((x) => `${pick(x.name, locale)} ${x.rating}/5`).join(', ')
}

function readinessText(r: ParticipantRecord, locale: Locale, tr: Translate): string {
  const { readiness } = r
  if (readiness.kind === 'no_target') return tr('programme.record.noTarget')
  const job = pick(readiness.target.title, locale)
  if (readiness.kind === 'no_standard') return tr('programme.record.noStandard', { job })
  return tr(readiness.isReady ? 'programme.record.ready' : 'programme.record.notReady', {
    job,
    overall: readiness.overall,
    threshold: readiness.threshold,
  })
}

function reflectionText(r: ParticipantRecord, tr: Translate): string {
  if (!r.reflection) return '—'
  if (r.reflection.text === null) return tr('programme.record.notDone')
  return r.reflection.text.length > EXCERPT ? `${r.reflection.text.slice(0, EXCERPT - 1)}…` : r.reflection.text
}

export function programmeRecordsCard(result: ProgrammeRecordsResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('programme.refused') }])
  if (result.kind === 'unknown_programme') return makeCard(locale, undefined, [{ type: 'text', text: tr('programme.record.unknown') }])
  const { programme, records } = result
  const blocks: Block[] = [
    {
      type: 'context',
      text: tr('programme.status.subtitle', {
        date: formatDate(programme.startedAt, locale, timeZone),
        status: tr(programme.status === 'completed' ? 'programme.status.completed' : 'programme.status.active'),
      }),
    },
    {
      type: 'table',
      columns: [
        tr('programme.record.col.participant'),
        tr('programme.record.col.trainings'),
        tr('programme.record.col.reflection'),
        tr('programme.record.col.feedback'),
        tr('programme.record.col.readiness'),
      ],
      rows: records.map((r) => [
        displayName(r.participant, locale),
        trainingsDone(r),
        r.reflection?.text ? '✓' : '—',
        feedbackText(r, tr),
        r.readiness.kind === 'report' ? `${r.readiness.overall}%${r.readiness.isReady ? ' ✓' : ''}` : '—',
      ]),
    },
  ]
  for (const r of records) {
    blocks.push({ type: 'divider' }, { type: 'text', text: `**${displayName(r.participant, locale)}** (${r.participant.email})` })
    blocks.push({
      type: 'fields',
      fields: [
        { label: tr('programme.record.col.trainings'), value: `${trainingsDone(r)}${scoresOf(r) ? ` · ${scoresOf(r)}` : ''}` },
        { label: tr('programme.record.col.feedback'), value: feedbackText(r, tr) },
        { label: tr('programme.record.col.supervisor'), value: supervisorText(r, locale, tr) },
        { label: tr('programme.record.col.readiness'), value: readinessText(r, locale, tr) },
      ],
    })
    if (r.feedback && (r.feedback.strengths.length > 0 || r.feedback.developmentAreas.length > 0))
      blocks.push({
        type: 'context',
        text: tr('programme.record.highlights', {
          strengths: r.feedback.strengths.map((s) => pick(s, locale)).join(', ') || '—',
          areas: r.feedback.developmentAreas.map((s) => pick(s, locale)).join(', ') || '—',
        }),
      })
    blocks.push({ type: 'context', text: `${tr('programme.record.col.reflection')}: ${reflectionText(r, tr)}` })
  }
  return makeCard(
    locale,
    { title: tr('programme.record.title', { name: pick(programme.name, locale), id: programme.id }), tone: 'info' },
    blocks,
  )
}

export const RECORD_COLUMNS = [
  'programme_id',
  'programme',
  'email',
  'name',
  'trainings_done',
  'trainings',
  'reflection_status',
  'reflection',
  'feedback_asked',
  'feedback_answered',
  'feedback_overall',
  'feedback_responses',
  'feedback_strengths',
  'feedback_development_areas',
  'supervisor_status',
  'supervisor_ratings',
  'target_job',
  'readiness',
  'threshold',
  'ready',
] as const

/** One row per participant, for the CSV export: plain values, full texts (the CLI writes formula-like cells as text). */
export function programmeRecordRows(result: Extract<ProgrammeRecordsResult, { kind: 'records' }>, locale: Locale): string[][] {
  const { programme } = result
  return result.records.map((r) => {
    const readiness = r.readiness
    return [
      String(programme.id),
      pick(programme.name, locale),
      r.participant.email,
      displayName(r.participant, locale),
      trainingsDone(r),
      r.trainings
        .map((t) => [t.course.code, t.status, t.score === null ? '' : String(t.score), t.verifiedBy ?? ''].filter(Boolean).join(' '))
        .join('; '),
      r.reflection?.status ?? '',
      r.reflection?.text ?? '',
      r.feedback ? String(r.feedback.asked) : '',
      r.feedback ? String(r.feedback.answered) : '',
      r.feedback?.overall === null || !r.feedback ? '' : String(r.feedback.overall),
      r.feedback ? String(r.feedback.responses) : '',
      r.feedback?.strengths.map((s) => pick(s, locale)).join('; ') ?? '',
      r.feedback?.developmentAreas.map((s) => pick(s, locale)).join('; ') ?? '',
      r.supervisor?.status ?? '',
      r.supervisor?.ratings.map((x) => `${pick(x.name, locale)} ${x.rating}`).join('; ') ?? '',
      readiness.kind === 'no_target' ? '' : readiness.target.code,
      readiness.kind === 'report' ? String(readiness.overall) : '',
      readiness.kind === 'report' ? String(readiness.threshold) : '',
      readiness.kind === 'report' ? String(readiness.isReady) : '',
    ]
  })
}
