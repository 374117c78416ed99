// What the console's route files share: the options the plugin is given and the
// request helpers built on them (routes.ts builds it, conversation-routes.ts uses it).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Card } from '../../core/kernel/cards/card.js'
import type { MessageKey, Params } from '../../core/kernel/i18n/index.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Logger, Store } from '../../core/kernel/ports.js'
import type { ConsoleAssets } from './assets.js'
import type { EventStreams } from './event-streams.js'
import type { WebMessenger } from './messenger.js'
import type { ConsoleSession, SessionStore } from './sessions.js'

export interface ConsoleRoutesOptions {
  core: CoreApi
  store: Store
  log: Logger
  messenger: WebMessenger
  sessions: SessionStore
  streams: EventStreams
  assets: ConsoleAssets
  /** Null: no token, this machine only. */
  token: string | null
  /** Mark the cookie Secure on every response (the console is served over HTTPS, e.g. behind a proxy). */
  isSecureCookie: boolean
  render(card: Card): string
  now(): Date
}

export type BoundSession = ConsoleSession & { email: string }

/** Helpers shared by the console's route files. */
export interface ConsoleContext extends ConsoleRoutesOptions {
  sessionOf(request: FastifyRequest): ConsoleSession | null
  /** The session's employee, or a 401 already sent (then returns null). */
  requirePerson(request: FastifyRequest, reply: FastifyReply): BoundSession | null
  fail(request: FastifyRequest, reply: FastifyReply, status: number, error: string, key: MessageKey, params?: Params): FastifyReply
}
