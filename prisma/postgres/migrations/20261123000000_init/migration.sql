-- CreateTable
CREATE TABLE "Department" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "parentId" INTEGER,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employee" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "departmentId" INTEGER,
    "jobId" INTEGER,
    "managerId" INTEGER,
    "hireDate" TIMESTAMP(3),
    "roles" TEXT NOT NULL DEFAULT 'employee',
    "status" TEXT NOT NULL DEFAULT 'active',

    CONSTRAINT "Employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" INTEGER NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionPath" (
    "id" SERIAL NOT NULL,
    "fromJobId" INTEGER NOT NULL,
    "toJobId" INTEGER NOT NULL,

    CONSTRAINT "PromotionPath_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dimension" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "Dimension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualificationStandard" (
    "id" SERIAL NOT NULL,
    "jobId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "threshold" INTEGER NOT NULL DEFAULT 80,

    CONSTRAINT "QualificationStandard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandardDimension" (
    "id" SERIAL NOT NULL,
    "standardId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,
    "weight" INTEGER NOT NULL,
    "requiredAttainment" INTEGER,

    CONSTRAINT "StandardDimension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "standardDimensionId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "textZh" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "requirementKind" TEXT,
    "requirementKey" TEXT,
    "requirementValue" DOUBLE PRECISION,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,
    "attainment" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "assessedAt" TIMESTAMP(3) NOT NULL,
    "assessorId" INTEGER,
    "note" TEXT,
    "rating" DOUBLE PRECISION,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "obtainedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'import',

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Course" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "url" TEXT,
    "ownerDepartmentId" INTEGER,
    "passMark" INTEGER,
    "verification" TEXT NOT NULL DEFAULT 'none',
    "certificateCode" TEXT,
    "audienceTracks" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceWeight" (
    "scope" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,

    CONSTRAINT "SourceWeight_pkey" PRIMARY KEY ("scope","source")
);

-- CreateTable
CREATE TABLE "QuizQuestion" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "textZh" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "answer" INTEGER NOT NULL,

    CONSTRAINT "QuizQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "courseId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "wrong" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseDimension" (
    "courseId" INTEGER NOT NULL,
    "dimensionId" INTEGER NOT NULL,

    CONSTRAINT "CourseDimension_pkey" PRIMARY KEY ("courseId","dimensionId")
);

