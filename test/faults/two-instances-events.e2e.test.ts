// Two real Ladder servers (bot/main.ts, each its own process and INSTANCE_NAME) on one
// database answer signed Slack events spread over them as a load balancer would, with
// a small answering queue so most questions wait in the database first:
// 1. every event is answered exactly once, including those Slack redelivers to the
//    other instance (x-slack-retry-num) while the first still holds them;
// 2. an instance killed with SIGKILL while questions it admitted wait unanswered:
//    the other adopts them after ANSWER_ADOPT_AFTER_MS and answers them. Only an answer
//    under way at the kill (at most ANSWER_CONCURRENCY) may be lost: the event is marked
//    processed before its reply is sent, so it is never sent twice.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import { projectPath } from '../../core/kernel/project-root.js'
import { FAKE_TEAM_ID, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { boundPort } from '../support/ports.js'

const SECRET = 'two-instances-signing-secret-0123456789'
const QUESTIONS = ['我晋升还差什么?', "what's on my plate", '我的培训有哪些', 'what do I need for promotion?']

let t: TestDb
let slack: FakeSlackApi
/** The killed instance's own Slack: it answers slowly, so its questions pile up in the database. */
let slowSlack: FakeSlackApi
const instances: ChildProcess[] = []
const users: string[] = []

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, new Date())
  ;[slack, slowSlack] = await Promise.all([startFakeSlackApi(), startFakeSlackApi()])
  const emails = readFileSync(projectPath('examples/demo/employees.csv'), 'utf8')
    .split('\n')
    .slice(1, 13)
    .map((line) => line.split(',')[0]!)
  for (const [i, email] of emails.entries()) {
    const id = `U0TWO${String(i).padStart(3, '0')}`
    slack.addUser({ id, email })
    slowSlack.addUser({ id, email })
    users.push(id)
  }
}, 90_000)

afterAll(async () => {
  for (const child of instances) child.kill('SIGKILL')
  await slack?.close()
  await slowSlack?.close()
  await t?.close()
})

async function startInstance(
  name: string,
  apiUrl: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string }> {
  const keyFile = join(t.dir, 'seal.key')
  writeFileSync(keyFile, Buffer.alloc(32, 7).toString('base64'), { mode: 0o600 })
  let stderr = ''
  let stdout = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: projectPath(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: t.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LADDER_DEMO: 'false',
      // Info, for the line with the port it bound; its stdout is read until then.
      LOG_LEVEL: 'info',
      INSTANCE_NAME: name,
      FEEDBACK_SEAL_KEY_FILE: keyFile,
      CONSOLE_ENABLED: 'false',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      ANSWER_QUEUE_SIZE: '5',
      ...env,
    },
  })
  instances.push(child)
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  let port: number | undefined
  child.stdout!.on('data', (chunk: Buffer) => {
    if (port) return
    stdout += chunk.toString()
    port = boundPort(stdout)
  })
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL') console.error(`${name} exited (${code}):\n${stderr}`)
  })
  await until(async () => port !== undefined, 60_000)
  const base = `http://127.0.0.1:${port}`
  await until(
    () =>
      fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
  )
  return { child, base }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`not reached in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

let sequence = 0
/** A signed message.im event; its unique thread_ts comes back in the reply. */
function event(): { id: string; thread: string; body: string } {
  const n = ++sequence
  const user = users[n % users.length]!
  const ts = `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`
  const id = `EvTWO${n}`
  const body = JSON.stringify({
    token: 'x',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0TWO',
    type: 'event_callback',
    event_id: id,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'message',
      channel: `D${user.slice(1)}`,
      channel_type: 'im',
      user,
      text: QUESTIONS[n % QUESTIONS.length],
      ts,
      event_ts: ts,
      thread_ts: ts,
    },
  })
  return { id, thread: ts, body }
}

async function post(base: string, body: string, retry?: number): Promise<number> {
  const ts = String(Math.floor(Date.now() / 1000))
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signatureFor(SECRET, ts, body),
      ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  })
  await response.arrayBuffer()
  return response.status
}

/** Replies per thread, over both fakes. */
function repliesByThread(): Map<string, number> {
  const count = new Map<string, number>()
  for (const fake of [slack, slowSlack])
    for (const call of fake.callsTo('chat.postMessage')) {
      const thread = String(call.args.thread_ts ?? '')
      count.set(thread, (count.get(thread) ?? 0) + 1)
    }
  return count
}

it('two instances on one database: spread events and their redeliveries are each answered once; a killed instance’s waiting questions are adopted', async () => {
  const a = await startInstance('ladder-a', slowSlack.apiUrl, { ANSWER_CONCURRENCY: '1' })
  const b = await startInstance('ladder-b', slack.apiUrl, { ANSWER_ADOPT_AFTER_MS: '1500' })

  // 1. 300 events alternating between the instances; every tenth also redelivered to the other one at once.
  const spread = Array.from({ length: 300 }, () => event())
  const statuses = await Promise.all(
    spread.flatMap((e, i) => {
      const [first, other] = i % 2 ? [a.base, b.base] : [b.base, a.base]
      return i % 10 === 0 ? [post(first, e.body), post(other, e.body, 1)] : [post(first, e.body)]
    }),
  )
  expect(statuses.every((s) => s === 200)).toBe(true)
  await until(() => spread.every((e) => repliesByThread().has(e.thread)), 120_000)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const replies = repliesByThread()
  expect(spread.map((e) => replies.get(e.thread))).toEqual(spread.map(() => 1))

  // 2. A burst to the slow instance, which answers one at a time (each reply waits 300 ms at its Slack);
  //    killed once a few are answered, with most of the burst waiting in the database.
  slowSlack.fault('chat.postMessage', { delayMs: 300 })
  const burst = Array.from({ length: 60 }, () => event())
  expect((await Promise.all(burst.map((e) => post(a.base, e.body)))).every((s) => s === 200)).toBe(true)
  await until(() => burst.filter((e) => repliesByThread().has(e.thread)).length >= 3, 60_000)
  a.child.kill('SIGKILL')
  const answeredBeforeKill = burst.filter((e) => repliesByThread().has(e.thread)).length
  const started = Date.now()
  await until(() => burst.filter((e) => repliesByThread().has(e.thread)).length >= burst.length - 1, 60_000)
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const after = repliesByThread()
  const missing = burst.filter((e) => !after.has(e.thread)).length
  expect(Math.max(...burst.map((e) => after.get(e.thread) ?? 0))).toBe(1)
  // At most the one answer under way at the kill (ANSWER_CONCURRENCY 1).
  expect(missing).toBeLessThanOrEqual(1)
  console.log(
    `two instances: ${spread.length} events spread (${spread.length / 10} redelivered to the other instance) each answered once; ` +
      `burst of ${burst.length} to an instance killed after ${answeredBeforeKill} answers: the other adopted the rest and answered them in ${((Date.now() - started) / 1000).toFixed(1)} s, ${missing} lost`,
  )
}, 300_000)
