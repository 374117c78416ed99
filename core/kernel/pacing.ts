// How fast the delivery worker may call one platform scope (Slack: one API
// method; Feishu: the whole app), shared by every process on one database:
// calls take slots from a book that lives in the store (the next free slot, the
// end of a pause, the last window's slots), reserved a few at a time, so two
// processes together never exceed the limits. A 429 pauses the scope past its
// Retry-After for everyone and halves this process's rate, which then climbs back
// slowly (AIMD): no burst on resume.

/**
 * A second limit over a longer window (Feishu: 1,000 calls per minute per app on top
 * of 50 per second): at most `count` slots in any `ms` long stretch. Calls may then
 * come at the fast pace until the window is full, instead of evenly at the slow one.
 */
export interface PaceWindow {
  count: number
  ms: number
}

/** Call slots for a scope, shared by every worker that uses the same reservations. */
export interface SlotReservations {
  /**
   * Reserves `count` slots for `scope`, at least `spacingMs` apart, none before `now`
   * nor before any slot reserved earlier (by any process), and within `window` when
   * given; returns the slots (ms since the epoch), in order — fewer than asked, even
   * none, when the window is full until later (ask again then). `unused`: slots reserved
   * earlier and never called (too late, or before a pause), given back to the window.
   */
  reserve(scope: string, count: number, spacingMs: number, now: number, window?: PaceWindow, unused?: number[]): Promise<number[]>
  /** Nobody calls `scope` before `until` (a Retry-After), whatever slots are given back meanwhile. */
  pauseUntil(scope: string, until: number): Promise<void>
}

/** A scope's reservation book: the next free slot, the end of a pause, and the slots of the last window (ascending). */
export interface SlotBook {
  next: number
  pausedUntil: number
  recent: number[]
}

/**
 * Places `count` slots in `book` (changing it) and returns them: each at least
 * `spacingMs` after the one before and after `now`, and, with a window, no sooner than
 * `window.ms` after the slot `window.count` places back. Pure: the in-process book and
 * the database's row (adapters/db/pacing-store.ts) both place slots with it.
 */
export function placeSlots(
  book: SlotBook,
  count: number,
  spacingMs: number,
  now: number,
  window?: PaceWindow,
  unused: readonly number[] = [],
): number[] {
  if (window && unused.length > 0) {
    for (const slot of unused) {
      const at = book.recent.indexOf(slot)
      if (at >= 0) book.recent.splice(at, 1)
    }
    // Every slot of a windowed scope is in `recent`: the next one need only follow the last kept.
    const last = book.recent[book.recent.length - 1]
    book.next = last === undefined ? 0 : last + spacingMs
  }
  const placed: number[] = []
  for (let i = 0; i < count; i++) {
    const at = Math.max(now, book.next, book.pausedUntil)
    // A full window places nothing ahead: a slot held for later would keep its capacity
    // from any process whose dropped slots free the window meanwhile. The caller asks again.
    if (window && book.recent.length >= window.count) {
      const opens = (book.recent[book.recent.length - window.count] as number) + window.ms
      if (opens > at) break
    }
    placed.push(at)
    book.next = at + spacingMs
    if (window) book.recent.push(at)
  }
  if (window) {
    // What can no longer hold a later slot back: older than a window before the last one, or more than a window's count back.
    const last = placed[placed.length - 1] ?? now
    const firstInWindow = book.recent.findIndex((t) => t > last - window.ms)
    book.recent = firstInWindow < 0 ? [] : book.recent.slice(Math.max(firstInWindow, book.recent.length - window.count))
  }
  return placed
}

/** Reservations within one process (tests, the CLI, a single worker). */
export function localSlots(): SlotReservations {
  const books = new Map<string, SlotBook>()
  const bookOf = (scope: string): SlotBook => {
    const book = books.get(scope) ?? { next: 0, pausedUntil: 0, recent: [] }
    books.set(scope, book)
    return book
  }
  return {
    async reserve(scope, count, spacingMs, now, window, unused) {
      return placeSlots(bookOf(scope), count, spacingMs, now, window, unused)
    },
    async pauseUntil(scope, until) {
      const book = bookOf(scope)
      book.pausedUntil = Math.max(book.pausedUntil, until)
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
  /** A limit over a longer window as well (Feishu's per minute), shared like the ceiling. */
  window?: PaceWindow
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
  /** Slots dropped unused: a window gets them back with the next reservation. */
  private unused: number[] = []
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
      if (slot < this.pausedUntil) {
        this.giveBack(slot)
        continue
      }
      // So is a slot already past (the process fell behind: a busy event loop, a slow
      // database write): using it late would bunch calls into a burst. Capacity is lost, never exceeded.
      if (now - slot > LATE_SLOT_MS) {
        this.giveBack(slot)
        continue
      }
      if (slot > now) await this.sleep(slot - now)
      if (this.pausedUntil > this.now() || this.now() - slot > LATE_SLOT_MS) {
        this.giveBack(slot)
        continue
      }
      return
    }
  }

  private async reserveBlock(now: number): Promise<void> {
    const spacing = 1000 / this.perSecond
    const count = Math.max(1, Math.floor(this.blockMs / spacing))
    const unused = this.unused
    this.unused = []
    const placed = await this.reservations.reserve(this.scope, count, spacing, now, this.settings.window, unused)
    this.slots.push(...placed)
    // The window is full (every process together): look again in a block's time.
    if (placed.length === 0) await this.sleep(this.blockMs)
  }

  /**
   * Nothing waits for a slot here any more (the worker has no work for this platform):
   * the slots still held, and those dropped, go back to the window, so another process
   * may use that capacity instead of waiting for the window to pass.
   */
  async release(): Promise<void> {
    if (!this.settings.window || this.refill) return
    for (const slot of this.slots) this.giveBack(slot)
    this.slots = []
    if (this.unused.length === 0) return
    const unused = this.unused
    this.unused = []
    await this.reservations.reserve(this.scope, 0, 1000 / this.perSecond, this.now(), this.settings.window, unused)
  }

  /** Only a window counts what was never called; without one there is nothing to give back. */
  private giveBack(slot: number): void {
    if (this.settings.window) this.unused.push(slot)
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
    for (const slot of this.slots) this.giveBack(slot)
    this.slots = []
    return this.reservations.pauseUntil(this.scope, until)
  }
}
