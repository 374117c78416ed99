-- Course.audienceTracks: the career tracks a course is for (";"-separated, empty: everyone),
-- so gap suggestions stop offering HR compliance courses to R&D engineers.
-- `prisma migrate diff` rebuilds the table for this; a plain ADD COLUMN gives the same
-- schema and keeps the Course CacheStamp triggers (migration 20261202100000_intake).
ALTER TABLE "Course" ADD COLUMN "audienceTracks" TEXT NOT NULL DEFAULT '';
