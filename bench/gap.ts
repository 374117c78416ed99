// Gap engine speed: one report, and a whole-organisation readiness report over
// 10,000 generated employees (HR's "who is ready for X", through the real store).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDb } from '../adapters/db/client.js'
import { migrate } from '../adapters/db/migrate.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { createCore } from '../core/app/create-core.js'
import { ladderDeps } from '../core/app/store.js'
import { nextStepGaps, promotionGap, whoIsReady } from '../core/features/gap/index.js'
import { generateOrg } from './support/generate-org.js'

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000)
const now = new Date()
const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-'))
const url = `file:${join(dir, 'bench.db')}`
await migrate(url)
const db = await openDb(url)
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const deps = ladderDeps({ store: createPrismaStore(db), clock: { now: () => now }, log: silent })

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(3)
  return `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`
}

let t0 = performance.now()
await generateOrg(db, { employees: EMPLOYEES, openItemsPerEmployee: 5, now, seed: 42 })
console.log(`generated ${EMPLOYEES} employees in ${ms(t0)}`)

const employees = await deps.store.employees.allActive()
const catalog = await deps.store.catalog.load(now)
const progress = await deps.store.progress.forEmployees(employees.map((e) => e.id))

// 1. The pure engine alone: every employee's next-step reports, in memory.
t0 = performance.now()
let reports = 0
for (const e of employees) reports += nextStepGaps(catalog, e, progress.get(e.id)!, now).length
const pure = performance.now() - t0
console.log(`pure engine: ${reports} reports in ${pure.toFixed(1)} ms (${((pure / reports) * 1000).toFixed(1)} µs per report)`)

// 2. One person's answer end to end through the store (what a chat question costs, minus the platform).
const sample = employees.filter((e) => e.jobId !== null).slice(0, 200)
const times: number[] = []
for (const e of sample) {
  const s = performance.now()
  await promotionGap(deps, { employee: e, locale: e.locale })
  times.push(performance.now() - s)
}
console.log(`one gap report via the store: ${stats(times)} (${sample.length} people)`)

// 2b. The same as a chat question through the core (dedupe, identify, route, find a named person, card),
// about oneself and about someone else named in the text (the manager asking about a report).
const core = createCore(deps)
const asked = async (text: (e: (typeof sample)[number]) => string | null): Promise<number[]> => {
  const out: number[] = []
  for (const e of sample) {
    const question = text(e)
    if (question === null) continue
    const s = performance.now()
    await core.handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: e.email }, text: question })
    out.push(performance.now() - s)
  }
  return out
}
console.log(`a question about oneself through the core: ${stats(await asked(() => '我晋升还差什么'))}`)
const byId = new Map(employees.map((e) => [e.id, e]))
const aboutReport = await asked((e) => {
  const report = employees.find((r) => r.managerId === e.id)
  return report ? `${report.name}晋升还差什么` : `${byId.get(e.managerId ?? -1)?.name ?? '某人'}晋升还差什么`
})
console.log(`a question naming someone else through the core: ${stats(aboutReport)}`)

// 3. HR's whole-organisation readiness for one job.
const hr = employees.find((e) => e.roles.includes('hr'))!
const job = catalog.jobs.find((j) => j.code === 'MG1')!
t0 = performance.now()
const ready = await whoIsReady(deps, { employee: hr, locale: 'en' }, { jobCode: job.code })
console.log(`whole-organisation readiness for ${job.code}: ${ready.kind === 'candidates' ? ready.considered : 0} people in ${ms(t0)}`)
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)

await db.$disconnect()
rmSync(dir, { recursive: true, force: true })
