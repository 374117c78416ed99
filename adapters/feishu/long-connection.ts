// FEISHU_MODE=ws: the SDK's WSClient opens an outbound WebSocket (no public URL
// needed) and feeds the same EventDispatcher. Frames are authenticated by the
// connection itself: no signature, no encryption, header.token is empty.
// Self-built apps only; up to 50 connections per app, each event to one of them.

import type { EventDispatcher } from '@larksuiteoapi/node-sdk'
import { LoggerLevel, WSClient } from '@larksuiteoapi/node-sdk'
import type { Logger } from '../../core/kernel/ports.js'
import { type FeishuClientSettings, resolveDomain } from './client.js'
import { sdkLogger } from './sdk-logger.js'

/** WSClient.start() silently does nothing for an app id of any other form. */
const WS_APP_ID = /^cli_[0-9a-fA-F]{16}$/

export interface LongConnection {
  /** Resolves once the first connection is up (the SDK keeps reconnecting after that). */
  ready: Promise<void>
  /** Whether the WebSocket is up now (the admin API's health). */
  state(): 'connecting' | 'connected' | 'disconnected'
  close(): void
}

export function openLongConnection(settings: FeishuClientSettings, dispatcher: EventDispatcher, log: Logger): LongConnection {
  if (!WS_APP_ID.test(settings.appId)) {
    throw new Error(
      `FEISHU_APP_ID "${settings.appId}" is not a self-built app id (cli_ followed by 16 hex digits): the long connection needs one`,
    )
  }
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  let state: ReturnType<LongConnection['state']> = 'connecting'
  const client = new WSClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: resolveDomain(settings.domain),
    logger: sdkLogger(log),
    loggerLevel: LoggerLevel.warn,
    onReady: () => {
      state = 'connected'
      log.info({ mode: 'ws' }, 'feishu long connection ready')
      markReady()
    },
    onReconnecting: () => {
      state = 'connecting'
    },
    onReconnected: () => {
      state = 'connected'
      log.info({ mode: 'ws' }, 'feishu long connection re-established')
    },
    onError: (error) => {
      state = 'disconnected'
      log.error(
        { err: error, mode: 'ws' },
        'feishu long connection gave up: check FEISHU_APP_ID/FEISHU_APP_SECRET and that long-connection mode is chosen in the developer console',
      )
    },
  })
  client
    .start({ eventDispatcher: dispatcher })
    .catch((error: unknown) => log.error({ err: error, mode: 'ws' }, 'feishu long connection failed to start'))
  return {
    ready,
    state: () => state,
    close: () => {
      state = 'disconnected'
      client.close({ force: true })
    },
  }
}
