// The 360 cycle scenarios against real SQLite through the Prisma store (the
// anonymity of the stored answers included): the same test files the unit
// project runs on the in-memory store (see test/support/backend.ts).
import { useBackend } from '../support/backend.js'

useBackend('sqlite')
await import('../feedback/cycle-flow.test.js')
await import('../feedback/nomination-and-pooling.test.js')
