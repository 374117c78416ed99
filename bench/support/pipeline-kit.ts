// What the whole-pipeline benchmarks share (bench/pipeline.ts for Slack,
// bench/pipeline-feishu.ts for Feishu): the real server as `npm start` runs it
// with its statistics over IPC, the bare fastify peer, child processes, the
// load generator's types, the backlog after a flood, and the figures' format.
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { countStatements } from '../../test/support/count-statements.js'

const ROOT = join(import.meta.dirname, '..', '..')

/** What a child process says over IPC: its port once listening; its statistics when asked. */
export type ServerStats = { statements: number; cpuMicros: number; loopMaxMs: number; loopP99Ms: number }

// ---- in the child processes --------------------------------------------------

/**
 * Ladder as `npm start` runs it (the build when there is one, else the sources),
 * counting the SQL statements it runs, and answering 'stats' with them, its CPU
 * time and how long its event loop was ever blocked (every ack waits that long),
 * reset at each call.
 */
export async function serveLadder(): Promise<void> {
  const { loadSqlite } = await import('../../adapters/db/sqlite-driver.js')
  const statements = countStatements(loadSqlite())
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  process.on('message', (message) => {
    if (message !== 'stats') return
    const { user, system } = process.cpuUsage()
    const stats: ServerStats = {
      statements: statements(),
      cpuMicros: user + system,
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
    }
    loop.reset()
    process.send!(stats)
  })
  const built = join(ROOT, 'dist', 'bot', 'main.js')
  await import(existsSync(built) ? pathToFileURL(built).href : '../../bot/main.js')
}

/** The floor: a fastify POST route that does nothing. */
export async function serveBareFastify(path: string): Promise<void> {
  const { default: Fastify } = await import('fastify')
  const app = Fastify({ logger: false })
  app.post(path, async () => ({}))
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.send!({ port: (app.server.address() as AddressInfo).port })
}

// ---- in the driver -------------------------------------------------------------

export interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; max: number }
  non2xx: number
  errors: number
  timeouts: number
}
export interface RequestSpec {
  method: string
  body?: string
  headers?: Record<string, string>
}
export type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  requests: { method: string; setupRequest?: (request: RequestSpec) => RequestSpec }[]
}) => Promise<AutocannonResult>

export const loadAutocannon = (): Autocannon => createRequire(import.meta.url)('autocannon') as Autocannon

/** What the benchmarks ask, in turn: Chinese and English, gap reports, tasks, trainings. */
export const QUESTIONS = [
  '我晋升还差什么?',
  "what's on my plate",
  'what do I need for promotion?',
  '我有哪些待办',
  '我的培训有哪些',
  'which courses should I take',
]

/** The demo organisation's people, by email (examples/demo/employees.csv). */
export const demoEmails = (): string[] =>
  readFileSync(join(ROOT, 'examples', 'demo', 'employees.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!.trim())
    .filter((email) => email.includes('@'))

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN
export const ms = (value: number): string =>
  Number.isNaN(value) ? '—' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`
export const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Forks `script` again in the given role (PIPELINE_ROLE): the servers run in their own processes. */
export function forkRole(script: string, role: string, env: Record<string, string>, options: { execArgv?: string[]; logs?: boolean } = {}) {
  return fork(script, [], {
    env: { ...process.env, ...env, PIPELINE_ROLE: role },
    execArgv: options.execArgv ?? process.execArgv,
    stdio: ['ignore', options.logs ? 'pipe' : 'ignore', 'pipe', 'ipc'],
  })
}

export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited (${code}) before answering`))
    child.once('exit', onExit)
    child.once('message', (message) => {
      child.off('exit', onExit)
      resolve(message as T)
    })
  })
}

/** Asks a child for its statistics. */
export async function statsOf<T>(child: ChildProcess): Promise<T> {
  const pending = nextMessage<T>(child)
  child.send('stats')
  return pending
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

type Backlog = { unanswered: number; overflow: number }

/** Ladder's questions acked and not answered yet, from /healthz. */
const backlogOf = async (base: string): Promise<Backlog> =>
  ((await (await fetch(`${base}/healthz`)).json()) as { answers: Backlog }).answers

/** After a flood: the backlog at its end, how long it took to answer it all (up to `limitMs`), and what is left. */
export async function drainBacklog(base: string, limitMs: number): Promise<{ peak: Backlog; drainMs: number; left: Backlog }> {
  const start = performance.now()
  const peak = await backlogOf(base)
  while ((await backlogOf(base)).unanswered > 0 && performance.now() - start < limitMs) await sleep(100)
  return { peak, drainMs: performance.now() - start, left: await backlogOf(base) }
}
