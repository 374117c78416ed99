// HR's view of programmes: the answer to starting one, and completion per stage.

import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { StageKind } from './ports.js'
import type { ProgrammeStatusResult, StartProgrammeResult } from './programme.js'

export function programmeStartedCard(result: StartProgrammeResult, locale: Locale): Card {
  const tr = translator(locale)
  const text = (t: string) => makeCard(locale, undefined, [{ type: 'text', text: t }])
  switch (result.kind) {
    case 'refused':
      return text(tr('programme.refused'))
    case 'invalid_template':
      return text(tr('programme.invalidTemplate', { problems: result.problems.join('; ') }))
    case 'unknown_courses':
      return text(tr('programme.unknownCourses', { codes: result.codes.join(', ') }))
    case 'unknown_people':
      return text(tr('programme.unknownPeople', { emails: result.emails.join(', ') }))
    case 'no_participants':
      return text(tr('programme.noParticipants'))
    case 'started':
      return makeCard(locale, { title: tr('programme.started.title', { name: pick(result.programme.name, locale) }), tone: 'success' }, [
        { type: 'text', text: tr('programme.started.body', { n: result.programme.participantIds.length }) },
        { type: 'context', text: `#${result.programme.id}` },
      ])
  }
}

/** One card per programme would be many messages: one card, one progress block per programme. */
export function programmeStatusCard(result: ProgrammeStatusResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('programme.refused') }])
  if (result.programmes.length === 0) return makeCard(locale, undefined, [{ type: 'text', text: tr('programme.status.none') }])
  const blocks: Block[] = []
  for (const { programme, stages } of result.programmes) {
    if (blocks.length > 0) blocks.push({ type: 'divider' })
    const status = tr(programme.status === 'completed' ? 'programme.status.completed' : 'programme.status.active')
    blocks.push(
      { type: 'text', text: `**${tr('programme.status.title', { name: pick(programme.name, locale), id: programme.id })}**` },
      { type: 'context', text: tr('programme.status.subtitle', { date: formatDate(programme.startedAt, locale, timeZone), status }) },
      {
        type: 'progress',
        rows: stages.map(({ stage, name, total, done, expired, open }) => {
          const when =
            stage.status === 'completed' && stage.completedAt
              ? tr('programme.stage.completed', { date: formatDate(stage.completedAt, locale, timeZone) })
              : stage.status === 'active' && stage.dueAt
                ? tr('programme.stage.active', { date: formatDate(stage.dueAt, locale, timeZone) })
                : tr('programme.stage.pending', { date: formatDate(stage.plannedStartAt, locale, timeZone) })
          const value = total === 0 ? (stage.status === 'completed' ? 100 : 0) : Math.round((done / total) * 100)
          if (stage.status === 'pending') return { label: pick(name, locale), value, note: when }
          const counts = total === 0 ? tr('programme.stage.noTasks') : stageCounts(tr, stage.kind, { done, total, expired, open })
          return { label: pick(name, locale), value, note: `${counts} · ${when}` }
        }),
      },
      // The participants' records (培养档案), from the same intent.
      {
        type: 'actions',
        buttons: [
          {
            label: tr('programme.button.records', { id: programme.id }),
            action: { id: 'ask', value: `programme_progress:records #${programme.id}` },
          },
        ],
      },
    )
  }
  return makeCard(locale, undefined, blocks)
}

/** "0/8 answered, 8 expired": what was done, apart from what expired and what is still owed. */
function stageCounts(
  tr: Translate,
  kind: StageKind,
  { done, total, expired, open }: { done: number; total: number; expired: number; open: number },
): string {
  const parts = [tr(kind === 'rating_360' ? 'programme.stage.answered' : 'programme.stage.done', { done, total })]
  if (expired > 0) parts.push(tr('programme.stage.expired', { n: expired }))
  if (open > 0) parts.push(tr('programme.stage.open', { n: open }))
  return parts.join(', ')
}
