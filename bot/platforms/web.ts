// The local web console: a third adapter beside Slack and Feishu, served by the
// same fastify app under /console. It renders the neutral cards as HTML and
// delivers the bot's own messages (reminders, escalations) over Server-Sent Events.
import type { FastifyInstance } from 'fastify'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger, Store } from '../../core/kernel/ports.js'
import { loadConsoleAssets } from '../../adapters/web/assets.js'
import { resolveConsoleAccess } from '../../adapters/web/console-access.js'
import { createEventStreams } from '../../adapters/web/event-streams.js'
import { renderCardHtml } from '../../adapters/web/render-card.js'
import { consoleRoutes } from '../../adapters/web/routes.js'
import { createSessionStore } from '../../adapters/web/sessions.js'
import { createWebMessenger, type WebMessenger } from '../../adapters/web/messenger.js'
import type { Config } from '../config.js'

export { webDestination } from '../../adapters/web/messenger.js'

export interface RunningWeb {
  /** Deliver to a person with webDestination(email). */
  messenger: WebMessenger
  /** The access token (from CONSOLE_TOKEN or generated), or null when the console is loopback-only without one. */
  token: string | null
  stop(): Promise<void>
}

export interface WebDeps {
  config: Config
  core: CoreApi
  store: Store
  log: Logger
  /** For the people list's job titles (the catalogue in force); defaults to the system clock. */
  now?: () => Date
}

/** Registers /console on `app` (call before listen). */
export async function startWeb(app: FastifyInstance, deps: WebDeps): Promise<RunningWeb> {
  const access = resolveConsoleAccess(deps.config)
  // Ids unique on the page: every card rendered by this process gets its own prefix.
  let rendered = 0
  const messenger = createWebMessenger({ render: (card, idPrefix) => renderCardHtml(card, { idPrefix }) })
  const sessions = createSessionStore()
  const streams = createEventStreams(messenger)
  sessions.onEnd((session) => streams.closeSession(session.id))
  await app.register(consoleRoutes, {
    core: deps.core,
    store: deps.store,
    log: deps.log,
    messenger,
    sessions,
    streams,
    assets: await loadConsoleAssets(),
    token: access.token,
    isSecureCookie: deps.config.PUBLIC_URL?.startsWith('https:') ?? false,
    render: (card) => renderCardHtml(card, { idPrefix: `r${++rendered}` }),
    now: deps.now ?? (() => new Date()),
  })
  deps.log.info({ isTokenRequired: access.token !== null, isTokenGenerated: access.isGenerated }, 'web console enabled at /console')
  return {
    messenger,
    token: access.token,
    async stop() {
      streams.closeAll()
      sessions.clear()
    },
  }
}

/** The URL to print at start-up; carries the token when one is needed. */
export function consoleUrl(config: Pick<Config, 'HOST' | 'PORT' | 'PUBLIC_URL'>, token: string | null, port = config.PORT): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST
  const base = config.PUBLIC_URL ? config.PUBLIC_URL.replace(/\/+$/, '') : `http://${host}:${port}`
  return `${base}/console${token ? `?token=${encodeURIComponent(token)}` : ''}`
}
