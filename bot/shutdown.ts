// SIGTERM / SIGINT: stop cleanly, and in bounded time whatever hangs. Process
// managers give 10 s (systemd's default is 90 s, Kubernetes' 30 s, many PaaS 10 s)
// before SIGKILL; the delivery worker releases its rows within
// DELIVERY_STOP_TIMEOUT_MS, and past `hardLimitMs` the process exits regardless.

interface ShutdownLog {
  info(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** Exits past this however the stop went: under the 15 s the issue asks for. */
const SHUTDOWN_HARD_LIMIT_MS = 14_000

export function onShutdown(stop: () => Promise<void>, log: ShutdownLog, hardLimitMs = SHUTDOWN_HARD_LIMIT_MS): void {
  let stopping = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return
      stopping = true
      const started = Date.now()
      log.info({ signal }, 'shutting down')
      const hard = setTimeout(() => {
        log.error({ ms: Date.now() - started }, 'shutdown did not finish in time: exiting anyway')
        process.exit(1)
      }, hardLimitMs)
      hard.unref()
      stop()
        .then(() => {
          log.info({ ms: Date.now() - started }, 'stopped')
          process.exit(0)
        })
        .catch((error: unknown) => {
          log.error({ err: error }, 'unclean shutdown')
          process.exit(1)
        })
    })
  }
}
