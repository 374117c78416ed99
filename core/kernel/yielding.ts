// Long batch jobs (the reminder sweep, whole-organisation reports) share the
// event loop with the chat acks and /healthz. They work in slices and hand the
// loop back between them, so no single synchronous stretch runs long.
import { performance } from 'node:perf_hooks'

/** Lets timers, I/O and other requests run before carrying on (a macrotask, not a microtask). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A pacer for a loop of small steps: `await pace()` after each step yields only
 * once `sliceMs` of work has gone by since the last yield, so cheap steps are not
 * slowed down by a yield each. `now` is the clock (tests give their own).
 */
export function pacer(sliceMs = 10, now: () => number = () => performance.now()): () => Promise<void> {
  let since = now()
  return async () => {
    if (now() - since < sliceMs) return
    await yieldToEventLoop()
    since = now()
  }
}
