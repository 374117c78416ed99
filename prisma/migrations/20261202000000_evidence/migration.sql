-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN "rating" REAL;

-- Existing data keeps its meaning: supervisor and self evaluations were a 1–5 rating
-- stored as rating × 20. Keep the rating, so "3 — meets" now maps to the standard's
-- required attainment instead of 60 %.
UPDATE "Assessment" SET "rating" = "attainment" / 20.0
WHERE "source" IN ('supervisor', 'self') AND "assessorId" IS NOT NULL AND "attainment" IN (20, 40, 60, 80, 100);

-- AlterTable
ALTER TABLE "TrainingAssignment" ADD COLUMN "assignedById" INTEGER;
ALTER TABLE "TrainingAssignment" ADD COLUMN "reportedAt" DATETIME;
ALTER TABLE "TrainingAssignment" ADD COLUMN "verifiedBy" TEXT;

-- AlterTable
ALTER TABLE "EvaluationTask" ADD COLUMN "dimensionId" INTEGER;

-- CreateTable
CREATE TABLE "Certificate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SourceWeight" (
    "scope" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,

    PRIMARY KEY ("scope", "source")
);

-- CreateTable
CREATE TABLE "QuizQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "courseId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "textZh" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "answer" INTEGER NOT NULL,
    CONSTRAINT "QuizQuestion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "courseId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "wrong" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- AlterTable (ADD COLUMN rather than Prisma's table rebuild: a rebuild drops the
-- table, and inside the migration's transaction foreign keys stay on, so the drop
-- would cascade to every assignment)
ALTER TABLE "Course" ADD COLUMN "verification" TEXT NOT NULL DEFAULT 'none';
ALTER TABLE "Course" ADD COLUMN "certificateCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "QuizQuestion_courseId_position_key" ON "QuizQuestion"("courseId", "position");

-- CreateIndex
CREATE INDEX "QuizAttempt_employeeId_courseId_idx" ON "QuizAttempt"("employeeId", "courseId");

-- CreateIndex
CREATE INDEX "QuizAttempt_assignmentId_idx" ON "QuizAttempt"("assignmentId");

