-- Intake ownership: with several instances on one database, each reads back only
-- the events it admitted (its overflow, what it left at a restart); events an
-- instance has left unanswered for too long are adopted by another, under new ids
-- (core/kernel/intake.ts). The core's event dedupe still stops a second reply.
ALTER TABLE "InboundEvent" ADD COLUMN "instance" TEXT NOT NULL DEFAULT '';
CREATE INDEX "InboundEvent_instance_id_idx" ON "InboundEvent"("instance", "id");
