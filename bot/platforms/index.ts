// Starts each configured chat platform on the server before it listens.
import type { FastifyInstance } from 'fastify'
import type { Messenger } from '../../core/kernel/messaging.js'
import { hasFeishu, hasSlack, isConsoleEnabled } from '../config.js'
import type { Runtime } from '../runtime.js'
import { startFeishu } from './feishu.js'
import { startSlack } from './slack.js'
import { startWeb } from './web.js'

export interface RunningPlatforms {
  messengers: Partial<Record<'slack' | 'feishu' | 'web', Messenger>>
  /** The web console's access token, when it requires one. */
  consoleToken: string | null
  stop(): Promise<void>
}

export async function startPlatforms(app: FastifyInstance, runtime: Runtime): Promise<RunningPlatforms> {
  const { config, core, log, clock } = runtime
  const messengers: RunningPlatforms['messengers'] = {}
  const stops: (() => Promise<void>)[] = []
  if (hasSlack(config)) {
    const slack = await startSlack(app, { config, core, log, clock })
    messengers.slack = slack.messenger
    runtime.messengers.register('slack', slack.messenger)
    stops.push(() => slack.stop())
  }
  if (hasFeishu(config)) {
    const feishu = await startFeishu(app, { config, core, log, clock })
    messengers.feishu = feishu.messenger
    runtime.messengers.register('feishu', feishu.messenger)
    stops.push(() => feishu.stop())
  }
  let consoleToken: string | null = null
  if (isConsoleEnabled(config)) {
    const web = await startWeb(app, runtime)
    messengers.web = web.messenger
    runtime.messengers.register('web', web.messenger)
    consoleToken = web.token
    stops.push(() => web.stop())
  }
  return {
    messengers,
    consoleToken,
    async stop() {
      for (const stop of stops.reverse()) await stop()
    },
  }
}
