import { defineConfig } from 'vitest/config'

// Two projects; `npx vitest run` (npm test) runs both, `--project unit` or
// `--project e2e` one of them.
//
// Membership is by file name:
// - `*.e2e.test.ts` is end-to-end: a real SQLite file (migrated per test file),
//   the real Bolt/Lark SDKs against the fakes in test/fakes/, the CLI and other
//   child processes, HTTP servers, the browser. test/store/ runs the store-backed
//   unit scenarios again on SQLite through the Prisma store.
// - every other `*.test.ts` is a unit test: pure code, or core on the in-memory
//   store (test/support/memory-store.ts). No database, no network, no processes.
// A new test is a unit test unless its name says e2e.
// The `pg` project runs every e2e file again on a real PostgreSQL (LADDER_TEST_STORE=postgres):
// test/support/db.ts then gives each file a fresh database on one embedded server
// (test/support/postgres-server.ts), and child processes get its URL. Only the files
// below, SQLite by nature, are left out; test/pg/ runs on PostgreSQL only.
const PG_FILES = ['test/**/*.e2e.test.ts']

// SQLite by nature: not run on PostgreSQL (the reason beside each).
const SQLITE_ONLY: string[] = [
  // Counts the SQLite statements a question runs on its prepared-statement connection (fast-reads.ts, absent on PostgreSQL).
  'test/store/statement-budget.e2e.test.ts',
  // Writes "elsewhere" through a second better-sqlite3 connection to the same file.
  'test/store/cache.e2e.test.ts',
  // SQLite's online backup API and file checks; on PostgreSQL `ladder backup` refuses and names pg_dump (docs/deploy.md).
  'test/data/backup.e2e.test.ts',
  // Replays SQLite's write-ahead log from copies of the data directory.
  'test/feedback/wal-anonymity.e2e.test.ts',
  // A full disk made with PRAGMA max_page_count.
  'test/faults/disk-full.e2e.test.ts',
  // A refused write made with PRAGMA query_only.
  'test/faults/unwritable-while-delivering.e2e.test.ts',
  // Read-only and locked SQLite files (PostgreSQL's failures: test/pg/database-line.e2e.test.ts).
  'test/faults/readiness.e2e.test.ts',
  'test/faults/database-line.e2e.test.ts',
]

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts'],
          pool: 'threads',
          // Pure modules and a fresh store per file: no per-file module reload needed.
          isolate: false,
          testTimeout: 10_000,
          hookTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.test.ts'],
          // test/pg/ needs the PostgreSQL server of the pg project.
          exclude: ['test/pg/**'],
          // Each file opens its own SQLite file and servers; files run in parallel worker processes.
          pool: 'forks',
          // Generous but finite: these run alongside other processes (a second copy of
          // the suite, a build); a slow machine must not fail them, a hang still does.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'pg',
          include: PG_FILES,
          exclude: SQLITE_ONLY,
          pool: 'forks',
          env: { LADDER_TEST_STORE: 'postgres' },
          // One embedded PostgreSQL for the whole project; a database per test file (test/support/db.ts).
          globalSetup: ['test/support/postgres-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
})
