// When the router is unsure, two buttons instead of a wrong answer: each asks
// the question again as that intent, with the job, course and person it named.
import { makeCard } from '../kernel/cards/build.js'
import type { Card } from '../kernel/cards/card.js'
import type { Locale } from '../kernel/domain/types.js'
import { hasMessage, translator } from '../kernel/i18n/index.js'
import { askValue, type IntentRequest } from '../kernel/intent-spec.js'

export function clarifyCard(alternatives: readonly string[], request: IntentRequest, locale: Locale): Card {
  const tr = translator(locale)
  const label = (intent: string) => {
    const key = `intent.${intent}`
    return hasMessage(key) ? tr(key) : intent
  }
  return makeCard(locale, { title: tr('clarify.title'), tone: 'info' }, [
    { type: 'text', text: tr('clarify.body') },
    {
      type: 'actions',
      buttons: alternatives.map((intent, i) => ({
        label: label(intent),
        action: { id: 'ask' as const, value: askValue(intent, request) },
        ...(i === 0 ? { style: 'primary' as const } : {}),
      })),
    },
  ])
}
