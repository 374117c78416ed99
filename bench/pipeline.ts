// The whole pipeline, as users feel it (issue 15's "before" figures): the real
// Ladder server (bot/main.ts, exactly what `npm start` runs) on a fresh temp
// SQLite database seeded with the demo organisation, Slack in HTTP mode, its Web
// API a local fake (test/fakes/slack-api.ts) that also times each reply.
// Signed message.im events with distinct event ids come from the 36 demo people,
// linked to Slack user ids the way the e2e tests link them (users.info answers
// their demo email; the first message links the account).
//
// 1. Reply latency at fixed rates (BENCH_RATES, default 50, 100 and 300 events/s,
//    BENCH_RATE_SECONDS each, default 60): event sent → the fake receiving
//    chat.postMessage for it. Each event carries a unique thread_ts, which Ladder
//    copies into its reply: that is the match. Plus Ladder's CPU and SQL
//    statements (every statement better-sqlite3 runs in the server process) per
//    answered question. Then rising rates (BENCH_CEILING_RATES) until one misses
//    reply p99 < 100 ms: the highest that did not is reported.
// 2. Flat out at 50 connections (autocannon): a bare fastify POST route, Bolt 5's
//    own App (HTTPReceiver, an empty message listener) and Ladder, same load,
//    each in its own process: req/s, ack p50/p99, time-outs, ratio to Bolt; then
//    Ladder's backlog is waited for and every acked event checked answered once.
// 3. BENCH_INSTANCES=1,2 runs 1 and 2 for every count: that many Ladder processes on
//    one fresh database (BENCH_STORE=postgres: a real PostgreSQL started for the run,
//    test/support/embedded-postgres.ts), the events spread over them as a load
//    balancer would (round robin; flat out, the connections split between them), and
//    every acked event checked answered exactly once across the instances.
// Run: npm run bench -- pipeline   (BENCH_SECONDS for flat out, BENCH_CONNECTIONS,
//    BENCH_RATES, BENCH_RATE_SECONDS, BENCH_CEILING_RATES, BENCH_FLAT=0 to skip it,
//    BENCH_INSTANCES, BENCH_STORE=sqlite|postgres, BENCH_PROFILE=dir for a CPU
//    profile of the server)
import type { ChildProcess } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { signatureFor } from '../adapters/slack/verify-request.js'
import {
  type AutocannonResult,
  demoEmails,
  drainBacklog,
  forkRole,
  freePort,
  loadAutocannon,
  ms,
  nextMessage,
  percentile,
  QUESTIONS,
  type RequestSpec,
  type ServerStats,
  serveBareFastify,
  serveLadder,
  sleep,
  statsOf,
  stopChild,
} from './support/pipeline-kit.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const RATES = (process.env.BENCH_RATES ?? '50,100,300').split(',').filter(Boolean).map(Number)
/** Each fixed rate runs this long (the issue's figure: 100 events/s for 60 s). */
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 60)
/** Rates tried in turn, BENCH_CEILING_SECONDS each, until one misses reply p99 < 100 ms. */
const CEILING_RATES = (process.env.BENCH_CEILING_RATES ?? '150,200,250,300,350,400,500').split(',').filter(Boolean).map(Number)
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 10)
/** How long to wait, after the last event of a fixed-rate run, for the replies still owed. */
const DRAIN_MS = Number(process.env.BENCH_DRAIN_MS ?? 12_000)
/** How long the flat-out run's backlog may take to be answered before the bench gives up counting. */
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_MS ?? 600_000)
/** Ladder processes on one database, in turn (3. above). */
const INSTANCES = (process.env.BENCH_INSTANCES ?? '1').split(',').filter(Boolean).map(Number)
const STORE = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite'
const SECRET = 'bench-pipeline-signing-secret-0123456789'

type Role = 'ladder' | 'bolt' | 'fastify'

// ---- the servers (child processes) -------------------------------------------

