// V8's heap policy while a batch job runs (the reminder sweep in the server and in
// `ladder sweep`). A sweep makes far more garbage than it keeps, and by default V8 lets
// the old generation grow to several times what is live before it collects again: the
// 10,000-person catch-up sweep peaked at ~300 MB RSS with ~60 MB live. Growing the heap
// by at most a fifth of what is live after each full collection kept it at 216–225 MB
// (a half: 221–249 MB) at the same speed (`npm run bench -- sweep`, README). Only while
// the job runs: for the rest of the server's life (chat acks flat out) V8's own dynamic
// growth acked ~8 % more requests a second in `npm run bench -- pipeline`. An explicit
// `node --heap-growing-percent=N` is left as given.
//
// When the last job ends, one full collection (~30 ms with the server's ~45 MB live):
// the limit V8 set while the job's own data was live stays until its next full
// collection, and the server's chat and deliveries filled it with garbage for a
// minute after a catch-up, to ~300 MB RSS, before V8 collected (`npm run bench -- sweep`).
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

const FRUGAL_PERCENT = 20
/** V8's default: 0, the dynamic growing factor. */
const DEFAULT_PERCENT = 0

const isGivenByOperator = process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))
let running = 0

/**
 * V8's full collection, as `node --expose-gc` exposes it; null where it cannot be had.
 * Made when the first job ends, not at start-up (the server imports this module).
 */
let fullCollection: (() => void) | null | undefined
function collector(): (() => void) | null {
  if (fullCollection !== undefined) return fullCollection
  if (typeof globalThis.gc === 'function') fullCollection = globalThis.gc
  else
    try {
      // Exposed to contexts made from now on: this one, made for the purpose, and no other code's.
      setFlagsFromString('--expose-gc')
      const gc: unknown = runInNewContext('gc')
      fullCollection = typeof gc === 'function' ? (gc as () => void) : null
    } catch {
      fullCollection = null
    }
  return fullCollection
}

/** Runs `job` with the heap grown by at most a fifth of what is live; jobs may overlap. */
export async function withFrugalHeap<T>(job: () => Promise<T>): Promise<T> {
  if (isGivenByOperator) return job()
  if (running++ === 0) setFlagsFromString(`--heap-growing-percent=${FRUGAL_PERCENT}`)
  try {
    return await job()
  } finally {
    if (--running === 0) {
      setFlagsFromString(`--heap-growing-percent=${DEFAULT_PERCENT}`)
      collector()?.()
    }
  }
}
