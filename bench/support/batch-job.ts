// One batch job in a process of its own, so its peak RSS is its own: the reminder
// sweep (catch-up, then steady state) with a fastify /healthz served from the same
// process for bench/sweep.ts to poll, or HR's whole-organisation readiness report.
// Prints one JSON line per event on stdout; bench/sweep.ts reads them.
//
//   node <built>/bench/support/batch-job.js sweep|readiness|server <db file> <ISO now>
// bench/sweep.ts builds it first as the server is built (scripts/build.mjs); with tsx,
// `tsx bench/support/batch-job.ts …` runs it from the sources.
import { performance } from 'node:perf_hooks'
import fastify from 'fastify'
import { openDb } from '../../adapters/db/client.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { warmUp } from '../../adapters/db/warm-up.js'
import { withFrugalHeap } from '../../bot/heap.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { ladderDeps } from '../../core/app/store.js'
import { whoIsReady } from '../../core/features/gap/index.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'

const [mode, file, at] = process.argv.slice(2)
if (!file || !at || (mode !== 'sweep' && mode !== 'readiness' && mode !== 'server'))
  throw new Error('usage: batch-job.ts sweep|readiness|server <db file> <ISO now>')
const now = new Date(at)
const say = (event: string, data: Record<string, unknown> = {}) => console.log(JSON.stringify({ event, ...data }))
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

/**
 * Event-loop stalls: a 1 ms interval notes every gap between its runs. A gap is the
 * longest stretch nothing else could run; on a loaded machine part of it is the OS
 * running someone else, so the CPU this process used inside the gap is kept too.
 */
function stallProbe() {
  let last = performance.now()
  let lastCpu = process.cpuUsage()
  let worst = { wallMs: 0, cpuMs: 0 }
  let worstCpu = 0
  const timer = setInterval(() => {
    const t = performance.now()
    const cpu = process.cpuUsage()
    const wallMs = t - last - 1
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000
    if (wallMs > worst.wallMs) worst = { wallMs, cpuMs }
    worstCpu = Math.max(worstCpu, Math.min(cpuMs, wallMs))
    last = t
    lastCpu = cpu
  }, 1)
  return {
    reset() {
      last = performance.now()
      lastCpu = process.cpuUsage()
      worst = { wallMs: 0, cpuMs: 0 }
      worstCpu = 0
    },
    /** Includes the stretch still running (a job that never yields never lets the interval run at all). */
    read() {
      const t = performance.now()
      const cpu = process.cpuUsage()
      const wallMs = t - last
      const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000
      const w = wallMs > worst.wallMs ? { wallMs, cpuMs } : worst
      const busy = Math.max(worstCpu, Math.min(cpuMs, wallMs))
      return { maxStallMs: Math.round(w.wallMs), cpuInWorstMs: Math.round(w.cpuMs), maxBusyMs: Math.round(busy) }
    },
    stop: () => clearInterval(timer),
  }
}

/**
 * The real server (bot/main.ts's parts: runtime, fastify with /healthz, Slack over HTTP against the
 * parent's fake Web API, the warm-up) with the same two sweeps run inside it, for the parent to send
 * signed Slack events to meanwhile. No scheduler: the sweeps are run here, at the bench's clock.
 */
