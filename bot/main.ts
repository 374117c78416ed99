// `npm start`: migrate, seed the demo on an empty database, serve, stop cleanly.

import type { AddressInfo } from 'node:net'
import { databaseFailureLine } from '../adapters/db/db-errors.js'
import { isEmpty, seedDemo } from '../adapters/db/demo/index.js'
import { createPacingStore } from '../adapters/db/pacing-store.js'
import { warmUp } from '../adapters/db/warm-up.js'
import { type Config, ConfigError, hasFeishu, hasSlack, isConsoleEnabled, loadConfig } from './config.js'
import { startPlatforms } from './platforms/index.js'
import { openRuntime, type Runtime } from './runtime.js'
import { schedulerOptionsFrom, startScheduler, withAdapters } from './scheduler.js'
import { buildServer } from './server.js'
import { onShutdown } from './shutdown.js'

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
  let runtime: Runtime
  try {
    runtime = await openRuntime(config)
  } catch (error) {
    // A database that cannot be used: one line naming the file and the cause, not a stack.
    const line = databaseFailureLine(error, config.DATABASE_URL)
    if (!line) throw error
    console.error(line)
    process.exit(1)
  }
  const { log } = runtime
  if (config.LADDER_DEMO && (await isEmpty(runtime.db))) {
    const { employees } = await seedDemo(runtime.db, runtime.clock.now())
    log.info({ employees }, 'empty database: seeded the demo organisation')
  }
  // Prisma's compiler and the sweep's query shapes, before anything shares the event loop with them.
  await warmUp(runtime.db, runtime.store, runtime.clock.now())
  let scheduler: ReturnType<typeof startScheduler> | undefined
  let platforms: Awaited<ReturnType<typeof startPlatforms>> | undefined
  const app = buildServer(runtime, { delivery: () => scheduler?.worker.health() ?? null, platforms: () => platforms?.health() ?? null })
  platforms = await startPlatforms(app, runtime)
  scheduler = startScheduler(
    runtime.deps,
    { ...withAdapters(schedulerOptionsFrom(config), platforms.adapters), metrics: runtime.metrics },
    runtime.holder,
    createPacingStore(runtime.db),
  )
  await app.listen({ port: config.PORT, host: config.HOST })
  // The port bound, which PORT=0 leaves to the system.
  const port = (app.server.address() as AddressInfo).port
  log.info(
    { slack: hasSlack(config), feishu: hasFeishu(config), console: isConsoleEnabled(config), port },
    `Ladder is listening on http://${config.HOST}:${port}`,
  )
  if (isConsoleEnabled(config)) {
    const { consoleUrl } = await import('./platforms/web.js')
    console.log(`\n  Open the console: ${consoleUrl(config, platforms.consoleToken, port)}\n`)
  }
  onShutdown(async () => {
    // The worker stops claiming and releases its rows while the server drains its requests.
    await Promise.all([app.close(), scheduler?.stop()])
    await platforms?.stop()
    await runtime.close()
  }, log)
}

await main()
