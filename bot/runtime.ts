// The composition root's core: one database, one store, one core, shared by the
// server, the scheduler and the CLI.
import type { Logger as Pino } from 'pino'
import { type Db, openDb, poolFiguresOf } from '../adapters/db/client.js'
import { createIntakeStore } from '../adapters/db/intake-store.js'
import { migrate } from '../adapters/db/migrate.js'
import { outboxBacklog } from '../adapters/db/outbox-backlog.js'
import { createSealer } from '../adapters/db/seal.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { createCore } from '../core/app/create-core.js'
import { type LadderDeps, type LadderStore, ladderDeps } from '../core/app/store.js'
import type { CoreApi } from '../core/kernel/inbound.js'
import { createIntake, type Intake } from '../core/kernel/intake.js'
import { createMessengerRegistry } from '../core/kernel/messaging.js'
import type { Clock } from '../core/kernel/ports.js'
import { type Config, enabledPlatforms } from './config.js'
import { defaultHolder } from './delivery.js'
import { createLlm } from './llm.js'
import { createLogger } from './logger.js'
import { type DbPoolStats, instrumentIntake, type LadderMetrics, NO_METRICS } from './metrics.js'
import { loadSealKey } from './seal-key.js'

export interface Runtime {
  config: Config
  db: Db
  store: LadderStore
  /** What every use case receives: the store, clock, settings, outbox delivery and the running platforms. */
  deps: LadderDeps
  core: CoreApi
  /** Platform events between their ack and their answer; startPlatforms starts it. */
  intake: Intake
  clock: Clock
  log: Pino
  /** The chat platforms' messengers: startPlatforms registers each as it starts. */
  messengers: ReturnType<typeof createMessengerRegistry>
  /** This instance in leases and outbox claims: INSTANCE_NAME, else host:pid:random. */
  holder: string
  /** Prometheus series of this runtime (bot/metrics.ts), served on GET /metrics. */
  metrics: LadderMetrics
  close(): Promise<void>
}

const systemClock: Clock = { now: () => new Date() }

export interface RuntimeOptions {
  clock?: Clock
  log?: Pino
  /** Count for GET /metrics (prom-client, loaded only then); the default. A CLI command does not. */
  metrics?: boolean
}

/** A CLI command's runtime: warnings and errors on stderr, no metrics. */
export const openCommandRuntime = (config: Config): Promise<Runtime> =>
  openRuntime(config, { log: createLogger({ LOG_LEVEL: 'warn' }, process.stderr), metrics: false })

export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config)
  const clock = options.clock ?? systemClock
  if (config.FEEDBACK_360_WEIGHT !== 1) {
    log.warn(
      { FEEDBACK_360_WEIGHT: config.FEEDBACK_360_WEIGHT },
      'FEEDBACK_360_WEIGHT no longer blends 360 results; set the weight of the 360 source with source_weights (docs/evidence.md)',
    )
  }
  const applied = await migrate(config.DATABASE_URL)
  if (applied.length > 0) log.info({ applied }, 'database migrated')
  const db = await openDb(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE })
  // Anonymous 360 answers are sealed under this key until released in groups (docs/feedback-360.md).
  const store = createPrismaStore(db, { sealer: createSealer(loadSealKey(config, log)) })
  const metrics = options.metrics === false ? NO_METRICS : (await import('./prometheus.js')).createMetrics()
  const llm = await createLlm(config, log, metrics)
  const messengers = createMessengerRegistry()
  // Cards for raters and managers go through the outbox like every other message (ladderDeps' default).
  const deps = ladderDeps({
    store,
    clock,
    log,
    settings: { workingHours: config.WORKING_HOURS, holidays: config.HOLIDAYS, onboardingWindowDays: config.ONBOARDING_WINDOW_DAYS },
    messengers,
    platforms: enabledPlatforms(config),
    ...(llm ? { llm } : {}),
  })
  const core = createCore(deps)
  const intakeStore = createIntakeStore(config.DATABASE_URL, config.INSTANCE_NAME)
  const intake = instrumentIntake(
    createIntake({
      store: intakeStore,
      log,
      concurrency: config.ANSWER_CONCURRENCY,
      bound: config.ANSWER_QUEUE_SIZE,
      adoptAfterMs: config.ANSWER_ADOPT_AFTER_MS,
    }),
    metrics,
  )
  metrics.intakeBacklog(() => intake.stats())
  metrics.outboxBacklog(() => outboxBacklog(db))
  metrics.dbPools(() => {
    const pool = poolFiguresOf(db)
    // PostgreSQL: Prisma's pool (the intake's own small pool is not counted).
    return pool ? [{ pool: 'pg', inUse: pool.total - pool.idle, idle: pool.idle, waiting: pool.waiting }] : sqlitePools(config.DATABASE_URL)
  })
  return {
    config,
    db,
    store,
    deps,
    core,
    intake,
    clock,
    log,
    messengers,
    holder: config.INSTANCE_NAME ?? defaultHolder(),
    metrics,
    async close() {
      intakeStore.close()
      await db.$disconnect()
    },
  }
}

/**
 * SQLite: the Prisma connection, the prepared-statement reader (adapters/db/fast-reads.ts,
 * not for :memory:) and the intake's connection, all synchronous, so none is ever in use
 * at scrape time nor waited for. A PostgreSQL pool reports its pg.Pool figures here
 * instead (totalCount - idleCount, idleCount, waitingCount).
 */
function sqlitePools(url: string): DbPoolStats[] {
  const one = (pool: string): DbPoolStats => ({ pool, inUse: 0, idle: 1, waiting: 0 })
  return url.includes(':memory:') ? [one('prisma'), one('intake')] : [one('prisma'), one('fast_reads'), one('intake')]
}
