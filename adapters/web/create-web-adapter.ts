// Wires the console adapter's parts: the mailbox messenger, sessions, event
// streams and the /console routes. The console is a platform like Slack and
// Feishu to the rest of Ladder (ChatAdapter), with fewer capabilities: no
// channels, forms inside the card.
import type { FastifyInstance } from 'fastify'
import type { ChatAdapter } from '../../core/kernel/chat-adapter.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger, Store } from '../../core/kernel/ports.js'
import type { ConsoleAssets } from './assets.js'
import { createEventStreams, type InboxRecord } from './event-streams.js'
import { createWebMessenger, normaliseEmail, type WebMessenger } from './messenger.js'
import { webRate } from './rate-limits.js'
import { renderCardHtml } from './render-card.js'
import { consoleRoutes } from './routes.js'
import { createSessionStore } from './sessions.js'

/** Cards an inbox shows when it opens (the mailbox keeps as many per person). */
const INBOX_SIZE = 20

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
  // Ids unique to this process: the inbox read back from the outbox holds those of earlier ones.
  const messenger = createWebMessenger({
    render: (card, idPrefix) => renderCardHtml(card, { idPrefix }),
    idPrefix: `m${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}n`,
  })
  const sessions = createSessionStore()
  const inbox: InboxRecord = {
    async history(email) {
      const rows = await options.store.outbox.consoleInbox(normaliseEmail(email), INBOX_SIZE)
      return rows.reverse().map((row) => {
        const id = row.ref?.messageId ?? `o${row.id}`
        return { id, html: renderCardHtml(row.card, { idPrefix: `${id}h` }), sentAt: (row.sentAt ?? row.createdAt).toISOString() }
      })
    },
    unread: async (email) => (await options.store.outbox.consoleUnread([normaliseEmail(email)])).get(normaliseEmail(email)) ?? 0,
  }
  const streams = createEventStreams(messenger, {
    inbox,
    onError: (error) => options.log.error({ err: error }, 'console inbox could not be read'),
  })
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
