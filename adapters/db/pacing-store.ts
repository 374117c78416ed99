// The delivery workers' shared pace (core/kernel/pacing.ts) in SQL: one row per
// platform scope holding its next free call slot. A reservation is one
// conditional upsert … RETURNING in its own short transaction, so two processes
// can never take the same slots; a pause only ever moves the slot later.
import type { SlotReservations } from '../../core/kernel/pacing.js'
import type { Db } from './client.js'
import { aloneFor } from './outbox-store.js'

export function createPacingStore(db: Db): SlotReservations {
  const alone = aloneFor(db, true)
  return {
    async reserve(scope, count, spacingMs, now) {
      const span = Math.ceil(count * spacingMs)
      const at = Math.floor(now)
      const rows = await alone(
        (q) => q.$queryRaw<{ nextAt: number | bigint }[]>`
          INSERT INTO "PacingSlot" ("scope", "nextAt") VALUES (${scope}, ${at + span})
          ON CONFLICT ("scope") DO UPDATE
            SET "nextAt" = (CASE WHEN "PacingSlot"."nextAt" > ${at} THEN "PacingSlot"."nextAt" ELSE ${at} END) + ${span}
          RETURNING "nextAt"`,
      )
      return Number(rows[0]!.nextAt) - span
    },
    async pauseUntil(scope, until) {
      const at = Math.ceil(until)
      await alone(
        (q) => q.$executeRaw`
          INSERT INTO "PacingSlot" ("scope", "nextAt") VALUES (${scope}, ${at})
          ON CONFLICT ("scope") DO UPDATE
            SET "nextAt" = CASE WHEN "PacingSlot"."nextAt" > ${at} THEN "PacingSlot"."nextAt" ELSE ${at} END`,
      )
    },
  }
}
