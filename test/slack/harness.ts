// Ladder's Slack side end to end: a fastify server with the real Slack plugin
// (real Bolt), the real core on a migrated SQLite file with the demo seed, and
// the Web API pointed at the fake Slack server. Requests are signed like Slack's
// and built from the documented payloads in test/fixtures/platforms/slack/ (copied from the platforms documentation).

import { readFileSync } from 'node:fs'
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { type ClosableIntakeStore, createIntakeStore } from '../../adapters/db/intake-store.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { signatureFor } from '../../adapters/slack/verify-request.js'
import { loadConfig } from '../../bot/config.js'
import { startSlack } from '../../bot/platforms/slack.js'
import { createCore } from '../../core/app/create-core.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { createIntake, type Intake } from '../../core/kernel/intake.js'
import type { Messenger } from '../../core/kernel/messaging.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import type { Clock } from '../../core/kernel/ports.js'
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack-api.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef'
export const NOW = new Date('2026-11-23T02:00:00Z')
export const NOW_SECONDS = String(Math.floor(NOW.getTime() / 1000))

/** Slack user ids of demo people (users.info answers their demo email). */
export const USERS = {
  liLei: 'U0LILEI',
  alex: 'U0ALEX',
  han: 'U0HANMM',
  stranger: 'U0STRANGER',
} as const

export const fixture = (name: string): string => readFileSync(new URL(`../fixtures/platforms/slack/${name}`, import.meta.url), 'utf8')
export const jsonFixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(fixture(name)) as T

export interface SlackHarness {
  app: FastifyInstance
  fake: FakeSlackApi
  testDb: TestDb
  core: CoreApi
  messenger: Messenger
  log: ReturnType<typeof memoryLogger>
  /** With options.intake: the intake and its store. */
  intake?: Intake
  intakeStore?: ClosableIntakeStore
  /** POSTs a body to /slack/events signed with the test secret at NOW. */
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  postJson(body: object, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  postForm(fields: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Replace the real core (the ingress benchmark uses a no-op one). */
  core?: CoreApi
  seed?: boolean
  clock?: Clock
  /** Events through the intake, as bot/ wires it (acked once written down, answered from its queue). */
  intake?: { bound?: number; concurrency?: number; start?: boolean }
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const clock = options.clock ?? { now: () => NOW }
  const log = memoryLogger()
  const testDb = await createTestDb()
  if (options.seed !== false) await seedDemo(testDb.db, NOW)
  const store = createPrismaStore(testDb.db)
  // Wired like bot/runtime.ts: 360 storage and delivery, and the messengers filled once Slack has started.
  const messengers = createMessengerRegistry()
  const core =
    options.core ??
    createCore({
      store,
      clock,
      log,
      messengers,
    })
  const fake = await startFakeSlackApi()
  fake.addUser({ id: USERS.liLei, email: 'li.lei@demo.ladder' })
  fake.addUser({ id: USERS.alex, email: 'alex.chen@demo.ladder' })
  fake.addUser({ id: USERS.han, email: 'Han.Meimei@demo.ladder' })
  fake.addUser({ id: USERS.stranger, email: 'someone@elsewhere.example' })

  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: testDb.url,
      LOG_LEVEL: 'silent',
    } as NodeJS.ProcessEnv,
    '/nonexistent/.env',
  )
  const app = Fastify({ logger: false })
  const intakeStore = options.intake ? createIntakeStore(testDb.url) : undefined
  const intake = intakeStore ? createIntake({ store: intakeStore, log, ...options.intake }) : undefined
  const slack = await startSlack(app, {
    config,
    core,
    log,
    clock,
    retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 },
    ...(intake ? { intake } : {}),
  })
  if (intake && options.intake?.start !== false) await intake.start()
  messengers.register('slack', slack.messenger)
  await app.ready()

  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/slack/events',
      payload: body,
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': NOW_SECONDS,
        'x-slack-signature': signatureFor(SIGNING_SECRET, NOW_SECONDS, body),
        ...headers,
      },
    })

  return {
    app,
    fake,
    testDb,
    core,
    messenger: slack.messenger,
    log,
    ...(intake && intakeStore ? { intake, intakeStore } : {}),
    post,
    postJson: (body, headers) => post(JSON.stringify(body), 'application/json', headers),
    postForm: (fields, headers) => post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', headers),
    async close() {
      await app.close()
      await intake?.stop()
      intakeStore?.close()
      await slack.stop()
      await fake.close()
      await testDb.close()
    },
  }
}

// ---- Payloads built from the documented fixtures --------------------------------

let sequence = 0
export const nextId = (prefix: string): string => `${prefix}${(++sequence).toString().padStart(6, '0')}`

