// `npm run train:intents`: trains the intent classifier from the labelled corpus
// (test/fixtures/utterances.json and test/fixtures/corpus/*.json) and writes its
// weights to core/kernel/routing/intent-model.json. Deterministic: the same corpus
// gives the same file. Never train on test/fixtures/heldout/: that set measures
// how the router does on phrasing nobody tuned for.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Course, Job } from '../core/kernel/domain/types.js'
import { trainIntentModel } from '../core/kernel/routing/classifier.js'
import { classifierText, type Vocabulary } from '../core/kernel/routing/route-intent.js'

const root = join(import.meta.dirname, '..')
const OUT = join(root, 'core', 'kernel', 'routing', 'intent-model.json')

/** The demo organisation's jobs and courses: the names the corpus uses, masked as the router masks them. */
export function demoVocabulary(): Vocabulary {
  const rows = (file: string) => parse(readFileSync(join(root, 'examples', 'demo', file)), { columns: true, bom: true }) as Record<string, string>[]
  const jobs: Job[] = rows('jobs.csv').map((r, i) => ({
    id: i + 1,
    code: r.code!,
    title: { zh: r.title_zh!, en: r.title_en! },
    track: r.track!,
    level: Number(r.level),
  }))
  const courses: Course[] = rows('courses.csv').map((r, i) => ({
    id: i + 1,
    code: r.code!,
    title: { zh: r.title_zh!, en: r.title_en! },
    format: 'online',
    durationMinutes: Number(r.duration_minutes),
    url: null,
    passMark: null,
    verification: 'none',
    certificateCode: null,
    quizSize: 0,
    dimensionIds: [],
  }))
  return { jobs, courses }
}

export interface Labelled {
  text: string
  intent: string
}

/** Every labelled utterance of the training corpus. */
export function trainingCorpus(): Labelled[] {
  const fixtures = join(root, 'test', 'fixtures')
  const corpusDir = join(fixtures, 'corpus')
  const files = [
    join(fixtures, 'utterances.json'),
    ...readdirSync(corpusDir, { withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.json'))
      .map((f) => join(corpusDir, f.name))
      .sort(),
  ]
  return files.flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as Labelled[]).map(({ text, intent }) => ({ text, intent })))
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const vocabulary = demoVocabulary()
  const corpus = trainingCorpus()
  const model = trainIntentModel(corpus.map(({ text, intent }) => ({ text: classifierText(text, vocabulary), intent })))
  writeFileSync(OUT, `${JSON.stringify(model)}\n`)
  console.log(`${corpus.length} utterances, ${model.intents.length} intents, ${Object.keys(model.weights).length} features → ${OUT}`)
}
