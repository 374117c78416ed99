// A console on a real seeded SQLite file: the demo organisation, the Prisma
// store and the real core, behind a fastify app (not listening unless asked).
import Fastify, { type FastifyInstance } from 'fastify'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { enabledPlatforms, loadConfig } from '../../bot/config.js'
import { type RunningWeb, startWeb } from '../../bot/platforms/web.js'
import { createCore } from '../../core/app/create-core.js'
import type { Store } from '../../core/kernel/ports.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

export interface ConsoleApp {
  app: FastifyInstance
  web: RunningWeb
  testDb: TestDb
  store: Store
  log: ReturnType<typeof memoryLogger>
  close(): Promise<void>
}

/** `https`: serve over TLS with this key and certificate (listen to use it; inject is plain HTTP). */
export async function createConsoleApp(
  env: Record<string, string> = {},
  now = new Date(),
  https?: { key: Buffer; cert: Buffer },
): Promise<ConsoleApp> {
  const testDb = await createTestDb()
  await seedDemo(testDb.db, now)
  const store = createPrismaStore(testDb.db)
  const log = memoryLogger()
  const config = loadConfig({ DATABASE_URL: testDb.url, LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv)
  // Cards for people go where the install reaches them: a console-only one, their console inbox.
  const core = createCore({ store, clock: { now: () => now }, log, platforms: enabledPlatforms(config) })
  const app = https
    ? (Fastify({ trustProxy: config.TRUST_PROXY, https }) as unknown as FastifyInstance)
    : Fastify({ trustProxy: config.TRUST_PROXY })
  const web = await startWeb(app, { config, core, store, log, now: () => now })
  await app.ready()
  return {
    app,
    web,
    testDb,
    store,
    log,
    async close() {
      await app.close()
      await web.stop()
      await testDb.close()
    },
  }
}

/** The session cookie (name=value) from a response's set-cookie header. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie
  const pair = header?.split(';')[0]
  if (!pair) throw new Error('the response set no cookie')
  return pair
}

/** Picks a person as the console does and returns the session cookie. */
export async function login(app: FastifyInstance, email: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/console/session', payload: { email } })
  if (res.statusCode !== 200) throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`)
  return cookieFrom(res.headers['set-cookie'])
}
