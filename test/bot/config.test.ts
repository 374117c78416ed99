import { describe, expect, it } from 'vitest'
import { ConfigError, isConsoleEnabled, loadConfig } from '../../bot/config.js'

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv)

function problems(env: Record<string, string>): string[] {
  try {
    load(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const c = load({})
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATABASE_URL: 'file:./data/ladder.db', LOG_LEVEL: 'info', LADDER_DEMO: true })
    expect(isConsoleEnabled(c)).toBe(true)
  })

  it('takes a PostgreSQL URL, postgres:// or postgresql://, and a pool size', () => {
    expect(load({ DATABASE_URL: 'postgresql://u:p@db:5432/ladder', DATABASE_POOL_SIZE: '4' })).toMatchObject({
      DATABASE_URL: 'postgresql://u:p@db:5432/ladder',
      DATABASE_POOL_SIZE: 4,
    })
    expect(load({ DATABASE_URL: 'postgres://db/ladder' }).DATABASE_POOL_SIZE).toBe(10)
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT \("eighty"\): expected a port number/],
    [{ PORT: '70000' }, /^PORT \("70000"\)/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL \("mysql:\/\/x"\): expected a SQLite URL .* or a PostgreSQL URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL \("loud"\)/],
    [{ LADDER_DEMO: 'maybe' }, /^LADDER_DEMO \("maybe"\): expected true or false/],
    [{ SLACK_API_URL: 'not a url' }, /^SLACK_API_URL/],
    [{ FEISHU_MODE: 'smoke-signals' }, /^FEISHU_MODE/],
    [{ FEISHU_DOMAIN: 'feishu.cn' }, /^FEISHU_DOMAIN \("feishu.cn"\): expected feishu, lark, or a base URL/],
  ])('names the variable and what it expects: %o', (env, message) => {
    const found = problems(env)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(message)
  })

  it('requires the signing secret for Slack in HTTP mode but not in Socket Mode', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toMatch(/^SLACK_SIGNING_SECRET \(not set\): required/)
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([])
  })

  it('refuses Feishu HTTP mode without an encrypt key, and never prints secrets', () => {
    const found = problems({ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's3cr3t' })
    expect(found[0]).toMatch(/^FEISHU_ENCRYPT_KEY \(not set\): required in HTTP mode/)
    expect(problems({ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's3cr3t', FEISHU_MODE: 'ws' })).toEqual([])
    const secretShown = problems({ SLACK_BOT_TOKEN: 'xoxb-secret-value' }).join('\n')
    expect(secretShown).not.toContain('xoxb-secret-value')
  })

  it('refuses Feishu HTTP mode with the verification token alone unless FEISHU_ALLOW_TOKEN_ONLY=true', () => {
    const tokenOnly = { FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's3cr3t', FEISHU_VERIFICATION_TOKEN: 'tok3n' }
    const found = problems(tokenOnly)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^FEISHU_ENCRYPT_KEY \(not set\): required in HTTP mode/)
    expect(found[0]).toContain('FEISHU_ALLOW_TOKEN_ONLY=true')
    expect(found[0]).not.toContain('tok3n')
    expect(problems({ ...tokenOnly, FEISHU_ALLOW_TOKEN_ONLY: 'true' })).toEqual([])
    expect(problems({ ...tokenOnly, FEISHU_ALLOW_TOKEN_ONLY: 'false' })).toHaveLength(1)
    // The opt-in does not stand in for the token itself, and the long connection needs neither.
    expect(problems({ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's3cr3t', FEISHU_ALLOW_TOKEN_ONLY: 'true' })).toHaveLength(1)
    expect(problems({ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's3cr3t', FEISHU_ENCRYPT_KEY: 'k' })).toEqual([])
  })

  it('turns the console off by default once a platform is configured', () => {
    expect(isConsoleEnabled(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBe(false)
    expect(isConsoleEnabled(load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', CONSOLE_ENABLED: 'true' }))).toBe(true)
  })
})
