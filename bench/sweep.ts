// Batch jobs over a generated company (10,000 employees, ~50,000 open items), each
// measured in a process of its own (bench/support/batch-job.ts) so its peak RSS is
// honest:
// - the catch-up reminder sweep (every digest due at once: plan + render + enqueue
//   into the outbox with its ReminderLog rows), then a steady-state sweep 15 minutes
//   later, while this process polls /healthz every ~10 ms from a fastify server
//   running inside the sweeping process; the same poll with no sweep running
//   first is the peer figure;
// - HR's whole-organisation readiness report ("who is ready for MG1");
// - the same two sweeps inside the real server (runtime, Slack over HTTP against a local
//   fake Web API, as `npm start` wires them), while this process sends it signed Slack
//   message.im events from linked people at BENCH_ACK_RATE a second (default 20) and polls
//   /healthz: the acks' latency with no sweep running (the peer) and during each sweep.
// Each prints its time, CPU, peak RSS and the longest event-loop stall. The job runs compiled
// and bundled as `npm start` runs the server (scripts/build.mjs, plain Node, no tsx: tsx
// itself added ~45 MB RSS and a fifth of the CPU).
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { openDb } from '../adapters/db/client.js'
import { migrate } from '../adapters/db/migrate.js'
import { signatureFor } from '../adapters/slack/verify-request.js'
import { FAKE_TEAM_ID, startFakeSlackApi } from '../test/fakes/slack-api.js'
import { generateOrg } from './support/generate-org.js'
import { QUESTIONS } from './support/pipeline-kit.js'

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000)
const ITEMS_PER_EMPLOYEE = 5
const POLL_MS = 10
/** Signed Slack events a second sent to the real server while it sweeps. */
const ACK_RATE = Number(process.env.BENCH_ACK_RATE ?? 20)
const SECRET = 'bench-sweep-signing-secret-0123456789'
// Tue 24 Nov 2026, 17:00 in Shanghai (where 85 % of the company is): almost everyone's minute
// has passed, so this first sweep is the worst case — a catch-up digest for nearly everybody there.
const now = new Date('2026-11-24T09:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-sweep-'))
const base = join(dir, 'base.db')
const root = join(import.meta.dirname, '..')
const built = join(root, 'node_modules', '.cache', 'ladder-bench')
const job = join(built, 'bench', 'support', 'batch-job.js')

type Event = { event: string; label?: string; port?: number } & Record<string, number | string>

const quantile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!
}
const latency = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} polls)`

/** Runs one batch job on a fresh copy of the generated database; `onEvent` sees each line it prints. */
async function runJob(
  mode: 'sweep' | 'readiness' | 'server',
  onEvent: (e: Event) => void,
  env: Record<string, string> = {},
): Promise<Event[]> {
  const file = join(dir, `${mode}.db`)
  copyFileSync(base, file)
  // BENCH_PROFILE=<dir>: a CPU profile of each job's process into that folder.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  const child = spawn(process.execPath, [...profile, job, mode, file, now.toISOString()], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const events: Event[] = []
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  for await (const line of createInterface({ input: child.stdout })) {
    const e = JSON.parse(line) as Event
    events.push(e)
    onEvent(e)
  }
  if ((await exited) !== 0) throw new Error(`${mode} job failed`)
  return events
}

const describe = (e: Event) =>
  `${e.ms} ms wall, ${e.cpuMs} ms CPU, peak RSS ${e.peakRssMb} MB, longest event-loop stall ${e.maxStallMs} ms (${e.cpuInWorstMs} ms of it this process's CPU; longest busy stretch ${e.maxBusyMs} ms)`

/** The job as the build compiles the server: `node scripts/build.mjs <dir> bench/support/batch-job.ts`. */
async function buildJob(): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'build.mjs'), built, 'bench/support/batch-job.ts'], { stdio: 'inherit' })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0) throw new Error('building the batch job failed')
}

