// The last line against prompt injection: the model's text may name only the
// asker and people who appeared in this turn's (already authorised) tool results.
// Tools cannot hand it anyone else's data, but a model can still be talked into
// guessing, or into repeating a name the user typed; either way the text goes.
import { escapeRegExp } from '../../kernel/domain/escape-reg-exp.js'
import { hasCjk } from '../../kernel/domain/has-cjk.js'
import type { Employee } from '../../kernel/domain/types.js'

type Person = Pick<Employee, 'id' | 'name' | 'nameEn' | 'email'>

/** Shorter names ("花", "Al") match inside ordinary words far too often to judge by. */
const MIN_CJK = 2
const MIN_LATIN = 3
const MIN_EMAIL_LOCAL = 4

function latinPattern(words: string[]): string {
  // "Li Lei", "LiLei", "li  lei": spacing and case vary in generated text.
  return words.map(escapeRegExp).join('[\\s._-]*')
}

/** One pattern (source text) that finds any of the person's names or e-mail in a text, or null. */
function patternFor(person: Person): string | null {
  const latin: string[] = []
  const cjk: string[] = []
  const add = (variant: string | null | undefined) => {
    const v = variant?.trim()
    if (!v) return
    if (hasCjk(v)) {
      if (v.length >= MIN_CJK) cjk.push(escapeRegExp(v))
      return
    }
    if (v.replace(/\s/g, '').length < MIN_LATIN) return
    const words = v.split(/\s+/)
    latin.push(latinPattern(words))
    // Chinese names are written in either order in English ("Li Lei" / "Lei Li").
    if (words.length === 2) latin.push(latinPattern([...words].reverse()))
  }
  add(person.name)
  add(person.nameEn)
  add(person.email)
  const local = person.email.split('@')[0] ?? ''
  // "han.meimei" is how people without an English name get written in English: "Han Meimei".
  if (local.length >= MIN_EMAIL_LOCAL) add(local.replace(/[._-]+/g, ' '))
  const parts: string[] = []
  // Latin names only at word edges ("Alex" is not in "Alexandra"); Chinese has no spaces to look for.
  if (latin.length > 0) parts.push(`(?<![\\p{L}\\p{N}])(?:${latin.join('|')})(?![\\p{L}\\p{N}])`)
  if (cjk.length > 0) parts.push(`(?:${cjk.join('|')})`)
  return parts.length > 0 ? parts.join('|') : null
}

const names = (text: string, person: Person): boolean => {
  const pattern = patternFor(person)
  return pattern !== null && new RegExp(pattern, 'iu').test(text)
}

/** The people of `directory` that `text` names. */
export function mentionedPeople(text: string, directory: Person[]): Set<number> {
  const found = new Set<number>()
  for (const person of directory) {
    if (names(text, person)) found.add(person.id)
  }
  return found
}

/**
 * Ids of people the text names although it may not. Mentions of allowed people
 * are blanked first, so a colleague called "Alex" does not trip on "Alex Chen".
 */
export function unauthorisedMentions(text: string, directory: Person[], allowedIds: ReadonlySet<number>): number[] {
  let rest = text
  for (const person of directory) {
    if (!allowedIds.has(person.id)) continue
    const pattern = patternFor(person)
    if (pattern) rest = rest.replace(new RegExp(pattern, 'giu'), ' ')
  }
  return directory.filter((p) => !allowedIds.has(p.id) && names(rest, p)).map((p) => p.id)
}