async function serverJob(): Promise<void> {
  process.env.DATABASE_URL = `file:${file}`
  const { loadConfig } = await import('../../bot/config.js')
  const { createLogger } = await import('../../bot/logger.js')
  const { openRuntime } = await import('../../bot/runtime.js')
  const { buildServer } = await import('../../bot/server.js')
  const { startPlatforms } = await import('../../bot/platforms/index.js')
  let clockAt = now
  // The server keeps the real clock (Slack's signatures are checked against it); the sweeps run at the bench's.
  const runtime = await openRuntime(loadConfig(), { log: createLogger({ LOG_LEVEL: 'error' }, process.stderr) })
  const sweepDeps = { ...runtime.deps, clock: { now: () => clockAt } }
  await warmUp(runtime.db, runtime.store, now)
  const app = buildServer(runtime)
  const platforms = await startPlatforms(app, runtime)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  say('listening', {
    port: typeof address === 'object' && address ? address.port : 0,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  })
  // The parent's events warm the server's answering paths first (links, caches, code), then its idle peer figure.
  await new Promise((resolve) => setTimeout(resolve, 8000))
  const probe = stallProbe()
  for (const [label, clock] of [
    ['catch-up', now],
    ['steady', new Date(now.getTime() + 15 * 60_000)],
  ] as const) {
    clockAt = clock
    probe.reset()
    const cpu0 = process.cpuUsage()
    say('start', { label })
    const t0 = performance.now()
    // As the server's scheduler runs it (bot/scheduler.ts).
    const result = await withFrugalHeap(() =>
      runReminderSweep(sweepDeps, { policy: DEFAULT_REMINDER_POLICY, platforms: ['slack'], holder: 'bench', keepPlanned: false }),
    )
    const ms = Math.round(performance.now() - t0)
    const cpu = process.cpuUsage(cpu0)
    if (result.kind !== 'swept') throw new Error('the sweep lease was busy')
    say('done', {
      label,
      ms,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      digests: result.digests,
      enqueued: result.enqueued,
      items: result.items,
      ...probe.read(),
      peakRssMb: rssMb(),
    })
    // The parent stops sending after the second sweep: the events in flight get their acks before the server closes.
    await new Promise((resolve) => setTimeout(resolve, label === 'steady' ? 5000 : 1000))
  }
  probe.stop()
  await app.close()
  await platforms.stop()
  await runtime.close()
}

if (mode === 'server') {
  await serverJob()
  process.exit(0)
}

const db = await openDb(`file:${file}`)
const store = createPrismaStore(db)
try {
  if (mode === 'sweep') {
    // As the server does before it listens (bot/main.ts); BENCH_COLD=1 leaves it out.
    if (!process.env.BENCH_COLD) await warmUp(db, store, now)
    const app = fastify()
    app.get('/healthz', async () => ({ status: 'ok' }))
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    say('listening', {
      port: typeof address === 'object' && address ? address.port : 0,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    })
    // The parent polls /healthz with nothing else running first: the peer figure.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const probe = stallProbe()
    const sweep = async (label: string, clockAt: Date) => {
      probe.reset()
      const cpu0 = process.cpuUsage()
      say('start', { label })
      const t0 = performance.now()
      const result = await withFrugalHeap(() =>
        runReminderSweep(ladderDeps({ store, clock: { now: () => clockAt }, log: silent }), {
          policy: DEFAULT_REMINDER_POLICY,
          platforms: ['slack'],
          holder: 'bench',
          keepPlanned: false,
          ...(process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {}),
        }),
      )
      const ms = Math.round(performance.now() - t0)
      const cpu = process.cpuUsage(cpu0)
      const stalls = probe.read()
      if (result.kind !== 'swept') throw new Error('the sweep lease was busy')
      say('done', {
        label,
        ms,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        digests: result.digests,
        enqueued: result.enqueued,
        items: result.items,
        ...stalls,
        peakRssMb: rssMb(),
      })
    }
    await sweep('catch-up', now)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await sweep('steady', new Date(now.getTime() + 15 * 60_000))
    probe.stop()
    await app.close()
  } else {
    const deps = ladderDeps({ store, clock: { now: () => now }, log: silent })
    const hr = (await deps.store.employees.allActive()).find((e) => e.roles.includes('hr'))
    if (!hr) throw new Error('no HR person in the generated organisation')
    const probe = stallProbe()
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const ready = await whoIsReady(deps, { employee: hr, locale: 'en' }, { jobCode: 'MG1' })
    const ms = Math.round(performance.now() - t0)
    const cpu = process.cpuUsage(cpu0)
    const stalls = probe.read()
    probe.stop()
    say('done', {
      label: 'readiness',
      ms,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      considered: ready.kind === 'candidates' ? ready.considered : 0,
      ready: ready.kind === 'candidates' ? ready.readyCount : 0,
      ...stalls,
      peakRssMb: rssMb(),
    })
  }
} finally {
  await db.$disconnect()
}
