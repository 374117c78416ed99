// The cards of an erasure asked in chat: the preview HR confirms, and the outcome.
import { makeCard } from '../../kernel/cards/build.js'
import { bold, type Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ErasePreview, EraseResult } from './erase-person.js'
import { type ErasureLine, tombstone } from './ports.js'

/** The button's value: the employee id of the person to erase. */
const ERASE_ACTION = 'erase_person' as const

export function eraseLinesText(lines: readonly ErasureLine[], locale: Locale): string {
  const tr = translator(locale)
  return lines.map((l) => `- ${tr(`erase.line.${l.action}`, { table: l.table, rows: l.rows })}`).join('\n')
}

/** A refusal, a "who?", or the preview with its Confirm button. */
export function erasePreviewCard(result: ErasePreview | Exclude<EraseResult, { kind: 'erased' | 'dry_run' }>, locale: Locale): Card {
  const tr = translator(locale)
  const title = tr('erase.title')
  switch (result.kind) {
    case 'refused':
      return makeCard(locale, { title, tone: 'warning' }, [{ type: 'text', text: tr('erase.refused') }])
    case 'not_found':
      return makeCard(locale, { title }, [{ type: 'text', text: tr('erase.notFound') }])
    case 'self':
      return makeCard(locale, { title, tone: 'warning' }, [{ type: 'text', text: tr('erase.self') }])
    case 'already_erased':
      return makeCard(locale, { title }, [{ type: 'text', text: tr('erase.already') }])
    case 'ambiguous':
      return makeCard(locale, { title }, [
        {
          type: 'text',
          text: tr('erase.ambiguous', { names: result.people.map((p) => `${displayName(p, locale)} (${p.email})`).join(', ') }),
        },
      ])
    case 'preview': {
      const name = displayName(result.person, locale)
      return makeCard(locale, { title, subtitle: name, tone: 'warning' }, [
        { type: 'text', text: tr('erase.confirm', { name: bold(name), email: result.person.email }) },
        { type: 'text', text: `${tr('erase.willRemove')}\n${eraseLinesText(result.lines, locale)}` },
        { type: 'context', text: tr('erase.tombstone', { tombstone: tombstone(result.person.id)[locale === 'en' ? 'nameEn' : 'name'] }) },
        {
          type: 'actions',
          buttons: [
            { label: tr('erase.button', { name }), action: { id: ERASE_ACTION, value: String(result.person.id) }, style: 'danger' },
          ],
        },
      ])
    }
  }
}

/** After the Confirm button: what was removed. The person's name is no longer shown anywhere. */
export function erasedCard(result: Extract<EraseResult, { kind: 'erased' | 'dry_run' }>, locale: Locale): Card {
  const tr = translator(locale)
  const rows = result.lines.reduce((n, l) => n + l.rows, 0)
  const name = tombstone(result.tombstoneId)[locale === 'en' ? 'nameEn' : 'name']
  return makeCard(locale, { title: tr('erase.title'), tone: 'success' }, [
    { type: 'text', text: tr('erase.done', { tombstone: name, rows }) },
    { type: 'text', text: eraseLinesText(result.lines, locale) },
  ])
}
