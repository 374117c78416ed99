// Feishu/Lark on Ladder's server: HTTP routes (FEISHU_MODE=http) or the SDK's
// long connection (FEISHU_MODE=ws), and the messenger the delivery worker uses.
import type { FastifyInstance } from 'fastify'
import { createFeishuAdapter, type FeishuAdapter, type FeishuAdapterOptions } from '../../adapters/feishu/create-feishu-adapter.js'
import { feishuRoutes } from '../../adapters/feishu/http-routes.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import type { Intake } from '../../core/kernel/intake.js'
import type { Clock, Logger } from '../../core/kernel/ports.js'
import type { Config } from '../config.js'
import { type ConnectionLeaseSettings, holdConnection } from './connection-lease.js'

export interface FeishuDeps {
  config: Config
  core: CoreApi
  log: Logger
  /** For the signature's timestamp window; the system clock by default. */
  clock?: Clock
  /** Test and benchmark knobs (retry waits, the card-callback deadline). */
  tuning?: Pick<FeishuAdapterOptions, 'retry' | 'ackTimeoutMs'>
  /** Messages are admitted before the answer to Feishu and answered from it. */
  intake?: Intake
  /** FEISHU_MODE=ws: the long connection is held by one instance of those on the database at a time. */
  connectionLease?: ConnectionLeaseSettings
}

/** The running adapter: idle() resolves when every answer still being worked on has been sent. */
/** The adapter; with the long connection under a lease, its state says `standby` while another instance holds it. */
export type RunningFeishu = Omit<FeishuAdapter, 'connectionState'> & {
  connectionState(): ReturnType<FeishuAdapter['connectionState']> | 'standby'
}

export async function startFeishu(app: FastifyInstance, deps: FeishuDeps): Promise<RunningFeishu> {
  const { config, core, log } = deps
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET)
    throw new Error('Feishu is not configured: set FEISHU_APP_ID and FEISHU_APP_SECRET')
  const clock = deps.clock ?? { now: () => new Date() }
  const settings = {
    appId: config.FEISHU_APP_ID,
    appSecret: config.FEISHU_APP_SECRET,
    domain: config.FEISHU_DOMAIN,
    timeoutMs: config.DELIVERY_CALL_TIMEOUT_MS,
  }
  const adapter = createFeishuAdapter({
    settings,
    core,
    log,
    mode: config.FEISHU_MODE,
    ratePerSecond: config.FEISHU_RATE_PER_SECOND,
    maxPerSecond: config.FEISHU_MAX_MESSAGES_PER_SECOND,
    maxPerMinute: config.FEISHU_MAX_MESSAGES_PER_MINUTE,
    now: () => clock.now().getTime(),
    isTokenOnly: config.FEISHU_MODE === 'http' && !config.FEISHU_ENCRYPT_KEY,
    ...deps.tuning,
    ...(deps.intake ? { intake: deps.intake } : {}),
  })

  if (config.FEISHU_MODE === 'ws' && deps.connectionLease) {
    // The long connection: one instance of those on the database holds it (connection-lease.ts).
    const stopAdapter = adapter.stop.bind(adapter)
    const start = adapter.start.bind(adapter)
    const held = await holdConnection({
      ...deps.connectionLease,
      name: `connection:feishu-ws:${config.FEISHU_APP_ID}`,
      log,
      connect: start,
      disconnect: stopAdapter,
    })
    adapter.stop = () => held.stop()
    log.info({ mode: 'ws', domain: config.FEISHU_DOMAIN, isHolder: held.isHolder() }, 'feishu long connection: one instance at a time')
    const state = adapter.connectionState.bind(adapter)
    return Object.assign(adapter, { connectionState: () => (held.isStandingBy() ? ('standby' as const) : state()) })
  }
  if (config.FEISHU_MODE === 'ws') {
    await adapter.start()
    log.info({ mode: 'ws', domain: config.FEISHU_DOMAIN }, 'feishu long connection starting')
    return adapter
  }

  // The SDK would skip verification without a secret; a token alone is a static value that forges anything.
  if (!config.FEISHU_ENCRYPT_KEY) {
    if (!config.FEISHU_VERIFICATION_TOKEN || !config.FEISHU_ALLOW_TOKEN_ONLY) {
      throw new Error('FEISHU_ENCRYPT_KEY is required in HTTP mode (or FEISHU_MODE=ws, or FEISHU_ALLOW_TOKEN_ONLY=true with a token)')
    }
    log.warn(
      { mode: 'http', FEISHU_ALLOW_TOKEN_ONLY: true },
      'INSECURE: Feishu HTTP mode without FEISHU_ENCRYPT_KEY. Requests are checked only by the static verification token: anyone who has it can forge messages and card clicks as any user. Set the Encrypt Key (docs/connect-feishu.md) or use FEISHU_MODE=ws',
    )
  }
  await app.register(
    feishuRoutes({
      secrets: {
        ...(config.FEISHU_ENCRYPT_KEY ? { encryptKey: config.FEISHU_ENCRYPT_KEY } : {}),
        ...(config.FEISHU_VERIFICATION_TOKEN ? { verificationToken: config.FEISHU_VERIFICATION_TOKEN } : {}),
      },
      dispatcher: adapter.dispatcher,
      cardHandler: adapter.cardHandler,
      onMessage: adapter.handlers.onMessage,
      now: () => clock.now().getTime(),
      log,
    }),
  )
  await adapter.start()
  log.info({ mode: 'http', domain: config.FEISHU_DOMAIN, isEncrypted: Boolean(config.FEISHU_ENCRYPT_KEY) }, 'feishu routes registered')
  return adapter
}
