-- PacingSlot gains the slots of the last window (Feishu: 1,000 calls per minute per
-- app on top of 50 per second), delta-encoded, and a version for optimistic updates:
-- a reservation reads the row, places its slots (core/kernel/pacing.ts placeSlots)
-- and writes them back only if nobody wrote in between, else reads again.
ALTER TABLE "PacingSlot" ADD COLUMN "recent" TEXT NOT NULL DEFAULT '';
ALTER TABLE "PacingSlot" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
-- The end of a pause (a Retry-After) apart from the next slot: a slot given back may
-- move the next slot earlier, never before a pause.
ALTER TABLE "PacingSlot" ADD COLUMN "pausedUntil" BIGINT NOT NULL DEFAULT 0;
