// The shipped reverse-proxy config, run for real: nginx (a child process) with
// deploy/nginx/ladder.conf — rendered with test ports, hostname and a self-signed
// certificate, nothing else changed — in front of two Ladder servers as `npm start`
// runs them (the build, `node dist/bot/main.js`) on one SQLite file, Slack's Web API
// on the local fake. Checked over HTTPS, as docs/deploy.md sets Ladder up
// (HOST=127.0.0.1, TRUST_PROXY=loopback).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import { ROOT } from '../data/helpers.js'
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { dmEvent, SIGNING_SECRET, USERS } from '../slack/harness.js'
import { waitUntil } from '../slack/wait.js'
import { boundPort, freePort } from '../support/ports.js'

const HOSTNAME = 'ladder.test'
/** A self-signed certificate for HOSTNAME (test/deploy/tls/README.md). */
const TLS = join(ROOT, 'test', 'deploy', 'tls')
/** A client elsewhere on the network, as nginx sees it (all of 127.0.0.0/8 is this machine's loopback). */
const OUTSIDE = '127.0.0.9'
const CONSOLE_TOKEN = 'console-token-for-the-proxy-test-0123456789'
const LI = 'li.lei@demo.ladder'

/** nginx from PATH or Debian's /usr/sbin; the test fails (never skips) without it. */
function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'])
    if (existsSync(candidate)) return candidate
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' })
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim()
  throw new Error('nginx is not installed: `apt-get install -y nginx` (.ci/run installs it on a fresh machine)')
}

interface Ports {
  http: number
  https: number
  /** 0 until an instance has started: the first start takes the port the system gives it (PORT=0), a restart keeps it. */
  instances: [number, number]
}

/**
 * The shipped file with only its "CHANGE" lines replaced: listen ports (IPv4 loopback;
 * the IPv6 listen lines dropped, a CI machine may have no IPv6), hostname, certificate,
 * the ACME folder and the upstream servers. Each replacement must hit, so a config that
 * drifts from what is tested fails here.
 */
function renderNginxConfig(shipped: string, dir: string, ports: Ports): string {
  let text = shipped
  const replace = (pattern: RegExp, by: string, times: number) => {
    const hits = text.match(new RegExp(pattern.source, 'gm'))?.length ?? 0
    if (hits !== times) throw new Error(`deploy/nginx/ladder.conf changed: ${pattern} matched ${hits} times, expected ${times}`)
    text = text.replace(new RegExp(pattern.source, 'gm'), by)
  }
  replace(/^\s*listen \[::\]:\d+.*\n/, '', 3)
  replace(/listen 80;/, `listen 127.0.0.1:${ports.http};`, 1)
  replace(/listen 443 ssl/, `listen 127.0.0.1:${ports.https} ssl`, 2)
  replace(/server_name ladder\.example\.com;/, `server_name ${HOSTNAME};`, 2)
  replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${join(TLS, 'ladder.test.crt')};`, 1)
  replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${join(TLS, 'ladder.test.key')};`, 1)
  replace(/root \/var\/www\/letsencrypt;/, `root ${join(dir, 'acme')};`, 1)
  replace(/server 127\.0\.0\.1:3000 /, `server 127.0.0.1:${ports.instances[0]} `, 2)
  replace(/server 127\.0\.0\.1:3001 /, `server 127.0.0.1:${ports.instances[1]} `, 2)
  return text
}

/** The main nginx.conf around it: what /etc/nginx/nginx.conf provides, with every path in the test folder. */
const mainConfig = (dir: string): string => `
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
worker_processes 1;
events { worker_connections 256; }
http {
    access_log ${join(dir, 'access.log')};
    client_body_temp_path ${join(dir, 'body')};
    proxy_temp_path ${join(dir, 'proxy')};
    fastcgi_temp_path ${join(dir, 'fastcgi')};
    uwsgi_temp_path ${join(dir, 'uwsgi')};
    scgi_temp_path ${join(dir, 'scgi')};
    include ${join(dir, 'ladder.conf')};
}
`

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

interface Call {
  method?: string
  path: string
  headers?: Record<string, string>
  body?: string
  /** The client's address; OUTSIDE unless a test says otherwise. */
  from?: string
  /** SNI and Host. */
  host?: string
}

