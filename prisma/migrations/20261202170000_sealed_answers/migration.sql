-- SealedAnswer: anonymous 360 answers waiting to be released in groups of at least
-- the threshold, encrypted under a key outside the data directory (docs/feedback-360.md,
-- "Threat model"). What `prisma migrate diff` generates for the model.
CREATE TABLE "SealedAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" INTEGER NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "perspective" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    CONSTRAINT "SealedAnswer_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "FeedbackCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "SealedAnswer_cycleId_subjectId_idx" ON "SealedAnswer"("cycleId", "subjectId");
