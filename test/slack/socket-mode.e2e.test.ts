// Socket Mode with real Bolt (App socketMode → SocketModeReceiver → @slack/socket-mode
// client): apps.connections.open on the fake Web API hands out the URL of a local
// WebSocket server that speaks Slack's protocol (hello, envelopes, envelope_id acks).
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { loadConfig } from '../../bot/config.js'
import { startSlack } from '../../bot/platforms/slack.js'
import { createCore } from '../../core/app/create-core.js'
import { t } from '../../core/kernel/i18n/index.js'
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { type FakeSlackSocket, startFakeSlackSocket } from '../fakes/slack-socket.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { jsonFixture, NOW, USERS } from './harness.js'

let fake: FakeSlackApi
let socket: FakeSlackSocket
let testDb: TestDb
let app: FastifyInstance
let stop: () => Promise<void>

beforeAll(async () => {
  testDb = await createTestDb()
  await seedDemo(testDb.db, NOW)
  const clock = { now: () => NOW }
  const log = memoryLogger()
  const core = createCore({ store: createPrismaStore(testDb.db), clock, log })
  fake = await startFakeSlackApi()
  fake.addUser({ id: USERS.liLei, email: 'li.lei@demo.ladder' })
  socket = await startFakeSlackSocket()
  fake.answer('apps.connections.open', { url: socket.url })
  // No signing secret: Socket Mode needs none, and config accepts that with an app token.
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-1-test',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: testDb.url,
    } as NodeJS.ProcessEnv,
    '/nonexistent/.env',
  )
  app = Fastify({ logger: false })
  const slack = await startSlack(app, { config, core, log, clock, retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } })
  stop = slack.stop
  await app.ready()
  await socket.connected()
})
afterAll(async () => {
  await stop()
  await app.close()
  await socket.close()
  await fake.close()
  await testDb.close()
})

describe('Socket Mode', () => {
  it('connects through apps.connections.open on SLACK_API_URL with the app-level token', () => {
    const [open] = fake.callsTo('apps.connections.open')
    expect(open!.headers.authorization).toBe('Bearer xapp-1-test')
    // No public route in Socket Mode.
    expect(app.hasRoute({ method: 'POST', url: '/slack/events' })).toBe(false)
  })

  it('an events_api envelope (app_mention) is acked by envelope_id and answered in its thread', async () => {
    const envelope = jsonFixture<{ envelope_id: string; payload: { event: Record<string, unknown> } & Record<string, unknown> }>(
      'socket_mode_events_api_app_mention.json',
    )
    envelope.envelope_id = 'env-mention-1'
    envelope.payload.team_id = FAKE_TEAM_ID
    envelope.payload.event_id = 'EvSOCKET01'
    Object.assign(envelope.payload.event, {
      user: USERS.liLei,
      text: `<@${FAKE_BOT_USER_ID}> 我晋升还差什么?`,
      channel: 'C0SOCKET',
      team: FAKE_TEAM_ID,
    })
    socket.send(envelope)

    expect(await socket.waitForAck('env-mention-1')).toEqual({ envelope_id: 'env-mention-1', payload: {} })
    // A gap report is personal: in the thread, for the asker only.
    const post = await fake.waitFor('chat.postEphemeral', (c) => c.args.channel === 'C0SOCKET')
    expect(post.args.user).toBe(USERS.liLei)
    expect(post.args.thread_ts).toBe(envelope.payload.event.ts)
    expect(JSON.stringify(post.args.blocks)).toContain(t('zh-CN', 'gap.title', { name: '李雷' }))
  })

  it('a slash_commands envelope is acked and answered through response_url', async () => {
    const envelope = jsonFixture<{ envelope_id: string; payload: Record<string, unknown> }>('socket_mode_slash_commands.json')
    Object.assign(envelope.payload, {
      team_id: FAKE_TEAM_ID,
      user_id: USERS.liLei,
      command: '/ladder',
      text: 'help',
      response_url: `${fake.responseUrlBase}socket-cmd-1`,
    })
    socket.send(envelope)

    expect(await socket.waitForAck(envelope.envelope_id)).toEqual({ envelope_id: envelope.envelope_id, payload: {} })
    const answer = await fake.waitFor('response_url', (c) => c.path === '/response/socket-cmd-1')
    expect(answer.args.response_type).toBe('ephemeral')
    expect(JSON.stringify(answer.args.blocks)).toContain(t('zh-CN', 'help.intro'))
  })
})