async function serveBolt(): Promise<void> {
  const { App, HTTPReceiver } = await import('@slack/bolt')
  const receiver = new HTTPReceiver({ signingSecret: SECRET })
  const app = new App({ token: 'xoxb-bench', receiver, clientOptions: { slackApiUrl: process.env.SLACK_API_URL! } })
  app.message(async () => {})
  const server = await app.start({ port: 0, host: '127.0.0.1' })
  process.send!({ port: (server.address() as AddressInfo).port })
}

// ---- the driver ------------------------------------------------------------------

const users: string[] = []
let sequence = 0

/** A signed message.im event from one of the linked demo people; `threadTs` is unique and comes back in the reply. */
function signedEvent(teamId: string): RequestSpec & { threadTs: string } {
  const id = ++sequence
  const now = Date.now()
  const ts = String(Math.floor(now / 1000))
  const user = users[id % users.length]!
  const eventTs = `${ts}.${String(id).padStart(6, '0')}`
  const body = JSON.stringify({
    token: 'x',
    team_id: teamId,
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `EvPIPE${id}`,
    event_time: Number(ts),
    event: {
      type: 'message',
      channel: `D${user.slice(1)}`,
      channel_type: 'im',
      user,
      text: QUESTIONS[id % QUESTIONS.length],
      ts: eventTs,
      event_ts: eventTs,
      thread_ts: eventTs,
    },
  })
  return {
    method: 'POST',
    body,
    threadTs: eventTs,
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signatureFor(SECRET, ts, body) },
  }
}

