// The whole pipeline on Feishu (issue 15's "and one Feishu run"): the real Ladder
// server (bot/main.ts, exactly what `npm start` runs) on a fresh temp SQLite
// database seeded with the demo organisation, Feishu in HTTP mode with an Encrypt
// Key and a Verification Token, its Open API a local fake (test/fakes/feishu-api.ts).
// Encrypted, signed im.message.receive_v1 events (p2p, distinct event and message
// ids) come from the 36 demo people, linked to open_ids the way the e2e tests link
// them (the contact API answers their demo email; the first message links them).
//
// Ladder answers a direct message with im/v1/messages to the asker's open_id and
// nothing in that call names the event, so replies are matched per asker in order
// (first event of that open_id still unanswered ← its next reply). The 36 askers
// take turns, so at 100 events/s each asks every 0.36 s: a reply overtaking an
// earlier one of the same asker would swap two latencies, not add or lose one.
//
// 1. Reply latency at fixed rates (BENCH_RATES, default 50 and 100 events/s,
//    BENCH_RATE_SECONDS each, default 20): event sent → the fake receiving the
//    reply. Plus Ladder's CPU and SQL statements per answered question.
// 2. Flat out at 50 connections (autocannon): a bare fastify POST route, the Lark
//    SDK's own minimal HTTP event handling (EventDispatcher with the same secrets,
//    an empty im.message.receive_v1 handler, adaptDefault on a plain node http
//    server) and Ladder, same load, each in its own process: req/s, ack p50/p99,
//    ratio to the SDK; then Ladder's backlog is waited for and the replies counted.
// Run: npm run bench -- pipeline-feishu   (BENCH_SECONDS for flat out, BENCH_CONNECTIONS,
//    BENCH_RATES, BENCH_RATE_SECONDS, BENCH_FLAT=0 to skip it)
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, createServer as createHttpServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encryptPayload, signatureHeaders } from '../test/fakes/feishu-crypto.js'
import { BOT_OPEN_ID, messageEvent } from '../test/fakes/feishu-events.js'
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
const RATES = (process.env.BENCH_RATES ?? '50,100').split(',').filter(Boolean).map(Number)
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20)
/** How long to wait, after the last event of a fixed-rate run, for the replies still owed. */
const DRAIN_MS = Number(process.env.BENCH_DRAIN_MS ?? 12_000)
/** How long the flat-out run's backlog may take to be answered before the bench gives up counting. */
const DRAIN_LIMIT_MS = Number(process.env.BENCH_DRAIN_LIMIT_MS ?? 300_000)
const APP_ID = 'cli_bench0123456789'
const APP_SECRET = 'bench-app-secret'
const ENCRYPT_KEY = 'bench-pipeline-encrypt-key'
const VERIFICATION_TOKEN = 'bench-pipeline-verification-token'
const EVENTS_PATH = '/feishu/events'

type Role = 'ladder' | 'lark' | 'fastify'

// ---- the servers (child processes) -------------------------------------------

/** The Lark SDK's own HTTP event handling: what an app built on the SDK alone would run. */
async function serveLark(): Promise<void> {
  const { EventDispatcher, LoggerLevel, adaptDefault } = await import('@larksuiteoapi/node-sdk')
  let handled = 0
  const dispatcher = new EventDispatcher({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    loggerLevel: LoggerLevel.error,
  }).register({
    'im.message.receive_v1': async () => {
      handled++
    },
  })
  process.on('message', (message) => {
    if (message === 'stats') process.send!({ handled })
  })
  const server = createHttpServer(adaptDefault(EVENTS_PATH, dispatcher))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.send!({ port: (server.address() as AddressInfo).port })
}

// ---- the driver ------------------------------------------------------------------

const users: string[] = []
let sequence = 0

