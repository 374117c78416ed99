// Socket Mode held by one instance at a time (issue 20): two Ladder runtimes on one
// database, real Bolt against the fake Socket Mode server. (In one process they share
// one connection: two better-sqlite3 connections in one process wait for each other's
// lock synchronously. The failover test runs them as processes.) Only the lease holder connects; when it can no longer renew (its
// database gone: as good as dead to the others) it disconnects, its lease expires,
// and the standing-by instance connects within the TTL and answers the next event.
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../adapters/db/client.js'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { loadConfig } from '../../bot/config.js'
import { slackConnectionState, startSlack } from '../../bot/platforms/slack.js'
import { createCore } from '../../core/app/create-core.js'
import type { LeaseRepo } from '../../core/kernel/ports.js'
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { type FakeSlackSocket, startFakeSlackSocket } from '../fakes/slack-socket.js'
import { NOW, USERS } from '../slack/harness.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const TTL_MS = 1500
let fake: FakeSlackApi
let socket: FakeSlackSocket
let testDb: TestDb
const apps: FastifyInstance[] = []
const stops: (() => Promise<void>)[] = []

beforeAll(async () => {
  testDb = await createTestDb()
  await seedDemo(testDb.db, NOW)
  fake = await startFakeSlackApi()
  fake.addUser({ id: USERS.liLei, email: 'li.lei@demo.ladder' })
  socket = await startFakeSlackSocket()
  fake.answer('apps.connections.open', { url: socket.url })
})
afterAll(async () => {
  for (const stop of stops) await stop().catch(() => {})
  for (const app of apps) await app.close()
  await socket.close()
  await fake.close()
  await testDb.close()
})

async function instance(db: Db, holder: string, leases?: LeaseRepo) {
  const clock = { now: () => NOW }
  const log = memoryLogger()
  const store = createPrismaStore(db)
  const core = createCore({ store, clock, log })
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: testDb.url,
    } as NodeJS.ProcessEnv,
    '/nonexistent/.env',
  )
  const app = Fastify({ logger: false })
  apps.push(app)
  const slack = await startSlack(app, {
    config,
    core,
    log,
    clock,
    retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 },
    connectionLease: { leases: leases ?? store.leases, holder, ttlMs: TTL_MS, now: () => new Date() },
  })
  stops.push(() => slack.stop())
  await app.ready()
  return { log, state: () => slackConnectionState(slack) }
}

const until = async (done: () => boolean, ms: number) => {
  const end = Date.now() + ms
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('Socket Mode on two instances', () => {
  it('only the holder connects; when it cannot renew it disconnects and the other connects within the TTL and answers', async () => {
    // A's database "goes away" on demand: its renewals fail from then on.
    const storeA = createPrismaStore(testDb.db)
    let isCut = false
    const leasesA: LeaseRepo = {
      ...storeA.leases,
      acquire: async (...args) => {
        if (isCut) throw new Error('database unreachable')
        return storeA.leases.acquire(...args)
      },
    }
    const a = await instance(testDb.db, 'a', leasesA)
    await socket.waitForConnections(1)
    const b = await instance(testDb.db, 'b')
    // B stands by: still one connection after several of its tries.
    await new Promise((r) => setTimeout(r, TTL_MS))
    expect([socket.connectionCount(), socket.openCount()]).toEqual([1, 1])
    expect(b.log.lines.some((l) => l.msg?.includes('standing by'))).toBe(true)
    // The admin API's health says so.
    expect([a.state(), b.state()]).toEqual(['connected', 'standby'])

    isCut = true
    const cutAt = Date.now()
    await socket.waitForConnections(2)
    const handOverMs = Date.now() - cutAt
    await until(() => socket.openCount() === 1, 5000)
    expect(a.log.lines.some((l) => l.msg?.includes('connection lease lost'))).toBe(true)
    expect(b.log.lines.some((l) => l.msg?.includes('connection lease taken'))).toBe(true)
    await until(() => b.state() === 'connected', 5000)
    // Within the TTL after A's last renewal (a third of it before the cut at most), plus one try of B's.
    expect(handOverMs).toBeLessThan(TTL_MS + TTL_MS / 3 + 2000)

    socket.send({
      envelope_id: 'env-handover-1',
      type: 'events_api',
      accepts_response_payload: false,
      payload: {
        team_id: FAKE_TEAM_ID,
        api_app_id: 'A0LADDER',
        type: 'event_callback',
        event_id: 'EvHANDOVER1',
        event_time: Math.floor(NOW.getTime() / 1000),
        event: {
          type: 'app_mention',
          user: USERS.liLei,
          text: `<@${FAKE_BOT_USER_ID}> 我晋升还差什么?`,
          ts: '1763000000.000100',
          channel: 'C0HAND',
          team: FAKE_TEAM_ID,
        },
      },
    })
    expect(await socket.waitForAck('env-handover-1')).toEqual({ envelope_id: 'env-handover-1', payload: {} })
    await fake.waitFor('chat.postEphemeral', (c) => c.args.channel === 'C0HAND')
  }, 30_000)
})
