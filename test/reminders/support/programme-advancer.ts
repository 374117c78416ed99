// One Ladder process for the two-process programme test: waits for its twin, then
// advances programmes (no delivery wired: rater cards go to the outbox) and prints the result as JSON.
// Usage: node --import tsx programme-advancer.ts <database url> <holder> <at ISO>

import { openDb } from '../../../adapters/db/client.js'
import { createPrismaStore } from '../../../adapters/db/store.js'
import { ladderDeps } from '../../../core/app/store.js'
import { advanceProgrammes } from '../../../core/features/programmes/programme.js'

const [url, holder, at] = process.argv.slice(2) as [string, string, string]
const silent = { debug() {}, info() {}, warn() {}, error() {} }
const db = await openDb(url)
const now = new Date(at)
// A barrier: both processes advance together, so their activations really race.
await db.lease.create({ data: { name: `programme-ready:${holder}`, holder, expiresAt: now } })
for (let i = 0; i < 2000 && (await db.lease.count({ where: { name: { startsWith: 'programme-ready:' } } })) < 2; i++)
  await new Promise((resolve) => setTimeout(resolve, 5))
const result = await advanceProgrammes(ladderDeps({ store: createPrismaStore(db), clock: { now: () => now }, log: silent }))
await db.$disconnect()
process.stdout.write(`${JSON.stringify(result)}\n`)
