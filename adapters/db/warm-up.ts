// Prisma's first query in a process instantiates its WASM query compiler and
// compiles that query; each later query of a new shape is compiled once more. In
// a server that work used to fall inside the first reminder sweep (the longest
// event-loop stall of a sweep, 90–140 ms, acks waiting behind it). warmUp does it
// at start-up instead, before the server listens and the scheduler starts: the
// connection, the compiler, and the read queries and transaction shape the sweep
// and the delivery worker send through Prisma, one per turn of the event loop.
// It writes nothing.

import type { LadderStore } from '../../core/app/store.js'
import type { Db } from './client.js'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export async function warmUp(db: Db, store: LadderStore, now: Date): Promise<void> {
  const steps: (() => Promise<unknown>)[] = [
    () => db.$connect(),
    () => db.$queryRaw`SELECT 1`,
    // The lease's and the outbox's conditional statements run in transactions of their own.
    () => db.$transaction((tx) => tx.$queryRaw`SELECT "holder" FROM "Lease" WHERE "name" = ${''}`),
    () => store.programmes.list('active'),
    () => store.feedback.cyclesInStages(['nominating', 'collecting']),
    () => store.feedback.cyclesWithPending(),
    () => store.catalog.load(now),
  ]
  for (const step of steps) {
    await step()
    await turn()
  }
}
