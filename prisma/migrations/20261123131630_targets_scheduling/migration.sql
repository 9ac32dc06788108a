-- CreateEnum
CREATE TYPE "SnapshotPeriod" AS ENUM ('Q1', 'H1', 'Q3', 'YEAR', 'CUSTOM');

-- CreateEnum
CREATE TYPE "OfferingKind" AS ENUM ('CLASS', 'DRILL');

-- CreateEnum
CREATE TYPE "OfferingStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('PENDING_APPROVAL', 'CONFIRMED', 'WAITLISTED', 'CANCELLED', 'REJECTED');

-- CreateEnum
CREATE TYPE "RegistrationSource" AS ENUM ('NOMINATED', 'SELF');

-- AlterTable
ALTER TABLE "Completion" ADD COLUMN     "externalRef" TEXT,
ADD COLUMN     "note" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "recordedById" UUID;

-- CreateTable
CREATE TABLE "TrainingPlan" (
    "id" UUID NOT NULL,
    "documentNumber" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "period" TEXT NOT NULL DEFAULT '',
    "agencyId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrainingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "agencyId" UUID,
    "staffCategories" "StaffCategory"[] DEFAULT ARRAY[]::"StaffCategory"[],
    "itRoles" "ItRole"[] DEFAULT ARRAY[]::"ItRole"[],
    "headOfUnitOnly" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "topics" TEXT[],
    "targetPercent" INTEGER NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "period" "SnapshotPeriod" NOT NULL,
    "asOf" TIMESTAMPTZ(3) NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SnapshotRow" (
    "id" BIGSERIAL NOT NULL,
    "snapshotId" UUID NOT NULL,
    "targetId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "agencyCode" TEXT NOT NULL,
    "agencyName" TEXT NOT NULL,
    "agencyKind" "AgencyKind" NOT NULL,
    "parentAgencyId" UUID,
    "depth" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "ownAudience" INTEGER NOT NULL,
    "ownCompleted" INTEGER NOT NULL,
    "audience" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "targetPercent" INTEGER NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "SnapshotRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassOffering" (
    "id" UUID NOT NULL,
    "kind" "OfferingKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "courseId" UUID,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "audienceItRoles" "ItRole"[] DEFAULT ARRAY[]::"ItRole"[],
    "audienceTags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "organiserAgencyId" UUID NOT NULL,
    "createdById" UUID,
    "capacity" INTEGER NOT NULL,
    "registrationOpensAt" TIMESTAMPTZ(3),
    "registrationClosesAt" TIMESTAMPTZ(3),
    "attendanceThreshold" INTEGER NOT NULL DEFAULT 100,
    "requiresPostTest" BOOLEAN NOT NULL DEFAULT false,
    "validityMonths" INTEGER,
    "status" "OfferingStatus" NOT NULL DEFAULT 'OPEN',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClassOffering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassSession" (
    "id" UUID NOT NULL,
    "offeringId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "venue" TEXT NOT NULL DEFAULT '',
    "onlineUrl" TEXT,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "ClassSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferingInstructor" (
    "offeringId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "OfferingInstructor_pkey" PRIMARY KEY ("offeringId","personId")
);

-- CreateTable
CREATE TABLE "OfferingQuota" (
    "offeringId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "seats" INTEGER NOT NULL,

    CONSTRAINT "OfferingQuota_pkey" PRIMARY KEY ("offeringId","agencyId")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" UUID NOT NULL,
    "offeringId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "source" "RegistrationSource" NOT NULL,
    "requestedById" UUID,
    "requestSeq" BIGSERIAL NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "confirmedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "note" TEXT NOT NULL DEFAULT '',
    "score" INTEGER,
    "result" TEXT,
    "postTestPassed" BOOLEAN,
    "completionId" UUID,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "registrationId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "present" BOOLEAN NOT NULL,
    "markedById" UUID,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("registrationId","sessionId")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingPlan_documentNumber_agencyId_key" ON "TrainingPlan"("documentNumber", "agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Target_planId_code_key" ON "Target"("planId", "code");

-- CreateIndex
CREATE INDEX "Snapshot_planId_asOf_idx" ON "Snapshot"("planId", "asOf");

-- CreateIndex
CREATE INDEX "SnapshotRow_snapshotId_targetId_idx" ON "SnapshotRow"("snapshotId", "targetId");

-- CreateIndex
CREATE INDEX "ClassOffering_status_idx" ON "ClassOffering"("status");

-- CreateIndex
CREATE INDEX "ClassSession_offeringId_idx" ON "ClassSession"("offeringId");

-- CreateIndex
CREATE INDEX "ClassSession_startsAt_idx" ON "ClassSession"("startsAt");

-- CreateIndex
CREATE INDEX "OfferingInstructor_personId_idx" ON "OfferingInstructor"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_completionId_key" ON "Registration"("completionId");

-- CreateIndex
CREATE INDEX "Registration_personId_idx" ON "Registration"("personId");

-- CreateIndex
CREATE INDEX "Registration_offeringId_status_requestSeq_idx" ON "Registration"("offeringId", "status", "requestSeq");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_offeringId_personId_key" ON "Registration"("offeringId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_personId_key" ON "CalendarFeed"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "Completion_completedAt_idx" ON "Completion"("completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Completion_personId_externalRef_key" ON "Completion"("personId", "externalRef");

-- AddForeignKey
ALTER TABLE "TrainingPlan" ADD CONSTRAINT "TrainingPlan_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TrainingPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_planId_fkey" FOREIGN KEY ("planId") REFERENCES "TrainingPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SnapshotRow" ADD CONSTRAINT "SnapshotRow_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SnapshotRow" ADD CONSTRAINT "SnapshotRow_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassOffering" ADD CONSTRAINT "ClassOffering_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassOffering" ADD CONSTRAINT "ClassOffering_organiserAgencyId_fkey" FOREIGN KEY ("organiserAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassSession" ADD CONSTRAINT "ClassSession_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "ClassOffering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferingInstructor" ADD CONSTRAINT "OfferingInstructor_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "ClassOffering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferingInstructor" ADD CONSTRAINT "OfferingInstructor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferingQuota" ADD CONSTRAINT "OfferingQuota_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "ClassOffering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferingQuota" ADD CONSTRAINT "OfferingQuota_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_offeringId_fkey" FOREIGN KEY ("offeringId") REFERENCES "ClassOffering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_completionId_fkey" FOREIGN KEY ("completionId") REFERENCES "Completion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
