// The real CLI in a child process, against a temporary SQLite file. It runs from the
// TypeScript sources (through tsx), like every test; test/data/built-cli.e2e.test.ts
// checks the build that `npx ladder` runs.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ENTITIES } from '../../adapters/db/import/index.js'
import { ROOT } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'ladder-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function ladder(db: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `file:${join(dir, db)}`, LADDER_DEMO: 'false' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const fixtures = 'test/fixtures/import'

// Each spawn loads tsx and Prisma (about a second) before doing any work.
describe('ladder import / export / seed-demo', { timeout: 90_000 }, () => {
  it('prints every bad row and exits 1 without importing anything', () => {
    const run = ladder('bad.db', 'import', `${fixtures}/bad/employees.csv`, `${fixtures}/good/jobs.csv`, `${fixtures}/good/departments.csv`)
    expect(run.code).toBe(1)
    const lines = run.stderr.split('\n').filter((l) => l.startsWith(fixtures))
    expect(lines).toEqual([
      `${fixtures}/bad/employees.csv:3: email: not an e-mail address`,
      `${fixtures}/bad/employees.csv:5: department_code: unknown department "NOPE" (not in the database nor in this import)`,
      `${fixtures}/bad/employees.csv:6: time_zone: not an IANA time zone such as Asia/Shanghai or Europe/London`,
    ])
    expect(run.stderr).toContain('3 errors in 3 rows of 1 file: nothing was imported.')
    // Nothing was imported: the good files alone now show everything as new.
    const dry = ladder('bad.db', 'import', '--dry-run', `${fixtures}/good/jobs.csv`)
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/jobs\s+2\s+0\s+0/)
  })

  it('imports good files, then reports them unchanged, and exports what it holds', () => {
    const files = ['departments.csv', 'jobs.csv', 'employees.csv'].map((f) => `${fixtures}/good/${f}`)
    const first = ladder('good.db', 'import', ...files)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/employees\s+3\s+0\s+0/)
    const second = ladder('good.db', 'import', ...files)
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/employees\s+0\s+0\s+3/)
    expect(second.stdout).toContain('Nothing changed')
    const out = join(dir, 'export')
    const exported = ladder('good.db', 'export', '--out', out, '--format', 'json')
    expect(exported.code).toBe(0)
    expect(readdirSync(out)).toHaveLength(ENTITIES.length)
    const employees = JSON.parse(readFileSync(join(out, 'employees.json'), 'utf8')) as { email: string }[]
    expect(employees.map((e) => e.email)).toEqual(['ann@example.com', 'bo@example.com', 'boss@example.com'])
  })

  it('seeds the demo once and refuses a second time without --force', () => {
    const first = ladder('demo.db', 'seed-demo')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('36 employees')
    const second = ladder('demo.db', 'seed-demo')
    expect(second.code).toBe(1)
    expect(second.stderr).toContain('--force')
    expect(ladder('demo.db', 'seed-demo', '--force').code).toBe(0)
  })

  it('lists the demo company’s overdue items, and as CSV with a header and formula-like cells made text', () => {
    expect(ladder('overdue.db', 'seed-demo').code).toBe(0)
    const text = ladder('overdue.db', 'overdue', '--lang', 'en')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Overdue — whole company')
    const csv = ladder('overdue.db', 'overdue', '--csv')
    expect(csv.code).toBe(0)
    const [header, ...rows] = csv.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(header).toBe('department_code,department,email,name,kind,code,what,due_at')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((row) => !/,[=+\-@]/.test(row))).toBe(true)
    expect(ladder('overdue.db', 'overdue', '--lang', 'fr').code).toBe(2)
  })
})

// A first run on an empty database: the email is not the problem, the missing people are.
describe('commands that need people, on an empty database', { timeout: 90_000 }, () => {
  const empty = 'The database is empty — run `ladder seed-demo` (or `ladder import`) first.'
  it('ask says the database is empty, not "no such employee"', () => {
    const run = ladder('empty.db', 'ask', '--as', 'li.lei@demo.ladder', '我晋升还差什么?')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(empty)
    expect(run.stderr).not.toContain('No active employee')
  })
  it('overdue says so too, instead of an empty report', () => {
    const run = ladder('empty.db', 'overdue')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(empty)
  })
  it('an unknown email in a database with people is still "no such employee"', () => {
    const run = ladder('good.db', 'ask', '--as', 'nobody@example.com', 'hello')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('No active employee with the email "nobody@example.com"')
  })
})