/** An encrypted, signed im.message.receive_v1 from one of the demo people; `id` names the event. */
function signedEvent(): RequestSpec & { id: number; openId: string } {
  const id = ++sequence
  const openId = users[id % users.length]!
  const payload = messageEvent({
    openId,
    text: QUESTIONS[id % QUESTIONS.length]!,
    eventId: `ev_pipe_${id}`,
    messageId: `om_pipe_${id}`,
    token: VERIFICATION_TOKEN,
    // Ladder runs on the real clock here: the event must be inside its 5-minute window.
    createTimeMs: Date.now(),
  })
  const body = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(payload), ENCRYPT_KEY) })
  return {
    method: 'POST',
    body,
    id,
    openId,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...signatureHeaders(body, ENCRYPT_KEY, Math.floor(Date.now() / 1000), `nonce-${id}`),
    },
  }
}

const startChild = (role: Role, env: Record<string, string>): ChildProcess => forkRole(fileURLToPath(import.meta.url), role, env)

/** The first text of a Feishu card 2.0 JSON string, for a glimpse of an answer. */
function cardText(content: unknown): string {
  const find = (node: unknown): string | undefined => {
    if (node === null || typeof node !== 'object') return undefined
    for (const [key, value] of Object.entries(node)) {
      if (key === 'content' && typeof value === 'string' && value.trim().length > 3) return value
      const inner = find(value)
      if (inner) return inner
    }
    return undefined
  }
  try {
    return (find(JSON.parse(String(content))) ?? '').slice(0, 60).replace(/\s+/g, ' ')
  } catch {
    return ''
  }
}

