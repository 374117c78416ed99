// The deterministic router: chat text (free text or command form, Chinese or
// English) → intent plus the job or course it names. No I/O, no LLM; the LLM
// only sees what this router calls 'unknown'.

import { languageOf } from '../domain/has-cjk.js'
import type { Course, Dimension, Job, Locale } from '../domain/types.js'
import type { IntentSpec } from '../intent-spec.js'
import { classify, type IntentModel, type IntentProbability } from './classifier.js'
import { findMentions, type Mention } from './entity-index.js'
import { CUE_WORDS, type Cue } from './intent-rules.js'
import { courseIndexFor, jobIndexFor, matchDimension, prepareText } from './match-entity.js'
import { type CommandSpec, type ParsedCommand, parseCommand } from './parse-command.js'
import { type IntentScores, scoreIntents } from './score-intents.js'
import { createSpeller, type Speller } from './speller.js'
import { extractTerms } from './terms.js'

export interface Vocabulary {
  jobs: Job[]
  courses: Course[]
  /** Read only for intents that name a dimension, after the intent is decided. */
  dimensions?: readonly Dimension[]
}

export interface RoutedIntent {
  intent: string
  /** Language of the message: 'zh-CN' if it contains Chinese characters, else 'en'. */
  language: Locale
  jobCode?: string
  courseCode?: string
  dimensionCode?: string
  /** 0..1: 1 for a complete command, lower for free text with close runners-up. */
  confidence: number
  /** When the router is unsure: the two likeliest intents, to offer as "did you mean…". */
  alternatives?: [string, string]
}

/** Below this total cue weight a message is 'unknown'. */
const THRESHOLD = 1.5

/** The router's tables, compiled once from the intent registry. */
export interface Router {
  names: readonly string[]
  commands: ReadonlyMap<string, CommandSpec>
  cues: readonly Cue[]
  /** Intents for which a job or a course named in free text is kept for the answer. */
  jobIntents: ReadonlySet<string>
  courseIntents: ReadonlySet<string>
  dimensionIntents: ReadonlySet<string>
  /** The statistical classifier's weights; without them the cues alone decide. */
  model?: IntentModel
}

export function compileRouter(
  intents: readonly Pick<IntentSpec<never>, 'name' | 'command' | 'names' | 'cues'>[],
  model?: IntentModel,
): Router {
  const commands = new Map<string, CommandSpec>()
  for (const { name, command } of intents) {
    for (const word of command?.words ?? []) {
      if (commands.has(word)) throw new Error(`command word "${word}" belongs to both ${commands.get(word)!.intent} and ${name}`)
      commands.set(word, { intent: name, kind: command!.argument, isArgumentRequired: command!.isArgumentRequired ?? false })
    }
  }
  return {
    names: intents.map((i) => i.name),
    commands,
    cues: intents.flatMap((i) => i.cues.map(([pattern, weight]) => ({ intent: i.name, pattern, weight }))),
    jobIntents: new Set(intents.filter((i) => i.names === 'job').map((i) => i.name)),
    courseIntents: new Set(intents.filter((i) => i.names === 'course').map((i) => i.name)),
    dimensionIntents: new Set(intents.filter((i) => i.names === 'dimension').map((i) => i.name)),
    ...(model ? { model } : {}),
  }
}
// Words just before the job someone wants to reach: "升高级", "become staff", "当店长".
const TARGET_MARKER = /(升|当|成为|到|做|任|\bbecome|\bbecoming|\bto|\bfor|\bas|\bbe)\s*$/

// The router's speller knows the words of both catalogues plus the cue words.
// Keyed by the indexes' word sets, which an unchanged catalogue keeps across reloads.
const spellers = new WeakMap<ReadonlySet<string>, WeakMap<ReadonlySet<string>, Speller>>()

