// Shared set-up for the Feishu integration tests: the demo organisation on a real
// SQLite file, the real core, the fake Open API, and Ladder's fastify server.

import Fastify, { type FastifyInstance } from 'fastify'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { createIntakeStore } from '../../adapters/db/intake-store.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { ZConfig } from '../../bot/config.js'
import { type RunningFeishu, startFeishu } from '../../bot/platforms/feishu.js'
import { createCore } from '../../core/app/create-core.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { createIntake, type Intake } from '../../core/kernel/intake.js'
import { type FakeFeishu, startFakeFeishu } from '../fakes/feishu-api.js'
import { encryptedRequest } from '../fakes/feishu-crypto.js'
import { BOT_OPEN_ID } from '../fakes/feishu-events.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

export const NOW = new Date('2026-11-23T02:00:00Z')
export const APP = { appId: 'cli_0123456789abcdef', appSecret: 'app-secret' }
export const ENCRYPT_KEY = 'ladder-encrypt-key'
export const VERIFICATION_TOKEN = 'ladder-verification-token'

/** Feishu users of the demo: open_id → the email the contact API answers with. */
export const PEOPLE = {
  liLei: 'ou_li_lei',
  hanMeimei: 'ou_han_meimei',
  alexChen: 'ou_alex_chen',
  stranger: 'ou_stranger',
} as const

export interface World {
  t: TestDb
  fake: FakeFeishu
  core: CoreApi
  log: ReturnType<typeof memoryLogger>
  close(): Promise<void>
}

export async function createWorld(): Promise<World> {
  const t = await createTestDb()
  await seedDemo(t.db, NOW)
  const log = memoryLogger()
  const core = createCore({ store: createPrismaStore(t.db), clock: { now: () => NOW }, log })
  const fake = await startFakeFeishu({
    ...APP,
    botOpenId: BOT_OPEN_ID,
    users: {
      [PEOPLE.liLei]: { name: '李雷', enterprise_email: 'li.lei@demo.ladder' },
      [PEOPLE.hanMeimei]: { name: '韩梅梅', email: 'han.meimei@demo.ladder' },
      [PEOPLE.alexChen]: { name: 'Alex Chen', email: 'alex.chen@demo.ladder' },
    },
  })
  return {
    t,
    fake,
    core,
    log,
    async close() {
      await fake.close()
      await t.close()
    },
  }
}

export interface Ladder {
  app: FastifyInstance
  feishu: RunningFeishu
  intake?: Intake
  close(): Promise<void>
}

export async function startLadder(
  world: World,
  options: {
    secrets: { FEISHU_ENCRYPT_KEY?: string; FEISHU_VERIFICATION_TOKEN?: string; FEISHU_ALLOW_TOKEN_ONLY?: 'true' }
    mode?: 'http' | 'ws'
    nowMs?: number
    core?: CoreApi
    ackTimeoutMs?: number
    /** Messages through an intake on the world's database, as bot/ wires it. */
    intake?: { bound?: number; concurrency?: number }
  },
): Promise<Ladder> {
  const app = Fastify()
  const config = ZConfig.parse({
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_DOMAIN: world.fake.url,
    FEISHU_MODE: options.mode ?? 'http',
    ...options.secrets,
  })
  const intakeStore = options.intake ? createIntakeStore(world.t.url) : undefined
  const intake = intakeStore ? createIntake({ store: intakeStore, log: world.log, ...options.intake }) : undefined
  const feishu = await startFeishu(app, {
    ...(intake ? { intake } : {}),
    config,
    core: options.core ?? world.core,
    log: world.log,
    clock: { now: () => new Date(options.nowMs ?? NOW.getTime()) },
    tuning: { retry: { sleep: async () => {} }, ...(options.ackTimeoutMs !== undefined ? { ackTimeoutMs: options.ackTimeoutMs } : {}) },
  })
  await app.ready()
  await intake?.start()
  return {
    app,
    feishu,
    ...(intake ? { intake } : {}),
    async close() {
      await intake?.stop()
      intakeStore?.close()
      await feishu.stop()
      await app.close()
    },
  }
}

/** POSTs a payload as Feishu does with an Encrypt Key: encrypted and signed (at NOW unless told). */
export function postEncrypted(ladder: Ladder, url: string, payload: unknown, atSeconds = NOW.getTime() / 1000) {
  const { body, headers } = encryptedRequest(payload, ENCRYPT_KEY, atSeconds)
  return ladder.app.inject({ method: 'POST', url, payload: body, headers })
}

export function postPlain(ladder: Ladder, url: string, payload: unknown) {
  return ladder.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(payload),
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}

type Node = { tag?: string; [key: string]: unknown }

/** Every component with this tag, at any depth of a card's JSON. */
export function findTagged(node: unknown, tag: string): Node[] {
  if (node === null || typeof node !== 'object') return []
  if (Array.isArray(node)) return node.flatMap((child) => findTagged(child, tag))
  const own = (node as Node).tag === tag ? [node as Node] : []
  return [...own, ...Object.values(node).flatMap((child) => findTagged(child, tag))]
}

/** The callback values of a card's buttons, e.g. {a: 'enrol', v: 'RD-101'}. */
export function buttonValues(card: unknown): { a: string; v: string }[] {
  return findTagged(card, 'button').flatMap((b) =>
    ((b.behaviors as { type: string; value?: { a: string; v: string } }[] | undefined) ?? [])
      .filter((x) => x.type === 'callback')
      .map((x) => x.value!),
  )
}
