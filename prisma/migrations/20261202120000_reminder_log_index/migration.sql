-- The unique index on ("taskKind", "taskId", "step", "recipientId") serves lookups by its
-- prefix ("taskKind", "taskId"); this second index only cost every insert.
DROP INDEX "ReminderLog_taskKind_taskId_idx";