function spellerFor(vocabulary: Vocabulary): Speller {
  const jobWords = jobIndexFor(vocabulary.jobs).words
  const courseWords = courseIndexFor(vocabulary.courses).words
  const byCourses = spellers.get(jobWords) ?? new WeakMap<ReadonlySet<string>, Speller>()
  spellers.set(jobWords, byCourses)
  const cached = byCourses.get(courseWords)
  if (cached) return cached
  const speller = createSpeller([...jobWords, ...courseWords, ...CUE_WORDS])
  byCourses.set(courseWords, speller)
  return speller
}

export function routeIntent(text: string, vocabulary: Vocabulary, router: Router): RoutedIntent {
  const language = languageOf(text)
  const prepared = prepareText(text, spellerFor(vocabulary))
  // A bare mention of the bot, "?" or an emoji: the user wants to know what it can do.
  if (!prepared) return { intent: 'help', language, confidence: 1 }
  const command = parseCommand(prepared, router.commands)
  const routed = (command && routeCommand(command, vocabulary)) ?? routeFreeText(prepared, vocabulary, router)
  // A dimension is looked up in the message once its intent is known ("我的技术能力得分"): it never sways the intent.
  if (!router.dimensionIntents.has(routed.intent) || routed.dimensionCode) return { ...routed, language }
  const dimension = matchDimension(text, vocabulary.dimensions ?? [])
  return { ...routed, ...(dimension ? { dimensionCode: dimension.dimension.code } : {}), language }
}

type Routed = Omit<RoutedIntent, 'language'>

function routeCommand(command: ParsedCommand, vocabulary: Vocabulary): Routed | null {
  const { intent, kind, argument, isArgumentRequired } = command
  if (!argument) return { intent, confidence: isArgumentRequired ? 0.9 : 1 }
  if (kind === 'dimension') {
    const named = matchDimension(argument, vocabulary.dimensions ?? [])
    return named ? { intent, dimensionCode: named.dimension.code, confidence: 1 } : { intent, confidence: 0.9 }
  }
  const index = kind === 'course' ? courseIndexFor(vocabulary.courses) : jobIndexFor(vocabulary.jobs)
  const [best] = findMentions<Job | Course>(index, argument)
  // The argument must be mostly the entity's name, or "promotion requirements
  // for store manager" would be read as the command "promotion".
  const termCount = Math.max(1, extractTerms(argument, index.generic).length)
  if (!best || best.matchedTerms / termCount < 0.75) return null
  return kind === 'course' ? { intent, courseCode: best.item.code, confidence: 1 } : { intent, jobCode: best.item.code, confidence: 1 }
}

/** What free text names, and the text with the clearly named jobs and courses masked as "@job" and "@course". */
function readFreeText(text: string, vocabulary: Vocabulary) {
  const jobs = findMentions(jobIndexFor(vocabulary.jobs), text)
  const courses = findMentions(courseIndexFor(vocabulary.courses), text)
  const masked = mask(text, [
    ...jobs.filter((m) => m.isStrong).map((m) => ({ ...m, label: '@job' })),
    ...courses.filter((m) => m.isStrong).map((m) => ({ ...m, label: '@course' })),
  ])
  return { jobs, courses, masked }
}

/** The text the statistical classifier reads: normalised, spell-corrected, named jobs and courses masked. */
export function classifierText(text: string, vocabulary: Vocabulary): string {
  const prepared = prepareText(text, spellerFor(vocabulary))
  return prepared ? readFreeText(prepared, vocabulary).masked : ''
}

