// One outbound platform connection (Slack Socket Mode, the Feishu long connection)
// for all the Ladder instances on a database: the platform would hand each event
// to just one of several connections, but the instance holding the lease
// `connection:<kind>:<app>` is the one connected. It renews the lease every third
// of its TTL; an instance without it stands by and tries as often; when the
// holder dies its lease expires and the next try of another instance connects. A
// holder that cannot renew (its database is unreachable, or another took the lease
// over) disconnects at once. The hand-overs are logged.
import type { LeaseRepo, Logger } from '../../core/kernel/ports.js'

/** What the composition root gives each platform: the database's leases and who this instance is. */
export interface ConnectionLeaseSettings {
  leases: LeaseRepo
  /** This instance (the lease names it). */
  holder: string
  ttlMs: number
  now: () => Date
}

export interface ConnectionLeaseOptions extends ConnectionLeaseSettings {
  /** e.g. connection:slack-socket:T0123 */
  name: string
  log: Logger
  connect(): Promise<void>
  disconnect(): Promise<void>
}

export interface HeldConnection {
  /** True while this instance holds the lease and is connected. */
  isHolder(): boolean
  /** Another instance holds the connection; this one tries again every third of the TTL. */
  isStandingBy(): boolean
  /** Disconnects when connected, releases the lease, stops trying. */
  stop(): Promise<void>
}

/** Tries at once (a sole instance connects during start-up), then every third of the TTL. */
export async function holdConnection(options: ConnectionLeaseOptions): Promise<HeldConnection> {
  const { leases, name, holder, ttlMs, log } = options
  let isConnected = false
  let isStopped = false
  let hasSaidStandingBy = false
  let turn: Promise<void> = Promise.resolve()

  async function tick(): Promise<void> {
    if (isStopped) return
    let isHeld: boolean
    try {
      isHeld = await leases.acquire(name, holder, options.now(), ttlMs)
    } catch (error) {
      log.warn({ err: error, lease: name }, 'connection lease could not be renewed')
      isHeld = false
    }
    if (isHeld && !isConnected && !isStopped) {
      log.info({ lease: name, holder }, 'connection lease taken: this instance connects')
      try {
        await options.connect()
        isConnected = true
        hasSaidStandingBy = false
      } catch (error) {
        log.error({ err: error, lease: name }, 'connecting failed; the lease is let go and tried again')
        await leases.release(name, holder, options.now()).catch(() => {})
      }
    } else if (!isHeld && isConnected) {
      log.warn({ lease: name, holder }, 'connection lease lost: this instance disconnects, another takes over')
      isConnected = false
      await options.disconnect().catch((error: unknown) => log.warn({ err: error, lease: name }, 'disconnecting failed'))
    } else if (!isHeld && !hasSaidStandingBy) {
      hasSaidStandingBy = true
      log.info({ lease: name, holder }, 'connection held by another instance: standing by')
    }
  }

  const next = () => {
    turn = turn.then(tick)
    return turn
  }
  await next()
  const timer = setInterval(() => void next(), Math.max(100, Math.floor(ttlMs / 3)))
  timer.unref?.()
  return {
    isHolder: () => isConnected,
    isStandingBy: () => !isConnected && !isStopped && hasSaidStandingBy,
    async stop() {
      isStopped = true
      clearInterval(timer)
      await turn
      if (isConnected) {
        isConnected = false
        await options.disconnect()
      }
      // Let the next instance take over at once rather than after the TTL.
      await leases.release(name, holder, options.now()).catch(() => {})
    },
  }
}
