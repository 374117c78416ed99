// The neutral Card as Feishu card JSON 2.0. Always `update_multi: true` (a shared
// card): without it the card cannot be patched later, and 2.0 accepts only true.
import type { Card, Tone } from '../../core/cards/card.js'
import { t } from '../../core/i18n/index.js'
import { countComponents, feishuLocale, markdown, MAX_CARD_ELEMENTS, plainText, type CardElement, type FeishuCard } from './card-json.js'
import { mergeI18n } from './merge-i18n.js'
import { renderBlock } from './render-blocks.js'

const TEMPLATE_BY_TONE: Record<Tone, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' }

export function renderCard(card: Card): FeishuCard {
  const primary = renderSingle(card)
  if (!card.alternate || card.alternate.locale === card.locale) return primary
  return mergeI18n(primary, renderSingle(card.alternate), feishuLocale(card.locale), feishuLocale(card.alternate.locale))
}

function renderSingle(card: Card): FeishuCard {
  const context = card.header ? { headerTitle: card.header.title } : {}
  const rendered = card.blocks.map((block) => renderBlock(block, context))
  return {
    schema: '2.0',
    config: { update_multi: true },
    ...(card.header
      ? {
          header: {
            title: plainText(card.header.title),
            ...(card.header.subtitle ? { subtitle: plainText(card.header.subtitle) } : {}),
            template: TEMPLATE_BY_TONE[card.header.tone ?? 'info'],
          },
        }
      : {}),
    body: { elements: fitElements(rendered, card) },
  }
}

/** Whole blocks while they fit under the component limit, then one line saying how many were left out. */
function fitElements(rendered: CardElement[][], card: Card): CardElement[] {
  const costs = rendered.map((elements) => countComponents(elements))
  if (costs.reduce((a, b) => a + b, 0) <= MAX_CARD_ELEMENTS) return rendered.flat()
  const kept: CardElement[] = []
  let used = 0
  let index = 0
  for (; index < rendered.length; index++) {
    const cost = costs[index]!
    if (used + cost > MAX_CARD_ELEMENTS - 1) break
    kept.push(...rendered[index]!)
    used += cost
  }
  kept.push(markdown(t(card.locale, 'feishu.truncated', { count: rendered.length - index }), { size: 'notation' }))
  return kept
}
