-- CreateTable
CREATE TABLE "FeedbackCycle" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "perspectives" TEXT NOT NULL DEFAULT 'self,manager,peer,report',
    "nominationBy" TEXT NOT NULL DEFAULT 'manager',
    "peerCap" INTEGER NOT NULL DEFAULT 8,
    "peerThreshold" INTEGER NOT NULL DEFAULT 3,
    "reportThreshold" INTEGER NOT NULL DEFAULT 3,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stageChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FeedbackSubject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cycleId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "managerId" INTEGER,
    "questionnaire" TEXT NOT NULL,
    "resultsAt" DATETIME,
    CONSTRAINT "FeedbackSubject_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "FeedbackCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "feedbackSubjectId" INTEGER NOT NULL,
    "raterId" INTEGER NOT NULL,
    "perspective" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'approved',
    "taskId" INTEGER,
    "nominatedById" INTEGER,
    "declineReason" TEXT,
    CONSTRAINT "FeedbackRequest_feedbackSubjectId_fkey" FOREIGN KEY ("feedbackSubjectId") REFERENCES "FeedbackSubject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" INTEGER NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "perspective" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    CONSTRAINT "FeedbackResponse_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "FeedbackCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FeedbackCycle_stage_idx" ON "FeedbackCycle"("stage");

-- CreateIndex
CREATE INDEX "FeedbackSubject_employeeId_idx" ON "FeedbackSubject"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackSubject_cycleId_employeeId_key" ON "FeedbackSubject"("cycleId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackRequest_taskId_key" ON "FeedbackRequest"("taskId");

-- CreateIndex
CREATE INDEX "FeedbackRequest_raterId_status_idx" ON "FeedbackRequest"("raterId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackRequest_feedbackSubjectId_raterId_key" ON "FeedbackRequest"("feedbackSubjectId", "raterId");

-- CreateIndex
CREATE INDEX "FeedbackResponse_cycleId_subjectId_idx" ON "FeedbackResponse"("cycleId", "subjectId");

