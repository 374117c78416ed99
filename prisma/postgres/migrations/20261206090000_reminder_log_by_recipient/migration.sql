-- ReminderLog keeps one index, on the recipient (prisma/migrations/20261206090000_reminder_log_by_recipient says why).
-- DropIndex
DROP INDEX "ReminderLog_outboxKey_idx";

-- DropIndex
DROP INDEX "ReminderLog_taskKind_taskId_step_recipientId_key";

-- CreateIndex
CREATE INDEX "ReminderLog_recipientId_idx" ON "ReminderLog"("recipientId");