let dir = ''
let buildDir = ''
let ports: Ports
let nginx: ChildProcess | undefined
let nginxOutput = ''
let fake: FakeSlackApi
let ca: Buffer
const instances: (Instance | undefined)[] = [undefined, undefined]

function https(call: Call): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const host = call.host ?? HOSTNAME
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: ports.https,
        servername: host,
        ca,
        agent: false,
        localAddress: call.from ?? OUTSIDE,
        method: call.method ?? 'GET',
        path: call.path,
        headers: { host, ...call.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(call.body)
  })
}

/** A plain HTTP request straight to `port` on loopback (nginx's port 80, or an instance). */
function http(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** A signed Slack event through the proxy, signed now (Ladder checks the timestamp against its clock). */
function postSlackEvent(event: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> {
  const body = JSON.stringify(event)
  const now = String(Math.floor(Date.now() / 1000))
  return https({
    method: 'POST',
    path: '/slack/events',
    body,
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': now,
      'x-slack-signature': signatureFor(SIGNING_SECRET, now, body),
      ...headers,
    },
  })
}

interface Instance {
  child: ChildProcess
  port: number
  /** stdout (pino JSON lines) and stderr so far. */
  output: () => string
  exited: Promise<number | null>
}

/** One Ladder server as systemd starts it (deploy/systemd/ladder.service): the build, its own env, nothing inherited. */
async function startInstance(index: 0 | 1, env: Record<string, string | undefined>): Promise<Instance> {
  let port = ports.instances[index]
  const work = join(dir, `instance-${index}`)
  mkdirSync(work, { recursive: true })
  const settings: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `file:${join(dir, 'data', 'ladder.db')}`,
    FEEDBACK_SEAL_KEY: Buffer.alloc(32, 7).toString('base64'),
    // Request lines (with the client's address) are logged at debug only.
    LOG_LEVEL: 'debug',
    TRUST_PROXY: 'loopback',
    PUBLIC_URL: `https://${HOSTNAME}/`,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    CONSOLE_ENABLED: 'true',
    ...env,
  }
  const child = spawn(process.execPath, [join(buildDir, 'dist', 'bot', 'main.js')], {
    cwd: work,
    env: Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let hasExited = false
  void exited.then(() => (hasExited = true))
  const started = Date.now()
  for (;;) {
    if (hasExited) throw new Error(`Ladder instance ${index} exited while starting:\n${output}`)
    // The port it bound, from its own log line: a port chosen here and handed over could be taken in between.
    port ||= boundPort(output) ?? 0
    const ready = port ? await http(port, '/readyz').catch(() => null) : null
    if (ready?.status === 200) break
    if (Date.now() - started > 60_000) throw new Error(`Ladder instance ${index} not ready after 60 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const instance = { child, port, output: () => output, exited }
  instances[index] = instance
  ports.instances[index] = port
  return instance
}

/** SIGTERM, as `systemctl stop` sends it: the exit code. */
async function stopInstance(index: 0 | 1): Promise<number | null> {
  const instance = instances[index]
  if (!instance) return null
  instance.child.kill('SIGTERM')
  const code = await instance.exited
  instances[index] = undefined
  return code
}

/** Request log lines ("incoming request") of an instance, parsed. */
type RequestLine = { req: { method: string; url: string; remoteAddress: string; host: string } }
function requestLines(instance: Instance): RequestLine[] {
  return instance
    .output()
    .split('\n')
    .filter((line) => line.includes('"incoming request"'))
    .map((line) => JSON.parse(line) as RequestLine)
}

const slackAnswers = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel)
const isFromNginx = (reply: Reply) => reply.status === 403 && /<center>nginx/.test(reply.body)

beforeAll(async () => {
  const nginxBinary = findNginx()
  dir = mkdtempSync(join(tmpdir(), 'ladder-nginx-'))
  // nginx's worker runs as an unprivileged user when the test runs as root: it must reach its temp folders.
  chmodSync(dir, 0o755)
  mkdirSync(join(dir, 'data'))
  mkdirSync(join(dir, 'acme'))
  ports = { http: 0, https: 0, instances: [0, 0] }

  ca = readFileSync(join(TLS, 'ladder.test.crt'))

  // The build, as `npm start` runs it, into a folder of this test's own (like test/data/built-cli.e2e.test.ts).
  mkdirSync(join(ROOT, 'tmp'), { recursive: true })
  buildDir = mkdtempSync(join(ROOT, 'tmp', 'deploy-nginx-'))
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), join(buildDir, 'dist')], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`)

  fake = await startFakeSlackApi()
  fake.addUser({ id: USERS.liLei, email: LI })
  fake.addUser({ id: USERS.alex, email: 'alex.chen@demo.ladder' })
  fake.addUser({ id: USERS.han, email: 'Han.Meimei@demo.ladder' })

  // The first start migrates and seeds the empty database; the second finds it ready.
  await startInstance(0, {})
  await startInstance(1, {})

  await startNginx(nginxBinary)
}, 180_000)

/**
 * nginx on two ports found free just before. Another process (tests run in parallel)
 * may take one in between: nginx then cannot bind, exits, and is started again on
 * fresh ports. It is up when its own redirect answers on the HTTP port.
 */
async function startNginx(binary: string): Promise<void> {
  const shipped = readFileSync(join(ROOT, 'deploy', 'nginx', 'ladder.conf'), 'utf8')
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir))
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')]
  for (let attempt = 1; ; attempt++) {
    ports.http = await freePort()
    ports.https = await freePort()
    writeFileSync(join(dir, 'ladder.conf'), renderNginxConfig(shipped, dir, ports))
    const check = spawnSync(binary, [...args, '-t'], { encoding: 'utf8' })
    if (check.status !== 0) throw new Error(`nginx -t refused the rendered config:\n${check.stderr}`)
    nginxOutput = ''
    const child = spawn(binary, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] })
    nginx = child
    child.stderr?.on('data', (d: Buffer) => (nginxOutput += d.toString()))
    const started = Date.now()
    for (;;) {
      const reply = await http(ports.http, '/', { host: HOSTNAME }).catch(() => null)
      if (reply?.status === 301 && /^nginx/.test(String(reply.headers.server)) && child.exitCode === null) return
      if (child.exitCode !== null) break
      if (Date.now() - started > 20_000) throw new Error(`nginx did not start:\n${nginxOutput}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const log = `${nginxOutput}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`
    if (!/Address already in use/.test(log) || attempt === 5) throw new Error(`nginx did not start:\n${log}`)
    rmSync(join(dir, 'error.log'), { force: true })
  }
}

afterAll(async () => {
  for (const instance of instances) instance?.child.kill('SIGKILL')
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGTERM')
    await new Promise((resolve) => nginx?.once('exit', resolve))
  }
  await fake?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  if (buildDir) rmSync(buildDir, { recursive: true, force: true })
})

describe('TLS and the redirect', () => {
  it('redirects plain HTTP to HTTPS, path and query kept', async () => {
    const reply = await http(ports.http, '/console?lang=en', { host: HOSTNAME })
    expect(reply.status).toBe(301)
    expect(reply.headers.location).toBe(`https://${HOSTNAME}/console?lang=en`)
  })

  it('serves HTTPS with the certificate, TLS 1.2 or newer, and HSTS', async () => {
    const reply = await https({ path: '/slack/events', method: 'GET' })
    // Ladder's answer (only POST is routed), not nginx's.
    expect(reply.status).toBe(404)
    expect(reply.headers['strict-transport-security']).toBe('max-age=63072000')
    const refused = await new Promise<string>((resolve) => {
      // SECLEVEL=0 lets this client offer TLS 1.1 at all: the refusal must be the server's (its protocol_version alert).
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: ports.https,
          servername: HOSTNAME,
          ca,
          agent: false,
          maxVersion: 'TLSv1.1',
          minVersion: 'TLSv1',
          ciphers: 'DEFAULT@SECLEVEL=0',
        },
        () => resolve('connected'),
      )
      req.on('error', (error: Error) => resolve(error.message))
      req.end()
    })
    // An alert the server sent (nginx offers nothing below TLS 1.2), not a refusal of this client's own.
    expect(refused).toMatch(/SSL alert number/)
    const negotiated = await new Promise<string | null>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: ports.https, servername: HOSTNAME, ca }, () => {
        resolve(socket.getProtocol())
        socket.end()
      })
      socket.on('error', reject)
    })
    expect(negotiated).toBe('TLSv1.3')
  })

  it('rejects the TLS handshake for any other name (scans by address never reach Ladder)', async () => {
    const error = await https({ path: '/', host: 'other.example' }).then(
      () => 'answered',
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    )
    expect(error).not.toBe('answered')
  })
})

