// How fast the delivery worker may call one platform scope (Slack: one API
// method; Feishu: the whole app), shared by every process on one database:
// calls take slots from a "next free slot" that lives in the store, reserved a
// few at a time, so two processes together never exceed the ceiling. A 429
// pushes the next free slot past its Retry-After for everyone, halves this
// process's rate, which then climbs back slowly (AIMD): no burst on resume.

/** Call slots for a scope, shared by every worker that uses the same reservations. */
export interface SlotReservations {
  /**
   * Reserves `count` slots `spacingMs` apart for `scope`, none before `now` nor before
   * any slot reserved earlier (by any process); returns the first slot (ms since the epoch).
   */
  reserve(scope: string, count: number, spacingMs: number, now: number): Promise<number>
  /** Nobody calls `scope` before `until` (a Retry-After): the next free slot moves there. */
  pauseUntil(scope: string, until: number): Promise<void>
}

/** Reservations within one process (tests, the CLI, a single worker). */
export function localSlots(): SlotReservations {
  const next = new Map<string, number>()
  return {
    async reserve(scope, count, spacingMs, now) {
      const start = Math.max(now, next.get(scope) ?? 0)
      next.set(scope, start + count * spacingMs)
      return start
    },
    async pauseUntil(scope, until) {
      next.set(scope, Math.max(next.get(scope) ?? 0, until))
    },
  }
}

/** A slot this late is not used: calls released together after a stall would be a burst. */
const LATE_SLOT_MS = 25

export interface ThrottleSettings {
  /** The ceiling, calls per second, evenly spaced. */
  maxPerSecond: number
  /** The rate never drops below this after 429s. */
  minPerSecond?: number
  /** Slots are reserved this much time's worth at a time (fewer database writes; a little unused capacity). */
  blockMs?: number
}

export interface ThrottleState {
  perSecond: number
  pausedUntil: number
}

/** One scope's pace in this process: the AIMD rate, the pause, and the slots reserved for it. */
export class Throttle {
  private perSecond: number
  private pausedUntil = 0
  private slots: number[] = []
  private refill: Promise<void> | null = null
  private readonly min: number
  private readonly blockMs: number

  constructor(
    readonly scope: string,
    private readonly settings: ThrottleSettings,
    private readonly reservations: SlotReservations,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.perSecond = settings.maxPerSecond
    this.min = Math.min(settings.maxPerSecond, settings.minPerSecond ?? Math.max(0.2, settings.maxPerSecond / 16))
    this.blockMs = settings.blockMs ?? 250
  }

  state(): ThrottleState {
    return { perSecond: this.perSecond, pausedUntil: this.pausedUntil }
  }

  /** Resolves when no pause is on (a Retry-After window). */
  async resumed(): Promise<void> {
    for (let now = this.now(); this.pausedUntil > now; now = this.now()) await this.sleep(this.pausedUntil - now)
  }

  /** Resolves at this call's slot: after any pause, evenly spaced at the current rate. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.now()
      if (this.pausedUntil > now) {
        await this.sleep(this.pausedUntil - now)
        continue
      }
      if (!Number.isFinite(this.settings.maxPerSecond)) return
      const slot = this.slots.shift()
      if (slot === undefined) {
        this.refill ??= this.reserveBlock(now).finally(() => {
          this.refill = null
        })
        await this.refill
        continue
      }
      // A slot from before a pause is dropped: the pause moved everyone's next slot.
      if (slot < this.pausedUntil) continue
      // So is a slot already past (the process fell behind: a busy event loop, a slow
      // database write): using it late would bunch calls into a burst. Capacity is lost, never exceeded.
      if (now - slot > LATE_SLOT_MS) continue
      if (slot > now) await this.sleep(slot - now)
      if (this.pausedUntil > this.now() || this.now() - slot > LATE_SLOT_MS) continue
      return
    }
  }

  private async reserveBlock(now: number): Promise<void> {
    const spacing = 1000 / this.perSecond
    const count = Math.max(1, Math.floor(this.blockMs / spacing))
    const start = await this.reservations.reserve(this.scope, count, spacing, now)
    for (let i = 0; i < count; i++) this.slots.push(start + i * spacing)
  }

  /** A call went through: the rate climbs back by about a tenth of the ceiling per second. */
  onSuccess(): void {
    if (!Number.isFinite(this.perSecond) || this.perSecond >= this.settings.maxPerSecond) return
    this.perSecond = Math.min(this.settings.maxPerSecond, this.perSecond + this.settings.maxPerSecond / 10 / this.perSecond)
  }

  /**
   * The platform answered 429: nobody calls this scope before the window ends, and
   * the rate halves (once per window: the calls already in flight answer 429 too).
   */
  onRateLimited(retryAfterMs: number): Promise<void> {
    const now = this.now()
    const until = now + retryAfterMs
    if (until <= this.pausedUntil) return Promise.resolve()
    if (this.pausedUntil <= now && Number.isFinite(this.perSecond)) this.perSecond = Math.max(this.min, this.perSecond / 2)
    this.pausedUntil = until
    this.slots = []
    return this.reservations.pauseUntil(this.scope, until)
  }
}
