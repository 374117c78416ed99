-- Issue 19: job descriptions (versioned, with duties, requirements and KPIs), recurring
-- duty check-ins, onboarding templates and onboardings, the training responsibility matrix.
-- CreateTable
CREATE TABLE "JobDescription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" DATETIME NOT NULL,
    "purposeZh" TEXT NOT NULL,
    "purposeEn" TEXT NOT NULL,
    "announcedAt" DATETIME,
    CONSTRAINT "JobDescription_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobDescriptionItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "descriptionId" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "textZh" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "ownerJobId" INTEGER,
    "recurrence" TEXT,
    "evidence" TEXT,
    "dimensionId" INTEGER,
    "target" TEXT,
    CONSTRAINT "JobDescriptionItem_descriptionId_fkey" FOREIGN KEY ("descriptionId") REFERENCES "JobDescription" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DutyCheckIn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "jobId" INTEGER NOT NULL,
    "dutyCode" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedAt" DATETIME,
    "evidence" TEXT,
    "snoozedUntil" DATETIME,
    CONSTRAINT "DutyCheckIn_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OnboardingTemplateItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scope" TEXT NOT NULL,
    "courseId" INTEGER NOT NULL,
    "dueDays" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "OnboardingTemplateItem_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Onboarding" (
    "employeeId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hireDate" DATETIME NOT NULL,
    "scope" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "welcomedAt" DATETIME,
    "managerToldAt" DATETIME,
    "completedAt" DATETIME,
    CONSTRAINT "Onboarding_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseResponsibility" (
    "courseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contentDepartmentId" INTEGER,
    "schedulerDepartmentId" INTEGER,
    "coachDepartmentId" INTEGER,
    "coachEmployeeId" INTEGER,
    CONSTRAINT "CourseResponsibility_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseMaterial" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "courseId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "providerDepartmentId" INTEGER,
    "providerEmployeeId" INTEGER,
    "dueAt" DATETIME,
    "providedAt" DATETIME,
    "url" TEXT,
    "createdAt" DATETIME NOT NULL,
    "snoozedUntil" DATETIME,
    CONSTRAINT "CourseMaterial_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "JobDescription_jobId_version_key" ON "JobDescription"("jobId", "version");

-- CreateIndex
CREATE INDEX "JobDescriptionItem_ownerJobId_idx" ON "JobDescriptionItem"("ownerJobId");

-- CreateIndex
CREATE UNIQUE INDEX "JobDescriptionItem_descriptionId_section_code_key" ON "JobDescriptionItem"("descriptionId", "section", "code");

-- CreateIndex
CREATE INDEX "DutyCheckIn_status_dueAt_idx" ON "DutyCheckIn"("status", "dueAt");

-- CreateIndex
CREATE INDEX "DutyCheckIn_jobId_dutyCode_occurrence_idx" ON "DutyCheckIn"("jobId", "dutyCode", "occurrence");

-- CreateIndex
CREATE UNIQUE INDEX "DutyCheckIn_employeeId_jobId_dutyCode_occurrence_key" ON "DutyCheckIn"("employeeId", "jobId", "dutyCode", "occurrence");

-- CreateIndex
CREATE UNIQUE INDEX "OnboardingTemplateItem_scope_courseId_key" ON "OnboardingTemplateItem"("scope", "courseId");

-- CreateIndex
CREATE INDEX "CourseMaterial_providedAt_idx" ON "CourseMaterial"("providedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseMaterial_courseId_position_key" ON "CourseMaterial"("courseId", "position");

