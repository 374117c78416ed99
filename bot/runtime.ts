// The composition root's core: one database, one store, one core, shared by the
// server, the scheduler and the CLI.
import type { Logger as Pino } from 'pino'
import { openDb, type Db } from '../adapters/db/client.js'
import { migrate } from '../adapters/db/migrate.js'
import { createPrismaStore } from '../adapters/db/store.js'
import { createCore } from '../core/app/create-core.js'
import type { CoreApi } from '../core/kernel/inbound.js'
import type { ChatPlatform } from '../core/kernel/outbox.js'
import type { Clock, Messenger, Store } from '../core/kernel/ports.js'
import type { Config } from './config.js'
import { createLogger } from './logger.js'
import { createLlm } from './llm.js'
import { outboxDeliveryFor } from '../core/kernel/outbox-delivery.js'

export interface Runtime {
  config: Config
  db: Db
  store: Store
  core: CoreApi
  clock: Clock
  log: Pino
  /** The chat platforms' messengers, filled by startPlatforms; the core reads channel members through them. */
  messengers: Partial<Record<ChatPlatform, Messenger>>
  close(): Promise<void>
}

const systemClock: Clock = { now: () => new Date() }

export async function openRuntime(config: Config, options: { clock?: Clock; log?: Pino } = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config)
  const clock = options.clock ?? systemClock
  const applied = migrate(config.DATABASE_URL)
  if (applied.length > 0) log.info({ applied }, 'database migrated')
  const db = await openDb(config.DATABASE_URL)
  const store = createPrismaStore(db)
  const llm = createLlm(config, log)
  const messengers: Runtime['messengers'] = {}
  const core = createCore({
    store,
    clock,
    log,
    feedback: store.feedback,
    feedbackWeight: config.FEEDBACK_360_WEIGHT,
    workingHours: config.WORKING_HOURS,
    holidays: config.HOLIDAYS,
    // Cards for raters and managers go through the outbox like every other message.
    deliver: outboxDeliveryFor({ store, clock, log }),
    messengers,
    ...(llm ? { llm } : {}),
  })
  return {
    config,
    db,
    store,
    core,
    clock,
    log,
    messengers,
    async close() {
      await db.$disconnect()
    },
  }
}
