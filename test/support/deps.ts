import { type LadderDeps, type LadderStore, ladderDeps } from '../../core/app/store.js'
import type { Logger } from '../../core/kernel/ports.js'

/** A logger that keeps what was logged, so tests can assert on errors. */
export function memoryLogger(): Logger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = []
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, ...(msg ? { msg } : {}) })
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** Core's deps on a store: the in-memory one, or `createPrismaStore(db)` for a test on SQLite. */
export function makeDeps(store: LadderStore, now: Date): LadderDeps & { log: ReturnType<typeof memoryLogger> } {
  const log = memoryLogger()
  return { ...ladderDeps({ store, clock: { now: () => now }, log }), log }
}
