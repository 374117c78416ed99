// Finds jobs or courses named in a message, by code or by title in either
// language, tolerating partial titles ("高级" → 高级研发工程师, "staff engineer"
// → Staff R&D Engineer). Each title term is weighted by how rare it is in the
// catalogue (IDF), so "高级" identifies one job while "工程师" barely counts.

import { normalizeText } from './normalize.js'
import { canonicalize } from './synonyms.js'
import { extractTerms, type Term } from './terms.js'

export interface Named {
  code: string
  title: { zh: string; en: string }
}

interface IndexedName {
  /** Sum of the title's term weights. */
  total: number
}

interface Posting {
  entity: number
  name: number
  /** entity * 2 + name: a cheap map key. */
  key: number
  weight: number
}

export interface EntityIndex<T extends Named> {
  items: readonly T[]
  names: IndexedName[][]
  postings: Map<string, Posting[]>
  documentFrequency: Map<string, number>
  byCode: Map<string, number>
  generic: ReadonlySet<string>
  /** Latin-script words of the titles, for the speller. */
  words: ReadonlySet<string>
}

export interface Mention<T> {
  item: T
  /** Weighted share of the title the message names, 1 for a code. */
  coverage: number
  /** Ranking: matched weight over the square root of the title's weight (longer, more specific titles win ties). */
  rank: number
  matchedTerms: number
  isCode: boolean
  /** Named clearly enough to hide its words from the intent cues. */
  isStrong: boolean
  start: number
  end: number
}

const compactCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '')
// Code-like runs: "rd-101", "rd 101", "RD2", "hr_1".
const CODE_LIKE = /[a-z0-9]+(?:[-_][a-z0-9]+)*(?: \d+)?/g

export function buildIndex<T extends Named>(items: readonly T[], generic: ReadonlySet<string>): EntityIndex<T> {
  const perEntity = items.map((item) =>
    [item.title.zh, item.title.en].map((title) => new Set(extractTerms(canonicalize(normalizeText(title)), generic).map((t) => t.term))),
  )
  const documentFrequency = new Map<string, number>()
  for (const names of perEntity) {
    for (const term of new Set(names.flatMap((set) => [...set]))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1)
  }
  const idf = (term: string) => Math.log(1 + items.length / (documentFrequency.get(term) ?? 1))
  const postings = new Map<string, Posting[]>()
  const names = perEntity.map((sets, entity) =>
    sets.map((set, name) => {
      let total = 0
      for (const term of set) {
        const weight = idf(term)
        total += weight
        const list = postings.get(term) ?? []
        list.push({ entity, name, key: entity * 2 + name, weight })
        postings.set(term, list)
      }
      return { total }
    }),
  )
  const byCode = new Map<string, number>()
  for (const [i, item] of items.entries()) byCode.set(compactCode(item.code), i)
  const words = new Set<string>()
  for (const item of items) {
    for (const title of [item.title.zh, item.title.en])
      for (const word of canonicalize(normalizeText(title)).match(/[a-z]+/g) ?? []) words.add(word)
  }
  return { items, names, postings, documentFrequency, byCode, generic, words }
}

interface Occurrence {
  term: Term
  weight: number
  /** Position among the message's terms (stopwords and generic words are not terms). */
  index: number
  isHan: boolean
}

const HAN = /^\p{Script=Han}/u

/**
 * The entities named in prepared (normalized, canonical) text: accepted,
 * non-overlapping, best first. A title match is accepted when it covers at
 * least half of the title or uses a word only that title has.
 */