try {
  await buildJob()
  await migrate(`file:${base}`)
  const db = await openDb(`file:${base}`)
  const t0 = performance.now()
  await generateOrg(db, { employees: EMPLOYEES, openItemsPerEmployee: ITEMS_PER_EMPLOYEE, now, seed: 42 })
  await db.$executeRawUnsafe(`INSERT INTO "ChatIdentity" ("platform", "tenant", "externalId", "employeeId", "linkedAt")
    SELECT 'slack', '${FAKE_TEAM_ID}', 'U' || "id", "id", '2026-01-01T00:00:00.000+00:00' FROM "Employee"`)
  const open =
    (await db.trainingAssignment.count({ where: { status: { in: ['assigned', 'in_progress', 'overdue'] } } })) +
    (await db.evaluationTask.count({ where: { status: { in: ['open', 'overdue'] } } }))
  await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)')
  await db.$disconnect()
  console.log(`generated ${EMPLOYEES} employees, ${open} open items in ${(performance.now() - t0).toFixed(0)} ms`)

  // The sweep, with /healthz polled from here. A poll counts for a phase when it overlaps it (a
  // poll stuck behind a blocked event loop belongs to the sweep that blocked it).
  const windows: { label: string; from: number; to: number }[] = []
  const polls: { from: number; to: number }[] = []
  let polling: Promise<void> | null = null
  let stop = false
  const poll = async (port: number) => {
    const url = `http://127.0.0.1:${port}/healthz`
    while (!stop) {
      const from = performance.now()
      try {
        const res = await fetch(url)
        await res.text()
        polls.push({ from, to: performance.now() })
      } catch {
        // the server is closing
      }
      const rest = POLL_MS - (performance.now() - from)
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest))
    }
  }
  let idleFrom = 0
  const events = await runJob('sweep', (e) => {
    const at = performance.now()
    if (e.event === 'listening') {
      idleFrom = at
      polling = poll(e.port!)
    } else if (e.event === 'start') {
      if (windows.length === 0) windows.push({ label: 'idle', from: idleFrom, to: at })
      windows.push({ label: e.label!, from: at, to: Infinity })
    } else if (e.event === 'done') {
      windows[windows.length - 1]!.to = at
      if (e.label === 'steady') stop = true
    }
  })
  stop = true
  await polling
  // Idle: polls wholly before the first sweep; a sweep: every poll that overlapped it.
  const during = (label: string) => {
    const w = windows.find((x) => x.label === label)!
    const inside =
      label === 'idle'
        ? (p: { from: number; to: number }) => p.from >= w.from && p.to <= w.to
        : (p: { from: number; to: number }) => p.to > w.from
    return polls.filter((p) => p.from < w.to && inside(p)).map((p) => p.to - p.from)
  }
  const done = (label: string) => events.find((e) => e.event === 'done' && e.label === label)!
  const first = done('catch-up')
  const steady = done('steady')
  const listening = events.find((e) => e.event === 'listening')!
  console.log(`the sweeping process before any sweep: RSS ${listening.rssMb} MB (heap ${listening.heapMb} MB)`)
  console.log(
    `catch-up sweep (plan + render + enqueue, every digest due at once): ${first.digests} digests, ${first.items} items, ${first.enqueued} outbox rows; ${describe(first)}`,
  )
  console.log(`steady-state sweep 15 min later: ${steady.digests} digests, ${steady.enqueued} enqueued; ${describe(steady)}`)
  console.log(`/healthz from the sweeping process, no sweep running (peer): ${latency(during('idle'))}`)
  console.log(`/healthz during the catch-up sweep:                          ${latency(during('catch-up'))}`)
  console.log(`/healthz during the steady-state sweep:                      ${latency(during('steady'))}`)

  // HR's whole-organisation readiness report.
  const [readiness] = (await runJob('readiness', () => {})).filter((e) => e.event === 'done')
  console.log(
    `whole-organisation readiness for MG1: ${readiness!.considered} people ranked (${readiness!.ready} ready); ${describe(readiness!)}`,
  )

  // The real server sweeping, with signed Slack events and /healthz polls meanwhile.
  const fake = await startFakeSlackApi()
  let replies = 0
  fake.answer('chat.postMessage', (args) => ({ channel: args.channel, ts: `${1_800_000_000 + ++replies}.000100` }))
  const acks: { from: number; to: number; ok: boolean }[] = []
  let sequence = 0
  let firstFailure = ''
  const sendEvent = async (port: number) => {
    const id = ++sequence
    const ts = String(Math.floor(Date.now() / 1000))
    const user = `U${1 + ((id * 7919) % EMPLOYEES)}`
    const eventTs = `${ts}.${String(id).padStart(6, '0')}`
    const body = JSON.stringify({
      token: 'x',
      team_id: FAKE_TEAM_ID,
      api_app_id: 'A0BENCH',
      type: 'event_callback',
      event_id: `EvSWEEP${id}`,
      event_time: Number(ts),
      event: {
        type: 'message',
        channel: `D${user.slice(1)}`,
        channel_type: 'im',
        user,
        text: QUESTIONS[id % QUESTIONS.length],
        ts: eventTs,
        event_ts: eventTs,
      },
    })
    const from = performance.now()
    try {
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': signatureFor(SECRET, ts, body),
        },
      })
      const text = await res.text()
      acks.push({ from, to: performance.now(), ok: res.status === 200 })
      if (res.status !== 200 && !firstFailure) firstFailure = `${res.status} ${text.slice(0, 200)}`
    } catch (error) {
      acks.push({ from, to: performance.now(), ok: false })
      firstFailure ||= String(error)
    }
  }
  let sending: Promise<void> | null = null
  const sendAll = async (port: number) => {
    const inFlight = new Set<Promise<void>>()
    const t0 = performance.now()
    for (let n = 0; !stop; n++) {
      const p = sendEvent(port).finally(() => inFlight.delete(p))
      inFlight.add(p)
      const rest = t0 + ((n + 1) * 1000) / ACK_RATE - performance.now()
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest))
    }
    await Promise.all(inFlight)
  }
  windows.length = 0
  polls.length = 0
  stop = false
  const serverEvents = await runJob(
    'server',
    (e) => {
      const at = performance.now()
      if (e.event === 'listening') {
        // The first 4 s warm the server up (its first answers); the idle peer figure is the 4 s after them.
        idleFrom = at + 4000
        polling = poll(e.port!)
        sending = sendAll(e.port!)
      } else if (e.event === 'start') {
        if (windows.length === 0) windows.push({ label: 'idle', from: idleFrom, to: at })
        windows.push({ label: e.label!, from: at, to: Infinity })
      } else if (e.event === 'done') {
        windows[windows.length - 1]!.to = at
        if (e.label === 'steady') stop = true
      }
    },
    { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'error' },
  )
  stop = true
  await polling
  await sending
  await fake.close()
  const ackDuring = (label: string) => {
    const w = windows.find((x) => x.label === label)!
    const inside =
      label === 'idle' ? (p: { from: number; to: number }) => p.from >= w.from && p.to <= w.to : (p: { to: number }) => p.to > w.from
    const mine = acks.filter((p) => p.from < w.to && inside(p))
    const failed = mine.filter((p) => !p.ok).length
    return `${latency(mine.filter((p) => p.ok).map((p) => p.to - p.from))}${failed ? `, ${failed} not acked` : ''}`
  }
  const serverDone = (label: string) => serverEvents.find((e) => e.event === 'done' && e.label === label)!
  console.log(`\nthe same sweeps inside the real server (runtime, Slack over HTTP, warm-up), ${ACK_RATE} signed Slack events/s meanwhile:`)
  console.log(`catch-up sweep: ${describe(serverDone('catch-up'))}`)
  console.log(`steady-state sweep: ${describe(serverDone('steady'))}`)
  console.log(`Slack acks, no sweep running (peer): ${ackDuring('idle')}`)
  console.log(`Slack acks during the catch-up sweep: ${ackDuring('catch-up')}`)
  console.log(`Slack acks during the steady sweep:   ${ackDuring('steady')}`)
  console.log(`/healthz, no sweep running (peer):    ${latency(during('idle'))}`)
  console.log(`/healthz during the catch-up sweep:   ${latency(during('catch-up'))}`)
  console.log(`/healthz during the steady sweep:     ${latency(during('steady'))}`)
  console.log(`replies received by the fake Slack: ${replies} for ${acks.filter((a) => a.ok).length} acked events`)
  if (firstFailure) console.log(`the first event not acked: ${firstFailure}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