function routeFreeText(text: string, vocabulary: Vocabulary, router: Router): Routed {
  const { jobs, courses, masked } = readFreeText(text, vocabulary)
  const scores = scoreIntents(
    masked,
    { hasJob: jobs.length > 0, hasStrongJob: jobs.some((m) => m.isStrong), hasCourse: courses.length > 0 },
    router.cues,
    router.names,
  )
  const ruled = decide(scores)
  const { intent, confidence, alternatives } = router.model ? combine(classify(masked, router.model), ruled, router.names) : ruled
  const job = router.jobIntents.has(intent) ? targetOf(jobs, text) : undefined
  // A broadcast only pre-selects a course named clearly: a wrong pre-selection would be announced to a whole channel.
  const course = !router.courseIntents.has(intent) ? undefined : intent === 'broadcast' ? courses.find((m) => m.isStrong) : courses[0]
  return {
    intent,
    ...(job ? { jobCode: job.item.code } : {}),
    ...(course ? { courseCode: course.item.code } : {}),
    confidence,
    ...(alternatives ? { alternatives } : {}),
  }
}

/** How much the cues' verdict adds to the classifier's log-probability for the same intent (chosen on the training corpus by cross-validation). */
const CUE_AGREEMENT = 1
/** Below this probability the answer comes with "did you mean…" alternatives. */
const UNSURE = 0.45

/**
 * The classifier decides, the cues break near ties: log p(intent) plus a bonus
 * for the intent the cues chose, in proportion to their confidence. Intents the
 * model knows but this registry does not are left out.
 */
function combine(
  probabilities: IntentProbability[],
  ruled: { intent: string; confidence: number },
  names: readonly string[],
): { intent: string; confidence: number; alternatives?: [string, string] } {
  const known = probabilities.filter((p) => names.includes(p.intent))
  const total = known.reduce((sum, p) => sum + p.p, 0)
  if (known.length === 0 || total === 0) return ruled
  const scored = known
    .map(({ intent, p }) => ({
      intent,
      p: p / total,
      score: Math.log(p / total) + (intent === ruled.intent ? CUE_AGREEMENT * ruled.confidence : 0),
    }))
    .sort((a, b) => b.score - a.score)
  const [first, second] = scored as [(typeof scored)[number], ...(typeof scored)[number][]]
  // Below 1: only a complete command is certain.
  const confidence = round(Math.min(0.99, first.p + (first.intent === ruled.intent ? 0.2 * ruled.confidence : 0)))
  const isUnsure = confidence < UNSURE && second !== undefined && first.intent !== 'unknown'
  return { intent: first.intent, confidence, ...(isUnsure ? { alternatives: [first.intent, second.intent] } : {}) }
}

function decide(scores: IntentScores): { intent: string; confidence: number; alternatives?: [string, string] } {
  const ranked = [...scores].filter(([name]) => name !== 'unknown').sort((a, b) => b[1] - a[1])
  const [first, second] = ranked
  const top = first?.[1] ?? 0
  if (!first || top < THRESHOLD) return { intent: 'unknown', confidence: round(1 - Math.max(0, top) / (2 * THRESHOLD)) }
  const runnerUp = Math.max(0, second?.[1] ?? 0)
  // Strong evidence and a clear lead both raise confidence.
  const strength = Math.min(1, top / 4)
  const lead = (top - runnerUp) / top
  return { intent: first[0], confidence: round(0.4 + 0.3 * strength + 0.3 * lead) }
}

const round = (n: number) => Math.round(n * 100) / 100

/** With several jobs named ("我是研发工程师，想升高级"), the one after a target marker is the target. */
function targetOf(mentions: Mention<Job>[], text: string): Mention<Job> | undefined {
  if (mentions.length < 2) return mentions[0]
  const targets = mentions.filter((m) => TARGET_MARKER.test(text.slice(Math.max(0, m.start - 12), m.start)))
  if (targets.length === 0) return mentions[0]
  return targets.reduce((last, m) => (m.start > last.start ? m : last))
}

function mask(text: string, spans: { start: number; end: number; label: string }[]): string {
  let result = text
  let limit = Number.POSITIVE_INFINITY
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    if (span.end > limit) continue
    result = `${result.slice(0, span.start)} ${span.label} ${result.slice(span.end)}`
    limit = span.start
  }
  return result.replace(/\s+/g, ' ').trim()
}
