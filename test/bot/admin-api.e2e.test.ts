// The HRIS admin API (bot/admin-api.ts, docs/admin-api.md) on a real listening server
// and a real SQLite file, compared with the real CLI (`ladder import` / `ladder export`
// in a child process) on the same files; platform health with real Bolt in Socket Mode
// and the Lark SDK's long connection against the local fakes.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ENTITIES } from '../../adapters/db/import/index.js'
import { ConfigError, loadConfig } from '../../bot/config.js'
import { createLogger } from '../../bot/logger.js'
import { type RunningPlatforms, startPlatforms } from '../../bot/platforms/index.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'
import { ROOT } from '../data/helpers.js'
import { startFakeFeishu } from '../fakes/feishu-api.js'
import { attachFakeLongConnection } from '../fakes/feishu-ws.js'
import { startFakeSlackApi } from '../fakes/slack-api.js'
import { startFakeSlackSocket } from '../fakes/slack-socket.js'

const TOKEN = 'admin-token-0123456789-abcdefghijklmnop'
const EXAMPLES = join(ROOT, 'examples', 'import')
const dir = mkdtempSync(join(tmpdir(), 'ladder-admin-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Server {
  url: string
  /** Its database file in `dir`. */
  database: string
  runtime: Runtime
  app: FastifyInstance
  close(): Promise<void>
}

let servers = 0
async function startServer(env: Record<string, string> = {}, logTo?: NodeJS.WritableStream): Promise<Server> {
  const name = `server-${++servers}`
  const config = loadConfig(
    {
      DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
      LOG_LEVEL: 'silent',
      LADDER_DEMO: 'false',
      FEEDBACK_SEAL_KEY_FILE: join(dir, 'seal.key'),
      ADMIN_API_TOKEN: TOKEN,
      ...env,
    } as NodeJS.ProcessEnv,
    '/nonexistent/.env',
  )
  const runtime = await openRuntime(config, logTo ? { log: createLogger(config, logTo) } : {})
  const app = buildServer(runtime, { readinessCacheMs: 0 })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${address.port}/admin/v1`,
    database: `${name}.db`,
    runtime,
    app,
    async close() {
      await app.close()
      await runtime.close()
    },
  }
}

const auth = { authorization: `Bearer ${TOKEN}` }

/** A multipart form of files (name → bytes), the names as `ladder import` is given paths. */
function form(files: Record<string, string | Uint8Array>): FormData {
  const body = new FormData()
  for (const [name, content] of Object.entries(files))
    body.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name)
  return body
}

/** tsx's loader by path: `--import tsx` resolves from the working directory, which may be outside the repository. */
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href

/** The real CLI, from the sources, in `cwd` (so files are named as given). */
function ladder(database: string, cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'bot', 'cli.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, database)}`,
      LADDER_DEMO: 'false',
      FEEDBACK_SEAL_KEY_FILE: join(dir, 'seal.key'),
    },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const exampleFiles = (): Record<string, Uint8Array> =>
  Object.fromEntries(readdirSync(EXAMPLES).map((name) => [name, readFileSync(join(EXAMPLES, name))]))

interface ApiError {
  file: string
  entity: string | null
  row: number | string
  column: string
  message: string
}

describe('import and export', { timeout: 240_000 }, () => {
  let server: Server
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  it('a dry run of every example file reports what would change and writes nothing', async () => {
    const res = await fetch(`${server.url}/import?dryRun=true`, { method: 'POST', headers: auth, body: form(exampleFiles()) })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { dryRun: boolean; counts: Record<string, { created: number }>; summary: string }
    expect(body.dryRun).toBe(true)
    expect(Object.keys(body.counts)).toEqual([...ENTITIES])
    expect(body.counts.employees!.created).toBe(4)
    expect(body.summary).toContain('Dry run: the files are valid; nothing was written.')
    const db = server.runtime.db
    expect(await db.department.count()).toBe(0)
    expect(await db.employee.count()).toBe(0)
    expect(await db.auditLog.count()).toBe(0)
    expect(await db.outboxMessage.count()).toBe(0)
  })

  it('imports every example file, exports what the CLI exports after importing the same files, and audits it', async () => {
    const res = await fetch(`${server.url}/import`, { method: 'POST', headers: auth, body: form(exampleFiles()) })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { dryRun: boolean; summary: string; counts: Record<string, unknown> }
    expect(body.dryRun).toBe(false)

    const cli = ladder('cli-examples.db', EXAMPLES, 'import', ...readdirSync(EXAMPLES))
    expect(cli.code).toBe(0)
    // The same counts: the CLI prints the same summary first.
    expect(cli.stdout.startsWith(body.summary)).toBe(true)
    for (const format of ['csv', 'json'] as const) {
      const out = join(dir, `cli-export-${format}`)
      expect(ladder('cli-examples.db', ROOT, 'export', '--out', out, '--format', format).code).toBe(0)
      for (const entity of ENTITIES) {
        const exported = await fetch(`${server.url}/export/${entity}?format=${format}`, { headers: auth })
        expect(exported.status).toBe(200)
        expect(exported.headers.get('content-type')).toContain(format === 'csv' ? 'text/csv' : 'application/json')
        // Bytes, BOM included (Response.text() would drop it).
        expect(
          Buffer.from(await exported.arrayBuffer()).equals(readFileSync(join(out, `${entity}.${format}`))),
          `${entity}.${format}`,
        ).toBe(true)
      }
    }

    const audit = await server.runtime.db.auditLog.findMany({ where: { action: 'import.apply' } })
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor).toBe('admin-api')
    expect(JSON.parse(audit[0]!.data!)).toMatchObject({ files: expect.arrayContaining(['employees.csv', 'identities.json']) })
  })

  it('takes its own export back, one entity per body (CSV and JSON): everything unchanged', async () => {
    for (const [entity, format, type] of [
      ['employees', 'csv', 'text/csv'],
      ['courses', 'json', 'application/json'],
    ] as const) {
      const exported = await (await fetch(`${server.url}/export/${entity}?format=${format}`, { headers: auth })).text()
      const res = await fetch(`${server.url}/import/${entity}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': type },
        body: exported,
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { counts: Record<string, { created: number; updated: number; unchanged: number }> }
      expect(body.counts[entity]).toEqual({ created: 0, updated: 0, unchanged: expect.any(Number) })
      expect(body.counts[entity]!.unchanged).toBeGreaterThan(0)
    }
  })

  it('refuses a bad row with the messages the CLI prints for the same file: bad date, unknown reference, wrong encoding', async () => {
    const bad = join(dir, 'bad')
    mkdirSync(bad, { recursive: true })
    const header = 'email,name,name_en,locale,time_zone,department_code,job_code,manager_email,hire_date,roles,status'
    const files: Record<string, string | Uint8Array> = {
      'employees.csv': [
        header,
        'ann@example.com,Ann,Ann,en,Europe/London,ENG,ENG1,,2026-13-45,employee,active',
        'bo@example.com,Bo,Bo,en,Europe/London,NOPE,ENG1,ghost@example.com,2024-01-02,employee,active',
      ].join('\n'),
      // GBK with a byte no encoding explains.
      'departments.csv': Buffer.concat([
        Buffer.from('code,name_zh,name_en,parent_code\nX,'),
        Buffer.from([0xc4, 0xe3, 0xff]),
        Buffer.from(',X,\n'),
      ]),
    }
    for (const [name, content] of Object.entries(files)) writeFileSync(join(bad, name), content)
    // The CLI on the server's own database (it writes nothing): the same references are known to both.
    const cli = ladder(server.database, bad, 'import', 'employees.csv', 'departments.csv')
    expect(cli.code).toBe(1)
    const cliLines = cli.stderr.split('\n').filter((line) => /^(employees|departments)\.csv:/.test(line))
    expect(cliLines).toHaveLength(4)

    const before = await server.runtime.db.employee.count()
    const res = await fetch(`${server.url}/import`, { method: 'POST', headers: auth, body: form(files) })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: string; errors: ApiError[] }
    expect(body.errors.map((e) => `${e.file}:${e.row}: ${e.column}: ${e.message}`)).toEqual(cliLines)
    expect(cli.stderr).toContain(body.error)
    const messages = body.errors.map((e) => e.message).join('\n')
    expect(messages).toMatch(/hire_date|date/)
    expect(messages).toContain('unknown department "NOPE"')
    expect(messages).toContain('cannot be read: the file is not UTF-8, GB18030/GBK or UTF-16 text')
    expect(body.errors.find((e) => e.file === 'departments.csv')!.entity).toBe('departments')
    // All or nothing: the good rows of the same import were not written either.
    expect(await server.runtime.db.employee.count()).toBe(before)

    // One body per entity: the same message for the same bytes.
    const single = await fetch(`${server.url}/import/departments`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: new Uint8Array(files['departments.csv'] as Uint8Array),
    })
    expect(single.status).toBe(422)
    const singleBody = (await single.json()) as { errors: ApiError[] }
    expect(singleBody.errors.map((e) => e.message)).toEqual([
      cliLines
        .find((l) => l.startsWith('departments.csv'))!
        .split(': ')
        .slice(2)
        .join(': '),
    ])
  })

  it('is all or nothing: one bad file among good ones writes nothing', async () => {
    const files = {
      'departments.csv': 'code,name_zh,name_en,parent_code\nNEWDEPT,新部门,New department,CO\n',
      'jobs.csv': 'code,title_zh,title_en,track,level\nNEWJOB,新,New,eng,not-a-level\n',
    }
    const res = await fetch(`${server.url}/import`, { method: 'POST', headers: auth, body: form(files) })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { errors: ApiError[] }
    expect(body.errors.map((e) => [e.file, e.entity, e.column])).toEqual([['jobs.csv', 'jobs', 'level']])
    expect(await server.runtime.db.department.findUnique({ where: { code: 'NEWDEPT' } })).toBeNull()
  })

  it('answers malformed requests 400, an unknown entity 404 naming the valid ones, another Content-Type 415', async () => {
    const post = (path: string, type: string, body: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': type }, body })
    const json = await post('/import/jobs', 'application/json', '[{"code": ')
    expect(json.status).toBe(400)
    expect(((await json.json()) as { error: string }).error).toMatch(/^the body is not valid JSON: /)
    const multipart = await post('/import', 'multipart/form-data; boundary=xyz', 'not a form at all')
    expect(multipart.status).toBe(400)
    expect(((await multipart.json()) as { error: string }).error).toContain('multipart/form-data body is malformed')
    const dryRun = await post('/import/jobs?dryRun=maybe', 'text/csv', 'code,title_zh,title_en,track,level\n')
    expect(dryRun.status).toBe(400)
    const unknown = await post('/import/staff', 'text/csv', 'a,b\n')
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toBe(`unknown entity "staff": expected one of ${ENTITIES.join(', ')}`)
    expect((await fetch(`${server.url}/export/staff`, { headers: auth })).status).toBe(404)
    expect((await post('/import/jobs', 'application/xml', '<jobs/>')).status).toBe(415)
    expect((await fetch(`${server.url}/export/jobs?format=xlsx`, { headers: auth })).status).toBe(400)
  })
})

describe('limits and authentication', { timeout: 60_000 }, () => {
  it('answers 413 past ADMIN_API_MAX_BODY_MB, and reads no body before the token is checked', async () => {
    const server = await startServer({ ADMIN_API_MAX_BODY_MB: '0.01' })
    try {
      const big = `code,title_zh,title_en,track,level\n${'X,x,x,eng,1\n'.repeat(2000)}`
      const res = await fetch(`${server.url}/import/jobs`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: big })
      expect(res.status).toBe(413)
      expect(((await res.json()) as { error: string }).error).toContain('ADMIN_API_MAX_BODY_MB')
      const anonymous = await fetch(`${server.url}/import/jobs`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: big })
      expect(anonymous.status).toBe(401)
    } finally {
      await server.close()
    }
  })

  it('without ADMIN_API_TOKEN the routes do not exist', async () => {
    const server = await startServer({ ADMIN_API_TOKEN: '' })
    try {
      for (const [method, path] of [
        ['GET', '/health'],
        ['POST', '/import'],
        ['POST', '/import/employees'],
        ['GET', '/export/employees'],
      ] as const)
        expect((await fetch(`${server.url}${path}`, { method, headers: auth })).status).toBe(404)
    } finally {
      await server.close()
    }
  })

  it('refuses a token shorter than 32 characters at start, naming the variable without showing it', () => {
    const start = () => loadConfig({ ADMIN_API_TOKEN: 'short-secret' } as NodeJS.ProcessEnv, '/nonexistent/.env')
    expect(start).toThrow(ConfigError)
    expect(start).toThrow(/ADMIN_API_TOKEN \(set\): expected at least 32 characters/)
    expect(start).not.toThrow(/short-secret/)
  })

  it('answers 401 with WWW-Authenticate to a missing or wrong token, never logs the token, and slows down guessing', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const server = await startServer({ LOG_LEVEL: 'debug' }, sink)
    try {
      expect((await fetch(`${server.url}/health`, { headers: auth })).status).toBe(200)
      const missing = await fetch(`${server.url}/health`)
      expect(missing.status).toBe(401)
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
      const wrong = await fetch(`${server.url}/health`, { headers: { authorization: `Bearer ${TOKEN}x` } })
      expect(wrong.status).toBe(401)
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect((await fetch(`${server.url}/health`, { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401)
      // Request lines are logged at debug, and the token is in none of them.
      expect(lines.some((line) => line.includes('/admin/v1/health'))).toBe(true)
      expect(lines.join('')).not.toContain(TOKEN)
      // Ten failures from one address within a minute: refused for the rest of it, right token or not.
      for (let i = 0; i < 7; i++) expect((await fetch(`${server.url}/health`)).status).toBe(401)
      const limited = await fetch(`${server.url}/health`, { headers: auth })
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    } finally {
      await server.close()
    }
  })
})

describe('health of each platform connection', { timeout: 60_000 }, () => {
  let server: Server
  let platforms: RunningPlatforms
  const closers: (() => Promise<void>)[] = []
  const CONSOLE_TOKEN = 'console-token-for-the-admin-test'

  beforeAll(async () => {
    const slackApi = await startFakeSlackApi()
    const socket = await startFakeSlackSocket()
    slackApi.answer('apps.connections.open', { url: socket.url })
    const app = { appId: 'cli_0123456789abcdef', appSecret: 'app-secret' }
    const feishu = await startFakeFeishu({ ...app, botOpenId: 'ou_bot', users: {} })
    const longConnection = attachFakeLongConnection(feishu, app)
    closers.push(
      () => longConnection.close(),
      () => feishu.close(),
      () => socket.close(),
      () => slackApi.close(),
    )
    const config = loadConfig(
      {
        DATABASE_URL: `file:${join(dir, 'platforms.db')}`,
        LOG_LEVEL: 'silent',
        LADDER_DEMO: 'false',
        FEEDBACK_SEAL_KEY_FILE: join(dir, 'seal.key'),
        ADMIN_API_TOKEN: TOKEN,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_APP_TOKEN: 'xapp-1-test',
        SLACK_API_URL: slackApi.apiUrl,
        FEISHU_APP_ID: app.appId,
        FEISHU_APP_SECRET: app.appSecret,
        FEISHU_DOMAIN: feishu.url,
        FEISHU_MODE: 'ws',
        CONSOLE_ENABLED: 'true',
        CONSOLE_TOKEN,
      } as NodeJS.ProcessEnv,
      '/nonexistent/.env',
    )
    const runtime = await openRuntime(config)
    let running: RunningPlatforms | undefined
    const fastify = buildServer(runtime, { readinessCacheMs: 0, platforms: () => running?.health() ?? null })
    running = await startPlatforms(fastify, runtime)
    platforms = running
    await fastify.listen({ port: 0, host: '127.0.0.1' })
    server = {
      url: `http://127.0.0.1:${(fastify.server.address() as { port: number }).port}/admin/v1`,
      database: 'platforms.db',
      runtime,
      app: fastify,
      close: async () => {
        await fastify.close()
        await runtime.close()
      },
    }
    await socket.connected()
    await longConnection.connected()
  })
  afterAll(async () => {
    await server.close()
    for (const close of closers) await close()
  })

  const health = async () => {
    const res = await fetch(`${server.url}/health`, { headers: auth })
    return { status: res.status, body: (await res.json()) as { status: string; platforms: unknown[]; database: unknown; outbox: unknown } }
  }

  it('shows Slack Socket Mode and the Feishu long connection connected, the console, the database and the outbox', async () => {
    await vi.waitFor(
      async () => {
        expect((await health()).body.platforms).toEqual([
          { platform: 'slack', mode: 'socket', state: 'connected' },
          { platform: 'feishu', mode: 'ws', state: 'connected' },
          { platform: 'web', mode: 'http', state: 'http' },
        ])
      },
      { timeout: 20_000, interval: 100 },
    )
    const { status, body } = await health()
    expect(status).toBe(200)
    expect(body).toMatchObject({
      status: 'ok',
      database: { ready: true },
      outbox: { pending: 0, due: 0, sending: 0, dead: 0, oldestPendingAt: null },
    })
  })

  it('refuses a request that carries only the console session cookie', async () => {
    const origin = server.url.replace('/admin/v1', '')
    const login = await fetch(`${origin}/console?token=${CONSOLE_TOKEN}`, { redirect: 'manual' })
    const cookie = login.headers.get('set-cookie')?.split(';')[0]
    expect(cookie).toMatch(/^ladder_console=./)
    // The cookie is a working console session…
    expect((await fetch(`${origin}/console`, { headers: { cookie: cookie! }, redirect: 'manual' })).status).toBe(200)
    // …and no key to the admin API.
    const res = await fetch(`${server.url}/health`, { headers: { cookie: cookie! } })
    expect(res.status).toBe(401)
  })

  it('says degraded (503) once the connections are down', async () => {
    await platforms.stop()
    const { status, body } = await health()
    expect(status).toBe(503)
    expect(body.status).toBe('degraded')
    expect(body.platforms).toEqual([
      { platform: 'slack', mode: 'socket', state: 'disconnected' },
      { platform: 'feishu', mode: 'ws', state: 'disconnected' },
      { platform: 'web', mode: 'http', state: 'http' },
    ])
  })
})
