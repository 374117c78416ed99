// buildServer is separate from listen so tests drive it with app.inject (fastify's Testing guide).
import { createRequire } from 'node:module'
import { hostname } from 'node:os'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify'
import { createReadiness } from '../adapters/db/health.js'
import { registerAdminApi } from './admin-api.js'
import { enabledPlatforms } from './config.js'
import { registerMetrics } from './metrics.js'
import type { PlatformHealth } from './platforms/index.js'
import type { Runtime } from './runtime.js'

/**
 * fastify's JSON-schema compilers (Ajv, fast-json-stringify), loaded only if a route
 * declares a schema: none does (requests are parsed with zod), and requiring them
 * when the server is built took about 0.2 s of start-up. They are fastify's own
 * dependencies, resolved from fastify and called exactly as fastify would.
 */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type Factory = (...args: unknown[]) => unknown
/** What fastify does (`require(name)()`, once), on first use. */
function lazy(name: string): Factory {
  let factory: Factory | undefined
  return (...args) => {
    factory ??= (fromFastify(name) as () => Factory)()
    return factory(...args)
  }
}
const lazyCompilers = {
  buildValidator: lazy('@fastify/ajv-compiler'),
  buildSerializer: lazy('@fastify/fast-json-stringify-compiler'),
} as unknown as Compilers

export interface ServerOptions {
  /** How long a readiness answer is kept (adapters/db/health.ts; tests use 0). */
  readinessCacheMs?: number
  /** The delivery worker's figures per platform (in flight, sent, time-outs, 429s, pause), once it runs. */
  delivery?: () => unknown
  /** Each platform connection's state, once the platforms run (the admin API's health). */
  platforms?: () => PlatformHealth[] | null
}

export function buildServer(runtime: Runtime, options: ServerOptions = {}): FastifyInstance {
  const logsRequests = runtime.config.LOG_LEVEL === 'debug' || runtime.config.LOG_LEVEL === 'trace'
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; saying so keeps the app's type the default one plugins expect.
    loggerInstance: runtime.log as FastifyBaseLogger,
    // Platform payloads are small; a large body is an attack or a mistake.
    bodyLimit: 1024 * 1024,
    // Whose X-Forwarded-* headers count (request.ip, .protocol, .host): none unless TRUST_PROXY says.
    trustProxy: runtime.config.TRUST_PROXY,
    schemaController: { compilersFactory: lazyCompilers },
    // Request lines only when debugging: URLs can carry the console token.
    logController: new LogController({ disableRequestLogging: !logsRequests }),
    // Without request lines, a child logger per request (a pino child with its bindings) is pure cost on every ack.
    ...(logsRequests ? {} : { childLoggerFactory: (logger: FastifyBaseLogger) => logger }),
  })

  // GET /metrics (Prometheus) and the ack timing of platform requests (bot/metrics.ts, docs/metrics.md).
  if (runtime.config.METRICS_ENABLED) registerMetrics(app, runtime.metrics, { token: runtime.config.METRICS_TOKEN })

  /**
   * Liveness, the questions acknowledged but not answered yet (`unanswered`, of which
   * `overflow` wait in the database) and the delivery worker's figures per platform.
   */
  app.get('/healthz', async () => ({ status: 'ok', answers: runtime.intake.stats(), delivery: options.delivery?.() ?? null }))

  /**
   * Readiness: the database can be written (a bounded one-row write: read-only, locked and
   * full databases fail it) and delivery is making progress (adapters/db/health.ts).
   */
  const readiness = createReadiness(runtime.db, {
    url: runtime.config.DATABASE_URL,
    holder: `${hostname()}:${process.pid}`,
    platforms: enabledPlatforms(runtime.config),
    stallMs: runtime.config.READY_DELIVERY_STALL_MINUTES * 60_000,
    now: () => runtime.clock.now(),
    ...(options.readinessCacheMs === undefined ? {} : { cacheMs: options.readinessCacheMs }),
  })
  let wasReady = true
  app.get('/readyz', async (_request, reply) => {
    const answer = await readiness()
    if (answer.ready !== wasReady) {
      wasReady = answer.ready
      if (answer.ready) runtime.log.info('ready again')
      else runtime.log.error({ reason: answer.reason, detail: answer.detail }, 'not ready')
    }
    if (answer.ready) return { status: 'ready' }
    const { ready: _ready, ...why } = answer
    return reply.code(503).send({ status: 'unavailable', ...why })
  })

  // The HRIS admin API (docs/admin-api.md): absent, so every route answers 404, without a token.
  if (runtime.config.ADMIN_API_TOKEN)
    registerAdminApi(app, {
      token: runtime.config.ADMIN_API_TOKEN,
      maxBodyBytes: Math.round(runtime.config.ADMIN_API_MAX_BODY_MB * 1024 * 1024),
      db: runtime.db,
      deps: runtime.deps,
      log: runtime.log,
      now: () => runtime.clock.now(),
      readiness,
      platforms: () => options.platforms?.() ?? null,
      delivery: () => options.delivery?.() ?? null,
    })

  return app
}
