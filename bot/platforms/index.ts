// Starts each configured chat platform on the server before it listens. A platform's
// module (and its SDK: Bolt alone takes about half a second to load) is imported only
// when the platform is configured.
import type { FastifyInstance } from 'fastify'
import type { ChatAdapter } from '../../core/kernel/chat-adapter.js'
import type { Messenger } from '../../core/kernel/messaging.js'
import { hasFeishu, hasSlack, isConsoleEnabled } from '../config.js'
import type { Runtime } from '../runtime.js'

/**
 * One platform connection as the admin API's health shows it: `http` (events come in as
 * requests to this server), `connected` / `connecting` / `disconnected` (an outbound
 * WebSocket: Slack Socket Mode, the Feishu long connection), `standby` (another
 * instance holds the connection).
 */
export interface PlatformHealth {
  platform: 'slack' | 'feishu' | 'web'
  mode: 'http' | 'socket' | 'ws'
  state: 'http' | 'connected' | 'connecting' | 'standby' | 'disconnected'
}

export interface RunningPlatforms {
  /** Every started platform, in start order: rates and capabilities are read from them. */
  adapters: ChatAdapter[]
  messengers: Partial<Record<'slack' | 'feishu' | 'web', Messenger>>
  /** The web console's access token, when it requires one. */
  consoleToken: string | null
  /** Each started platform's connection, now. */
  health(): PlatformHealth[]
  stop(): Promise<void>
}

export async function startPlatforms(app: FastifyInstance, runtime: Runtime): Promise<RunningPlatforms> {
  const { config, core, log, clock, intake } = runtime
  // Socket Mode and the Feishu long connection: one instance of those on the database connected at a time.
  const connectionLease = {
    leases: runtime.store.leases,
    holder: runtime.holder,
    ttlMs: config.CONNECTION_LEASE_TTL_MS,
    // Wall time, not the runtime's clock: the lease is read by other processes, on theirs.
    now: () => new Date(),
  }
  const messengers: RunningPlatforms['messengers'] = {}
  const adapters: ChatAdapter[] = []
  const health: (() => PlatformHealth)[] = []
  if (hasSlack(config)) {
    const { startSlack, slackConnectionState } = await import('./slack.js')
    const slack = await startSlack(app, { config, core, log, clock, intake, connectionLease })
    health.push(() => ({ platform: 'slack', mode: slack.mode, state: slackConnectionState(slack) }))
    messengers.slack = slack.messenger
    runtime.messengers.register('slack', slack.messenger)
    adapters.push(slack)
  }
  if (hasFeishu(config)) {
    const { startFeishu } = await import('./feishu.js')
    const feishu = await startFeishu(app, { config, core, log, clock, intake, connectionLease })
    health.push(() => ({ platform: 'feishu', mode: config.FEISHU_MODE, state: feishu.connectionState() }))
    messengers.feishu = feishu.messenger
    runtime.messengers.register('feishu', feishu.messenger)
    adapters.push(feishu)
  }
  let consoleToken: string | null = null
  if (isConsoleEnabled(config)) {
    const { startWeb } = await import('./web.js')
    const web = await startWeb(app, runtime)
    messengers.web = web.messenger
    runtime.messengers.register('web', web.messenger)
    consoleToken = web.token
    health.push(() => ({ platform: 'web', mode: 'http', state: 'http' }))
    adapters.push(web)
  }
  // Every platform has registered how its events are answered: begin, with what a previous run left.
  await intake.start()
  return {
    adapters,
    messengers,
    consoleToken,
    health: () => health.map((platform) => platform()),
    async stop() {
      await intake.stop()
      for (const adapter of [...adapters].reverse()) await adapter.stop()
    },
  }
}
