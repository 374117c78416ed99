// Starts Slack per configuration: HTTP mode registers POST /slack/events on the
// server (call before listen); Socket Mode (SLACK_APP_TOKEN set) connects out.
import type { FastifyInstance } from 'fastify'
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/create-slack-adapter.js'
import { SLACK_EVENTS_PATH } from '../../adapters/slack/fastify-receiver.js'
import type { RetryOptions } from '../../adapters/slack/web-client.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Intake } from '../../core/kernel/intake.js'
import type { Clock, Logger } from '../../core/kernel/ports.js'
import type { Config } from '../config.js'
import { type ConnectionLeaseSettings, type HeldConnection, holdConnection } from './connection-lease.js'

export interface SlackDeps {
  config: Config
  core: CoreApi
  log: Logger
  /** Signature timestamps are checked against it; the system clock by default. */
  clock?: Clock
  /** Tests shorten the Web API client's backoff; production uses RETRY_POLICY. */
  retryConfig?: RetryOptions
  /** Events are admitted before the ack and answered from it; without one, answered on the ack's turn (Bolt's way). */
  intake?: Intake
  /** Socket Mode: held by one instance of those on the database at a time; without it, always connected. */
  connectionLease?: ConnectionLeaseSettings
}

const systemClock: Clock = { now: () => new Date() }

/** Registers the HTTP route (before listen) or connects Socket Mode; the running adapter is returned. */
/** The adapter, and in Socket Mode under a connection lease, that lease's hold. */
export type RunningSlack = SlackAdapter & { held?: HeldConnection }

export async function startSlack(app: FastifyInstance, deps: SlackDeps): Promise<RunningSlack> {
  const { config, log } = deps
  if (!config.SLACK_BOT_TOKEN) throw new Error('startSlack called without SLACK_BOT_TOKEN')
  const slack = await createSlackAdapter({
    botToken: config.SLACK_BOT_TOKEN,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    apiUrl: config.SLACK_API_URL,
    core: deps.core,
    clock: deps.clock ?? systemClock,
    log,
    ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}),
    ratePerSecond: config.SLACK_RATE_PER_SECOND,
    maxPerSecond: config.SLACK_MAX_MESSAGES_PER_SECOND,
    callTimeoutMs: config.DELIVERY_CALL_TIMEOUT_MS,
    ...(deps.intake ? { intake: deps.intake } : {}),
  })
  if (slack.receiver) await slack.receiver.register(app)
  if (slack.mode === 'socket' && deps.connectionLease) {
    // Socket Mode: one instance of those on the database holds the connection (connection-lease.ts).
    const [connect, disconnect] = [slack.start.bind(slack), slack.stop.bind(slack)]
    const held = await holdConnection({
      ...deps.connectionLease,
      name: `connection:slack-socket:${slack.teamId}`,
      log,
      connect,
      disconnect,
    })
    slack.stop = () => held.stop()
    log.info({ mode: slack.mode, team: slack.teamId, isHolder: held.isHolder() }, 'Slack: Socket Mode, one instance connected at a time')
    return Object.assign(slack, { held })
  }
  await slack.start()
  log.info(
    { mode: slack.mode, team: slack.teamId, botUserId: slack.botUserId, ...(slack.mode === 'http' ? { path: SLACK_EVENTS_PATH } : {}) },
    slack.mode === 'http' ? `Slack: HTTP mode on POST ${SLACK_EVENTS_PATH}` : 'Slack: Socket Mode connected',
  )
  return slack
}

/** HTTP mode, or whether the Socket Mode WebSocket is up now (the admin API's health). */
export function slackConnectionState(slack: RunningSlack): 'http' | 'connected' | 'standby' | 'disconnected' {
  if (slack.mode === 'http') return 'http'
  if (slack.held?.isStandingBy()) return 'standby'
  // Bolt keeps its SocketModeReceiver private; its client's WebSocket says whether it is open.
  const receiver = (slack.bolt as unknown as { receiver?: { client?: { websocket?: { isActive(): boolean } } } }).receiver
  return receiver?.client?.websocket?.isActive() ? 'connected' : 'disconnected'
}
