// The delivery workers' shared pace (core/kernel/pacing.ts) in SQL: one row per
// platform scope holding its next free call slot and, for a scope with a longer
// window (Feishu's per minute), the slots of that window. A reservation reads the
// row, places its slots with the same placeSlots as the in-process book, and writes
// it back only if the version it read is still there — two processes never take
// the same slots, and a loser simply reads again. A pause only moves the slot later.
import { placeSlots, type SlotBook, type SlotReservations } from '../../core/kernel/pacing.js'
import type { Db } from './client.js'

/** "first,gap,gap,…": a minute of slots at 50/s is ~3 KB instead of ~14 KB of instants. */
export function encodeSlots(slots: number[]): string {
  return slots.map((t, i) => (i === 0 ? t : t - (slots[i - 1] as number))).join(',')
}

export function decodeSlots(text: string): number[] {
  if (text === '') return []
  let at = 0
  return text.split(',').map((part, i) => {
    at = i === 0 ? Number(part) : at + Number(part)
    return at
  })
}

/** Tries before giving up on a reservation that keeps losing to other processes (each try is two short statements). */
const MAX_TRIES = 50

interface Row {
  nextAt: number | bigint
  pausedUntil: number | bigint
  recent: string
  version: number | bigint
}

export function createPacingStore(db: Db): SlotReservations {
  return {
    async reserve(scope, count, spacingMs, now, window, unused = []) {
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const [row] = await db.$queryRaw<
          Row[]
        >`SELECT "nextAt", "pausedUntil", "recent", "version" FROM "PacingSlot" WHERE "scope" = ${scope}`
        if (!row) {
          // The scope's first reservation ever: make its row (another process may race to it), then read it.
          await db.$executeRaw`INSERT INTO "PacingSlot" ("scope", "nextAt") VALUES (${scope}, 0) ON CONFLICT ("scope") DO NOTHING`
          continue
        }
        const book: SlotBook = {
          next: Number(row.nextAt),
          pausedUntil: Number(row.pausedUntil),
          recent: window ? decodeSlots(row.recent) : [],
        }
        // The row holds whole milliseconds, rounded up: so are the slots given back.
        const slots = placeSlots(book, count, spacingMs, now, window, unused.map(Math.ceil))
        // Rounded up, a slot is only ever later than placed: it never breaks a limit.
        const written = await db.$executeRaw`
          UPDATE "PacingSlot" SET "nextAt" = ${Math.ceil(book.next)}, "recent" = ${encodeSlots(book.recent.map(Math.ceil))},
            "version" = "version" + 1
          WHERE "scope" = ${scope} AND "version" = ${Number(row.version)}`
        if (written === 1) return slots
      }
      throw new Error(`pacing: could not reserve slots for ${scope} (${MAX_TRIES} tries lost to other processes)`)
    },
    async pauseUntil(scope, until) {
      const at = Math.ceil(until)
      await db.$executeRaw`
        INSERT INTO "PacingSlot" ("scope", "nextAt", "pausedUntil") VALUES (${scope}, 0, ${at})
        ON CONFLICT ("scope") DO UPDATE
          SET "pausedUntil" = CASE WHEN "PacingSlot"."pausedUntil" > ${at} THEN "PacingSlot"."pausedUntil" ELSE ${at} END,
            "version" = "PacingSlot"."version" + 1`
    },
  }
}
