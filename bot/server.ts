// buildServer is separate from listen so tests drive it with app.inject (fastify's Testing guide).
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Runtime } from './runtime.js'

export function buildServer(runtime: Runtime): FastifyInstance {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; saying so keeps the app's type the default one plugins expect.
    loggerInstance: runtime.log as FastifyBaseLogger,
    // Platform payloads are small; a large body is an attack or a mistake.
    bodyLimit: 1024 * 1024,
    // Request lines only when debugging: URLs can carry the console token.
    logController: new LogController({
      disableRequestLogging: runtime.config.LOG_LEVEL !== 'debug' && runtime.config.LOG_LEVEL !== 'trace',
    }),
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
