// `ladder feedback …` over a real database file: the same use cases and the same
// authorisation as chat, acting as the employee named by --as.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { command } from '../../bot/commands/feedback.js'
import { type Config, loadConfig } from '../../bot/config.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { buildFeedbackOrg } from './support.js'

let t: TestDb
let config: Config
let out: string[]
let err: string[]

async function ladder(...args: string[]): Promise<number> {
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  return command.run(args, config)
}

beforeAll(async () => {
  t = await createTestDb()
  await buildFeedbackOrg(t.db)
  // An install that runs Slack (the CLI reads the server's settings): cards go to people's Slack accounts.
  config = loadConfig({
    DATABASE_URL: t.url,
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-test',
  } as NodeJS.ProcessEnv)
})
afterEach(() => vi.restoreAllMocks())
afterAll(async () => t.close())

describe('ladder feedback', () => {
  it('launches, nominates, opens and reports status as the named people', async () => {
    const mia = (await t.db.employee.findUniqueOrThrow({ where: { email: 'mia@t.test' } })).id
    await t.db.chatIdentity.create({ data: { platform: 'slack', tenant: 'T1', externalId: 'U_MIA', employeeId: mia } })
    expect(
      await ladder(
        'launch',
        '--as',
        'hana@t.test',
        '--name',
        'CLI 360',
        '--subjects',
        'eve@t.test',
        '--opens',
        '2099-01-01',
        '--closes',
        '2099-01-31',
        '--json',
      ),
    ).toBe(0)
    const launched = JSON.parse(out.join('\n')) as { text: string }
    expect(launched.text).toContain('“CLI 360”(#1)共 1 人:伊娃。')
    expect(err.map((line) => JSON.parse(line) as { to: string; purpose: string })).toMatchObject([
      { to: 'mia@t.test', purpose: 'nominate' },
    ])
    // Mia is on Slack: the nomination card is queued for the running server to send.
    expect(await t.db.outboxMessage.findMany({ select: { destId: true, employeeId: true } })).toEqual([
      { destId: 'U_MIA', employeeId: mia },
    ])

    expect(
      await ladder(
        'nominate',
        '--as',
        'mia@t.test',
        '--cycle',
        '1',
        '--subject',
        'eve@t.test',
        '--peers',
        'tom@t.test,lin@t.test,kai@t.test',
      ),
    ).toBe(0)
    expect(out.join('\n')).toContain('已为 伊娃 添加 3 位评价人。')

    expect(await ladder('open', '--as', 'tom@t.test', '--cycle', '1')).toBe(1)
    expect(err.join('\n')).toContain('Refused')

    expect(await ladder('open', '--as', 'hana@t.test', '--cycle', '1')).toBe(0)
    expect(err.filter((line) => line.includes('(rate)'))).toHaveLength(7)
    expect(await t.db.evaluationTask.count({ where: { kind: 'rating_360', status: 'open' } })).toBe(7)

    expect(await ladder('status', '--as', 'mia@t.test', '--cycle', '1')).toBe(0)
    expect(out.join('\n')).toContain('同事: 3 人中 0 人已作答,0 人婉拒,0 人待审批')
  })

  it('explains bad input and refuses unknown people without touching the database', async () => {
    expect(
      await ladder(
        'launch',
        '--as',
        'hana@t.test',
        '--name',
        'x',
        '--subjects',
        'eve@t.test',
        '--opens',
        '2099-02-30',
        '--closes',
        '2099-03-01',
      ),
    ).toBe(2)
    expect(err.join('\n')).toContain('--opens and --closes take dates')
    expect(
      await ladder(
        'launch',
        '--as',
        'hana@t.test',
        '--name',
        'x',
        '--subjects',
        'eve@t.test',
        '--opens',
        '2099-02-01',
        '--closes',
        '2099-03-01',
        '--peer-threshold',
        '2',
      ),
    ).toBe(1)
    expect(err.join('\n')).toContain('--peer-threshold: 请填写 3–20 之间的数字。')
    expect(await ladder('status', '--as', 'ghost@t.test')).toBe(1)
    expect(await ladder('close', '--as', 'hana@t.test')).toBe(2)
    expect(await t.db.feedbackCycle.count()).toBe(1)
  })
})
