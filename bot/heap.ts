// V8's heap policy while a batch job runs (the reminder sweep in the server and in
// `ladder sweep`). A sweep makes far more garbage than it keeps, and by default V8 lets
// the old generation grow to several times what is live before it collects again: the
// 10,000-person catch-up sweep peaked at ~300 MB RSS with ~60 MB live. Growing the heap
// by at most half of what is live after each full collection kept it under 250 MB at the
// same speed (`npm run bench -- sweep`, README). Only while the job runs: for the rest of
// the server's life (chat acks flat out) V8's own dynamic growth acked ~8 % more
// requests a second in `npm run bench -- pipeline`. An explicit
// `node --heap-growing-percent=N` is left as given.
import { setFlagsFromString } from 'node:v8'

const FRUGAL_PERCENT = 50
/** V8's default: 0, the dynamic growing factor. */
const DEFAULT_PERCENT = 0

const isGivenByOperator = process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))
let running = 0

/** Runs `job` with the heap grown by at most half of what is live; jobs may overlap. */
export async function withFrugalHeap<T>(job: () => Promise<T>): Promise<T> {
  if (isGivenByOperator) return job()
  if (running++ === 0) setFlagsFromString(`--heap-growing-percent=${FRUGAL_PERCENT}`)
  try {
    return await job()
  } finally {
    if (--running === 0) setFlagsFromString(`--heap-growing-percent=${DEFAULT_PERCENT}`)
  }
}
