// One Bolt App, two ways in: HTTP on Ladder's fastify server (FastifyReceiver),
// or Socket Mode when an app-level token is given (no public URL needed).
import { App } from '@slack/bolt'
import type { ChatAdapter } from '../../core/kernel/chat-adapter.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Intake } from '../../core/kernel/intake.js'
import type { Clock, Logger } from '../../core/kernel/ports.js'
import { boltLogger } from './bolt-logger.js'
import { FastifyReceiver } from './fastify-receiver.js'
import { listenInteractions } from './handle-card-action.js'
import { listenConversations } from './handle-message.js'
import { createSlackMessenger } from './messenger.js'
import { slackRate } from './rate-limits.js'
import { createDeliveryWebClient, createWebClient, type RetryOptions, slackClientOptions, type WebClient } from './web-client.js'

export interface SlackAdapterSettings {
  botToken: string
  /** HTTP mode: required, every request is verified with it. */
  signingSecret?: string
  /** Socket Mode when set (xapp-…). */
  appToken?: string
  apiUrl: string
  core: CoreApi
  clock: Clock
  log: Logger
  retryConfig?: RetryOptions
  /** Tests and benchmarks: how long the HTTP receiver waits for an ack. */
  unhandledTimeoutMs?: number
  /** Messages per second per channel (SLACK_MESSAGES_PER_CHANNEL_PER_SECOND; chat.postMessage allows ~1). */
  ratePerSecond?: number
  /** The app-wide ceiling the delivery worker starts from (SLACK_MAX_MESSAGES_PER_SECOND). */
  maxPerSecond?: number
  /** Deadline of one delivery call (DELIVERY_CALL_TIMEOUT_MS). */
  callTimeoutMs?: number
  /**
   * HTTP mode: Events API requests are acked as soon as the intake has them written
   * down, and answered from its queue; without it, Bolt answers on the ack's turn.
   */
  intake?: Intake
}

export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack'
  mode: 'http' | 'socket'
  bolt: App
  web: WebClient
  /** Present in HTTP mode: register its route on the server. */
  receiver?: FastifyReceiver
  botUserId: string
  teamId: string
}

/** Thrown when Slack refuses the bot token at start-up: the operator must fix the configuration. */
export class SlackStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SlackStartError'
  }
}

export async function createSlackAdapter(settings: SlackAdapterSettings): Promise<SlackAdapter> {
  const { core, log, clock } = settings
  const clientSettings = { apiUrl: settings.apiUrl, log, ...(settings.retryConfig ? { retryConfig: settings.retryConfig } : {}) }
  const { web, rateLimits } = createWebClient(settings.botToken, clientSettings)
  const deliveryWeb = createDeliveryWebClient(settings.botToken, {
    ...clientSettings,
    ...(settings.callTimeoutMs !== undefined ? { timeoutMs: settings.callTimeoutMs } : {}),
  })

  // Our own auth.test, once: it fails fast with a clear message on a bad token,
  // and gives Bolt the bot ids it would otherwise fetch again.
  let auth: Awaited<ReturnType<WebClient['auth']['test']>>
  try {
    auth = await web.auth.test()
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message
    throw new SlackStartError(
      `Slack refused SLACK_BOT_TOKEN or could not be reached at ${settings.apiUrl} (${code}). Check the token (xoxb-…) and SLACK_API_URL.`,
      { cause: error },
    )
  }
  if (!auth.user_id || !auth.bot_id)
    throw new SlackStartError('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot id): use the xoxb-… Bot User OAuth Token')

  const common = {
    token: settings.botToken,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    // Bolt mutates the options object it is given: each App gets its own copy.
    clientOptions: { ...slackClientOptions(clientSettings) },
    logger: boltLogger(log, 'slack-bolt'),
    // Bolt's conversation store keeps state in memory per conversation; Ladder keeps none.
    convoStore: false as const,
  }
  let bolt: App
  let receiver: FastifyReceiver | undefined
  if (settings.appToken) {
    // App's socketMode builds the SocketModeReceiver with our clientOptions, so
    // apps.connections.open also goes to SLACK_API_URL.
    bolt = new App({ ...common, appToken: settings.appToken, socketMode: true })
  } else {
    if (!settings.signingSecret)
      throw new SlackStartError('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)')
    receiver = new FastifyReceiver({
      signingSecret: settings.signingSecret,
      clock,
      log,
      ...(settings.intake ? { intake: settings.intake } : {}),
      ...(settings.unhandledTimeoutMs !== undefined ? { unhandledTimeoutMs: settings.unhandledTimeoutMs } : {}),
    })
    bolt = new App({ ...common, receiver })
  }

  // Admitted events go through Bolt then, as they would have at once: same listeners, same middleware.
  const noAck = async () => {}
  if (receiver && settings.intake)
    settings.intake.handle('slack', (payload) => bolt.processEvent({ body: JSON.parse(payload) as Record<string, unknown>, ack: noAck }))

  const deps = { core, web, log, botUserId: auth.user_id }
  listenConversations(bolt, deps)
  listenInteractions(bolt, deps)
  // One sink for listener failures: the ack has long been sent, so the log is the only place to tell.
  bolt.error(async (error) => {
    log.error({ err: error, code: (error as Error & { code?: string }).code }, 'slack listener failed')
  })

  return {
    platform: 'slack',
    rateLimits: slackRate(settings.ratePerSecond, settings.maxPerSecond),
    capabilities: {
      // The modal's conversations_select is Slack's own channel picker: no listing needed.
      channelListing: false,
      channelMembers: true,
      cardUpdateMaxAgeMs: Number.POSITIVE_INFINITY,
      modalForms: true,
      ephemeralReplies: true,
    },
    mode: settings.appToken ? 'socket' : 'http',
    bolt,
    web,
    messenger: createSlackMessenger(web, rateLimits, deliveryWeb, log),
    ...(receiver ? { receiver } : {}),
    botUserId: auth.user_id,
    teamId: auth.team_id ?? '',
    async start() {
      await bolt.start()
    },
    async stop() {
      await bolt.stop()
    },
  }
}