-- CreateTable
CREATE TABLE "TrainingAssignment" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "courseId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "source" TEXT NOT NULL DEFAULT 'self',
    "assignedById" INTEGER,
    "reportedAt" TIMESTAMP(3),
    "verifiedBy" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "score" INTEGER,
    "snoozedUntil" TIMESTAMP(3),

    CONSTRAINT "TrainingAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationTask" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "assigneeId" INTEGER NOT NULL,
    "subjectId" INTEGER,
    "dimensionId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "snoozedUntil" TIMESTAMP(3),

    CONSTRAINT "EvaluationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "platform" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("platform","eventId")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CacheStamp" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CacheStamp_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "data" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackCycle" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "perspectives" TEXT NOT NULL DEFAULT 'self,manager,peer,report',
    "nominationBy" TEXT NOT NULL DEFAULT 'manager',
    "peerCap" INTEGER NOT NULL DEFAULT 8,
    "peerThreshold" INTEGER NOT NULL DEFAULT 3,
    "reportThreshold" INTEGER NOT NULL DEFAULT 3,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stageChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackSubject" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "managerId" INTEGER,
    "questionnaire" TEXT NOT NULL,
    "resultsAt" TIMESTAMP(3),

    CONSTRAINT "FeedbackSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "id" SERIAL NOT NULL,
    "feedbackSubjectId" INTEGER NOT NULL,
    "raterId" INTEGER NOT NULL,
    "perspective" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'approved',
    "taskId" INTEGER,
    "nominatedById" INTEGER,
    "declineReason" TEXT,

    CONSTRAINT "FeedbackRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackResponse" (
    "id" TEXT NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "perspective" TEXT NOT NULL,
    "answers" TEXT NOT NULL,

    CONSTRAINT "FeedbackResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SealedAnswer" (
    "id" TEXT NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "perspective" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,

    CONSTRAINT "SealedAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderLog" (
    "id" SERIAL NOT NULL,
    "taskKind" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "outboxKey" TEXT NOT NULL,

    CONSTRAINT "ReminderLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "destKind" TEXT NOT NULL,
    "destId" TEXT NOT NULL,
    "threadId" TEXT,
    "employeeId" INTEGER,
    "card" TEXT NOT NULL,
    "targetChannelId" TEXT,
    "targetMessageId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "leaseHolder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "refChannelId" TEXT,
    "refMessageId" TEXT,
    "readAt" TIMESTAMP(3),
    "deadAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthProbe" (
    "holder" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthProbe_pkey" PRIMARY KEY ("holder")
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "PacingSlot" (
    "scope" TEXT NOT NULL,
    "nextAt" BIGINT NOT NULL,
    "recent" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "pausedUntil" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PacingSlot_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "courseId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "cardKey" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "unlinkedCount" INTEGER NOT NULL,
    "shownDone" INTEGER NOT NULL DEFAULT 0,
    "shownTotal" INTEGER,
    "counterUpdatedAt" TIMESTAMP(3),

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "broadcastId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "assignmentId" INTEGER NOT NULL,

    CONSTRAINT "BroadcastRecipient_pkey" PRIMARY KEY ("broadcastId","employeeId")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "createdById" INTEGER NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeStage" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "plannedStartAt" TIMESTAMP(3) NOT NULL,
    "durationDays" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ProgrammeStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeParticipant" (
    "programmeId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,

    CONSTRAINT "ProgrammeParticipant_pkey" PRIMARY KEY ("programmeId","employeeId")
);

-- CreateTable
CREATE TABLE "ProgrammeTask" (
    "id" SERIAL NOT NULL,
    "stageId" INTEGER NOT NULL,
    "participantId" INTEGER NOT NULL,
    "taskKind" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,

    CONSTRAINT "ProgrammeTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeReflection" (
    "taskId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgrammeReflection_pkey" PRIMARY KEY ("taskId")
);

-- CreateTable
CREATE TABLE "JobDescription" (
    "id" SERIAL NOT NULL,
    "jobId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "purposeZh" TEXT NOT NULL,
    "purposeEn" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3),

    CONSTRAINT "JobDescription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobDescriptionItem" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "JobDescriptionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyCheckIn" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "jobId" INTEGER NOT NULL,
    "dutyCode" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedAt" TIMESTAMP(3),
    "evidence" TEXT,
    "snoozedUntil" TIMESTAMP(3),

    CONSTRAINT "DutyCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnboardingTemplateItem" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "courseId" INTEGER NOT NULL,
    "dueDays" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "OnboardingTemplateItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Onboarding" (
    "employeeId" INTEGER NOT NULL,
    "hireDate" TIMESTAMP(3) NOT NULL,
    "scope" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "welcomedAt" TIMESTAMP(3),
    "managerToldAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Onboarding_pkey" PRIMARY KEY ("employeeId")
);

-- CreateTable
CREATE TABLE "CourseResponsibility" (
    "courseId" INTEGER NOT NULL,
    "contentDepartmentId" INTEGER,
    "schedulerDepartmentId" INTEGER,
    "coachDepartmentId" INTEGER,
    "coachEmployeeId" INTEGER,

    CONSTRAINT "CourseResponsibility_pkey" PRIMARY KEY ("courseId")
);

-- CreateTable
CREATE TABLE "CourseMaterial" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "providerDepartmentId" INTEGER,
    "providerEmployeeId" INTEGER,
    "dueAt" TIMESTAMP(3),
    "providedAt" TIMESTAMP(3),
    "url" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "snoozedUntil" TIMESTAMP(3),

    CONSTRAINT "CourseMaterial_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "QuizQuestion_courseId_position_key" ON "QuizQuestion"("courseId", "position");

-- CreateIndex
CREATE INDEX "QuizAttempt_employeeId_courseId_idx" ON "QuizAttempt"("employeeId", "courseId");

-- CreateIndex
CREATE INDEX "QuizAttempt_assignmentId_idx" ON "QuizAttempt"("assignmentId");

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
CREATE UNIQUE INDEX "InboundEvent_platform_eventId_key" ON "InboundEvent"("platform", "eventId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

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

-- CreateIndex
CREATE INDEX "SealedAnswer_cycleId_subjectId_idx" ON "SealedAnswer"("cycleId", "subjectId");

-- CreateIndex
CREATE INDEX "ReminderLog_outboxKey_idx" ON "ReminderLog"("outboxKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderLog_taskKind_taskId_step_recipientId_key" ON "ReminderLog"("taskKind", "taskId", "step", "recipientId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_availableAt_idx" ON "OutboxMessage"("status", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_leaseUntil_idx" ON "OutboxMessage"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_sentAt_idx" ON "OutboxMessage"("status", "sentAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_platform_destId_status_idx" ON "OutboxMessage"("platform", "destId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_cardKey_key" ON "Broadcast"("cardKey");

-- CreateIndex
CREATE INDEX "Broadcast_courseId_idx" ON "Broadcast"("courseId");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_assignmentId_idx" ON "BroadcastRecipient"("assignmentId");

-- CreateIndex
CREATE INDEX "ProgrammeStage_status_idx" ON "ProgrammeStage"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeStage_programmeId_position_key" ON "ProgrammeStage"("programmeId", "position");

-- CreateIndex
CREATE INDEX "ProgrammeTask_taskKind_taskId_idx" ON "ProgrammeTask"("taskKind", "taskId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeTask_stageId_taskKind_taskId_key" ON "ProgrammeTask"("stageId", "taskKind", "taskId");

-- CreateIndex
CREATE INDEX "ProgrammeReflection_employeeId_idx" ON "ProgrammeReflection"("employeeId");

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

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Employee" ADD CONSTRAINT "Employee_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionPath" ADD CONSTRAINT "PromotionPath_fromJobId_fkey" FOREIGN KEY ("fromJobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionPath" ADD CONSTRAINT "PromotionPath_toJobId_fkey" FOREIGN KEY ("toJobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualificationStandard" ADD CONSTRAINT "QualificationStandard_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandardDimension" ADD CONSTRAINT "StandardDimension_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "QualificationStandard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandardDimension" ADD CONSTRAINT "StandardDimension_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "Dimension"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_standardDimensionId_fkey" FOREIGN KEY ("standardDimensionId") REFERENCES "StandardDimension"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "Dimension"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_ownerDepartmentId_fkey" FOREIGN KEY ("ownerDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizQuestion" ADD CONSTRAINT "QuizQuestion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseDimension" ADD CONSTRAINT "CourseDimension_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseDimension" ADD CONSTRAINT "CourseDimension_dimensionId_fkey" FOREIGN KEY ("dimensionId") REFERENCES "Dimension"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAssignment" ADD CONSTRAINT "TrainingAssignment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAssignment" ADD CONSTRAINT "TrainingAssignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationTask" ADD CONSTRAINT "EvaluationTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationTask" ADD CONSTRAINT "EvaluationTask_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackSubject" ADD CONSTRAINT "FeedbackSubject_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "FeedbackCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_feedbackSubjectId_fkey" FOREIGN KEY ("feedbackSubjectId") REFERENCES "FeedbackSubject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackResponse" ADD CONSTRAINT "FeedbackResponse_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "FeedbackCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SealedAnswer" ADD CONSTRAINT "SealedAnswer_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "FeedbackCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeStage" ADD CONSTRAINT "ProgrammeStage_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeParticipant" ADD CONSTRAINT "ProgrammeParticipant_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeTask" ADD CONSTRAINT "ProgrammeTask_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "ProgrammeStage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobDescription" ADD CONSTRAINT "JobDescription_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobDescriptionItem" ADD CONSTRAINT "JobDescriptionItem_descriptionId_fkey" FOREIGN KEY ("descriptionId") REFERENCES "JobDescription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DutyCheckIn" ADD CONSTRAINT "DutyCheckIn_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnboardingTemplateItem" ADD CONSTRAINT "OnboardingTemplateItem_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Onboarding" ADD CONSTRAINT "Onboarding_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseResponsibility" ADD CONSTRAINT "CourseResponsibility_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseMaterial" ADD CONSTRAINT "CourseMaterial_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written, not from `prisma migrate diff`: the cache stamps of the SQLite
-- migration 20261202100000_intake (adapters/db/cache.ts reads them). Every write to a
-- catalogue or people table bumps its stamp, row by row like the SQLite triggers.
INSERT INTO "CacheStamp" ("name", "version") VALUES ('catalog', 0), ('people', 0);

CREATE FUNCTION "ladder_bump_cache_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = TG_ARGV[0];
  RETURN NULL;
END
$$;
CREATE TRIGGER "Job_insert_stamp" AFTER INSERT ON "Job" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Job_update_stamp" AFTER UPDATE ON "Job" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Job_delete_stamp" AFTER DELETE ON "Job" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "PromotionPath_insert_stamp" AFTER INSERT ON "PromotionPath" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "PromotionPath_update_stamp" AFTER UPDATE ON "PromotionPath" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "PromotionPath_delete_stamp" AFTER DELETE ON "PromotionPath" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "QualificationStandard_insert_stamp" AFTER INSERT ON "QualificationStandard" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "QualificationStandard_update_stamp" AFTER UPDATE ON "QualificationStandard" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "QualificationStandard_delete_stamp" AFTER DELETE ON "QualificationStandard" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "StandardDimension_insert_stamp" AFTER INSERT ON "StandardDimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "StandardDimension_update_stamp" AFTER UPDATE ON "StandardDimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "StandardDimension_delete_stamp" AFTER DELETE ON "StandardDimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Indicator_insert_stamp" AFTER INSERT ON "Indicator" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Indicator_update_stamp" AFTER UPDATE ON "Indicator" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Indicator_delete_stamp" AFTER DELETE ON "Indicator" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Dimension_insert_stamp" AFTER INSERT ON "Dimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Dimension_update_stamp" AFTER UPDATE ON "Dimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Dimension_delete_stamp" AFTER DELETE ON "Dimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Course_insert_stamp" AFTER INSERT ON "Course" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Course_update_stamp" AFTER UPDATE ON "Course" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Course_delete_stamp" AFTER DELETE ON "Course" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "CourseDimension_insert_stamp" AFTER INSERT ON "CourseDimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "CourseDimension_update_stamp" AFTER UPDATE ON "CourseDimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "CourseDimension_delete_stamp" AFTER DELETE ON "CourseDimension" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "QuizQuestion_insert_stamp" AFTER INSERT ON "QuizQuestion" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "QuizQuestion_update_stamp" AFTER UPDATE ON "QuizQuestion" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "QuizQuestion_delete_stamp" AFTER DELETE ON "QuizQuestion" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Department_insert_stamp" AFTER INSERT ON "Department" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Department_update_stamp" AFTER UPDATE ON "Department" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Department_delete_stamp" AFTER DELETE ON "Department" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Certificate_insert_stamp" AFTER INSERT ON "Certificate" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Certificate_update_stamp" AFTER UPDATE ON "Certificate" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Certificate_delete_stamp" AFTER DELETE ON "Certificate" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "SourceWeight_insert_stamp" AFTER INSERT ON "SourceWeight" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "SourceWeight_update_stamp" AFTER UPDATE ON "SourceWeight" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "SourceWeight_delete_stamp" AFTER DELETE ON "SourceWeight" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('catalog');
CREATE TRIGGER "Employee_insert_stamp" AFTER INSERT ON "Employee" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('people');
CREATE TRIGGER "Employee_update_stamp" AFTER UPDATE ON "Employee" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('people');
CREATE TRIGGER "Employee_delete_stamp" AFTER DELETE ON "Employee" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('people');
CREATE TRIGGER "ChatIdentity_insert_stamp" AFTER INSERT ON "ChatIdentity" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('people');
CREATE TRIGGER "ChatIdentity_update_stamp" AFTER UPDATE ON "ChatIdentity" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('people');
CREATE TRIGGER "ChatIdentity_delete_stamp" AFTER DELETE ON "ChatIdentity" FOR EACH ROW EXECUTE FUNCTION "ladder_bump_cache_stamp"('people');

-- Hand-written: SQLite's instr(haystack, needle) (1-based position, 0 when absent), which
-- the raw statements use (privacy-store.ts …), is strpos() on PostgreSQL.
CREATE FUNCTION "instr"(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT strpos(haystack, needle) $$;
