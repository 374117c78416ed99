// The local web console: a third adapter beside Slack and Feishu, served by the
// same fastify app under /console. It renders the neutral cards as HTML and
// delivers the bot's own messages (reminders, escalations) over Server-Sent Events.
import type { FastifyInstance } from 'fastify'
import { loadConsoleAssets } from '../../adapters/web/assets.js'
import { resolveConsoleAccess } from '../../adapters/web/console-access.js'
import { createWebAdapter, type WebAdapter } from '../../adapters/web/create-web-adapter.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger, Store } from '../../core/kernel/ports.js'
import type { Config } from '../config.js'

export { webDestination } from '../../adapters/web/messenger.js'

export interface RunningWeb extends WebAdapter {
  /** The access token (from CONSOLE_TOKEN or generated), or null when the console is loopback-only without one. */
  token: string | null
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
  const adapter = createWebAdapter({
    core: deps.core,
    store: deps.store,
    log: deps.log,
    assets: await loadConsoleAssets(),
    token: access.token,
    isSecureCookie: deps.config.PUBLIC_URL?.startsWith('https:') ?? false,
    now: deps.now ?? (() => new Date()),
  })
  await adapter.register(app)
  await adapter.start()
  deps.log.info({ isTokenRequired: access.token !== null, isTokenGenerated: access.isGenerated }, 'web console enabled at /console')
  return Object.assign(adapter, { token: access.token })
}

/** The URL to print at start-up; carries the token when one is needed. */
export function consoleUrl(config: Pick<Config, 'HOST' | 'PORT' | 'PUBLIC_URL'>, token: string | null, port = config.PORT): string {
  const host =
    config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST
  const base = config.PUBLIC_URL ? config.PUBLIC_URL.replace(/\/+$/, '') : `http://${host}:${port}`
  return `${base}/console${token ? `?token=${encodeURIComponent(token)}` : ''}`
}