describe('Slack through the proxy, two instances on one SQLite file', () => {
  it('acks signed events and answers each once, spreading them over both instances', async () => {
    const people = [USERS.liLei, USERS.alex, USERS.han]
    const events = people.flatMap((user) => [dmEvent(user, 'help'), dmEvent(user, 'my tasks')])
    for (const event of events) {
      const reply = await postSlackEvent(event)
      expect(reply.status).toBe(200)
    }
    for (const user of people) await waitUntil(() => slackAnswers(`D${user.slice(1)}`).length >= 2, 50)
    for (const user of people) expect(slackAnswers(`D${user.slice(1)}`)).toHaveLength(2)
    const served = instances.map(
      (instance) => requestLines(instance!).filter((line) => line.req.method === 'POST' && line.req.url === '/slack/events').length,
    )
    expect(served[0]! + served[1]!).toBe(events.length)
    expect(Math.min(...served)).toBeGreaterThan(0)
  })

  it('refuses a forged event at Ladder (nginx passes it on untouched)', async () => {
    const reply = await postSlackEvent(dmEvent(USERS.alex, 'help'), { 'x-slack-signature': 'v0=forged' })
    expect(reply.status).toBe(401)
  })
})

describe('what reaches Ladder', () => {
  it('logs the client address nginx saw (TRUST_PROXY=loopback), not nginx own and not one the client made up', async () => {
    const path = `/probe-${Date.now()}`
    const reply = await https({ path, headers: { 'x-forwarded-for': '203.0.113.66', 'x-real-ip': '203.0.113.66' } })
    expect(reply.status).toBe(404)
    const logged = () => instances.flatMap((instance) => requestLines(instance!)).filter((line) => line.req.url === path)
    // The line is written as the request arrives; the pipe from the child may lag a little.
    await waitUntil(() => logged().length > 0, 20)
    const lines = logged()
    expect(lines).toHaveLength(1)
    expect(lines[0]!.req.remoteAddress).toBe(OUTSIDE)
    expect(lines[0]!.req.host).toBe(HOSTNAME)
  })

  it('does not take a request through the proxy for a local one: the console refuses it without a token', async () => {
    // Even from this very machine: through the proxy is never "local" (Host is the public name).
    for (const from of [OUTSIDE, '127.0.0.1']) {
      for (const path of ['/console', '/console/people', '/console/events', '/console/home']) {
        const reply = await https({ path, from })
        expect(reply.status, `${path} from ${from}`).toBe(403)
        expect(reply.headers['set-cookie']).toBeUndefined()
        expect(isFromNginx(reply)).toBe(false)
      }
    }
    // The same instances let a browser on their own machine in, straight to the port: the rule itself holds.
    expect((await http(ports.instances[0], '/console', { host: `127.0.0.1:${ports.instances[0]}` })).status).toBe(200)
  })
})

