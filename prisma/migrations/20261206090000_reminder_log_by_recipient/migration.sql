-- ReminderLog keeps one index, on the recipient. The unique index by task and step and the
-- index by message key put a catch-up sweep's ~60,000 inserts all over the file (about 0.6 s
-- of writing pages over 10,000 people). A step is logged once without the unique index: only
-- a message newly in the outbox logs its steps, in the same transaction. Lookups by message
-- go through its recipient (the outbox row's employeeId).
DROP INDEX "ReminderLog_taskKind_taskId_step_recipientId_key";
DROP INDEX "ReminderLog_outboxKey_idx";
CREATE INDEX "ReminderLog_recipientId_idx" ON "ReminderLog"("recipientId");
