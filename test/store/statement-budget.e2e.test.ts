// How many SQL statements one answered question costs, through the real Prisma
// store on SQLite: a budget, so a change that adds queries per message is seen
// here rather than under load (bench/pipeline.ts measures the whole pipeline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createCore } from '../../core/app/create-core.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { countStatements } from '../support/count-statements.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'

const NOW = new Date('2026-11-23T02:00:00Z')
let db: TestDb
let core: CoreApi
let statements: () => number
const log = memoryLogger()

beforeAll(async () => {
  statements = countStatements(loadSqlite())
  db = await createTestDb()
  await seedDemo(db.db, NOW)
  core = createCore({ store: createPrismaStore(db.db), clock: { now: () => NOW }, log })
})
afterAll(() => db.close())

const ask = async (email: string, text: string) => {
  const before = statements()
  const reply = await core.handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: email }, text })
  return { reply, statements: statements() - before }
}

describe('SQL statements per answered question', () => {
  // Measured 2026-12-02 before issue 15: 17, 19, 17, 20, 14 (about 8 of each the catalogue, loaded per
  // question). Since the catalogue and people caches (adapters/db/cache.ts): 6, 8, 6, 9, 3 — the event
  // dedupe, the cache stamps, the person's evidence. One of room; never raise them quietly.
  // my_tasks 9 → 11 (issue 19): the reader's open duty check-ins and the missing course materials, one each.
  const cases: [email: string, question: string, intent: string, budget: number][] = [
    ['li.lei@demo.ladder', '我晋升还差什么?', 'promotion_gap', 7],
    ['li.lei@demo.ladder', "what's on my plate", 'my_tasks', 11],
    ['li.lei@demo.ladder', '我该上什么课', 'recommend_training', 7],
    ['han.meimei@demo.ladder', '看看我的团队', 'team_overview', 10],
    ['li.lei@demo.ladder', '店长需要什么条件', 'job_requirements', 4],
  ]
  it.each(cases)('%s: %j → %s within %i statements', async (email, question, intent, budget) => {
    await ask(email, question) // the first question links the person and warms nothing else
    const { reply, statements: used } = await ask(email, question)
    expect(reply?.intent).toBe(intent)
    // An answer, not the apology for a failure (which is cheap too).
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([])
    expect(used).toBeGreaterThan(0)
    expect(used).toBeLessThanOrEqual(budget)
  })
})
