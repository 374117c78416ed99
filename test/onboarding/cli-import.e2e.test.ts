// `ladder import` in a child process onboards a hire dated today at once (a console-only
// install: the welcome waits in the console inbox's outbox for the hire's working hours),
// and a dry run onboards nobody.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../adapters/db/client.js'
import { ROOT } from '../data/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'ladder-onboarding-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const url = `file:${join(dir, 'ladder.db')}`

function ladder(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, LADDER_DEMO: 'false', SLACK_BOT_TOKEN: '', FEISHU_APP_ID: '', CONSOLE_ENABLED: 'true' },
    timeout: 120_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('ladder import and new hires', { timeout: 240_000 }, () => {
  it('writes the welcome and the manager’s notice of a hire dated today; a dry run writes nothing', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const files = {
      'jobs.csv': ['code,title_zh,title_en,track,level', 'ENG1,工程师,Engineer,eng,1'],
      'courses.csv': ['code,title_zh,title_en,format,duration_minutes', 'CU-101,企业文化,Company Culture,online,60'],
      'onboarding_plans.csv': ['scope,course_code,due_days', 'default,CU-101,5'],
      'employees.csv': [
        'email,name,job_code,manager_email,hire_date,roles,time_zone',
        'boss@example.com,老板,,,2015-01-05,employee;manager,UTC',
        `new@example.com,新人,ENG1,boss@example.com,${today},employee,UTC`,
      ],
    }
    for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), `${lines.join('\n')}\n`)
    const paths = Object.keys(files).map((f) => join(dir, f))
    const dry = ladder('import', '--dry-run', ...paths)
    expect(dry.code).toBe(0)
    expect(dry.stdout).not.toContain('Onboarding')
    const run = ladder('import', ...paths)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Onboarding: 1 new hire(s) started, 1 welcome(s) and 1 manager notice(s) written to the outbox.')
    const db = await openDb(url)
    try {
      const rows = await db.outboxMessage.findMany({ orderBy: { idempotencyKey: 'asc' } })
      expect(rows.map((r) => [r.idempotencyKey.replace(/\d+$/, 'N'), r.platform, r.destId])).toEqual([
        ['onboarding-manager:N', 'web', 'boss@example.com'],
        ['onboarding-welcome:N', 'web', 'new@example.com'],
      ])
      expect(await db.trainingAssignment.count({ where: { source: 'onboarding' } })).toBe(1)
    } finally {
      await db.$disconnect()
    }
    // Imported again: nobody is onboarded or told twice.
    const again = ladder('import', ...paths)
    expect(again.stdout).not.toContain('Onboarding')
  })
})
