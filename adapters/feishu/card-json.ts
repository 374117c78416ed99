// Feishu card JSON 2.0 building blocks: plain objects, built by small helpers so
// every renderer produces the same shapes (and the tests can compare exact JSON).
import type { Locale } from '../../core/kernel/domain/types.js'

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type CardElement = { tag: string; [key: string]: Json }

export interface FeishuCard {
  schema: '2.0'
  config: { update_multi: true; locales?: FeishuLocale[] }
  header?: { title: TextObject; subtitle?: TextObject; template: string }
  body: { elements: CardElement[] }
  [key: string]: Json | undefined
}

export type TextObject = { tag: 'plain_text'; content: string; [key: string]: Json }

/** Feishu's locale keys (i18n_content, config.locales, toast.i18n). */
export type FeishuLocale = 'zh_cn' | 'en_us'
export const feishuLocale = (locale: Locale): FeishuLocale => (locale === 'en' ? 'en_us' : 'zh_cn')

/**
 * Card 2.0 allows at most 200 components per card; a bigger one is refused
 * (error 230099 / sub-code 11310) and the user sees nothing.
 */
export const MAX_CARD_ELEMENTS = 200

/**
 * A card message's content may be at most 30 KB (error 230025 otherwise); the
 * body's elements get this much, leaving room for the header and config.
 */
export const MAX_CARD_BODY_BYTES = 28 * 1024

export const plainText = (content: string): TextObject => ({ tag: 'plain_text', content })

/**
 * Feishu markdown treats `<…>` as tags (`<at id=all>` mentions everyone, `<font>`
 * colours text), `[text](url)` as a link, and `*`, `_`, `~`, `` ` ``, `#` as
 * formatting: text from people, imports and the model must not be able to do that.
 * Each such character becomes the HTML entity Feishu markdown shows as itself.
 */
const MARKDOWN_ENTITIES: Record<string, string> = {
  '<': '&#60;',
  '>': '&#62;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '`': '&#96;',
  '#': '&#35;',
  '\\': '&#92;',
}
const MARKDOWN_SPECIAL = /[<>[\]()*_~`#\\]/g

/** A text shown as it is: every markdown character escaped. */
const escapeAll = (text: string): string => text.replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ENTITIES[c] ?? c)

/**
 * A neutral card text → Feishu markdown: our own markup (`**bold**` pairs, line
 * breaks, `- ` bullets) is kept, everything else that markdown would act on is
 * escaped. Applied at the renderer boundary to every text of a card, so no
 * interpolated name, title or model reply can make a link, a mention or a tag.
 */
export const escapeMarkdown = (text: string): string => text.split('**').map(escapeAll).join('**')

export function markdown(content: string, options: { size?: 'notation' } = {}): CardElement {
  return { tag: 'markdown', content, ...(options.size ? { text_size: options.size } : {}) }
}

/** Components as Feishu counts them: every element, container and column, at any depth. */
export function countComponents(element: Json): number {
  if (element === null || typeof element !== 'object') return 0
  if (Array.isArray(element)) return element.reduce<number>((sum, child) => sum + countComponents(child), 0)
  const children = ['elements', 'columns']
    .map((key) => element[key])
    .reduce<number>((sum, list) => sum + (Array.isArray(list) ? countComponents(list) : 0), 0)
  return ('tag' in element ? 1 : 0) + children
}
