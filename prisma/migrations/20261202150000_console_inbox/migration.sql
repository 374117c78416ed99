-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "readAt" DATETIME;

-- CreateIndex
CREATE INDEX "OutboxMessage_platform_destId_status_idx" ON "OutboxMessage"("platform", "destId", "status");

