// Wires the console adapter's parts: the mailbox messenger, sessions, event
// streams and the /console routes. The console is a platform like Slack and
// Feishu to the rest of Ladder (ChatAdapter), with fewer capabilities: no
// channels, forms inside the card.
import type { FastifyInstance } from 'fastify'
import type { ChatAdapter } from '../../core/kernel/chat-adapter.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger, Store } from '../../core/kernel/ports.js'
import type { ConsoleAssets } from './assets.js'
import { createEventStreams } from './event-streams.js'
import { createWebMessenger, type WebMessenger } from './messenger.js'
import { webRate } from './rate-limits.js'
import { renderCardHtml } from './render-card.js'
import { consoleRoutes } from './routes.js'
import { createSessionStore } from './sessions.js'

export interface WebAdapterOptions {
  core: CoreApi
  store: Store
  log: Logger
  assets: ConsoleAssets
  /** Null: no token, this machine only. */
  token: string | null
  isSecureCookie: boolean
  now: () => Date
}

export interface WebAdapter extends ChatAdapter {
  readonly platform: 'web'
  /** Deliver to a person with webDestination(email). */
  messenger: WebMessenger
  /** Registers /console on `app` (call before listen). */
  register(app: FastifyInstance): Promise<void>
}

export function createWebAdapter(options: WebAdapterOptions): WebAdapter {
  // Ids unique on the page: every card rendered by this process gets its own prefix.
  let rendered = 0
  const messenger = createWebMessenger({ render: (card, idPrefix) => renderCardHtml(card, { idPrefix }) })
  const sessions = createSessionStore()
  const streams = createEventStreams(messenger)
  sessions.onEnd((session) => streams.closeSession(session.id))
  return {
    platform: 'web',
    messenger,
    rateLimits: webRate(),
    capabilities: {
      channelListing: false,
      channelMembers: false,
      cardUpdateMaxAgeMs: Number.POSITIVE_INFINITY,
      modalForms: false,
      ephemeralReplies: false,
    },
    async register(app) {
      await app.register(consoleRoutes, {
        core: options.core,
        store: options.store,
        log: options.log,
        messenger,
        sessions,
        streams,
        assets: options.assets,
        token: options.token,
        isSecureCookie: options.isSecureCookie,
        render: (card) => renderCardHtml(card, { idPrefix: `r${++rendered}` }),
        now: options.now,
      })
    },
    async start() {},
    async stop() {
      streams.closeAll()
      sessions.clear()
    },
  }
}
