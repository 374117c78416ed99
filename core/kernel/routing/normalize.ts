// Turns a raw chat message into the plain lower-case text the router reads.
// Adapters usually strip the bot's own mention, but not always (Slack leaves
// other users' `<@U…>` in the text, Feishu leaves `@_user_1` placeholders when
// the mention list is not applied), so we strip them again here.
import type { Locale } from '../domain/types.js'

const HAN = /\p{Script=Han}/u

/** 'zh-CN' when the message contains any Chinese character, else 'en'. */
export function languageOf(text: string): Locale {
  return HAN.test(text) ? 'zh-CN' : 'en'
}

const MENTIONS: RegExp[] = [
  /<[@!#][^>]*>/g, // Slack: <@U123>, <@U123|tom>, <!here>, <#C123|general>
  /<at\b[^>]*>[^<]*<\/at>/gi, // Feishu rich text: <at user_id="ou_x">Tom</at>
  /@_(?:user_\d+|all)\b/g, // Feishu text messages: @_user_1, @_all
  /@[A-Za-z0-9_.-]+/g, // typed mentions such as @ladder
]
const SLACK_LINK = /<(?:https?|mailto):[^|>]*\|([^>]*)>/g // <http://x|label> → label
const BARE_LINK = /<(?:https?|mailto):[^>]*>|https?:\/\/\S+/g
// Slack sends emoji as :shortcodes: in message text.
const EMOJI_SHORTCODE = /:[a-z0-9_+-]+:/g
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]/gu
// Slack escapes &, < and > in message text; decoded after mentions are gone,
// so a typed "&lt;@U1&gt;" stays text.
const SLACK_ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' }
const SLACK_ESCAPE = /&(?:amp|lt|gt);/g
const APOSTROPHES = /['’‘`]/g
// "R&D", "R & D", "r and d" are one word for titles; keep it before '&' becomes a space.
const R_AND_D = /\br\s*(?:&|and)\s*d\b/g
// Hyphens and underscores stay only between letters/digits ("rd-101", "to-do", "cross-team").
const LOOSE_JOINER = /(?<![\p{L}\p{N}])[-_]|[-_](?![\p{L}\p{N}])/gu
const PUNCTUATION = /[^\p{L}\p{N}\s_-]/gu

/**
 * NFKC (full-width letters, digits and punctuation become ASCII), mentions,
 * links and emoji removed, lower case, punctuation (also 「」 and ？) turned
 * into spaces, spaces collapsed. Chinese characters are kept as they are.
 */
export function normalizeText(raw: string): string {
  const linked = raw.normalize('NFKC').replace(SLACK_LINK, ' $1 ').replace(BARE_LINK, ' ')
  const unmentioned = MENTIONS.reduce((text, mention) => text.replace(mention, ' '), linked)
  return unmentioned
    .replace(SLACK_ESCAPE, (escape) => SLACK_ESCAPES[escape] ?? escape)
    .toLowerCase()
    .replace(EMOJI_SHORTCODE, ' ')
    .replace(EMOJI, ' ')
    .replace(APOSTROPHES, '')
    .replace(R_AND_D, 'rd')
    .replace(PUNCTUATION, ' ')
    .replace(LOOSE_JOINER, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
