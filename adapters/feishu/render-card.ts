// The neutral Card as Feishu card JSON 2.0. Always `update_multi: true` (a shared
// card): without it the card cannot be patched later, and 2.0 accepts only true.
import type { Card, Tone } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'
import {
  type CardElement,
  countComponents,
  type FeishuCard,
  feishuLocale,
  MAX_CARD_BODY_BYTES,
  MAX_CARD_ELEMENTS,
  markdown,
  plainText,
} from './card-json.js'
import { mergeI18n } from './merge-i18n.js'
import { renderBlock } from './render-blocks.js'

const TEMPLATE_BY_TONE: Record<Tone, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' }

export function renderCard(card: Card): FeishuCard {
  if (!card.alternate || card.alternate.locale === card.locale) return renderSingle(card, MAX_CARD_BODY_BYTES)
  // Merged, a text carries its content plus both languages: about three times one rendering.
  const budget = Math.floor(MAX_CARD_BODY_BYTES / 3)
  return mergeI18n(
    renderSingle(card, budget),
    renderSingle(card.alternate, budget),
    feishuLocale(card.locale),
    feishuLocale(card.alternate.locale),
  )
}

function renderSingle(card: Card, byteBudget: number): FeishuCard {
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
    body: { elements: fitElements(rendered, card, byteBudget) },
  }
}

const bytesOf = (elements: CardElement[]): number => Buffer.byteLength(JSON.stringify(elements))

/** Whole blocks while they fit under the component and size limits, then one line saying how many were left out. */
function fitElements(rendered: CardElement[][], card: Card, byteBudget: number): CardElement[] {
  const costs = rendered.map((elements) => countComponents(elements))
  const sizes = rendered.map(bytesOf)
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0)
  if (sum(costs) <= MAX_CARD_ELEMENTS && sum(sizes) <= byteBudget) return rendered.flat()
  // Room for the closing line itself.
  const NOTE_BYTES = 400
  const kept: CardElement[] = []
  let used = 0
  let bytes = 0
  let index = 0
  for (; index < rendered.length; index++) {
    if (used + costs[index]! > MAX_CARD_ELEMENTS - 1 || bytes + sizes[index]! > byteBudget - NOTE_BYTES) break
    kept.push(...rendered[index]!)
    used += costs[index]!
    bytes += sizes[index]!
  }
  kept.push(markdown(t(card.locale, 'feishu.truncated', { count: rendered.length - index }), { size: 'notation' }))
  return kept
}
