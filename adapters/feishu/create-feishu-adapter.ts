// Wires the Feishu adapter's parts: SDK client → API → messenger; handlers for
// messages and card callbacks; the SDK dispatchers that call them. In HTTP mode
// bot/platforms/feishu.ts registers the routes (http-routes.ts) with the
// dispatchers; in long-connection mode start() opens the WebSocket.
import type { CardActionHandler, EventDispatcher } from '@larksuiteoapi/node-sdk'
import { ACK_DEADLINE_MS, type ChatAdapter } from '../../core/kernel/chat-adapter.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Intake } from '../../core/kernel/intake.js'
import type { Logger } from '../../core/kernel/ports.js'
import { createChatKinds } from './chat-kinds.js'
import { createFeishuClient, type FeishuClientSettings } from './client.js'
import { createCardActionHandler, createEventDispatcher, type FeishuHandlers } from './dispatcher.js'
import { createFeishuApi, type FeishuApi } from './feishu-api.js'
import { handleCardAction } from './handle-card-action.js'
import { handleMessageEvent, memoizeBotOpenId } from './handle-message.js'
import { createInflight } from './inflight.js'
import { type LongConnection, openLongConnection } from './long-connection.js'
import { createFeishuMessenger, type FeishuMessenger } from './messenger.js'
import { parseMessageEvent } from './parse-event.js'
import { CARD_UPDATE_MAX_AGE_MS, feishuRate } from './rate-limits.js'
import { verifyFreshness } from './verify-request.js'
import { defaultRetryPolicy, type RetryPolicy } from './with-retry.js'

export interface FeishuAdapterOptions {
  settings: FeishuClientSettings
  core: CoreApi
  log: Logger
  /** 'ws': the SDK's long connection, opened by start(); 'http' (default): routes registered by the caller. */
  mode?: 'http' | 'ws'
  retry?: Partial<RetryPolicy>
  /** How long a card click may wait for the core before it is answered with "working on it". */
  ackTimeoutMs?: number
  /** Messages per second per user or group chat (FEISHU_MESSAGES_PER_CHAT_PER_SECOND; Feishu allows 5). */
  ratePerSecond?: number
  /** The app-wide ceiling of the delivery worker (FEISHU_MAX_MESSAGES_PER_SECOND). */
  maxPerSecond?: number
  /** The app-wide limit per minute (FEISHU_MAX_MESSAGES_PER_MINUTE). */
  maxPerMinute?: number
  /**
   * Messages are admitted (written down, redeliveries recognised) before Feishu gets
   * its answer, and answered from the intake's queue; without one, at once in the background.
   */
  intake?: Intake
  /** Milliseconds since the epoch, for the 5-minute window of header.create_time; the system clock by default. */
  now?: () => number
  /** HTTP with the verification token only (FEISHU_ALLOW_TOKEN_ONLY): a click's operator may be forged. */
  isTokenOnly?: boolean
}

export interface FeishuAdapter extends ChatAdapter {
  readonly platform: 'feishu'
  api: FeishuApi
  messenger: FeishuMessenger
  handlers: FeishuHandlers
  dispatcher: EventDispatcher
  cardHandler: CardActionHandler
  /** Resolves when every answer still being worked on has been sent. */
  idle(): Promise<void>
  /** HTTP mode, or the long connection's state (the admin API's health). */
  connectionState(): 'http' | 'connecting' | 'connected' | 'disconnected'
}

export function createFeishuAdapter(options: FeishuAdapterOptions): FeishuAdapter {
  const { core, log } = options
  const { client, tokenCache } = createFeishuClient(options.settings, log)
  const api = createFeishuApi(client)
  const policy: RetryPolicy = { ...defaultRetryPolicy(), onTokenRefused: () => tokenCache.clear(), ...options.retry }
  const messenger = createFeishuMessenger(api, policy, (detail) =>
    log.warn(detail, 'feishu urgent (加急) mark failed; the message was sent'),
  )
  const inflight = createInflight(log)
  const botOpenId = memoizeBotOpenId(api, log)
  const chatKinds = createChatKinds(api, log)

  const messageDeps = { core, api, messenger, policy, log, botOpenId, chatKinds }
  const { intake } = options
  intake?.handle('feishu', (payload) => handleMessageEvent(JSON.parse(payload), messageDeps))

  const now = options.now ?? Date.now
  /** Over either connection: an event or click made outside the replay window is dropped, with a log line. */
  const isFresh = (data: unknown, kind: string): boolean => {
    const createTime = data !== null && typeof data === 'object' ? (data as { create_time?: unknown }).create_time : undefined
    const fresh = verifyFreshness(createTime, now())
    if (!fresh.ok) {
      log.warn({ reason: fresh.reason, createTime, event: kind }, 'feishu event outside the 5-minute window: ignored')
      intake?.record?.('feishu', 'rejected')
    }
    return fresh.ok
  }

  const handlers: FeishuHandlers = {
    onMessage: (data) => {
      if (!isFresh(data, 'im.message.receive_v1')) return undefined
      const eventId = intake ? parseMessageEvent(data)?.eventId : undefined
      if (intake && eventId) return intake.admit('feishu', eventId, JSON.stringify(data)).then(() => undefined)
      // No intake, or a shape handleMessageEvent refuses (and logs) at once.
      inflight.run('message', () => handleMessageEvent(data, messageDeps))
      return undefined
    },
    onCardAction: async (data) => {
      if (!isFresh(data, 'card.action.trigger')) return {}
      intake?.record?.('feishu', 'answered')
      return handleCardAction(data, {
        core,
        api,
        messenger,
        policy,
        log,
        inflight,
        chatKinds,
        isOperatorForgeable: options.isTokenOnly === true,
        ackTimeoutMs: options.ackTimeoutMs ?? ACK_DEADLINE_MS,
      })
    },
  }
  const dispatcher = createEventDispatcher(handlers, log)
  let connection: LongConnection | undefined
  return {
    platform: 'feishu',
    rateLimits: feishuRate(options.ratePerSecond, options.maxPerSecond, options.maxPerMinute),
    capabilities: {
      // Card forms have no chat picker: the broadcast form lists the bot's groups.
      channelListing: true,
      channelMembers: true,
      cardUpdateMaxAgeMs: CARD_UPDATE_MAX_AGE_MS,
      modalForms: false,
      ephemeralReplies: false,
    },
    api,
    messenger,
    handlers,
    dispatcher,
    cardHandler: createCardActionHandler(handlers, log),
    async idle() {
      await intake?.drained()
      await inflight.idle()
    },
    connectionState: () => (options.mode === 'ws' ? (connection?.state() ?? 'disconnected') : 'http'),
    async start() {
      if (options.mode === 'ws') connection ??= openLongConnection(options.settings, dispatcher, log)
    },
    async stop() {
      connection?.close()
      connection = undefined
      await inflight.idle()
    },
  }
}
