// Wires the Feishu adapter's parts: SDK client → API → messenger; handlers for
// messages and card callbacks; the SDK dispatchers that call them. The HTTP
// routes or the long connection are attached by bot/platforms/feishu.ts.
import type { CardActionHandler, EventDispatcher } from '@larksuiteoapi/node-sdk'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger } from '../../core/kernel/ports.js'
import { createFeishuClient, type FeishuClientSettings } from './client.js'
import { createChatKinds } from './chat-kinds.js'
import { createCardActionHandler, createEventDispatcher, type FeishuHandlers } from './dispatcher.js'
import { createFeishuApi, type FeishuApi } from './feishu-api.js'
import { DEFAULT_ACK_TIMEOUT_MS, handleCardAction } from './handle-card-action.js'
import { handleMessageEvent, memoizeBotOpenId } from './handle-message.js'
import { createInflight } from './inflight.js'
import { createFeishuMessenger, type FeishuMessenger } from './messenger.js'
import { defaultRetryPolicy, type RetryPolicy } from './with-retry.js'

export interface FeishuAdapterOptions {
  settings: FeishuClientSettings
  core: CoreApi
  log: Logger
  retry?: Partial<RetryPolicy>
  /** How long a card click may wait for the core before it is answered with "working on it". */
  ackTimeoutMs?: number
}

export interface FeishuAdapter {
  api: FeishuApi
  messenger: FeishuMessenger
  handlers: FeishuHandlers
  dispatcher: EventDispatcher
  cardHandler: CardActionHandler
  /** Resolves when every answer still being worked on has been sent. */
  idle(): Promise<void>
}

export function createFeishuAdapter(options: FeishuAdapterOptions): FeishuAdapter {
  const { core, log } = options
  const { client, tokenCache } = createFeishuClient(options.settings, log)
  const api = createFeishuApi(client)
  const policy: RetryPolicy = { ...defaultRetryPolicy(), onTokenRefused: () => tokenCache.clear(), ...options.retry }
  const messenger = createFeishuMessenger(api, policy)
  const inflight = createInflight(log)
  const botOpenId = memoizeBotOpenId(api, log)
  const chatKinds = createChatKinds(api, log)

  const handlers: FeishuHandlers = {
    onMessage: (data) => inflight.run('message', () => handleMessageEvent(data, { core, api, messenger, policy, log, botOpenId, chatKinds })),
    onCardAction: (data) =>
      handleCardAction(data, { core, api, messenger, policy, log, inflight, chatKinds, ackTimeoutMs: options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS }),
  }
  return {
    api,
    messenger,
    handlers,
    dispatcher: createEventDispatcher(handlers, log),
    cardHandler: createCardActionHandler(handlers, log),
    idle: () => inflight.idle(),
  }
}
