-- Issue 15: questions are written here before the ack and answered from a bounded
-- queue; the row is deleted once answered.
CREATE TABLE "InboundEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "InboundEvent_platform_eventId_key" ON "InboundEvent"("platform", "eventId");

-- Cache invalidation that holds across processes: every write to a cached table
-- bumps its stamp, whoever writes (the server, `ladder import`, plain SQL).
CREATE TABLE "CacheStamp" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "CacheStamp" ("name", "version") VALUES ('catalog', 0), ('people', 0);

CREATE TRIGGER "Job_insert_stamp" AFTER INSERT ON "Job" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Job_update_stamp" AFTER UPDATE ON "Job" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Job_delete_stamp" AFTER DELETE ON "Job" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "PromotionPath_insert_stamp" AFTER INSERT ON "PromotionPath" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "PromotionPath_update_stamp" AFTER UPDATE ON "PromotionPath" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "PromotionPath_delete_stamp" AFTER DELETE ON "PromotionPath" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "QualificationStandard_insert_stamp" AFTER INSERT ON "QualificationStandard" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "QualificationStandard_update_stamp" AFTER UPDATE ON "QualificationStandard" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "QualificationStandard_delete_stamp" AFTER DELETE ON "QualificationStandard" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "StandardDimension_insert_stamp" AFTER INSERT ON "StandardDimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "StandardDimension_update_stamp" AFTER UPDATE ON "StandardDimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "StandardDimension_delete_stamp" AFTER DELETE ON "StandardDimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Indicator_insert_stamp" AFTER INSERT ON "Indicator" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Indicator_update_stamp" AFTER UPDATE ON "Indicator" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Indicator_delete_stamp" AFTER DELETE ON "Indicator" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Dimension_insert_stamp" AFTER INSERT ON "Dimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Dimension_update_stamp" AFTER UPDATE ON "Dimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Dimension_delete_stamp" AFTER DELETE ON "Dimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Course_insert_stamp" AFTER INSERT ON "Course" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Course_update_stamp" AFTER UPDATE ON "Course" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Course_delete_stamp" AFTER DELETE ON "Course" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "CourseDimension_insert_stamp" AFTER INSERT ON "CourseDimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "CourseDimension_update_stamp" AFTER UPDATE ON "CourseDimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "CourseDimension_delete_stamp" AFTER DELETE ON "CourseDimension" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "QuizQuestion_insert_stamp" AFTER INSERT ON "QuizQuestion" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "QuizQuestion_update_stamp" AFTER UPDATE ON "QuizQuestion" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "QuizQuestion_delete_stamp" AFTER DELETE ON "QuizQuestion" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Department_insert_stamp" AFTER INSERT ON "Department" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Department_update_stamp" AFTER UPDATE ON "Department" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Department_delete_stamp" AFTER DELETE ON "Department" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Certificate_insert_stamp" AFTER INSERT ON "Certificate" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Certificate_update_stamp" AFTER UPDATE ON "Certificate" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Certificate_delete_stamp" AFTER DELETE ON "Certificate" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "SourceWeight_insert_stamp" AFTER INSERT ON "SourceWeight" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "SourceWeight_update_stamp" AFTER UPDATE ON "SourceWeight" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "SourceWeight_delete_stamp" AFTER DELETE ON "SourceWeight" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'catalog'; END;
CREATE TRIGGER "Employee_insert_stamp" AFTER INSERT ON "Employee" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'people'; END;
CREATE TRIGGER "Employee_update_stamp" AFTER UPDATE ON "Employee" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'people'; END;
CREATE TRIGGER "Employee_delete_stamp" AFTER DELETE ON "Employee" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'people'; END;
CREATE TRIGGER "ChatIdentity_insert_stamp" AFTER INSERT ON "ChatIdentity" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'people'; END;
CREATE TRIGGER "ChatIdentity_update_stamp" AFTER UPDATE ON "ChatIdentity" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'people'; END;
CREATE TRIGGER "ChatIdentity_delete_stamp" AFTER DELETE ON "ChatIdentity" BEGIN UPDATE "CacheStamp" SET "version" = "version" + 1 WHERE "name" = 'people'; END;
