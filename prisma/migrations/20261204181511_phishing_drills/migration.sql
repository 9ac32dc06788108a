-- CreateEnum
CREATE TYPE "PhishingCampaignStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'SCHEDULED', 'RUNNING', 'PAUSED', 'STOPPED', 'FINISHED');

-- CreateEnum
CREATE TYPE "PhishingLanding" AS ENUM ('FORM', 'TEACH');

-- CreateEnum
CREATE TYPE "SuspiciousReportStatus" AS ENUM ('NEW', 'DRILL', 'REVIEWED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'PHISHING_MANAGER';

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "fromAddress" TEXT,
ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "PhishingTemplate" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "currentVersionId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PhishingTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhishingTemplateVersion" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "senderAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "difficulty" INTEGER NOT NULL,
    "redFlags" JSONB NOT NULL,
    "lessonMarkdown" TEXT NOT NULL,
    "followUpCourseCode" TEXT,
    "emailHtml" TEXT NOT NULL,
    "emailText" TEXT NOT NULL,
    "landingHtml" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhishingTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhishingCampaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "includeSubagencies" BOOLEAN NOT NULL DEFAULT true,
    "staffCategories" "StaffCategory"[] DEFAULT ARRAY[]::"StaffCategory"[],
    "itRoles" "ItRole"[] DEFAULT ARRAY[]::"ItRole"[],
    "headOfUnitOnly" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "excludedPersonIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "templateVersionIds" UUID[],
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "landing" "PhishingLanding" NOT NULL DEFAULT 'FORM',
    "trackOpens" BOOLEAN NOT NULL DEFAULT false,
    "followUpCourseId" UUID,
    "followUpDueDays" INTEGER NOT NULL DEFAULT 14,
    "followUpAssignmentId" UUID,
    "maxPerMinute" INTEGER NOT NULL DEFAULT 60,
    "clickRateTarget" INTEGER,
    "reportRateTarget" INTEGER,
    "status" "PhishingCampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" UUID NOT NULL,
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "pausedAt" TIMESTAMPTZ(3),
    "stoppedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "linksExpireAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PhishingCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhishingRecipient" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "templateVersionId" UUID NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "queuedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3),
    "clickedAt" TIMESTAMPTZ(3),
    "submittedAt" TIMESTAMPTZ(3),
    "reportedAt" TIMESTAMPTZ(3),
    "followUpAt" TIMESTAMPTZ(3),
    "escalatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PhishingRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuspiciousReport" (
    "id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "reporterPersonId" UUID,
    "reporterEmail" TEXT NOT NULL,
    "agencyId" UUID,
    "recipientId" UUID,
    "status" "SuspiciousReportStatus" NOT NULL DEFAULT 'NEW',
    "subject" TEXT NOT NULL DEFAULT '',
    "fromHeader" TEXT NOT NULL DEFAULT '',
    "excerpt" TEXT NOT NULL DEFAULT '',
    "messageId" TEXT,
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuspiciousReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhishingSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "tokenKey" BYTEA NOT NULL,
    "killedAt" TIMESTAMPTZ(3),
    "killedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PhishingSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PhishingTemplate_code_key" ON "PhishingTemplate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PhishingTemplateVersion_templateId_version_key" ON "PhishingTemplateVersion"("templateId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PhishingTemplateVersion_templateId_contentHash_key" ON "PhishingTemplateVersion"("templateId", "contentHash");

-- CreateIndex
CREATE INDEX "PhishingCampaign_agencyId_idx" ON "PhishingCampaign"("agencyId");

-- CreateIndex
CREATE INDEX "PhishingCampaign_status_idx" ON "PhishingCampaign"("status");

-- CreateIndex
CREATE INDEX "PhishingRecipient_campaignId_agencyId_idx" ON "PhishingRecipient"("campaignId", "agencyId");

-- CreateIndex
CREATE INDEX "PhishingRecipient_scheduledAt_idx" ON "PhishingRecipient"("scheduledAt");

-- CreateIndex
CREATE INDEX "PhishingRecipient_personId_idx" ON "PhishingRecipient"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "PhishingRecipient_campaignId_personId_key" ON "PhishingRecipient"("campaignId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "SuspiciousReport_messageId_key" ON "SuspiciousReport"("messageId");

-- CreateIndex
CREATE INDEX "SuspiciousReport_agencyId_status_createdAt_idx" ON "SuspiciousReport"("agencyId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "PhishingTemplateVersion" ADD CONSTRAINT "PhishingTemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "PhishingTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhishingCampaign" ADD CONSTRAINT "PhishingCampaign_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhishingRecipient" ADD CONSTRAINT "PhishingRecipient_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "PhishingCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhishingRecipient" ADD CONSTRAINT "PhishingRecipient_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhishingRecipient" ADD CONSTRAINT "PhishingRecipient_templateVersionId_fkey" FOREIGN KEY ("templateVersionId") REFERENCES "PhishingTemplateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The one settings row: kill switch off, and a 256-bit token key from two v4 UUIDs (gen_random_uuid draws
-- from the server's cryptographic random source; 244 of the 256 bits are random).
INSERT INTO "PhishingSettings" ("id", "tokenKey", "updatedAt")
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), now());
