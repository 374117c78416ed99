-- /readyz's write probe: one row per process, upserted (a read-only, locked or full database fails it).
CREATE TABLE "HealthProbe" (
    "holder" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- When a message was dead-lettered: the sweep plans a dead reminder again once its platform has delivered something since.
ALTER TABLE "OutboxMessage" ADD COLUMN "deadAt" DATETIME;

-- /readyz asks whether anything was sent lately; the sweep, whether a platform delivered since a message died.
CREATE INDEX "OutboxMessage_status_sentAt_idx" ON "OutboxMessage"("status", "sentAt");
