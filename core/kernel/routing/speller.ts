// Corrects English typos ("enginer", "senoir", "promtion", "recomend") to a
// known word before matching. Only words of 5+ letters are touched, and short
// words only by a dropped, doubled or swapped letter, so real words such as
// "score" never become "store".
import { isWithinEdits } from './edit-distance.js'
import { isStopword } from './terms.js'

const MIN_LENGTH = 5
const CACHE_LIMIT = 5_000
const WORD = /[a-z]+/g

export interface Speller {
  correct(text: string): string
}

export function createSpeller(words: Iterable<string>): Speller {
  const known = new Set<string>()
  for (const word of words) if (/^[a-z]+$/.test(word)) known.add(word)
  const byLength = new Map<number, string[]>()
  for (const word of known) {
    const bucket = byLength.get(word.length) ?? []
    bucket.push(word)
    byLength.set(word.length, bucket)
  }
  const cache = new Map<string, string>()

  const correctWord = (word: string): string => {
    if (word.length < MIN_LENGTH || known.has(word) || isStopword(word)) return word
    const cached = cache.get(word)
    if (cached !== undefined) return cached
    const corrected = closest(word, byLength) ?? word
    // Messages are unbounded input: forget everything rather than grow forever.
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(word, corrected)
    return corrected
  }

  return { correct: (text) => text.replace(WORD, correctWord) }
}

/** The one known word within reach; none when two different words are equally close. */
function closest(word: string, byLength: Map<number, string[]>): string | undefined {
  // Substitutions only for long words; two edits only for very long ones.
  const allowSubstitution = word.length >= 8
  const maxEdits = word.length >= 9 ? 2 : 1
  for (let edits = 1; edits <= maxEdits; edits++) {
    const found = new Set<string>()
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      for (const candidate of byLength.get(length) ?? []) {
        if (isWithinEdits(word, candidate, edits, allowSubstitution)) found.add(candidate)
      }
    }
    if (found.size === 1) return [...found][0]
    if (found.size > 1) return undefined
  }
  return undefined
}
