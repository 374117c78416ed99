-- Lease fencing: every new acquisition of a lease (free, expired, or from another
-- holder) increments its token; a renewal by its holder keeps it. A holder writes
-- only under the token it acquired (UPDATE … WHERE "token" = ? in the same
-- transaction as its writes), so one that lost its lease — paused past its TTL
-- while another took over — cannot commit stale work.
ALTER TABLE "Lease" ADD COLUMN "token" INTEGER NOT NULL DEFAULT 0;
