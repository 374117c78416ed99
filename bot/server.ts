// buildServer is separate from listen so tests drive it with app.inject (fastify's Testing guide).
import Fastify, { type FastifyInstance } from 'fastify'
import type { Runtime } from './runtime.js'

export function buildServer(runtime: Runtime): FastifyInstance {
  const app = Fastify({
    loggerInstance: runtime.log,
    // Platform payloads are small; a large body is an attack or a mistake.
    bodyLimit: 1024 * 1024,
    disableRequestLogging: runtime.config.LOG_LEVEL !== 'debug' && runtime.config.LOG_LEVEL !== 'trace',
  })

  /** Liveness: the process is up and serving. */
  app.get('/healthz', async () => ({ status: 'ok' }))

  /** Readiness: the database answers. */
  app.get('/readyz', async (_request, reply) => {
    try {
      await runtime.db.$queryRawUnsafe('SELECT 1')
      return { status: 'ready' }
    } catch (error) {
      runtime.log.error({ err: error }, 'readiness check failed')
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' })
    }
  })

  return app
}
