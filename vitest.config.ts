import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file opens its own SQLite file; files run in parallel workers.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