describe('operator endpoints', () => {
  it('refuses /metrics, /admin/ and the health checks to clients outside the allow-list, at nginx', async () => {
    for (const path of ['/metrics', '/admin/', '/admin/import', '/healthz', '/readyz']) {
      const reply = await https({ path })
      expect(isFromNginx(reply), path).toBe(true)
    }
    const post = await https({ method: 'POST', path: '/admin/import', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(isFromNginx(post)).toBe(true)
  })

  it('passes them to Ladder from an allowed address', async () => {
    const ready = await https({ path: '/readyz', from: '127.0.0.1' })
    expect(ready.status).toBe(200)
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' })
    for (const path of ['/metrics', '/admin/']) expect(isFromNginx(await https({ path, from: '127.0.0.1' })), path).toBe(false)
  })
})

describe('an instance going away', () => {
  it('stops cleanly on SIGTERM, and the other instance takes every event (nginx skips the dead one)', async () => {
    expect(await stopInstance(1)).toBe(0)
    const events = [dmEvent(USERS.liLei, 'help'), dmEvent(USERS.alex, 'help'), dmEvent(USERS.han, 'help'), dmEvent(USERS.liLei, 'help')]
    const answered = (user: string) => slackAnswers(`D${user.slice(1)}`).length
    const expected = new Map([USERS.liLei, USERS.alex, USERS.han].map((u) => [u, answered(u) + (u === USERS.liLei ? 2 : 1)]))
    for (const event of events) expect((await postSlackEvent(event)).status).toBe(200)
    for (const [user, count] of expected) await waitUntil(() => answered(user) >= count, 50)
    for (const [user, count] of expected) expect(answered(user)).toBe(count)
  })
})

describe('the console through the proxy, with CONSOLE_TOKEN (docs/deploy.md)', () => {
  let cookie = ''

  beforeAll(async () => {
    expect(await stopInstance(0)).toBe(0)
    // Without PUBLIC_URL, only X-Forwarded-Proto can tell Ladder the browser used HTTPS (the Secure cookie below).
    await startInstance(0, { CONSOLE_TOKEN, PUBLIC_URL: undefined })
    await startInstance(1, { CONSOLE_TOKEN, PUBLIC_URL: undefined })
  }, 120_000)

  const sessionCookie = (reply: Reply): string => {
    const header = reply.headers['set-cookie']?.find((c) => c.startsWith('ladder_console='))
    if (!header) throw new Error(`no session cookie: ${reply.status} ${reply.body.slice(0, 200)}`)
    return header
  }

  it('exchanges the token for a Secure cookie (X-Forwarded-Proto reached Ladder) and keeps one browser on one instance', async () => {
    const entry = await https({ path: `/console?token=${CONSOLE_TOKEN}` })
    expect(entry.status).toBe(303)
    const set = sessionCookie(entry)
    expect(set).toMatch(/; Secure/)
    cookie = set.split(';')[0]!
    // Sessions live in one instance's memory: these all reach the one that made it.
    for (let i = 0; i < 4; i++) expect((await https({ path: '/console/people', headers: { cookie } })).status).toBe(200)
    const picked = await https({
      method: 'POST',
      path: '/console/session',
      body: JSON.stringify({ email: LI }),
      headers: { cookie, 'content-type': 'application/json', origin: `https://${HOSTNAME}` },
    })
    expect(picked.status).toBe(200)
    cookie = sessionCookie(picked).split(';')[0]!
  })

  it('passes the event streams on as they are written, while they stay open', async () => {
    const stream = await openStream('/console/events', cookie)
    try {
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
      await stream.until((text) => text.includes('event: unread'))
      // A live event after the stream is open: opening the inbox tells the person's tabs.
      const seen = stream.text().length
      const read = await https({ method: 'POST', path: '/console/inbox/read', headers: { cookie, origin: `https://${HOSTNAME}` } })
      expect(read.status).toBe(200)
      await stream.until((text) => text.slice(seen).includes('event: unread\ndata: {"unread":0}'))
      expect(stream.hasEnded()).toBe(false)
    } finally {
      stream.close()
    }
    const picker = await openStream('/console/people/events', cookie)
    try {
      await picker.until((text) => text.includes('retry: 3000'))
      expect(picker.hasEnded()).toBe(false)
    } finally {
      picker.close()
    }
  })
})

interface Stream {
  headers: IncomingHttpHeaders
  text(): string
  /** Resolves when the text so far matches; fails after 15 s (a buffering proxy holds the bytes back until the stream ends). */
  until(match: (text: string) => boolean): Promise<void>
  hasEnded(): boolean
  close(): void
}

function openStream(path: string, cookie: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    // A buffering proxy sends nothing, not even the status line, until its buffer fills or the stream ends.
    const noAnswer = setTimeout(() => {
      req.destroy()
      reject(new Error(`${path}: no answer within 15 s while the stream is open (buffered by the proxy?)`))
    }, 15_000)
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: ports.https,
        servername: HOSTNAME,
        ca,
        agent: false,
        localAddress: OUTSIDE,
        path,
        headers: { host: HOSTNAME, cookie, accept: 'text/event-stream' },
      },
      (res) => {
        clearTimeout(noAnswer)
        let text = ''
        let ended = false
        const listeners = new Set<() => void>()
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
          for (const listener of listeners) listener()
        })
        res.on('end', () => (ended = true))
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`))
        resolve({
          headers: res.headers,
          text: () => text,
          hasEnded: () => ended,
          close: () => req.destroy(),
          until: (match) =>
            new Promise<void>((done, fail) => {
              if (match(text)) return done()
              const timer = setTimeout(() => {
                listeners.delete(check)
                fail(new Error(`${path}: not received while the stream is open (buffered?); got ${JSON.stringify(text)}`))
              }, 15_000)
              const check = () => {
                if (!match(text)) return
                clearTimeout(timer)
                listeners.delete(check)
                done()
              }
              listeners.add(check)
            }),
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
}
