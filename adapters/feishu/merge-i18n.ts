// Card JSON 2.0 has no whole-card i18n (i18n_elements is 1.0 only); it localises
// in place: a text object's `content` gets an `i18n_content` map, an input's
// `default_value` an `i18n_default_value`. We render the card and its alternate
// separately and zip them: where both have the same shape, texts that differ
// become localised; where they differ in shape, the primary language is kept.
import type { FeishuCard, FeishuLocale, Json } from './card-json.js'

const TEXT_TAGS = new Set(['plain_text', 'lark_md', 'markdown'])

export function mergeI18n(
  primary: FeishuCard,
  alternate: FeishuCard,
  primaryLocale: FeishuLocale,
  alternateLocale: FeishuLocale,
): FeishuCard {
  const localise = (mine: string, theirs: string): { [key: string]: Json } => ({ [primaryLocale]: mine, [alternateLocale]: theirs })

  function merge(mine: Json, theirs: Json | undefined): Json {
    if (Array.isArray(mine)) {
      return Array.isArray(theirs) && theirs.length === mine.length ? mine.map((item, i) => merge(item, theirs[i])) : mine
    }
    if (mine === null || typeof mine !== 'object') return mine
    if (theirs === null || typeof theirs !== 'object' || Array.isArray(theirs) || theirs === undefined || theirs.tag !== mine.tag)
      return mine
    const out: { [key: string]: Json } = {}
    for (const [key, value] of Object.entries(mine)) out[key] = merge(value, theirs[key])
    if (
      typeof mine.tag === 'string' &&
      TEXT_TAGS.has(mine.tag) &&
      typeof mine.content === 'string' &&
      typeof theirs.content === 'string' &&
      mine.content !== theirs.content
    ) {
      out.i18n_content = localise(mine.content, theirs.content)
    }
    if (typeof mine.default_value === 'string' && typeof theirs.default_value === 'string' && mine.default_value !== theirs.default_value) {
      out.i18n_default_value = localise(mine.default_value, theirs.default_value)
    }
    return out
  }

  const merged = merge(primary as unknown as Json, alternate as unknown as Json) as unknown as FeishuCard
  // Locales the i18n texts apply to; other client languages see `content`.
  return { ...merged, config: { ...merged.config, locales: [primaryLocale, alternateLocale] } }
}