export function findMentions<T extends Named>(index: EntityIndex<T>, text: string): Mention<T>[] {
  const codes = findCodes(index, text)
  const rest = codes.length === 0 ? text : blankOut(text, codes)

  const occurrences = new Map<number, Occurrence[]>()
  const terms = extractTerms(rest, index.generic)
  for (let position = 0; position < terms.length; position++) {
    const term = terms[position]!
    const postings = index.postings.get(term.term)
    if (!postings) continue
    const isHan = HAN.test(term.term)
    for (const posting of postings) {
      const list = occurrences.get(posting.key)
      const occurrence = { term, weight: posting.weight, index: position, isHan }
      if (list) list.push(occurrence)
      else occurrences.set(posting.key, [occurrence])
    }
  }

  const candidates: Mention<T>[] = []
  for (const [key, list] of occurrences) {
    const entity = key >> 1
    const total = index.names[entity]![key & 1]!.total
    for (const cluster of clusters(list)) {
      const distinct = new Map<string, number>()
      let end = 0
      for (const o of cluster) {
        distinct.set(o.term.term, o.weight)
        end = Math.max(end, o.term.end)
      }
      let matched = 0
      let isUnique = false
      for (const [term, weight] of distinct) {
        matched += weight
        if (index.documentFrequency.get(term) === 1) isUnique = true
      }
      const coverage = matched / total
      if (coverage < 0.5 && !isUnique) continue
      candidates.push({
        item: index.items[entity]!,
        coverage,
        rank: matched / Math.sqrt(total),
        matchedTerms: distinct.size,
        isCode: false,
        isStrong: coverage > 0.999 || (coverage >= 0.5 && distinct.size >= 2),
        start: cluster[0]!.term.start,
        end,
      })
    }
  }
  return selectNonOverlapping([...codes, ...candidates])
}

/**
 * Occurrences (in text order) split where other words come between them:
 * "I'm an R&D engineer, how do I become staff" names two jobs, not one.
 * Chinese may put a character between title words ("高级的研发工程师": two bigrams).
 */
function clusters(occurrences: Occurrence[]): Occurrence[][] {
  const groups: Occurrence[][] = []
  let current: Occurrence[] = []
  for (const occurrence of occurrences) {
    const previous = current.at(-1)
    if (previous) {
      const between = occurrence.index - previous.index - 1
      const allowed = previous.isHan && occurrence.isHan ? 2 : 0
      if (between > allowed) {
        groups.push(current)
        current = []
      }
    }
    current.push(occurrence)
  }
  if (current.length > 0) groups.push(current)
  return groups
}

/** `text` with the spans replaced by spaces (positions unchanged). */
function blankOut(text: string, spans: { start: number; end: number }[]): string {
  let result = ''
  let from = 0
  for (const span of spans) {
    result += text.slice(from, span.start) + ' '.repeat(span.end - span.start)
    from = span.end
  }
  return result + text.slice(from)
}

function findCodes<T extends Named>(index: EntityIndex<T>, text: string): Mention<T>[] {
  const found: Mention<T>[] = []
  for (const match of text.matchAll(CODE_LIKE)) {
    // "rd 101" is a code written with a space; "rd-203 12月20日前" is a code followed by a date.
    const withoutNumber = match[0].replace(/ \d+$/, '')
    const code = [match[0], withoutNumber].find((c) => index.byCode.has(compactCode(c)))
    if (code === undefined) continue
    const item = index.items[index.byCode.get(compactCode(code))!]!
    // "rd-101" is two terms to whoever counts the words of a message.
    const matchedTerms = code.split(/[^a-z0-9]+/).filter(Boolean).length
    found.push({
      item,
      coverage: 1,
      rank: Number.POSITIVE_INFINITY,
      matchedTerms,
      isCode: true,
      isStrong: true,
      start: match.index,
      end: match.index + code.length,
    })
  }
  return found
}

/** Best first; a mention overlapping a better one is dropped, and two equally good overlapping ones cancel out (ambiguous). */
function selectNonOverlapping<T>(mentions: Mention<T>[]): Mention<T>[] {
  const sorted = [...mentions].sort((a, b) => b.rank - a.rank || b.end - b.start - (a.end - a.start))
  const chosen: Mention<T>[] = []
  const ambiguous = new Set<Mention<T>>()
  for (const mention of sorted) {
    const rival = chosen.find((other) => mention.start < other.end && other.start < mention.end)
    if (!rival) {
      chosen.push(mention)
      continue
    }
    if (Math.abs(rival.rank - mention.rank) < 1e-9 && rival.item !== mention.item) ambiguous.add(rival)
  }
  return chosen.filter((mention) => !ambiguous.has(mention))
}
