// The verified-training scenarios against real SQLite through the Prisma store
// (the same file the unit project runs on the in-memory store).
import { useBackend } from '../support/backend.js'

useBackend('sqlite')
await import('../core/verified-training.test.js')
