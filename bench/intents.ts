// Intent routing quality: accuracy of the real router on the labelled corpus
// (test/fixtures/utterances.json, which the router is tuned on) and on every
// held-out set (test/fixtures/heldout/*.json, written before tuning and never
// tuned on: see its README). Per held-out set: accuracy by language, per-intent
// precision and recall, the confusion matrix, the first misroutes, the target
// job and the person named. The router is called as createCore calls it: the
// registry's `routeIntent` with the catalogue loaded from a store seeded with
// the demo organisation (a temporary SQLite file, as `npm start` seeds it).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDb } from '../adapters/db/client.js'
import { seedDemo } from '../adapters/db/demo/index.js'
import { migrate } from '../adapters/db/migrate.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { INTENT_NAMES, routeIntent } from '../core/app/intents.js'
import { peopleNamedIn } from '../core/kernel/routing/find-person.js'
import type { Vocabulary } from '../core/kernel/routing/route-intent.js'

interface Utterance {
  text: string
  intent: string
  lang?: 'zh' | 'en' | 'mixed'
  person?: string
  jobCode?: string
  courseCode?: string
}

interface Outcome {
  u: Utterance
  got: string
  jobCode: string | undefined
}

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures')
const HELDOUT = join(FIXTURES, 'heldout')
const MISROUTES_SHOWN = 30

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((n / d) * 100).toFixed(1).padStart(5)} %`)
const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Utterance[]

// The demo organisation in a throw-away SQLite file: its jobs and courses are the router's vocabulary.
const now = new Date()
const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-intents-'))
const url = `file:${join(dir, 'bench.db')}`
await migrate(url)
const db = await openDb(url)
await seedDemo(db, now)
const store = createPrismaStore(db)
const catalog = await store.catalog.load(now)
const vocabulary: Vocabulary = { jobs: catalog.jobs, courses: catalog.courses }

const known = new Set(INTENT_NAMES)
console.log(
  `router: ${INTENT_NAMES.length} intents; vocabulary: ${vocabulary.jobs.length} jobs, ${vocabulary.courses.length} courses (demo)`,
)

function run(utterances: Utterance[]): { outcomes: Outcome[]; microsPerUtterance: number } {
  const outcomes = utterances.map((u) => {
    const routed = routeIntent(u.text, vocabulary)
    return { u, got: routed.intent, jobCode: routed.jobCode }
  })
  // Timing: the whole set routed again a few times, after the warm-up above.
  const rounds = 5
  const t0 = performance.now()
  for (let r = 0; r < rounds; r++) for (const u of utterances) routeIntent(u.text, vocabulary)
  const microsPerUtterance = ((performance.now() - t0) * 1000) / (rounds * utterances.length)
  return { outcomes, microsPerUtterance }
}

const correct = (o: Outcome) => o.got === o.u.intent

function summary(name: string, outcomes: Outcome[], microsPerUtterance: number): void {
  const right = outcomes.filter(correct).length
  console.log(`\n--- ${name}: ${right} of ${outcomes.length} routed right, accuracy ${pct(right, outcomes.length).trim()}`)
  console.log(`routing time: ${microsPerUtterance.toFixed(1)} µs per utterance`)
}

function byLanguage(outcomes: Outcome[]): void {
  const langs = ['zh', 'en', 'mixed'] as const
  const parts = langs.map((lang) => {
    const of = outcomes.filter((o) => o.u.lang === lang)
    return `${lang} ${of.filter(correct).length}/${of.length} (${pct(of.filter(correct).length, of.length).trim()})`
  })
  console.log(`by language: ${parts.join(', ')}`)
}

function perIntent(outcomes: Outcome[]): void {
  const intents = [...new Set([...INTENT_NAMES, ...outcomes.map((o) => o.u.intent)])]
  const width = Math.max(...intents.map((i) => i.length))
  console.log(`\n${'intent'.padEnd(width)}      n  precision     recall`)
  for (const intent of intents) {
    const expected = outcomes.filter((o) => o.u.intent === intent)
    const predicted = outcomes.filter((o) => o.got === intent)
    const hits = expected.filter(correct).length
    if (expected.length === 0 && predicted.length === 0) continue
    const note = known.has(intent) ? '' : '   (not in the router yet)'
    console.log(
      `${intent.padEnd(width)} ${String(expected.length).padStart(6)}    ${pct(hits, predicted.length)}    ${pct(hits, expected.length)}${note}`,
    )
  }
}

/** Rows = expected, columns = predicted; only rows and columns with a non-zero cell. */
function confusion(outcomes: Outcome[]): void {
  const order = [...new Set([...INTENT_NAMES, ...outcomes.map((o) => o.u.intent), ...outcomes.map((o) => o.got)])]
  const count = new Map<string, number>()
  for (const o of outcomes) count.set(`${o.u.intent}\t${o.got}`, (count.get(`${o.u.intent}\t${o.got}`) ?? 0) + 1)
  const rows = order.filter((e) => outcomes.some((o) => o.u.intent === e))
  const cols = order.filter((p) => outcomes.some((o) => o.got === p))
  const number = new Map(order.map((name, i) => [name, String(i + 1)]))
  const width = Math.max(...rows.map((r) => r.length)) + 4
  console.log('\nconfusion matrix (rows = expected, columns = predicted, by number; . = 0)')
  console.log(`${''.padEnd(width)}${cols.map((c) => number.get(c)!.padStart(4)).join('')}`)
  for (const r of rows) {
    const cells = cols.map((c) => {
      const n = count.get(`${r}\t${c}`) ?? 0
      return (n === 0 ? '.' : String(n)).padStart(4)
    })
    console.log(`${`${number.get(r)!.padStart(2)} ${r}`.padEnd(width)}${cells.join('')}`)
  }
  const predictedOnly = cols.filter((c) => !rows.includes(c))
  if (predictedOnly.length) console.log(`columns only: ${predictedOnly.map((c) => `${number.get(c)} ${c}`).join(', ')}`)
}

function misroutes(outcomes: Outcome[], shown: number): void {
  const wrong = outcomes.filter((o) => !correct(o))
  if (wrong.length === 0) return
  console.log(`\nfirst ${Math.min(shown, wrong.length)} of ${wrong.length} misrouted (expected → got):`)
  for (const o of wrong.slice(0, shown)) console.log(`  ${JSON.stringify(o.u.text)}: ${o.u.intent} → ${o.got}`)
}

/** The target job: of the utterances that name one, how many the router found (and how many it invented elsewhere). */
function jobs(outcomes: Outcome[]): void {
  const naming = outcomes.filter((o) => o.u.jobCode)
  const found = naming.filter((o) => o.jobCode === o.u.jobCode).length
  const invented = outcomes.filter((o) => !o.u.jobCode && o.jobCode).length
  console.log(
    `\ntarget job: ${found} of ${naming.length} named jobs found (${pct(found, naming.length).trim()}); ${invented} job codes where none was named`,
  )
}

/** The person named: what createCore would take as the subject (the first name found in the text), asked by nobody in the set. */
async function people(outcomes: Outcome[]): Promise<void> {
  const naming = outcomes.filter((o) => o.u.person)
  const missed: string[] = []
  let found = 0
  let invented = 0
  for (const o of outcomes) {
    const [first] = peopleNamedIn(o.u.text, await store.employees.namedIn(o.u.text), -1)
    if (o.u.person) {
      if (first?.employee.email === o.u.person) found++
      else missed.push(`${JSON.stringify(o.u.text)}: ${o.u.person} → ${first?.employee.email ?? 'nobody'}`)
    } else if (first) invented++
  }
  console.log(
    `person named: ${found} of ${naming.length} found (${pct(found, naming.length).trim()}); ${invented} people found where none was named`,
  )
  for (const line of missed) console.log(`  ${line}`)
}

const corpus = load(join(FIXTURES, 'utterances.json'))
const labelled = run(corpus)
summary(`labelled corpus (test/fixtures/utterances.json, tuned on)`, labelled.outcomes, labelled.microsPerUtterance)
misroutes(labelled.outcomes, 10)

const files = readdirSync(HELDOUT)
  .filter((f) => f.endsWith('.json'))
  .sort()
for (const file of files) {
  const set = load(join(HELDOUT, file))
  const { outcomes, microsPerUtterance } = run(set)
  summary(`held-out ${file} (never tuned on)`, outcomes, microsPerUtterance)
  const inRouter = outcomes.filter((o) => known.has(o.u.intent))
  const right = inRouter.filter(correct).length
  console.log(`on intents the router has: ${right} of ${inRouter.length} (${pct(right, inRouter.length).trim()})`)
  byLanguage(outcomes)
  perIntent(outcomes)
  confusion(outcomes)
  misroutes(outcomes, MISROUTES_SHOWN)
  jobs(outcomes)
  await people(outcomes)
}

await db.$disconnect()
rmSync(dir, { recursive: true, force: true })
