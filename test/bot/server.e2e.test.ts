import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../bot/config.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'

let dir: string
let runtime: Runtime
let app: FastifyInstance

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ladder-server-'))
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'nested', 'ladder.db')}`, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv)
  runtime = await openRuntime(config)
  app = buildServer(runtime, { readinessCacheMs: 0 })
  await app.ready()
})
afterAll(async () => {
  await app.close()
  await runtime.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('health endpoints', () => {
  it('/healthz says the process is alive, with the questions not answered yet', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'ok',
      answers: { unanswered: 0, answering: 0, overflow: 0, answered: expect.any(Number), failed: 0 },
      // No delivery worker runs behind this server.
      delivery: null,
    })
  })

  it("/healthz shows the delivery worker's figures once it runs", async () => {
    const figures = { slack: { inFlight: 2, sent: 40, timeouts: 1 } }
    const withWorker = buildServer(runtime, { readinessCacheMs: 0, delivery: () => figures })
    const res = await withWorker.inject({ method: 'GET', url: '/healthz' })
    expect(res.json()).toMatchObject({ status: 'ok', delivery: figures })
    await withWorker.close()
  })

  it('/readyz checks the database, and says so when it is gone', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' })
    await runtime.db.$disconnect()
    // Prisma reconnects lazily on the next query: make that file something that is not a database.
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, 'nested', `ladder.db${suffix}`), { force: true })
    writeFileSync(join(dir, 'nested', 'ladder.db'), 'this is not a database '.repeat(200))
    const res = await app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({
      status: 'unavailable',
      reason: 'database not writable',
      detail: expect.stringMatching(/the file is not a SQLite database \(SQLITE_NOTADB/),
    })
  })
})
