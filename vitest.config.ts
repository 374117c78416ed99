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
// The `pg` project runs these again on a real PostgreSQL (LADDER_TEST_STORE=postgres):
// test/support/db.ts then gives each file a fresh database on one embedded server.
// Every other e2e file is SQLite-only for now (not yet tried on PostgreSQL).
// `PG_ALL=1 npx vitest run --project pg [files]` runs any e2e file on PostgreSQL to try it.
const PG_FILES = process.env.PG_ALL
  ? ['test/**/*.e2e.test.ts']
  : [
      'test/store/**/*.e2e.test.ts',
      'test/pg/**/*.e2e.test.ts',
      'test/privacy/erase.e2e.test.ts',
      'test/feishu/chat-forms.e2e.test.ts',
      'test/data/import-evidence.e2e.test.ts',
      'test/reminders/sweep.e2e.test.ts',
      'test/duties/duties.e2e.test.ts',
      'test/onboarding/onboarding.e2e.test.ts',
      'test/reminders/programme-360.e2e.test.ts',
      'test/reminders/programme.e2e.test.ts',
      'test/reminders/programme-finish.e2e.test.ts',
      'test/reminders/broadcast.e2e.test.ts',
      'test/reminders/sweep-cycles.e2e.test.ts',
      'test/reminders/verified-training.e2e.test.ts',
      'test/reminders/delivery.e2e.test.ts',
      'test/reminders/delivery-faults.e2e.test.ts',
      'test/reminders/two-processes.e2e.test.ts',
      'test/reminders/sweep-transactions.e2e.test.ts',
      'test/faults/dead-letters.e2e.test.ts',
      'test/faults/failover.e2e.test.ts',
      'test/data/export-roundtrip.e2e.test.ts',
      'test/data/import-apply.e2e.test.ts',
      'test/data/import-validation.e2e.test.ts',
      'test/data/demo.e2e.test.ts',
      'test/jobs/job-descriptions.e2e.test.ts',
      'test/matrix/import-matrix.e2e.test.ts',
      'test/matrix/probation.e2e.test.ts',
      'test/onboarding/import-onboarding-plans.e2e.test.ts',
      'test/onboarding/demo-onboarding.e2e.test.ts',
      'test/feedback/slack.e2e.test.ts',
      'test/feedback/launch-from-chat.e2e.test.ts',
      'test/feedback/slack-approval.e2e.test.ts',
      'test/feedback/feishu-approval.e2e.test.ts',
      'test/reminders/sweep-batches.e2e.test.ts',
      'test/reminders/programme-chat.e2e.test.ts',
      'test/reminders/broadcast-form.e2e.test.ts',
      'test/reminders/platforms.e2e.test.ts',
    ]

// SQLite by nature: not run on PostgreSQL (the reason beside each).
const SQLITE_ONLY: string[] = [
  // Counts the SQLite statements a question runs on its prepared-statement connection (fast-reads.ts, absent on PostgreSQL).
  'test/store/statement-budget.e2e.test.ts',
  // Writes "elsewhere" through a second better-sqlite3 connection to the same file.
  'test/store/cache.e2e.test.ts',
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
