// The core use-case scenarios against real SQLite through the Prisma store: the
// same test files the unit project runs on the in-memory store (see test/support/backend.ts).
import { useBackend } from '../support/backend.js'

useBackend('sqlite')
await import('../core/use-cases.test.js')
await import('../core/someone-else.test.js')
await import('../llm/tools.test.js')
await import('../core/trainings-and-overdue.test.js')
await import('../core/card-language.test.js')
