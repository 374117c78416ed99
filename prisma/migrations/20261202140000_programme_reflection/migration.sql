-- A participant's learning reflection (issue 16): the text their reflection task's form collects.
-- CreateTable
CREATE TABLE "ProgrammeReflection" (
    "taskId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProgrammeReflection_employeeId_idx" ON "ProgrammeReflection"("employeeId");

