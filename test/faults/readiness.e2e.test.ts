// /readyz tells the truth: 503 with a reason when the database cannot be written
// (read-only, locked) or when delivery has stopped with work due, 200 again once
// the cause is gone. Real SQLite files; the stall is decided from the database, so
// it holds for every process on it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createReadiness } from '../../adapters/db/health.js'
import { rawSql } from '../../adapters/db/raw-sql.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { loadConfig } from '../../bot/config.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { NewOutboxMessage } from '../../core/kernel/outbox.js'
import { createTestDb, type TestDb } from '../support/db.js'

const NOW = new Date('2026-11-17T02:00:00Z')
const MINUTE = 60_000

const message = (i: number, availableAt: Date, platform: 'web' | 'slack' = 'web'): NewOutboxMessage => ({
  idempotencyKey: `ready:${i}`,
  kind: 'reminder',
  to: { platform, tenant: 'T1', kind: 'user', id: `u${i}@example.com` },
  card: makeCard('en', { title: `message ${i}` }, []),
  employeeId: null,
  availableAt,
})

describe('createReadiness', () => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb()
  })
  afterEach(() => t.close())
  const readiness = (extra: { cacheMs?: number; platforms?: string[] } = {}) =>
    createReadiness(t.db, {
      url: t.url,
      holder: 'test',
      platforms: extra.platforms ?? ['web'],
      stallMs: 10 * MINUTE,
      cacheMs: extra.cacheMs ?? 0,
      now: () => NOW,
    })

  it('is ready on a writable database with nothing due', async () => {
    expect(await readiness()()).toEqual({ ready: true })
  })

  it('a read-only database is not ready, and is again once writable', async () => {
    const check = readiness()
    await rawSql(t.db).query('PRAGMA query_only = ON')
    const answer = await check()
    expect(answer).toMatchObject({ ready: false, reason: 'database not writable' })
    expect(answer.ready === false && answer.detail).toMatch(/the database is read-only .*SQLITE_READONLY/)
    await rawSql(t.db).query('PRAGMA query_only = OFF')
    expect(await check()).toEqual({ ready: true })
  })

  it('a database another process holds locked is not ready', async () => {
    const holder = new (loadSqlite())(t.url.slice('file:'.length))
    try {
      holder.exec('BEGIN EXCLUSIVE')
      const answer = await readiness()()
      expect(answer).toMatchObject({ ready: false, reason: 'database not writable' })
      expect(answer.ready === false && answer.detail).toMatch(/locked .*SQLITE_BUSY/)
    } finally {
      holder.close()
    }
  })

  it('messages due long ago and nothing sent since: delivery stalled; one sent: ready', async () => {
    const outbox = createPrismaStore(t.db).outbox
    const check = readiness()
    // Due 5 minutes ago: not yet a stall.
    await outbox.enqueue(message(1, new Date(NOW.getTime() - 5 * MINUTE)), NOW)
    expect(await check()).toEqual({ ready: true })
    await outbox.enqueue(message(2, new Date(NOW.getTime() - 60 * MINUTE)), NOW)
    await outbox.enqueue(message(3, new Date(NOW.getTime() - 30 * MINUTE)), NOW)
    expect(await check()).toEqual({
      ready: false,
      reason: 'delivery stalled',
      detail: '2 message(s) due for over 10 min and none sent in that time',
      due: 2,
      since: new Date(NOW.getTime() - 10 * MINUTE).toISOString(),
    })
    // Another process's worker delivers one: progress, so ready.
    const [claimed] = await outbox.claim({ platform: 'web', holder: 'other', now: NOW, leaseMs: MINUTE, limit: 1 })
    await outbox.markSent({ id: claimed!.id, holder: 'other', ref: null, now: new Date(NOW.getTime() - MINUTE) })
    expect(await check()).toEqual({ ready: true })
  })

  it('rows for a platform this install does not deliver are not its stall', async () => {
    await createPrismaStore(t.db).outbox.enqueue(message(1, new Date(NOW.getTime() - 60 * MINUTE), 'slack'), NOW)
    expect(await readiness({ platforms: ['web'] })()).toEqual({ ready: true })
    expect(await readiness({ platforms: ['web', 'slack'] })()).toMatchObject({ ready: false, reason: 'delivery stalled' })
  })

  it('keeps its answer for a moment: /readyz stays cheap', async () => {
    const check = readiness({ cacheMs: 60_000 })
    expect(await check()).toEqual({ ready: true })
    await rawSql(t.db).query('PRAGMA query_only = ON')
    expect(await check()).toEqual({ ready: true })
    await rawSql(t.db).query('PRAGMA query_only = OFF')
  })
})

describe('/readyz', () => {
  let dir: string
  let runtime: Runtime
  let app: FastifyInstance
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ladder-readyz-'))
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'ladder.db')}`, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv)
    runtime = await openRuntime(config, { clock: { now: () => NOW } })
    app = buildServer(runtime)
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await runtime.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers 503 with the reason as JSON when delivery has stalled', async () => {
    await runtime.store.outbox.enqueue(message(1, new Date(NOW.getTime() - 60 * MINUTE)), NOW)
    const res = await app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'unavailable', reason: 'delivery stalled', due: 1 })
  })
})
