// Slack ingress: how fast POST /slack/events verifies, parses and acks signed
// Events API requests through the real Bolt App and our fastify receiver. Every
// request is a message.im event with a distinct event_id and its own signature.
// The work after the ack goes to a no-op core (the bench measures the ack, not
// the answer); the Web API (auth.test only) is a local fake. The server runs in
// a child process so autocannon does not share its event loop; a bare fastify
// POST route in the same server is measured first, as the ceiling.
// Run: npx tsx bench/slack-ingress.ts   (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_RATE, BENCH_PROFILE)
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import { createSlackAdapter } from '../adapters/slack/create-slack-adapter.js'
import { signatureFor } from '../adapters/slack/verify-request.js'
import { makeCard } from '../core/kernel/cards/build.js'
import type { CoreApi } from '../core/kernel/inbound.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
/** The design target is "ack p99 well under 100 ms at hundreds of events per second": measured at this rate too. */
const RATE = Number(process.env.BENCH_RATE ?? 500)
const SECRET = 'bench-signing-secret'

interface RequestSpec {
  method: string
  body?: string
  headers?: Record<string, string>
}
interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p90: number; p99: number; max: number }
  non2xx: number
  errors: number
  timeouts: number
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  overallRate?: number
  requests: { method: string; setupRequest?: (request: RequestSpec) => RequestSpec }[]
}) => Promise<AutocannonResult>
// autocannon ships no types; this is the part used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

type FromServer = { port: number } | { handled: number; cpuMicros: number }

async function serve(): Promise<void> {
  const silent = { debug() {}, info() {}, warn() {}, error() {} }
  const api = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ ok: true, team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT' }))
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  let handled = 0
  const noopCore: CoreApi = {
    async handleMessage() {
      handled++
      return null
    },
    async handleAction() {
      return null
    },
    async home() {
      return makeCard('en', undefined, [])
    },
  }
  const slack = await createSlackAdapter({
    botToken: 'xoxb-bench',
    signingSecret: SECRET,
    apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`,
    core: noopCore,
    clock: { now: () => new Date() },
    log: silent,
  })
  const app = Fastify({ logger: false })
  app.post('/bare', async () => ({ ok: true }))
  await slack.receiver!.register(app)
  await slack.start()
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.send!({ port: (app.server.address() as AddressInfo).port } satisfies FromServer)
  process.on('message', (message) => {
    if (message === 'count') {
      const { user, system } = process.cpuUsage()
      process.send!({ handled, cpuMicros: user + system } satisfies FromServer)
    }
    if (message === 'exit') process.exit(0)
  })
}

let sequence = 0
function signedEvent(): RequestSpec {
  const id = ++sequence
  const ts = String(Math.floor(Date.now() / 1000))
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `EvBENCH${id}`,
    event_time: Number(ts),
    event: {
      type: 'message',
      channel: 'D0BENCH',
      channel_type: 'im',
      user: `U${id % 500}`,
      text: 'what do I need for promotion?',
      ts: `${ts}.${id}`,
      event_ts: `${ts}.${id}`,
    },
  })
  return {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signatureFor(SECRET, ts, body) },
  }
}

function report(name: string, result: AutocannonResult): void {
  const failed = result.non2xx + result.errors + result.timeouts
  console.log(
    `${name.padEnd(22)} ${result.requests.average.toFixed(0).padStart(6)} req/s  ack p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms  (${result.requests.total} requests, ${failed} failed)`,
  )
}

async function drive(): Promise<void> {
  // BENCH_PROFILE=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, SLACK_BENCH_ROLE: 'server' },
    execArgv: [...process.execArgv, ...profile],
  })
  const next = () => new Promise<FromServer>((resolve) => child.once('message', (m) => resolve(m as FromServer)))
  const ready = await next()
  if (!('port' in ready)) throw new Error('bench server did not start')
  const base = `http://127.0.0.1:${ready.port}`
  console.log(`slack ingress: ${CONNECTIONS} connections, ${SECONDS} s per run, server in a child process`)

  report(
    'bare fastify POST',
    await autocannon({ url: `${base}/bare`, connections: CONNECTIONS, duration: SECONDS, requests: [{ method: 'POST' }] }),
  )
  child.send('count')
  const before = await next()
  const slack = await autocannon({
    url: `${base}/slack/events`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...signedEvent() }) }],
  })
  report('POST /slack/events', slack)
  child.send('count')
  const count = await next()
  report(
    `/slack/events @${RATE}/s`,
    await autocannon({
      url: `${base}/slack/events`,
      connections: CONNECTIONS,
      duration: SECONDS,
      overallRate: RATE,
      requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...signedEvent() }) }],
    }),
  )
  if (!('handled' in count) || !('handled' in before)) throw new Error('bench server did not answer')
  console.log(`events handed to the (no-op) core after their ack: ${count.handled} of ${slack.requests.total}`)
  // CPU the server spent per Slack request (verify, parse, Bolt, ack and the listener): independent of the client's cost.
  console.log(`server CPU per Slack request: ${((count.cpuMicros - before.cpuMicros) / slack.requests.total).toFixed(0)} µs`)
  child.send('exit')
}

await (process.env.SLACK_BENCH_ROLE === 'server' ? serve() : drive())
