// The last line against prompt injection: the model's text may name only the
// asker and people who appeared in this turn's (already authorised) tool results.
// Tools cannot hand it anyone else's data, but a model can still be talked into
// guessing, or into repeating a name the user typed; either way the text goes.
//
// A model asked to "write his name with spaces" obliges, so the text and the names
// are compared in one normal form (`normalise`): compatibility forms folded (NFKC:
// full-width "Ｌｉ" is "li"), accents and other marks dropped ("Lǐ Léi"), invisible
// format characters removed (zero-width spaces and joiners, word joiner, BOM: \p{Cf}),
// lower case, and whatever is not a letter or digit between two Chinese characters
// removed ("李 雷", "李·雷", "李\n雷"). A Latin name's parts may be written with up to a
// few spaces or punctuation between them, or none ("Li Lei", "li.lei", "LiLei"), and
// a two-part name in either order ("Lei Li"); the English name and the e-mail's
// local part are both forms of the name (the pinyin we have).
import { escapeRegExp } from '../../kernel/domain/escape-reg-exp.js'
import { hasCjk } from '../../kernel/domain/has-cjk.js'
import type { DirectoryEntry } from '../../kernel/ports.js'

type Person = DirectoryEntry

/** Shorter names ("花", "Al") match inside ordinary words far too often to judge by. */
const MIN_CJK = 2
const MIN_LATIN = 3
const MIN_EMAIL_LOCAL = 4

const FORMAT = /\p{Cf}/gu
const MARKS = /\p{M}/gu
/** Anything but letters and digits between two Chinese characters. */
const BETWEEN_HAN = /(\p{Script=Han})[^\p{L}\p{N}]+(?=\p{Script=Han})/gu
/** What may stand between the parts of a Latin name: "Li Lei", "li.lei", "Li - Lei", "LiLei". */
const PART_GAP = '[^\\p{L}\\p{N}]{0,4}'
/** A Latin name stands at word edges ("Alex" is not in "Alexandra"), but "给LiLei报名" has none to see. */
const LATIN_BEFORE = '(?<![\\p{Script=Latin}\\p{N}])'
const LATIN_AFTER = '(?![\\p{Script=Latin}\\p{N}])'

/** The one form texts and names are compared in. */
function normalise(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').normalize('NFKC').replace(FORMAT, '').toLowerCase().replace(BETWEEN_HAN, '$1')
}

function latinPattern(words: string[]): string {
  return words.map(escapeRegExp).join(PART_GAP)
}

/** Letters and digits only: what every form of a name leaves of itself, whatever stands between its parts. */
const squeeze = (normalised: string): string => normalised.replace(/[^\p{L}\p{N}]+/gu, '')

interface Matcher {
  /** Finds any of the person's names or e-mail in a normalised text (compiled when first needed). */
  source: string
  pattern?: RegExp
  /**
   * The squeezed forms of those names: a text whose squeezed form contains none of
   * them cannot match `pattern`, so most people are ruled out without running it.
   */
  keys: string[]
}

function matcherOf(person: Person): Matcher | null {
  const latin: string[] = []
  const cjk: string[] = []
  const keys = new Set<string>()
  const add = (variant: string | null | undefined) => {
    const v = normalise(variant ?? '').trim()
    if (!v) return
    if (hasCjk(v)) {
      if ([...v].length >= MIN_CJK) {
        cjk.push(escapeRegExp(v))
        keys.add(squeeze(v))
      }
      return
    }
    const words = v.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
    if (words.join('').length < MIN_LATIN) return
    latin.push(latinPattern(words))
    keys.add(words.join(''))
    // Chinese names are written in either order in English ("Li Lei" / "Lei Li").
    if (words.length === 2) {
      latin.push(latinPattern([...words].reverse()))
      keys.add([...words].reverse().join(''))
    }
  }
  add(person.name)
  add(person.nameEn)
  // The whole address, as written.
  const email = normalise(person.email)
  if (email.length >= MIN_LATIN) {
    latin.push(escapeRegExp(email))
    keys.add(squeeze(email))
  }
  const local = email.split('@')[0] ?? ''
  // "han.meimei" is how people without an English name get written in English: "Han Meimei".
  if (local.length >= MIN_EMAIL_LOCAL) add(local)
  const parts: string[] = []
  if (latin.length > 0) parts.push(`${LATIN_BEFORE}(?:${latin.join('|')})${LATIN_AFTER}`)
  if (cjk.length > 0) parts.push(`(?:${cjk.join('|')})`)
  return parts.length > 0 ? { source: parts.join('|'), keys: [...keys].filter((k) => k !== '') } : null
}

/** Compiled matchers by a person's names: the directory is the same from one answer to the next. */
const compiled = new Map<string, Matcher | null>()
const MAX_COMPILED = 50_000

function matcherFor(person: Person): Matcher | null {
  const key = `${person.name}\u0000${person.nameEn ?? ''}\u0000${person.email}`
  let found = compiled.get(key)
  if (found === undefined) {
    found = matcherOf(person)
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(key, found)
  }
  return found
}

/** A text in its normal form, and squeezed (for the cheap first look). */
interface Prepared {
  normalised: string
  squeezed: string
}

const prepare = (normalised: string): Prepared => ({ normalised, squeezed: squeeze(normalised) })

const patternOf = (matcher: Matcher): RegExp => {
  matcher.pattern ??= new RegExp(matcher.source, 'gu')
  matcher.pattern.lastIndex = 0
  return matcher.pattern
}

const names = (text: Prepared, person: Person): boolean => {
  const matcher = matcherFor(person)
  if (matcher === null || !matcher.keys.some((k) => text.squeezed.includes(k))) return false
  return patternOf(matcher).test(text.normalised)
}

/** The people of `directory` that `text` names. */
export function mentionedPeople(text: string, directory: readonly Person[]): Set<number> {
  const prepared = prepare(normalise(text))
  const found = new Set<number>()
  for (const person of directory) {
    if (names(prepared, person)) found.add(person.id)
  }
  return found
}

/**
 * Ids of people the text names although it may not. Mentions of allowed people
 * are blanked first, so a colleague called "Alex" does not trip on "Alex Chen".
 */
export function unauthorisedMentions(text: string, directory: readonly Person[], allowedIds: ReadonlySet<number>): number[] {
  let rest = normalise(text)
  for (const person of directory) {
    if (!allowedIds.has(person.id)) continue
    const matcher = matcherFor(person)
    if (matcher?.keys.some((k) => squeeze(rest).includes(k))) rest = rest.replace(patternOf(matcher), ' ')
  }
  const prepared = prepare(rest)
  return directory.filter((p) => !allowedIds.has(p.id) && names(prepared, p)).map((p) => p.id)
}
