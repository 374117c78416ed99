import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import type { Locale } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { SetLanguageResult } from './set-language.js'

/** Said in the language just chosen. */
export function languageCard(result: SetLanguageResult, asked: Locale): Card {
  if (result.kind === 'which') {
    const tr = translator(asked)
    return makeCard(asked, undefined, [
      { type: 'text', text: tr('language.which') },
      {
        type: 'actions',
        buttons: [
          { label: tr('language.english'), action: { id: 'ask', value: 'set_language:en' } },
          { label: tr('language.chinese'), action: { id: 'ask', value: 'set_language:zh-CN' } },
        ],
      },
    ])
  }
  const tr = translator(result.locale)
  return makeCard(result.locale, { title: tr('language.title'), tone: 'success' }, [
    { type: 'text', text: tr(result.kind === 'set' ? 'language.set' : 'language.unchanged') },
  ])
}
