-- CreateTable
CREATE TABLE "Department" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "parentId" INTEGER,
    CONSTRAINT "Department_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Employee" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "departmentId" INTEGER,
    "jobId" INTEGER,
    "managerId" INTEGER,
    "hireDate" DATETIME,
    "roles" TEXT NOT NULL DEFAULT 'employee',
    "status" TEXT NOT NULL DEFAULT 'active',
    CONSTRAINT "Employee_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Employee_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Employee_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Employee" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "linkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatIdentity_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "PromotionPath" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fromJobId" INTEGER NOT NULL,
    "toJobId" INTEGER NOT NULL,
    CONSTRAINT "PromotionPath_fromJobId_fkey" FOREIGN KEY ("fromJobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PromotionPath_toJobId_fkey" FOREIGN KEY ("toJobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Dimension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "QualificationStandard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "effectiveFrom" DATETIME NOT NULL,
    "threshold" INTEGER NOT NULL DEFAULT 80,
    CONSTRAINT "QualificationStandard_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StandardDimension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "standardId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,
    "weight" INTEGER NOT NULL,
    "requiredAttainment" INTEGER,
    CONSTRAINT "StandardDimension_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "QualificationStandard" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StandardDimension_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "Dimension" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "standardDimensionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "textZh" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "requirementKind" TEXT,
    "requirementKey" TEXT,
    "requirementValue" REAL,
    CONSTRAINT "Indicator_standardDimensionId_fkey" FOREIGN KEY ("standardDimensionId") REFERENCES "StandardDimension" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,
    "attainment" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "assessedAt" DATETIME NOT NULL,
    "assessorId" INTEGER,
    "note" TEXT,
    CONSTRAINT "Assessment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assessment_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "Dimension" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" REAL,
    "obtainedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'import',
    CONSTRAINT "Evidence_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Course" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "url" TEXT,
    "ownerDepartmentId" INTEGER,
    "passMark" INTEGER,
    CONSTRAINT "Course_ownerDepartmentId_fkey" FOREIGN KEY ("ownerDepartmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseDimension" (
    "courseId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,

    PRIMARY KEY ("courseId", "dimensionId"),
    CONSTRAINT "CourseDimension_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CourseDimension_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "Dimension" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "courseId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "source" TEXT NOT NULL DEFAULT 'self',
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME,
    "completedAt" DATETIME,
    "score" INTEGER,
    "snoozedUntil" DATETIME,
    CONSTRAINT "TrainingAssignment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingAssignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "assigneeId" INTEGER NOT NULL,
    "subjectId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME,
    "completedAt" DATETIME,
    "snoozedUntil" DATETIME,
    CONSTRAINT "EvaluationTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvaluationTask_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "platform" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("platform", "eventId")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "data" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_email_key" ON "Employee"("email");

-- CreateIndex
CREATE INDEX "Employee_managerId_idx" ON "Employee"("managerId");

-- CreateIndex
CREATE INDEX "Employee_departmentId_idx" ON "Employee"("departmentId");

-- CreateIndex
CREATE INDEX "ChatIdentity_employeeId_idx" ON "ChatIdentity"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_tenant_externalId_key" ON "ChatIdentity"("platform", "tenant", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_code_key" ON "Job"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionPath_fromJobId_toJobId_key" ON "PromotionPath"("fromJobId", "toJobId");

-- CreateIndex
CREATE UNIQUE INDEX "Dimension_code_key" ON "Dimension"("code");

-- CreateIndex
CREATE UNIQUE INDEX "QualificationStandard_jobId_version_key" ON "QualificationStandard"("jobId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "StandardDimension_standardId_dimensionId_key" ON "StandardDimension"("standardId", "dimensionId");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_standardDimensionId_code_key" ON "Indicator"("standardDimensionId", "code");

-- CreateIndex
CREATE INDEX "Assessment_employeeId_dimensionId_assessedAt_idx" ON "Assessment"("employeeId", "dimensionId", "assessedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_employeeId_dimensionId_source_assessedAt_key" ON "Assessment"("employeeId", "dimensionId", "source", "assessedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_employeeId_kind_key_key" ON "Evidence"("employeeId", "kind", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Course_code_key" ON "Course"("code");

-- CreateIndex
CREATE INDEX "TrainingAssignment_status_dueAt_idx" ON "TrainingAssignment"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingAssignment_employeeId_courseId_key" ON "TrainingAssignment"("employeeId", "courseId");

-- CreateIndex
CREATE INDEX "EvaluationTask_assigneeId_status_idx" ON "EvaluationTask"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "EvaluationTask_status_dueAt_idx" ON "EvaluationTask"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

