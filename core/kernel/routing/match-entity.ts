// Which job, course or dimension a piece of text names. Indexes are built once per
// catalogue array (WeakMap, collected with the array). The store loads a fresh
// catalogue per message, so a second, content-keyed cache lets an unchanged
// catalogue in new arrays reuse its index (building one costs about a
// millisecond, routing a message a few tens of microseconds).
import type { Course, Dimension, Job } from '../domain/types.js'
import { buildIndex, type EntityIndex, findMentions, type Named } from './entity-index.js'
import { normalizeText } from './normalize.js'
import { createSpeller, type Speller } from './speller.js'
import { canonicalize } from './synonyms.js'
import { COURSE_GENERIC_WORDS, JOB_GENERIC_WORDS } from './terms.js'

interface Indexed<T extends Named> {
  index: EntityIndex<T>
  speller: Speller
}

interface Cache<T extends Job | Course> {
  byArray: WeakMap<readonly T[], Indexed<T>>
  byContent: Map<string, Indexed<T>>
  generic: ReadonlySet<string>
}

const jobIndexes: Cache<Job> = { byArray: new WeakMap(), byContent: new Map(), generic: new Set(JOB_GENERIC_WORDS) }
const courseIndexes: Cache<Course> = { byArray: new WeakMap(), byContent: new Map(), generic: new Set(COURSE_GENERIC_WORDS) }
// A few catalogues at once (tests, several tenants); more are rebuilt as needed.
const CONTENT_CACHE_LIMIT = 8

function indexed<T extends Job | Course>(cache: Cache<T>, items: readonly T[]): Indexed<T> {
  const cached = cache.byArray.get(items)
  if (cached) return cached
  const fingerprint = items.map((item) => `${item.id}\u0001${item.code}\u0001${item.title.zh}\u0001${item.title.en}`).join('\u0002')
  const same = cache.byContent.get(fingerprint)
  // Same content, new objects: answer with the caller's objects, not the old ones.
  const built = same ? { ...same, index: { ...same.index, items } } : fresh(items, cache.generic)
  if (!same) {
    if (cache.byContent.size >= CONTENT_CACHE_LIMIT) cache.byContent.delete(cache.byContent.keys().next().value!)
    cache.byContent.set(fingerprint, built)
  }
  cache.byArray.set(items, built)
  return built
}

function fresh<T extends Job | Course>(items: readonly T[], generic: ReadonlySet<string>): Indexed<T> {
  const index = buildIndex(items, generic)
  return { index, speller: createSpeller(index.words) }
}

export const jobIndexFor = (jobs: readonly Job[]): EntityIndex<Job> => indexed(jobIndexes, jobs).index
export const courseIndexFor = (courses: readonly Course[]): EntityIndex<Course> => indexed(courseIndexes, courses).index

/**
 * Only the start of a message is read: questions to the bot are short, and a
 * pasted page must not cost more than a question (Slack allows 40,000
 * characters per message).
 */
const MAX_LENGTH = 500

/** Normalized, synonym-rewritten text, typos corrected with `speller`. */
export function prepareText(text: string, speller: Speller): string {
  return speller.correct(canonicalize(normalizeText(text.slice(0, MAX_LENGTH))))
}

/** The job `text` names best (code, or title in either language, partial or misspelled), or null. */
export function matchJob(text: string, jobs: Job[]): { job: Job; score: number } | null {
  const { index, speller } = indexed(jobIndexes, jobs)
  const [best] = findMentions(index, prepareText(text, speller))
  return best ? { job: best.item, score: best.coverage } : null
}

/** Dimensions indexed by their names, as the entity index reads titles. */
interface NamedDimension {
  id: number
  code: string
  title: { zh: string; en: string }
  dimension: Dimension
}
const dimensionIndexes = new WeakMap<readonly Dimension[], Indexed<NamedDimension>>()

/**
 * The dimension `text` names best (code, or name in either language, partial or
 * misspelled), or null. Read from the message itself, apart from intent routing:
 * dimension words never change which intent a message goes to.
 */
export function matchDimension(text: string, dimensions: readonly Dimension[]): { dimension: Dimension; score: number } | null {
  let built = dimensionIndexes.get(dimensions)
  if (!built) {
    const named = dimensions.map((d) => ({ id: d.id, code: d.code, title: d.name, dimension: d }))
    const index = buildIndex<NamedDimension>(named, new Set())
    built = { index, speller: createSpeller(index.words) }
    dimensionIndexes.set(dimensions, built)
  }
  const [best] = findMentions(built.index, prepareText(text, built.speller))
  return best ? { dimension: best.item.dimension, score: best.coverage } : null
}

/** The course `text` names best (code, or title in either language, partial or misspelled), or null. */
export function matchCourse(text: string, courses: Course[]): { course: Course; score: number } | null {
  const { index, speller } = indexed(courseIndexes, courses)
  const [best] = findMentions(index, prepareText(text, speller))
  return best ? { course: best.item, score: best.coverage } : null
}
