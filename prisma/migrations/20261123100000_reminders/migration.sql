-- CreateTable
CREATE TABLE "ReminderLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskKind" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "outboxKey" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "availableAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "leaseHolder" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "refChannelId" TEXT,
    "refMessageId" TEXT
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "courseId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "cardKey" TEXT NOT NULL,
    "memberCount" INTEGER NOT NULL,
    "unlinkedCount" INTEGER NOT NULL,
    "shownDone" INTEGER NOT NULL DEFAULT 0,
    "counterUpdatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "broadcastId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "assignmentId" INTEGER NOT NULL,

    PRIMARY KEY ("broadcastId", "employeeId"),
    CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedAt" DATETIME NOT NULL,
    "createdById" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ProgrammeStage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "programmeId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "plannedStartAt" DATETIME NOT NULL,
    "durationDays" INTEGER NOT NULL,
    "startedAt" DATETIME,
    "dueAt" DATETIME,
    "completedAt" DATETIME,
    CONSTRAINT "ProgrammeStage_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeParticipant" (
    "programmeId" INTEGER NOT NULL,
    "employeeId" INTEGER NOT NULL,

    PRIMARY KEY ("programmeId", "employeeId"),
    CONSTRAINT "ProgrammeParticipant_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stageId" INTEGER NOT NULL,
    "participantId" INTEGER NOT NULL,
    "taskKind" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    CONSTRAINT "ProgrammeTask_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "ProgrammeStage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReminderLog_taskKind_taskId_idx" ON "ReminderLog"("taskKind", "taskId");

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