/** message.im event_callback (docs.slack.dev/reference/events/message.im) with our ids. */
export function dmEvent(user: string, text: string, eventId = nextId('EvDM')): Record<string, unknown> {
  const body = jsonFixture<Record<string, unknown> & { event: Record<string, unknown> }>('event_callback_message_im.json')
  const ts = `${NOW_SECONDS}.${String(++sequence).padStart(6, '0')}`
  return {
    ...body,
    team_id: FAKE_TEAM_ID,
    event_id: eventId,
    event: { ...body.event, user, text, channel: `D${user.slice(1)}`, ts, event_ts: ts },
  }
}

/** app_mention event_callback (docs.slack.dev/reference/events/app_mention) in channel C0GENERAL. */
export function mentionEvent(user: string, text: string, eventId = nextId('EvMN')): Record<string, unknown> {
  const body = jsonFixture<Record<string, unknown> & { event: Record<string, unknown> }>('event_callback_app_mention.json')
  const ts = `${NOW_SECONDS}.${String(++sequence).padStart(6, '0')}`
  return {
    ...body,
    team_id: FAKE_TEAM_ID,
    event_id: eventId,
    event: { ...body.event, user, text: `<@${FAKE_BOT_USER_ID}> ${text}`, channel: 'C0GENERAL', ts, event_ts: ts },
  }
}

/** app_home_opened (api.slack.com/events/app_home_opened) in an event_callback envelope. */
export function homeOpenedEvent(user: string, eventId = nextId('EvHM')): Record<string, unknown> {
  const event = jsonFixture('event_app_home_opened.inner.json')
  return {
    token: 'x',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0LADDER',
    type: 'event_callback',
    event_id: eventId,
    event_time: Number(NOW_SECONDS),
    event: { ...event, user, channel: `D${user.slice(1)}` },
  }
}

/** The documented slash command body with /ladder, our user and a response_url on the fake. */
export function slashCommand(fake: FakeSlackApi, user: string, text: string): Record<string, string> {
  const fields = Object.fromEntries(new URLSearchParams(fixture('slash_command.txt')))
  return {
    ...fields,
    team_id: FAKE_TEAM_ID,
    user_id: user,
    command: '/ladder',
    text,
    trigger_id: nextId('trigger.'),
    response_url: `${fake.responseUrlBase}${nextId('cmd')}`,
  }
}

/** block_actions for a button in a message (java-slack-sdk test payload), clicking `button`. */
export function buttonClick(
  fake: FakeSlackApi,
  user: string,
  place: { channelId: string; messageTs: string; isEphemeral?: boolean },
  button: { action_id: string; value: string },
): Record<string, unknown> {
  const body = jsonFixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>(
    'block_actions_button_in_message_with_state.json',
  )
  return {
    ...body,
    team: { id: FAKE_TEAM_ID, domain: 'ladder-test' },
    user: { id: user, username: user, name: user, team_id: FAKE_TEAM_ID },
    container: { type: 'message', message_ts: place.messageTs, channel_id: place.channelId, is_ephemeral: place.isEphemeral ?? false },
    channel: { id: place.channelId, name: 'directmessage' },
    trigger_id: nextId('trigger.'),
    response_url: `${fake.responseUrlBase}${nextId('act')}`,
    actions: [
      { ...body.actions[0], action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: `${NOW_SECONDS}.${nextId('')}` },
    ],
  }
}

/** view_submission (java-slack-sdk test payload) for a modal we opened, with these input states. */
export function viewSubmission(
  user: string,
  view: Record<string, unknown>,
  values: Record<string, Record<string, unknown>>,
  triggerId?: string,
): Record<string, unknown> {
  const body = jsonFixture<Record<string, unknown> & { view: Record<string, unknown> }>('view_submission.json')
  return {
    ...body,
    // Slack gives every press of Submit its own trigger_id; a redelivery repeats it.
    ...(triggerId ? { trigger_id: triggerId } : {}),
    team: { id: FAKE_TEAM_ID, domain: 'ladder-test' },
    user: { id: user, username: user, name: user, team_id: FAKE_TEAM_ID },
    view: { ...body.view, ...view, id: 'V0MODAL1', hash: `${NOW_SECONDS}.abc`, state: { values } },
  }
}

/** Buttons of a recorded message, with their decoded neutral action. */
export function buttonsIn(blocks: unknown): { action_id: string; value: string; action: { a: string; v: string } }[] {
  const out: { action_id: string; value: string; action: { a: string; v: string } }[] = []
  for (const block of (blocks ?? []) as {
    type: string
    elements?: { type: string; action_id: string; value?: string }[]
    accessory?: { type: string; action_id: string; value?: string }
  }[]) {
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.type === 'button' && element.value)
        out.push({ action_id: element.action_id, value: element.value, action: JSON.parse(element.value) })
    }
  }
  return out
}
