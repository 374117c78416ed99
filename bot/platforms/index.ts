// Starts each configured chat platform on the server before it listens.
import type { FastifyInstance } from 'fastify'
import type { Messenger } from '../../core/ports.js'
import type { Runtime } from '../runtime.js'

export interface RunningPlatforms {
  messengers: Partial<Record<'slack' | 'feishu' | 'web', Messenger>>
  stop(): Promise<void>
}

export async function startPlatforms(_app: FastifyInstance, _runtime: Runtime): Promise<RunningPlatforms> {
  const stops: (() => Promise<void>)[] = []
  return {
    messengers: {},
    async stop() {
      for (const stop of stops.reverse()) await stop()
    },
  }
}
