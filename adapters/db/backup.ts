// Online backups of the SQLite database and their restore (`ladder backup`, `ladder restore`).
//
// A backup uses SQLite's own backup API (better-sqlite3's db.backup): it copies the
// pages of one consistent snapshot while the server keeps writing; SQLite restarts
// the copy by itself when another connection wrote in between, so the file it ends
// with is always one moment of the database, never a mix. It is written beside its
// destination and renamed into place only once checked, so a half-written backup
// never carries the destination's name.
//
// A restore never loses the current database: it is first renamed aside
// (`<db>.before-restore-<time>`, with its -wal and -shm), then the checked backup is
// copied into place and brought up to date with this build's migrations.

import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { listMigrations, migrateSqlite, sqlitePath } from './migrate.js'
import { loadSqlite } from './sqlite-driver.js'

/** What a checked backup file holds. */
export interface BackupFacts {
  path: string
  bytes: number
  /** Migrations recorded in the file, in order. */
  migrations: string[]
  /** Migrations of this build the file has not had yet (a restore applies them). */
  pending: string[]
  employees: number
  outboxPending: number
}

export class BackupError extends Error {}

/** Takes a consistent backup of the database at `url` into `out`; returns what it holds. */
export async function backupDatabase(url: string, out: string, now = new Date()): Promise<BackupFacts> {
  const source = sqlitePath(url)
  if (!existsSync(source)) throw new BackupError(`No database at ${source}.`)
  if (existsSync(out) && statSync(out).isDirectory()) throw new BackupError(`${out} is a folder; give a file name.`)
  const partial = join(dirname(out), `.${basename(out)}.${process.pid}.${now.getTime()}.partial`)
  const db = new (loadSqlite())(source, { readonly: true, fileMustExist: true })
  try {
    // After a first step of the default size, everything left in one step: a busy writer
    // restarts the copy at most once more instead of on every small step.
    await db.backup(partial, { progress: () => 1_000_000_000 })
  } catch (error) {
    rmSync(partial, { force: true })
    throw new BackupError(`Backup of ${source} failed: ${(error as Error).message}`)
  } finally {
    db.close()
  }
  try {
    const facts = inspectBackup(partial)
    renameSync(partial, out)
    return { ...facts, path: out }
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}

/** Checks a backup file without changing it: a SQLite database, intact, made by a Ladder this build can run. */
export function inspectBackup(path: string): BackupFacts {
  if (!existsSync(path)) throw new BackupError(`No file at ${path}.`)
  if (statSync(path).isDirectory()) throw new BackupError(`${path} is a folder, not a backup file.`)
  // A backup is in WAL mode like its source: a read-only connection leaves an empty -wal and a -shm
  // beside it (it may not checkpoint them away); those it made are removed when it is done.
  const sideFiles = ['-wal', '-shm'].map((suffix) => path + suffix).filter((side) => !existsSync(side))
  let db: InstanceType<ReturnType<typeof loadSqlite>>
  try {
    db = new (loadSqlite())(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new BackupError(`${path} cannot be opened as a SQLite database: ${(error as Error).message}`)
  }
  try {
    let integrity: string
    try {
      integrity = (db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; ')
    } catch (error) {
      throw new BackupError(`${path} is not a SQLite database: ${(error as Error).message}`)
    }
    if (integrity !== 'ok') throw new BackupError(`${path} is damaged (integrity check: ${integrity.slice(0, 300)}).`)
    const hasLedger = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()
    if (!hasLedger) throw new BackupError(`${path} is a SQLite database but not one of Ladder's (it has no migration ledger).`)
    const migrations = (
      db.prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`).all() as {
        name: string
      }[]
    ).map((r) => r.name)
    const known = listMigrations()
    const unknown = migrations.filter((m) => !known.includes(m))
    if (unknown.length > 0)
      throw new BackupError(
        `${path} was made by a newer Ladder (migrations this build does not know: ${unknown.join(', ')}); restore it with that version.`,
      )
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return {
      path,
      bytes: statSync(path).size,
      migrations,
      pending: known.filter((m) => !migrations.includes(m)),
      employees: count(`SELECT count(*) AS n FROM "Employee"`),
      outboxPending: count(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" = 'pending'`),
    }
  } finally {
    db.close()
    for (const side of sideFiles) if (existsSync(side) && (side.endsWith('-shm') || statSync(side).size === 0)) rmSync(side)
  }
}

export interface RestoreResult {
  facts: BackupFacts
  /** Where the database that was replaced now is (null: there was none). */
  keptAs: string | null
  /** Migrations applied to the restored file to bring it up to this build. */
  applied: string[]
}

/** Replaces the database at `url` with the backup at `file`. Ladder must not be running on it. */
export function restoreDatabase(url: string, file: string, now = new Date()): RestoreResult {
  const target = sqlitePath(url)
  const facts = inspectBackup(file)
  const stamp = now
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z')
  let keptAs: string | null = null
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${stamp}`
    // The WAL first: renaming the main file alone would leave its last commits behind.
    for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix)
    renameSync(target, keptAs)
  }
  const partial = `${target}.restoring`
  copyFileSync(file, partial)
  renameSync(partial, target)
  const applied = migrateSqlite(url)
  return { facts, keptAs, applied }
}