async function drive(): Promise<void> {
  const { startFakeFeishu } = await import('../test/fakes/feishu-api.js')
  const autocannon = loadAutocannon()
  const started = performance.now()
  const loadAtStart = loadavg()
  const dir = mkdtempSync(join(tmpdir(), 'ladder-pipeline-feishu-'))
  const children: ChildProcess[] = []
  const emails = demoEmails()
  emails.forEach((_, index) => {
    users.push(`ou_pipe_${String(index).padStart(3, '0')}`)
  })
  const fake = await startFakeFeishu({
    appId: APP_ID,
    appSecret: APP_SECRET,
    botOpenId: BOT_OPEN_ID,
    users: Object.fromEntries(users.map((openId, index) => [openId, { name: openId, email: emails[index]! }])),
  })
  try {
    // The replies: each open_id's events wait in order; a reply to that open_id answers the oldest.
    const sentAt = new Map<number, number>()
    const repliedAt = new Map<number, number>()
    const waiting = new Map<string, number[]>(users.map((u) => [u, []]))
    let unmatched = 0
    let replies = 0
    const samples: string[] = []
    let nextMessageId = 1
    fake.route('POST', '/open-apis/im/v1/messages', (call) => {
      const at = performance.now()
      const body = (call.body ?? {}) as { receive_id?: string; content?: unknown }
      const receiveId = String(body.receive_id ?? '')
      replies++
      const id = waiting.get(receiveId)?.shift()
      if (id === undefined) unmatched++
      else repliedAt.set(id, at)
      if (samples.length < 3) samples.push(cardText(body.content))
      return {
        status: 200,
        body: {
          code: 0,
          msg: 'success',
          data: { message_id: `om_bench_${nextMessageId++}`, chat_id: `oc_p2p_${receiveId}`, msg_type: 'interactive' },
        },
      }
    })
    const noteSent = (spec: { id: number; openId: string }, at: number) => {
      sentAt.set(spec.id, at)
      waiting.get(spec.openId)!.push(spec.id)
    }
    /** A refused event will not be answered: it must not take another's reply. */
    const forget = (spec: { id: number; openId: string }) => {
      const queue = waiting.get(spec.openId)!
      const at = queue.indexOf(spec.id)
      if (at >= 0) queue.splice(at, 1)
    }

    // Ladder, started as `npm start` starts it, on an empty database (migrated and seeded on start).
    const port = await freePort()
    const ladder = startChild('ladder', {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'ladder.db')}`,
      LADDER_DEMO: 'true',
      LOG_LEVEL: 'warn',
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: APP_SECRET,
      FEISHU_DOMAIN: fake.url,
      FEISHU_MODE: 'http',
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
    })
    children.push(ladder)
    let stderr = ''
    ladder.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    const base = `http://127.0.0.1:${port}`
    const bootStart = performance.now()
    for (;;) {
      if (ladder.exitCode !== null) throw new Error(`Ladder exited on start:\n${stderr}`)
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (performance.now() - bootStart > 60_000) throw new Error(`Ladder not ready after 60 s:\n${stderr}`)
      await sleep(50)
    }
    console.log(
      `pipeline-feishu: Ladder (bot/main.ts) on a fresh SQLite file, demo organisation, Feishu HTTP mode (Encrypt Key + Verification Token), ${users.length} demo people; ready in ${ms(performance.now() - bootStart)} (migrate + seed included)`,
    )
    console.log(
      `machine: ${cpus().length} CPUs, load average ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min) at the start`,
    )

    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
    const acks: number[] = []
    let ackFailures = 0
    let ackTimeouts = 0
    const send = (spec: ReturnType<typeof signedEvent>): Promise<void> =>
      new Promise((resolve) => {
        const at = performance.now()
        noteSent(spec, at)
        const req = request(`${base}${EVENTS_PATH}`, { method: 'POST', agent, headers: spec.headers }, (response) => {
          response.resume()
          response.on('end', () => {
            if (response.statusCode === 200) acks.push(performance.now() - at)
            else {
              ackFailures++
              forget(spec)
            }
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
    const stats = () => statsOf<ServerStats>(ladder)
    const waitForReplies = async (ids: number[], limitMs: number) => {
      const until = performance.now() + limitMs
      while (ids.some((id) => !repliedAt.has(id)) && performance.now() < until) await sleep(20)
    }

    // Warm-up, which also links every demo person (contact/v3/users on their first message).
    const warm = users.map(() => signedEvent())
    await Promise.all(warm.map(send))
    await waitForReplies(
      warm.map((w) => w.id),
      20_000,
    )
    const warmAnswered = warm.filter((w) => repliedAt.has(w.id)).length
    const lookups = fake.callsTo('GET', /^\/open-apis\/contact\/v3\/users\//).length
    console.log(
      `warm-up: ${warmAnswered} of ${warm.length} answered, ${lookups} contact look-ups (linking); e.g. ${samples.map((s) => `"${s}"`).join(' · ')}`,
    )

    // 1. Reply latency at fixed rates.
    const runRate = async (rate: number, seconds: number) => {
      acks.length = 0
      ackFailures = 0
      ackTimeouts = 0
      const before = await stats()
      const ids: number[] = []
      const inflight: Promise<void>[] = []
      const t0 = performance.now()
      const total = rate * seconds
      while (ids.length < total) {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1)
        while (ids.length < due) {
          const spec = signedEvent()
          ids.push(spec.id)
          inflight.push(send(spec))
        }
        await sleep(5)
      }
      await Promise.all(inflight)
      await waitForReplies(ids, DRAIN_MS)
      const after = await stats()
      const answered = ids.filter((id) => repliedAt.has(id))
      const latencies = answered.map((id) => repliedAt.get(id)! - sentAt.get(id)!).sort((a, b) => a - b)
      const sortedAcks = [...acks].sort((a, b) => a - b)
      const cpu = (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, answered.length)
      const sql = (after.statements - before.statements) / Math.max(1, answered.length)
      const row = `${`${rate}/s × ${seconds} s`.padEnd(12)} ${`${answered.length}/${total}`.padStart(11)}  reply p50 ${ms(percentile(latencies, 50)).padStart(8)}, p99 ${ms(percentile(latencies, 99)).padStart(8)}, max ${ms(latencies.at(-1) ?? Number.NaN).padStart(8)}  ack p50 ${ms(percentile(sortedAcks, 50))}, p99 ${ms(percentile(sortedAcks, 99))}, not acked ${ackFailures} (${ackTimeouts} after the 10 s time-out)  CPU ${cpu.toFixed(1)} ms/answer, SQL ${sql.toFixed(1)} statements/answer`
      console.log(row)
      return row
    }
    const rateRows: string[] = []
    for (const rate of RATES) rateRows.push(await runRate(rate, RATE_SECONDS))
    agent.destroy()
    if (process.env.BENCH_FLAT === '0') return

    // 2. Flat out at 50 connections: the peers in their own processes, then Ladder.
    const flat = async (url: string, track: boolean) =>
      autocannon({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const spec = signedEvent()
              if (track) noteSent(spec, performance.now())
              return { ...req, method: spec.method, body: spec.body!, headers: spec.headers! }
            },
          },
        ],
      })
    const results: [string, AutocannonResult, string][] = []
    for (const [name, role] of [
      ['bare fastify POST', 'fastify'],
      ["Lark SDK's EventDispatcher", 'lark'],
    ] as const) {
      const child = startChild(role, {})
      children.push(child)
      const ready = await nextMessage<{ port?: number }>(child)
      if (!ready.port) throw new Error(`${role} did not start`)
      const result = await flat(`http://127.0.0.1:${ready.port}${EVENTS_PATH}`, false)
      let note = ''
      if (role === 'lark') {
        const { handled } = await statsOf<{ handled: number }>(child)
        note = `${handled} events decrypted, verified and handed to the handler`
      }
      results.push([name, result, note])
      await stopChild(child)
    }
    const repliesBefore = repliedAt.size
    const sentBefore = sentAt.size
    const unmatchedBefore = unmatched
    const ladderFlat = await flat(`${base}${EVENTS_PATH}`, true)
    const answeredInRun = repliedAt.size - repliesBefore
    // Every acked event is answered, after the run if not during it: wait for the backlog, then count.
    const { peak, drainMs, left } = await drainBacklog(base, DRAIN_LIMIT_MS)
    // The last answers' replies may still be on their way to the fake.
    const settle = performance.now() + 2000
    while (repliedAt.size - repliesBefore < ladderFlat.requests.total && performance.now() < settle) await sleep(20)
    const sentInRun = sentAt.size - sentBefore
    const answeredAll = repliedAt.size - repliesBefore
    results.push([
      'Ladder, whole pipeline',
      ladderFlat,
      `${answeredInRun} answered within the run; at its end ${peak.unanswered} unanswered (${peak.overflow} waiting in the database), all answered ${(drainMs / 1000).toFixed(1)} s later: ${answeredAll} answered of ${ladderFlat.requests.total} acked (${sentInRun} sent), ${left.unanswered} left, ${unmatched - unmatchedBefore} answered twice`,
    ])

    const sdk = results[1]![1]
    console.log(
      `\nflat out: ${CONNECTIONS} connections, ${SECONDS} s each, encrypted + signed im.message.receive_v1 events with distinct ids`,
    )
    console.log(
      `${'server'.padEnd(27)} ${'req/s'.padStart(7)} ${'× SDK'.padStart(6)}  ${'ack p50'.padStart(8)} ${'ack p99'.padStart(8)}  time-outs / errors / non-2xx`,
    )
    for (const [name, result, note] of results) {
      console.log(
        `${name.padEnd(27)} ${result.requests.average.toFixed(0).padStart(7)} ${(result.requests.average / sdk.requests.average).toFixed(2).padStart(6)}  ${ms(result.latency.p50).padStart(8)} ${ms(result.latency.p99).padStart(8)}  ${result.timeouts} / ${result.errors} / ${result.non2xx}  (${result.requests.total} requests${note ? `, ${note}` : ''})`,
      )
    }
    console.log(`\nLadder reply latency (event sent → im/v1/messages at the fake), answered / sent:`)
    for (const row of rateRows) console.log(row)
    if (unmatched) console.log(`(${unmatched} replies found no unanswered event of their open_id)`)
    console.log(
      `${replies} replies in all; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} at the end; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
    )
  } finally {
    for (const child of children) await stopChild(child)
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const role = process.env.PIPELINE_ROLE as Role | undefined
await (role === 'ladder' ? serveLadder() : role === 'lark' ? serveLark() : role === 'fastify' ? serveBareFastify(EVENTS_PATH) : drive())
