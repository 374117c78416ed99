// Vitest globalSetup of the `pg` project: ONE real PostgreSQL for the whole run
// (test/support/embedded-postgres.ts), ~3 s to start, gone at teardown. Each test
// file then gets a database of its own (test/support/db.ts, CREATE DATABASE
// ladder_<random>), through the URL handed over with `provide`.
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from './embedded-postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's maintenance database (postgres) as the superuser: test/support/db.ts creates databases through it. */
    postgresUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres()
  project.provide('postgresUrl', server.adminUrl)
  return () => server.stop()
}
