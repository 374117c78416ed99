// The held-out utterances (test/fixtures/heldout/, see its README) are well formed
// and stay held out: known intents, languages, people and jobs, no repeats, and
// none of them in the labelled corpus the router is tuned on. No accuracy here:
// `npm run bench -- intents` reports that, with no threshold.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { INTENT_NAMES } from '../../core/app/intents.js'
import { jobs } from '../fixtures/catalog.js'
import utterances from '../fixtures/utterances.json' with { type: 'json' }

const HELDOUT = join(import.meta.dirname, '..', 'fixtures', 'heldout')
const DEMO_EMPLOYEES = join(import.meta.dirname, '..', '..', 'examples', 'demo', 'employees.csv')

/** The intents being added for issues 13 and 14: held-out utterances may name them before the router has them. */
const PLANNED = ['assign_training', 'dimension_score', 'my_trainings', 'career_paths', 'job_description', 'overdue_report']
/** What each held-out file was written to cover, and how often each intent (in zh and in en) at least. */
const COVERAGE: Record<string, { intents: string[]; atLeast: number }> = {
  // Issues 13 and 14: every public intent of the time.
  '2026-12-02.json': {
    intents: ['promotion_gap', 'job_requirements', 'my_tasks', 'recommend_training', 'enrol', 'training_done', 'team_overview'].concat(
      ['who_is_ready', 'broadcast', 'broadcast_report', 'launch_360', 'help', 'unknown'],
      PLANNED,
    ),
    atLeast: 10,
  },
  // Issue 19: its six intents (the confusers around them are in the file too, fewer of each).
  '2026-12-03.json': {
    intents: ['job_description', 'duty_owner', 'onboarding_plan', 'duty_compliance', 'training_matrix', 'probation_diagnosis'],
    atLeast: 15,
  },
}

/** Issue 19's intents, named by its held-out file before the router has them. */
const PLANNED_19 = ['duty_owner', 'onboarding_plan', 'duty_compliance', 'training_matrix', 'probation_diagnosis']
const KNOWN = new Set([...INTENT_NAMES, ...PLANNED, ...PLANNED_19])
const LANGS = new Set(['zh', 'en', 'mixed'])
const JOB_CODES = new Set(jobs.map((j) => j.code))
const EMAILS = new Set(
  readFileSync(DEMO_EMPLOYEES, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0])
    .filter(Boolean),
)
const FIELDS = new Set(['text', 'intent', 'lang', 'person', 'jobCode'])

/** Case, spacing and full-width punctuation do not make a text new. */
const normal = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s?？!！。.,，]+/g, ' ')
    .trim()
const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus')
/** Every labelled text the router is trained on: utterances.json and corpus/*.json. */
const corpus = new Set(
  [
    ...(utterances as { text: string }[]),
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => JSON.parse(readFileSync(join(CORPUS, f), 'utf8')) as { text: string }[]),
  ].map((u) => normal(u.text)),
)

const files = readdirSync(HELDOUT).filter((f) => f.endsWith('.json'))

describe('the held-out utterances', () => {
  it('exist, in files named by the date they were written', () => {
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\.json$/)
  })

  for (const file of files) {
    describe(file, () => {
      const set = JSON.parse(readFileSync(join(HELDOUT, file), 'utf8')) as unknown

      it('is an array of well-formed entries', () => {
        expect(Array.isArray(set)).toBe(true)
        for (const entry of set as Record<string, unknown>[]) {
          const where = JSON.stringify(entry)
          expect(
            Object.keys(entry).filter((k) => !FIELDS.has(k)),
            where,
          ).toEqual([])
          expect(typeof entry.text === 'string' && entry.text.trim().length > 0, where).toBe(true)
          expect(KNOWN.has(entry.intent as string), `${where}: unknown intent`).toBe(true)
          expect(LANGS.has(entry.lang as string), `${where}: lang`).toBe(true)
          if (entry.person !== undefined) expect(EMAILS.has(entry.person as string), `${where}: not a demo e-mail`).toBe(true)
          if (entry.jobCode !== undefined) expect(JOB_CODES.has(entry.jobCode as string), `${where}: not a demo job`).toBe(true)
        }
      })

      const entries = set as { text: string; intent: string; lang: string }[]

      const coverage = COVERAGE[file]
      it('says what it covers, and covers it in both languages', () => {
        expect(coverage, `${file}: add it to COVERAGE`).toBeDefined()
        for (const intent of coverage?.intents ?? []) {
          const of = entries.filter((e) => e.intent === intent)
          expect(of.length, intent).toBeGreaterThanOrEqual(coverage?.atLeast ?? 0)
          expect(of.some((e) => e.lang === 'zh') && of.some((e) => e.lang === 'en'), intent).toBe(true)
        }
      })

      it('repeats no text', () => {
        const seen = new Map<string, string>()
        const repeats = entries.filter((e) => seen.has(normal(e.text)) || !seen.set(normal(e.text), e.text))
        expect(repeats.map((e) => e.text)).toEqual([])
      })

      it('shares no text with the labelled corpus', () => {
        expect(entries.filter((e) => corpus.has(normal(e.text))).map((e) => e.text)).toEqual([])
      })
    })
  }
})
