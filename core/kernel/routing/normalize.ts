// Turns a message's plain text into the lower-case text the router reads. The
// adapters hand the core plain text: platform syntax (Slack's <@U…>, links,
// :emoji: and &lt; escapes, Feishu's @_user_1 placeholders) is resolved in each
// adapter's parse step, and mentions travel separately (InboundMessage.mentions).
const TYPED_MENTION = /@[A-Za-z0-9_.-]+/g // typed mentions such as @ladder
const LINK = /https?:\/\/\S+/g
// Each pictograph, modifier and joiner is removed on its own: a class, not a sequence, on purpose.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: removed one code point at a time
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]/gu
const APOSTROPHES = /['’‘`]/g
// "R&D", "R & D", "r and d" are one word for titles; keep it before '&' becomes a space.
const R_AND_D = /\br\s*(?:&|and)\s*d\b/g
// Hyphens and underscores stay only between letters/digits ("rd-101", "to-do", "cross-team").
const LOOSE_JOINER = /(?<![\p{L}\p{N}])[-_]|[-_](?![\p{L}\p{N}])/gu
const PUNCTUATION = /[^\p{L}\p{N}\s_-]/gu

/**
 * NFKC (full-width letters, digits and punctuation become ASCII), typed
 * mentions, links and emoji removed, lower case, punctuation (also 「」 and ？)
 * turned into spaces, spaces collapsed. Chinese characters are kept as they are.
 */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(LINK, ' ')
    .replace(TYPED_MENTION, ' ')
    .toLowerCase()
    .replace(EMOJI, ' ')
    .replace(APOSTROPHES, '')
    .replace(R_AND_D, 'rd')
    .replace(PUNCTUATION, ' ')
    .replace(LOOSE_JOINER, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
