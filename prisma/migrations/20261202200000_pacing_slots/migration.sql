-- PacingSlot: the next free call slot per (platform, scope) — e.g. "feishu:app",
-- "slack:chat.postMessage" — in milliseconds since the epoch. Every delivery worker on
-- this database reserves its calls from here a few at a time (one UPDATE … RETURNING),
-- so several processes together never call a platform faster than its limit; a 429
-- moves the next free slot past its Retry-After for all of them.
CREATE TABLE "PacingSlot" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "nextAt" BIGINT NOT NULL
);