function startChild(role: Role, env: Record<string, string>): ChildProcess {
  const profile = role === 'ladder' && process.env.BENCH_PROFILE
  return forkRole(fileURLToPath(import.meta.url), role, env, {
    ...(profile ? { execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profile}`] } : {}),
    // The server's log (pino writes to stdout) only when asked for (BENCH_SERVER_LOG=file).
    logs: role === 'ladder' && Boolean(process.env.BENCH_SERVER_LOG),
  })
}

/** The Ladder processes of one run: their children and base URLs. */
interface Ladders {
  children: ChildProcess[]
  bases: string[]
}

async function drive(): Promise<void> {
  const { startFakeSlackApi, FAKE_TEAM_ID } = await import('../test/fakes/slack-api.js')
  const autocannon = loadAutocannon()
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'ladder-pipeline-'))
  const children: ChildProcess[] = []
  const fake = await startFakeSlackApi()
  const postgres = STORE === 'postgres' ? await (await import('../test/support/embedded-postgres.js')).startEmbeddedPostgres() : undefined
  try {
    // The replies: the fake answers chat.postMessage like Slack and notes when each arrived.
    const sentAt = new Map<string, number>()
    const repliedAt = new Map<string, number>()
    let unmatched = 0
    // Messages outside any thread: not replies (the server's own reminder sweep runs on its
    // schedule, REMINDER_CRON, and may deliver a demo person's reminder during a long run).
    let unthreaded = 0
    let replyTs = 1_800_000_000
    fake.answer('chat.postMessage', (args) => {
      const at = performance.now()
      const thread = String(args.thread_ts ?? '')
      if (thread === '') unthreaded++
      else if (sentAt.has(thread) && !repliedAt.has(thread)) repliedAt.set(thread, at)
      else unmatched++
      return { channel: args.channel, ts: `${++replyTs}.000100`, message: { text: args.text } }
    })
    for (const [index, email] of demoEmails().entries()) {
      const id = `U0PIPE${String(index).padStart(3, '0')}`
      fake.addUser({ id, email })
      users.push(id)
    }

    /** A fresh database: a SQLite file, or a new database on the run's PostgreSQL. */
    const freshDatabase = async (name: string) =>
      postgres
        ? (await (await import('../test/support/embedded-postgres.js')).createDatabaseOn(postgres.adminUrl)).url
        : `file:${join(dir, `${name}.db`)}`

    /** Ladder, started as `npm start` starts it; the first on an empty database migrates and seeds it. */
    const startLadder = async (url: string): Promise<{ child: ChildProcess; base: string }> => {
      const port = await freePort()
      const child = startChild('ladder', {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        LADDER_DEMO: 'true',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        INSTANCE_NAME: `bench-${port}`,
      })
      children.push(child)
      let stderr = ''
      const serverLog = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : undefined
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000)
        serverLog?.write(chunk)
      })
      child.stdout?.on('data', (chunk: Buffer) => serverLog?.write(chunk))
      const base = `http://127.0.0.1:${port}`
      const bootStart = performance.now()
      for (;;) {
        if (child.exitCode !== null) throw new Error(`Ladder exited on start:\n${stderr}`)
        const ok = await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
        if (ok) break
        if (performance.now() - bootStart > 60_000) throw new Error(`Ladder not ready after 60 s:\n${stderr}`)
        await sleep(50)
      }
      console.log(`Ladder (bot/main.ts) at ${base} on ${STORE}: ready in ${ms(performance.now() - bootStart)}`)
      return { child, base }
    }

    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
    const acks: number[] = []
    let ackFailures = 0
    let ackTimeouts = 0
    let spread = 0
    /** Sends one event to the next instance in turn, as a round-robin load balancer would. */
    const send = (ladders: Ladders, spec: RequestSpec & { threadTs: string }): Promise<void> =>
      new Promise((resolve) => {
        const at = performance.now()
        sentAt.set(spec.threadTs, at)
        const base = ladders.bases[spread++ % ladders.bases.length]!
        const req = request(`${base}/slack/events`, { method: 'POST', agent, headers: spec.headers }, (response) => {
          response.resume()
          response.on('end', () => {
            if (response.statusCode === 200) acks.push(performance.now() - at)
            else ackFailures++
            resolve()
          })
        })
        req.setTimeout(10_000, () => {
          ackTimeouts++
          req.destroy(new Error('timeout'))
        })
        req.on('error', () => {
          ackFailures++
          resolve()
        })
        req.end(spec.body)
      })
    /** The instances' statistics together: summed, and the worst event-loop figures. */
    const stats = async (ladders: Ladders): Promise<ServerStats> => {
      const all = await Promise.all(ladders.children.map((child) => statsOf<ServerStats>(child)))
      return {
        statements: all.reduce((sum, s) => sum + s.statements, 0),
        cpuMicros: all.reduce((sum, s) => sum + s.cpuMicros, 0),
        loopMaxMs: Math.max(...all.map((s) => s.loopMaxMs)),
        loopP99Ms: Math.max(...all.map((s) => s.loopP99Ms)),
      }
    }
    const waitForReplies = async (threads: string[], limitMs: number) => {
      const until = performance.now() + limitMs
      while (threads.some((t) => !repliedAt.has(t)) && performance.now() < until) await sleep(20)
    }

    // 1. Reply latency at fixed rates, then the highest rate answered with reply p99 under 100 ms.
    const runRate = async (ladders: Ladders, rate: number, seconds: number) => {
      acks.length = 0
      ackFailures = 0
      ackTimeouts = 0
      const before = await stats(ladders)
      const threads: string[] = []
      const inflight: Promise<void>[] = []
      const t0 = performance.now()
      const total = rate * seconds
      while (threads.length < total) {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1)
        while (threads.length < due) {
          const spec = signedEvent(FAKE_TEAM_ID)
          threads.push(spec.threadTs)
          inflight.push(send(ladders, spec))
        }
        await sleep(5)
      }
      await Promise.all(inflight)
      await waitForReplies(threads, DRAIN_MS)
      const after = await stats(ladders)
      const answered = threads.filter((t) => repliedAt.has(t))
      const latencies = answered.map((t) => repliedAt.get(t)! - sentAt.get(t)!).sort((a, b) => a - b)
      const sortedAcks = [...acks].sort((a, b) => a - b)
      const cpu = (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, answered.length)
      const sql = (after.statements - before.statements) / Math.max(1, answered.length)
      const p99 = percentile(latencies, 99)
      const instances = ladders.bases.length > 1 ? `, ${ladders.bases.length} instances` : ''
      const row = `${`${rate}/s × ${seconds} s${instances}`.padEnd(12)} ${`${answered.length}/${total}`.padStart(11)}  reply p50 ${ms(percentile(latencies, 50)).padStart(8)}, p99 ${ms(p99).padStart(8)}, max ${ms(latencies.at(-1) ?? Number.NaN).padStart(8)}  ack p50 ${ms(percentile(sortedAcks, 50))}, p99 ${ms(percentile(sortedAcks, 99))}, not acked ${ackFailures} (${ackTimeouts} after the 10 s time-out)  CPU ${cpu.toFixed(1)} ms/answer, SQL ${sql.toFixed(1)} statements/answer, server event loop blocked p99 ${ms(after.loopP99Ms)}, max ${ms(after.loopMaxMs)}, load ${loadavg()[0]!.toFixed(1)}`
      console.log(row)
      return { row, ok: answered.length === total && p99 < 100 }
    }

    // 2. Flat out: autocannon at CONNECTIONS connections, split between the given URLs.
    const flat = async (urls: string[]): Promise<AutocannonResult> => {
      const runs = await Promise.all(
        urls.map((url) =>
          autocannon({
            url,
            connections: Math.max(1, Math.round(CONNECTIONS / urls.length)),
            duration: SECONDS,
            requests: [
              {
                method: 'POST',
                setupRequest: (req) => {
                  const spec = signedEvent(FAKE_TEAM_ID)
                  sentAt.set(spec.threadTs, performance.now())
                  return { ...req, method: spec.method, body: spec.body!, headers: spec.headers! }
                },
              },
            ],
          }),
        ),
      )
      // Together: requests add up; the latencies are the worst instance's.
      return {
        requests: {
          average: runs.reduce((sum, r) => sum + r.requests.average, 0),
          total: runs.reduce((sum, r) => sum + r.requests.total, 0),
        },
        latency: {
          p50: Math.max(...runs.map((r) => r.latency.p50)),
          p99: Math.max(...runs.map((r) => r.latency.p99)),
          max: Math.max(...runs.map((r) => r.latency.max)),
        },
        non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
        errors: runs.reduce((sum, r) => sum + r.errors, 0),
        timeouts: runs.reduce((sum, r) => sum + r.timeouts, 0),
      }
    }
    const peerPort = async (role: Role) => {
      const child = startChild(role, { SLACK_API_URL: fake.apiUrl })
      children.push(child)
      const ready = await nextMessage<{ port?: number }>(child)
      if (!ready.port) throw new Error(`${role} did not start`)
      return { child, url: `http://127.0.0.1:${ready.port}/slack/events` }
    }
    const results: [string, AutocannonResult, string][] = []
    const doFlat = process.env.BENCH_FLAT !== '0'
    if (doFlat)
      for (const [name, role] of [
        ['bare fastify POST', 'fastify'],
        ["Bolt 5's empty app", 'bolt'],
      ] as const) {
        const peer = await peerPort(role)
        results.push([name, await flat([peer.url]), ''])
        await stopChild(peer.child)
      }

    const rateRows: string[] = []
    for (const count of INSTANCES) {
      const url = await freshDatabase(`ladder-${count}`)
      const first = await startLadder(url)
      const rest = await Promise.all(Array.from({ length: count - 1 }, () => startLadder(url)))
      const ladders: Ladders = { children: [first.child, ...rest.map((r) => r.child)], bases: [first.base, ...rest.map((r) => r.base)] }
      const label = count > 1 ? `Ladder × ${count} instances` : 'Ladder, whole pipeline'

      // Warm-up, which also links every demo person (users.info on their first message).
      const warm = users.map(() => signedEvent(FAKE_TEAM_ID))
      await Promise.all(warm.map((w) => send(ladders, w)))
      await waitForReplies(
        warm.map((w) => w.threadTs),
        20_000,
      )
      const warmAnswered = warm.filter((w) => repliedAt.has(w.threadTs)).length
      const samples = fake
        .callsTo('chat.postMessage')
        .slice(0, 3)
        .map((c) =>
          String(c.args.text ?? '')
            .slice(0, 60)
            .replace(/\s+/g, ' '),
        )
      console.log(
        `${label} (${STORE}, demo organisation, ${users.length} linked Slack users) warm-up: ${warmAnswered} of ${warm.length} answered; e.g. ${samples.map((s) => `"${s}"`).join(' · ')}`,
      )

      for (const rate of RATES) rateRows.push((await runRate(ladders, rate, RATE_SECONDS)).row)
      let ceiling = 0
      for (const rate of CEILING_RATES) {
        const run = await runRate(ladders, rate, CEILING_SECONDS)
        rateRows.push(run.row)
        if (!run.ok) break
        ceiling = rate
      }
      if (CEILING_RATES.length)
        rateRows.push(`${label}: highest rate tried with every event answered and reply p99 < 100 ms: ${ceiling || '—'} events/s`)

      if (doFlat) {
        const repliesBefore = repliedAt.size
        const sentBefore = sentAt.size
        const unmatchedBefore = unmatched
        const ladderFlat = await flat(ladders.bases.map((base) => `${base}/slack/events`))
        const answeredInRun = repliedAt.size - repliesBefore
        // Every acked event is answered, after the run if not during it: wait for every instance's backlog, then count.
        const drains = await Promise.all(ladders.bases.map((base) => drainBacklog(base, DRAIN_LIMIT_MS)))
        const sum = (pick: (d: (typeof drains)[number]) => number) => drains.reduce((total, d) => total + pick(d), 0)
        const drainMs = Math.max(...drains.map((d) => d.drainMs))
        const sentInRun = sentAt.size - sentBefore
        const answeredAll = repliedAt.size - repliesBefore
        results.push([
          label,
          ladderFlat,
          `${answeredInRun} answered within the run (${(answeredInRun / SECONDS).toFixed(0)}/s); at its end ${sum((d) => d.peak.unanswered)} unanswered (${sum((d) => d.peak.overflow)} waiting in the database), all answered ${(drainMs / 1000).toFixed(1)} s later: ${answeredAll} answered of ${ladderFlat.requests.total} acked (${sentInRun} sent), ${sum((d) => d.left.unanswered)} left, ${unmatched - unmatchedBefore} answered twice`,
        ])
      }
      for (const child of ladders.children) await stopChild(child)
    }
    agent.destroy()

    if (doFlat) {
      const bolt = results[1]![1]
      console.log(`\nflat out: ${CONNECTIONS} connections, ${SECONDS} s each, signed message.im events with distinct ids`)
      console.log(
        `${'server'.padEnd(24)} ${'req/s'.padStart(7)} ${'× Bolt'.padStart(7)}  ${'ack p50'.padStart(8)} ${'ack p99'.padStart(8)}  time-outs / errors / non-2xx`,
      )
      for (const [name, result, note] of results) {
        console.log(
          `${name.padEnd(24)} ${result.requests.average.toFixed(0).padStart(7)} ${(result.requests.average / bolt.requests.average).toFixed(2).padStart(7)}  ${ms(result.latency.p50).padStart(8)} ${ms(result.latency.p99).padStart(8)}  ${result.timeouts} / ${result.errors} / ${result.non2xx}  (${result.requests.total} requests${note ? `, ${note}` : ''})`,
        )
      }
    }
    console.log(`\nLadder reply latency (event sent → chat.postMessage at the fake), answered / sent:`)
    for (const row of rateRows) console.log(row)
    if (unmatched) console.log(`(${unmatched} chat.postMessage replies matched no event or repeated one)`)
    if (unthreaded) console.log(`(${unthreaded} chat.postMessage calls outside a thread: the server's scheduled reminders, not replies)`)
    console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    for (const child of children) await stopChild(child)
    await fake.close()
    await postgres?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const role = process.env.PIPELINE_ROLE as Role | undefined
await (role === 'ladder' ? serveLadder() : role === 'bolt' ? serveBolt() : role === 'fastify' ? serveBareFastify('/slack/events') : drive())
