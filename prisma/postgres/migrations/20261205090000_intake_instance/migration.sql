-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "instance" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "InboundEvent_instance_id_idx" ON "InboundEvent"("instance", "id");

