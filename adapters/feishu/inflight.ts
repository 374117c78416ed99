// Work that continues after Feishu has its HTTP answer (Feishu wants 200 within
// 3 s and re-pushes otherwise). Failures are logged, never lost silently, and
// stop() waits for what is still running.
import type { Logger } from '../../core/kernel/ports.js'

export interface Inflight {
  run(label: string, work: () => Promise<unknown>): void
  /** Resolves when nothing is running any more. */
  idle(): Promise<void>
}

export function createInflight(log: Logger): Inflight {
  const pending = new Set<Promise<unknown>>()
  return {
    run(label, work) {
      const task: Promise<unknown> = work()
        .catch((error: unknown) => log.error({ err: error, work: label }, 'feishu background work failed'))
        .finally(() => pending.delete(task))
      pending.add(task)
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending])
    },
  }
}
