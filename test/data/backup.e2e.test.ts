// `ladder backup` and `ladder restore` on real SQLite files: a backup taken while a
// broadcast keeps writing is one consistent moment (no half-written batch), intact,
// restorable, and the restored database passes `ladder migrate` and answers; bad
// backups are refused with a clear line and the current database is never lost.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackupError, backupDatabase, inspectBackup, restoreDatabase } from '../../adapters/db/backup.js'
import { openDb } from '../../adapters/db/client.js'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { ROOT } from './helpers.js'

const NOW = new Date('2026-12-02T03:00:00Z')
const BATCH = 20
let t: TestDb
const out = mkdtempSync(join(tmpdir(), 'ladder-backup-'))

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, NOW)
})
afterAll(async () => {
  await t.close()
  rmSync(out, { recursive: true, force: true })
})

const ladder = (url: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, LADDER_DEMO: 'false' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const outboxRows = (path: string) => {
  const db = new (loadSqlite())(path, { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "OutboxMessage"`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('ladder backup', { timeout: 120_000 }, () => {
  it('takes one consistent moment while a broadcast keeps writing', async () => {
    const store = createPrismaStore(t.db)
    let written = 0
    let writing = true
    // A broadcast's shape: batches of cards, each batch one transaction.
    const writer = (async () => {
      while (writing) {
        const batch = Array.from({ length: BATCH }, (_, i) => ({
          idempotencyKey: `backup-test:${written + i}`,
          kind: 'broadcast' as const,
          to: { platform: 'web' as const, tenant: 'console', kind: 'user' as const, id: `p${written + i}@demo.ladder` },
          card: { locale: 'en' as const, fallback: 'Announcement', blocks: [{ type: 'context' as const, text: 'x'.repeat(400) }] },
          employeeId: null,
          availableAt: NOW,
        }))
        await store.transaction((tx) => tx.outbox.enqueueMany(batch, NOW))
        written += BATCH
        // As a broadcast does between batches: the event loop (here, the backup's steps) runs.
        await new Promise((r) => setImmediate(r))
      }
    })()
    while (written < 200) await new Promise((r) => setTimeout(r, 5))
    const before = written
    const facts = await backupDatabase(t.url, join(out, 'during.db'))
    const leftBeside = readdirSync(out).filter((f) => f.includes('.partial') || f.startsWith('during.db-'))
    const after = written
    writing = false
    await writer

    expect(after).toBeGreaterThan(before) // the broadcast went on while the backup ran
    const copied = outboxRows(join(out, 'during.db'))
    expect(copied % BATCH).toBe(0) // never half a transaction
    expect(copied).toBeGreaterThanOrEqual(before)
    expect(copied).toBeLessThanOrEqual(after)
    expect(facts.employees).toBeGreaterThan(10)
    expect(facts.pending).toEqual([])
    // Nothing else left beside the backup: no partial file, and no -wal/-shm of the check's read-only connection.
    expect(leftBeside).toEqual([])
  })

  it('restores to a database that passes ladder migrate and answers', () => {
    const url = `file:${join(out, 'restored.db')}`
    const restore = ladder(url, 'restore', join(out, 'during.db'), '--yes')
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toContain('Restored')
    expect(ladder(url, 'migrate').stdout).toContain('Database is up to date.')
    const ask = ladder(url, 'ask', '--as', 'li.lei@demo.ladder', '我晋升还差什么?')
    expect(ask.code).toBe(0)
    expect(ask.stdout.length).toBeGreaterThan(50)
  })

  it('runs from the CLI and names the file it wrote', () => {
    const run = ladder(t.url, 'backup', '--out', join(out, 'cli.db'))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Backup written to .*cli\.db in [\d.]+ s: [\d.]+ MB, integrity ok, \d+ migrations, \d+ employees/)
    expect(ladder(t.url, 'backup').code).toBe(2)
  })
})

describe('ladder restore', { timeout: 120_000 }, () => {
  it('keeps the database it replaces, with its WAL', async () => {
    const dir = mkdtempSync(join(out, 'keep-'))
    const url = `file:${join(dir, 'ladder.db')}`
    copyFileSync(join(out, 'during.db'), join(dir, 'ladder.db'))
    writeFileSync(join(dir, 'ladder.db-wal'), '')
    const result = restoreDatabase(url, join(out, 'cli.db'), NOW)
    expect(result.keptAs).toBe(join(dir, 'ladder.db.before-restore-2026-12-02T03-00-00Z'))
    expect(existsSync(result.keptAs!)).toBe(true)
    expect(existsSync(`${result.keptAs}-wal`)).toBe(true)
    const db = await openDb(url)
    expect(await db.employee.count()).toBe(result.facts.employees)
    await db.$disconnect()
  })

  it.each([
    ['a text file', (p: string) => writeFileSync(p, 'employees,name\n'), /not a SQLite database|cannot be opened/],
    [
      'a truncated backup',
      (p: string) => {
        const whole = join(out, 'cli.db')
        const db = new (loadSqlite())(whole, { readonly: true })
        const pages = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
        db.close()
        copyFileSync(whole, p)
        truncateSync(p, Math.floor(pages / 2))
      },
      /damaged|malformed|not a database|disk image/,
    ],
    [
      'a SQLite file that is not Ladder’s',
      (p: string) => {
        const db = new (loadSqlite())(p)
        db.exec('CREATE TABLE notes (text TEXT)')
        db.close()
      },
      /not one of Ladder's/,
    ],
    [
      'a backup from a newer Ladder',
      (p: string) => {
        copyFileSync(join(out, 'cli.db'), p)
        const db = new (loadSqlite())(p)
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'x', 1, '29991231000000_future', 1, 1)`,
        ).run()
        db.close()
      },
      /newer Ladder.*29991231000000_future/,
    ],
  ])('refuses %s and leaves the database alone', (_name, make, message) => {
    const bad = join(out, `bad-${readdirSync(out).length}.db`)
    make(bad)
    expect(() => inspectBackup(bad)).toThrow(BackupError)
    expect(() => inspectBackup(bad)).toThrow(message)
    const dir = mkdtempSync(join(out, 'untouched-'))
    const url = `file:${join(dir, 'ladder.db')}`
    copyFileSync(join(out, 'cli.db'), join(dir, 'ladder.db'))
    expect(() => restoreDatabase(url, bad)).toThrow(BackupError)
    expect(readdirSync(dir)).toEqual(['ladder.db'])
    const run = ladder(url, 'restore', bad, '--yes')
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })
})
